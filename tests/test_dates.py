from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kb.dates import DateSpec, PartialDate, add_days, is_last_of_month, most_specific, parse_bound, possible_days
from kb.errors import DateError


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2020", "year", "2020-01-01", "2020-12-31"),
        ("2020-02", "month", "2020-02-01", "2020-02-29"),
        ("2021-02", "month", "2021-02-01", "2021-02-28"),
        ("2020-01-31", "day", "2020-01-31", "2020-01-31"),
    ],
)
def test_partial_date_is_an_interval_at_its_precision(text: str, precision: str, first: str, last: str) -> None:
    d = PartialDate.parse(text)
    assert d.precision == precision
    assert d.iso() == text
    assert d.first_day().isoformat() == first
    assert d.last_day().isoformat() == last


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-13", "there is no month 13"),
        ("24-01-01", "is not a date"),
        ("2024/01/01", "is not a date"),
        ("", "is not a date"),
        ("0000", "year 0 does not exist"),
    ],
)
def test_impossible_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        PartialDate.parse(text)


def test_qualifiers_and_ranges_parse() -> None:
    assert DateSpec.parse("on or before 2024-11-19") == DateSpec(PartialDate(2024, 11, 19), None, "on_or_before")
    assert DateSpec.parse("about 2019").qualifier == "approximately"
    assert DateSpec.parse("On or after 2022").qualifier == "on_or_after"
    spec = DateSpec.parse("2022 to 2024-11-19")
    assert spec.interval() == (dt.date(2022, 1, 1), dt.date(2024, 11, 19))
    assert str(spec) == "2022 to 2024-11-19"
    with pytest.raises(DateError, match="ends before it starts"):
        DateSpec.parse("2024 to 2022")


def test_mixed_precisions_sort_coarse_first_then_by_day() -> None:
    texts = ["2020-02", "2020-01-31", "2020", "2019-12-31", "2020-01", "on or before 2020-01-31", "2020-01-01"]
    ordered = sorted(texts, key=lambda t: DateSpec.parse(t).sort_key())
    assert ordered == ["2019-12-31", "2020", "2020-01", "2020-01-01", "on or before 2020-01-31", "2020-01-31", "2020-02"]


def test_year_only_date_is_never_a_day() -> None:
    spec = DateSpec.parse("2022")
    assert spec.precision == "year"
    assert spec.start.iso() == "2022"
    assert spec.start.day is None and spec.start.month is None


def test_overlap_follows_precision_intervals() -> None:
    assert DateSpec.parse("2022").overlaps(DateSpec.parse("2022-06-21"))
    assert not DateSpec.parse("2022-06-21").overlaps(DateSpec.parse("2022-06-24"))
    assert DateSpec.parse("on or before 2024-11-19").overlaps(DateSpec.parse("on or before 2024-12-02"))
    assert not DateSpec.parse("on or after 2025").overlaps(DateSpec.parse("2024-11-19"))


def test_most_specific_takes_the_most_precise_agreeing_date() -> None:
    dates = [DateSpec.parse("2022"), DateSpec.parse("2022-06-21")]
    assert most_specific(dates) == DateSpec.parse("2022-06-21")
    # Of two upper bounds the tighter one says more.
    bounds = [DateSpec.parse("on or before 2024-12-02"), DateSpec.parse("on or before 2024-11-19")]
    assert most_specific(bounds) == DateSpec.parse("on or before 2024-11-19")
    # An exact day beats a bound it agrees with.
    assert most_specific([DateSpec.parse("on or before 2020-02-03"), DateSpec.parse("2020-01-31")]).qualifier is None
    # A bound on the day says more than a range that starts with a year, and the intersection keeps both.
    exception = [DateSpec.parse("on or before 2024-11-19"), DateSpec.parse("2024 to 2024-11-19")]
    assert most_specific(exception) == DateSpec.parse("on or before 2024-11-19")
    assert possible_days(exception, most_specific(exception)) == (dt.date(2024, 1, 1), dt.date(2024, 11, 19))
    assert possible_days([DateSpec.parse("2022-06-21"), DateSpec.parse("2022-06-24")], DateSpec.parse("2022-06-21")) == (
        dt.date(2022, 6, 21),
        dt.date(2022, 6, 21),
    )
    # A lone outlier does not win against two sources that agree.
    outlier = [DateSpec.parse("2020-01-31"), DateSpec.parse("2020"), DateSpec.parse("2019-05-01")]
    assert most_specific(outlier) == DateSpec.parse("2020-01-31")


def test_bounds_for_filters() -> None:
    assert parse_bound("2020", end=False) == dt.date(2020, 1, 1)
    assert parse_bound("2020", end=True) == dt.date(2020, 12, 31)
    assert parse_bound("2020-02", end=True) == dt.date(2020, 2, 29)


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from([4, 7, 10]))
def test_truncated_iso_roundtrips_and_contains_the_day(day: dt.date, length: int) -> None:
    text = day.isoformat()[:length]
    parsed = PartialDate.parse(text)
    assert parsed.iso() == text
    assert parsed.first_day() <= day <= parsed.last_day()
    assert len(parsed.iso()) == {"year": 4, "month": 7, "day": 10}[parsed.precision]


@given(st.lists(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)), min_size=2, max_size=6))
def test_sort_key_orders_days_like_dates(days: list[dt.date]) -> None:
    specs = [DateSpec(PartialDate.from_date(d)) for d in days]
    assert [s.start.first_day() for s in sorted(specs, key=DateSpec.sort_key)] == sorted(days)


# --- The ends of the calendar ---------------------------------------------------------------------

EVERY_DAY = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def test_day_arithmetic_holds_at_the_ends_of_the_calendar() -> None:
    assert add_days(dt.date(1, 1, 1), -366) == dt.date.min
    assert add_days(dt.date(9999, 12, 31), 1) == dt.date.max
    assert add_days(dt.date(2020, 2, 28), 1) == dt.date(2020, 2, 29)
    assert is_last_of_month(dt.date(9999, 12, 31)) and is_last_of_month(dt.date(2024, 2, 29))
    assert not is_last_of_month(dt.date(2023, 2, 27))


@given(EVERY_DAY, st.sampled_from([4, 7, 10]), st.sampled_from([None, "on_or_before", "on_or_after", "approximately"]))
@example(dt.date(1, 1, 1), 4, "on_or_before")
@example(dt.date(9999, 12, 31), 10, "on_or_after")
def test_every_date_from_0001_to_9999_works_as_a_bound_and_a_stated_date(day: dt.date, length: int, qualifier: str | None) -> None:
    text = day.isoformat()[:length]
    first, last = parse_bound(text, end=False), parse_bound(text, end=True)
    assert first <= day <= last
    spec = DateSpec(PartialDate.parse(text), None, qualifier)
    lo, hi = spec.bounds()
    assert lo <= first and last <= hi
    assert spec.overlaps(DateSpec.parse("9999-12-31")) in (True, False)
    spec.specificity(), spec.sort_key(), str(spec)
    assert possible_days([spec], spec) == (lo, hi)
    for shift in (-366, -1, 1, 366):
        assert dt.date.min <= add_days(day, shift) <= dt.date.max
    assert is_last_of_month(day) == (add_days(day, 1).month != day.month or day == dt.date.max)
