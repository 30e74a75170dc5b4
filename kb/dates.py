"""Dates that carry their precision: a year, a month or a day, ranges and qualifiers.

A year-only date is the interval of that year, never January 1st. Text forms are
truncated ISO strings whose length is the precision ("2020", "2020-01", "2020-01-31").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kb.errors import DateError

PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_QUALIFIER_WORDS = (
    ("on or before ", "on_or_before"),
    ("on or after ", "on_or_after"),
    ("about ", "approximately"),
    ("approximately ", "approximately"),
    ("circa ", "approximately"),
)
# Sorting on the same first day: "on or before" first, then exact/approximate, then "on or after".
_QUALIFIER_RANK = {"on_or_before": 0, None: 1, "approximately": 1, "on_or_after": 2}


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD", refusing impossible dates."""
        m = _ISO.match(text.strip())
        if not m:
            raise DateError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if year < 1:
            raise DateError(f"{text!r} is not a date: year 0 does not exist")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{text!r} is not a date: there is no month {month}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(
                    f"{text!r} is not a date: {calendar.month_name[month]} {year} has {last} days"
                )
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DateSpec:
    """A date as a source states it: a partial date, an optional end, an optional qualifier."""

    start: PartialDate
    end: PartialDate | None = None
    qualifier: str | None = None

    @classmethod
    def parse(cls, text: str) -> DateSpec:
        """Parse "2020", "on or before 2024-11-19", "about 2019", "2022 to 2024-11-19"."""
        raw = " ".join(str(text).split())
        lowered = raw.lower()
        qualifier = None
        for word, name in _QUALIFIER_WORDS:
            if lowered.startswith(word):
                qualifier = name
                raw = raw[len(word) :]
                break
        end = None
        if " to " in raw:
            if qualifier is not None:
                raise DateError(f"{text!r}: a range cannot also carry a qualifier")
            first, _, last = raw.partition(" to ")
            start, end = PartialDate.parse(first), PartialDate.parse(last)
            if end.last_day() < start.first_day():
                raise DateError(f"{text!r}: the range ends before it starts")
        else:
            start = PartialDate.parse(raw)
        return cls(start, end, qualifier)

    @property
    def precision(self) -> str:
        return self.start.precision

    def interval(self) -> tuple[dt.date, dt.date]:
        """The days the stated date covers, qualifiers aside."""
        return self.start.first_day(), (self.end or self.start).last_day()

    def bounds(self) -> tuple[dt.date, dt.date]:
        """The days the event can fall on, qualifiers included."""
        first, last = self.interval()
        if self.qualifier == "on_or_before":
            return dt.date.min, last
        if self.qualifier == "on_or_after":
            return first, dt.date.max
        return first, last

    def overlaps(self, other: DateSpec) -> bool:
        """True when the two dates can describe the same happening."""
        a0, a1 = self.bounds()
        b0, b1 = other.bounds()
        return a0 <= b1 and b0 <= a1

    def specificity(self) -> tuple[int, int, int]:
        """Lower is more specific: a plain date before a qualified date or a range, then the
        narrower stated interval, then the tighter bound."""
        first, last = self.interval()
        qualified = 0 if self.qualifier is None and self.end is None else 1
        if self.qualifier == "on_or_before":
            tightness = last.toordinal()
        elif self.qualifier == "on_or_after":
            tightness = -first.toordinal()
        else:
            tightness = 0
        return (qualified, (last - first).days, tightness)

    def sort_key(self) -> str:
        """A string that orders mixed precisions sensibly: by first day, then coarse before fine."""
        first, _ = self.interval()
        rank = _QUALIFIER_RANK[self.qualifier]
        return f"{first.isoformat()}|{rank}|{PRECISION_ORDER[self.precision]}"

    def __str__(self) -> str:
        return date_label(self.start.iso(), self.qualifier, self.end.iso() if self.end else None)


_QUALIFIER_LABELS = {"on_or_before": "on or before ", "on_or_after": "on or after ", "approximately": "about "}


def date_label(date: str, qualifier: str | None = None, end: str | None = None) -> str:
    """A stored date in words, at its precision: '2022', 'on or before 2024-11-19', '2022 to 2024-11-19'."""
    return _QUALIFIER_LABELS.get(qualifier or "", "") + date + (f" to {end}" if end else "")


def add_days(day: dt.date, days: int) -> dt.date:
    """day + days, held at the ends of the calendar (0001-01-01, 9999-12-31) instead of overflowing."""
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal()))


def is_last_of_month(day: dt.date) -> bool:
    """Whether day ends its month (without stepping past 9999-12-31 to find out)."""
    return day.day == calendar.monthrange(day.year, day.month)[1]


def parse_bound(text: str, *, end: bool) -> dt.date:
    """A --since/--until value at any precision: the first (or last) day it covers."""
    value = PartialDate.parse(text)
    return value.last_day() if end else value.first_day()


def possible_days(dates: list[DateSpec], chosen: DateSpec) -> tuple[dt.date, dt.date]:
    """The days an event can fall on, all its stated dates considered: their intersection,
    or the chosen date's own bounds when the sources disagree (see `kb conflicts`)."""
    earliest = max(d.bounds()[0] for d in dates)
    latest = min(d.bounds()[1] for d in dates)
    return (earliest, latest) if earliest <= latest else chosen.bounds()


def most_specific(dates: list[DateSpec]) -> DateSpec:
    """The most precise of the stated dates that agrees with the most others.

    Sources that disagree stay visible in their citations; the event takes one date.
    Ties go to the earliest in the list (the order sources were loaded in).
    """
    if not dates:
        raise DateError("an event needs at least one dated citation")

    def score(index: int) -> tuple[int, tuple[int, int, int], int]:
        spec = dates[index]
        agreeing = sum(1 for other in dates if spec.overlaps(other))
        return (-agreeing, spec.specificity(), index)

    return dates[min(range(len(dates)), key=score)]
