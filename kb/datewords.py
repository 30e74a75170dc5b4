"""Dates as texts state them: every date expression of a sentence, at the precision it states,
resolved against the publication date; the event's date is the one attached to its verb.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from kb.dates import DateSpec, PartialDate
from kb.errors import DateError

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = r"(\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|" + "|".join(_UNITS[1:]) + ")"
# Words that make a sentence about the future: its dates may follow publication.
FUTURE = re.compile(r"(?i)\b(?:will|shall|plans? to|intends? to|is to|are to|going to|next (?:week|month|year)|upcoming)\b")


def number(word: str) -> int | None:
    """An integer written in digits or words ("Sixteen", "twenty-five", "a" as in "a year ago")."""
    w = word.lower().replace("-", " ").split()
    if not w:
        return None
    if w[0] in ("a", "an"):
        return 1
    if w[0].isdigit():
        return int(w[0])
    if w[0] in _UNITS:
        return _UNITS.index(w[0])
    if w[0] in _TENS:
        return _TENS[w[0]] + (_UNITS.index(w[1]) if len(w) > 1 and w[1] in _UNITS else 0)
    return None


@dataclass(frozen=True)
class StatedDate:
    spec: DateSpec
    basis: str  # explicit | relative | context
    beyond_publication: str | None = None


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    date: StatedDate
    rule: str
    span: bool = False  # the start or end of a span ("since 1993", "until 2010"), not an event's date
    by: bool = False  # after "by": a past deadline, what was done happened on or before it
    name: bool = False  # part of an instrument's name ("Order 14001 of January 5, 2021", "the 2019 rule"): not the verb's date
    attributive: bool = False  # a year modifying a noun ("the 1992 treaty"): when the thing was, not when the verb happened


_FORMS: tuple[tuple[str, str], ...] = (
    # (rule, pattern) — matched case-insensitively, longest forms first; a match hides shorter ones inside it
    ("until month", rf"\bbetween now and (?:mid-|early |late |the end of )?{MONTH}"),
    # Spans of days or months in one year: "March 5-6, 2021", "5 to 7 March 2021", "from March to May 2021".
    ("month days year", rf"\b{MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-\u2013]|to|through|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"),
    ("days month year", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-\u2013]|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {MONTH},? (\d{{4}})\b"),
    ("months year", rf"\b(?:(?:from|between) )?{MONTH}\s*(?:[-\u2013]|to|through|until|and)\s*{MONTH},? (\d{{4}})\b"),
    ("month day year", rf"\b{MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"),
    # Numeric dates: ISO "2024-03-12"; "03/12/2024" only where the order is plain (a part above 12).
    ("iso date", r"(?<![\w/.-])((?:1[89]|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w-])"),
    ("numeric date", r"(?<![\w/.-])(\d{1,2})/(\d{1,2})/((?:1[89]|20)\d{2})(?![\w/])"),
    # "3 May 2020", "the 28th day of February, 2025" (a proclamation's signature), "1st of June 2021"
    ("day month year", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: day)?(?: of)? {MONTH},? (?:in the year of our Lord )?(\d{{4}})\b"),
    ("month year", rf"\b{MONTH},? (\d{{4}})\b"),
    ("month day", rf"\b{MONTH} (\d{{1,2}})(?:st|nd|rd|th)?(?!\d|(?:st|nd|rd|th)?,? \d{{4}})\b"),
    ("day month", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {MONTH}(?![\w.]|,? \d)"),
    # A decade ("the 1990s", "the early 2000s"), a quarter or a half of a year.
    ("decade", r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s])?((?:1[89]|20)\d0)['\u2019]?s\b"),
    ("part of year", r"\b(?:the\s+)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th) (quarter|half) of ((?:1[89]|20)\d{2})\b|\b([QH])([1-4]) ((?:1[89]|20)\d{2})\b"),
    ("months of year", rf"\b(?:the\s+)?(first|last) ({_NUMBER}) months of (this year|last year|((?:1[89]|20)\d{{2}}))\b"),
    ("years ago", rf"\b(?:(nearly|almost|about|some|more than|over) )?(an?|{_NUMBER}) years? ago\b"),
    ("decades ago", rf"\b(?:(nearly|almost|about|some|more than|over) )?(an?|{_NUMBER}) decades? ago\b"),
    ("units ago", rf"\b(?:(nearly|almost|about|some|more than|over|just over|just under) )?(an?|{_NUMBER}) (?P<unit>days?|weeks?|months?) ago\b"),
    ("next", r"(?<!\bthe )\bnext (year|month)\b"),  # "the next month" is told from another date
    ("this or last week", r"\b(?:earlier |later )?(this|last|past) week\b"),
    ("this or last month", r"\b(?:earlier |later |early |late )?(this|last) month\b"),
    ("today", r"\b(?:earlier |later )?(?:today|yesterday|tonight|last night|this morning|this afternoon|this evening)\b"),
    ("weekday", r"\b(?:on |last |this )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("last year", r"\blast year\b"),
    ("this year", r"\b(?:earlier |later )?this year\b"),
    ("recent", r"\bin recent (?:weeks|months|days)\b"),
    ("years between", r"\b(?:between|from) ((?:1[89]|20)\d{2}) (?:and|to|until|through) ((?:1[89]|20)\d{2})\b"),
    ("year range", r"(?<![\w/.-])((?:1[89]|20)\d{2})\s*[-\u2013]\s*((?:1[89]|20)\d{2}|\d{2})(?![\w%$/-])"),
    ("span year", r"\b(since|until|through|till) ((?:1[89]|20)\d{2})\b"),
    ("year", r"\b(?:in|as of|by|of|from|during|early|late|mid-?)\s*((?:1[89]|20)\d{2})\b"),
    # not a number's part: "Regulation (EU) 2017/852", "Directive 2013/32/EU"
    ("bare year", r"(?<![\w$.,/-])((?:1[89]|20)\d{2})(?![\w%$-]|/\d)"),
    ("month", rf"\b(?:in|of|since|by|a|an|the|last|this|early|late|mid-)\s+{MONTH}(?!\s+\d)"),
)
_MONTH_FIRST = {"month day year", "month year", "month day", "until month", "month", "month days year", "months year"}
_MONTH_NAMED = _MONTH_FIRST | {"day month year", "day month", "days month year"}


class _NoDate(Exception):
    """A form matched words that state no date."""


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _past_month(month: int, pub: dt.date, future: bool) -> PartialDate:
    """A month without a year: this year's, or last year's when this year's is still to come."""
    year = pub.year if month <= pub.month or future else pub.year - 1
    return PartialDate(year, month)


def _add_months(year: int, month: int, n: int) -> PartialDate:
    """The month `n` months after (before, when negative) a month."""
    total = year * 12 + month - 1 + n
    return PartialDate(total // 12, total % 12 + 1)


def _month_day(month: int, day: int, m: re.Match[str], pub: dt.date, future: bool) -> StatedDate:
    """A day of a month without a year ("March 12", "12 March"): the nearest such day."""
    year = pub.year
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _NoDate
    # A day more than a month after publication is last year's (an update reaches a few days past it);
    # a deadline ("by January 15", "no later than March 1") is the next such day.
    deadline = bool(_DEADLINE.search(m.string, 0, m.start()))
    if (dt.date(year, month, day) - pub).days > 31 and not future and not deadline and calendar.monthrange(year - 1, month)[1] >= day:
        year -= 1
    elif dt.date(year, month, day) < pub and deadline and calendar.monthrange(year + 1, month)[1] >= day:
        year += 1
    return _stated(DateSpec(PartialDate(year, month, day)), "explicit", pub)


def _resolve(rule: str, m: re.Match[str], pub: dt.date, future: bool) -> StatedDate:
    if rule == "until month":
        month = _month(m.group(1))
        spec = DateSpec(PartialDate.from_date(pub), PartialDate(pub.year + (month < pub.month), month))
        return StatedDate(spec, "relative", "planned")
    if rule in ("month day year", "day month year"):
        month, day, year = (m.group(1), m.group(2), m.group(3)) if rule == "month day year" else (m.group(2), m.group(1), m.group(3))
        try:
            return _stated(DateSpec(PartialDate.parse(f"{int(year):04d}-{_month(month):02d}-{int(day):02d}")), "explicit", pub)
        except DateError:
            raise _NoDate from None
    if rule in ("month days year", "days month year"):
        month, first, last, year = (m.group(1), m.group(2), m.group(3), m.group(4)) if rule == "month days year" else (m.group(3), m.group(1), m.group(2), m.group(4))
        if int(last) <= int(first):
            raise _NoDate
        try:
            start, end = (PartialDate.parse(f"{int(year):04d}-{_month(month):02d}-{int(d):02d}") for d in (first, last))
        except DateError:
            raise _NoDate from None
        return _stated(DateSpec(start, end), "explicit", pub)
    if rule == "months year":
        first, last, year = _month(m.group(1)), _month(m.group(2)), int(m.group(3))
        if last <= first:
            raise _NoDate
        return _stated(DateSpec(PartialDate(year, first), PartialDate(year, last)), "explicit", pub)
    if rule == "iso date":
        return _stated(DateSpec(PartialDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))), "explicit", pub)
    if rule == "numeric date":
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 and b > 12:
            raise _NoDate
        if a <= 12 and b <= 12 and a != b:
            return _stated(DateSpec(PartialDate(year)), "explicit", pub)  # "03/04/2024" reads either way: only the year is certain
        month, day = (b, a) if a > 12 else (a, b)  # day/month when the first part cannot be a month
        return _stated(DateSpec(PartialDate(year, month, day)), "explicit", pub)
    if rule == "decade":
        first = int(m.group(1))
        return _stated(DateSpec(PartialDate(first), PartialDate(first + 9)), "explicit", pub)
    if rule == "part of year":
        if m.group(2):
            part, unit, year = m.group(1).lower(), m.group(2).lower(), int(m.group(3))
            n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(part, 4 if unit == "quarter" else 2)
        else:
            unit, n, year = ("quarter" if m.group(4).upper() == "Q" else "half"), int(m.group(5)), int(m.group(6))
        months = 3 if unit == "quarter" else 6
        if n * months > 12:
            raise _NoDate
        return _stated(DateSpec(PartialDate(year, (n - 1) * months + 1), PartialDate(year, n * months)), "explicit", pub)
    if rule == "months of year":
        n = number(m.group(2))
        if not n or n > 12:
            raise _NoDate
        which = m.group(4).lower()
        year = pub.year - (which == "last year") if which in ("this year", "last year") else int(which)
        first, last = (1, n) if m.group(1).lower() == "first" else (13 - n, 12)
        basis = "relative" if which in ("this year", "last year") else "explicit"
        return _stated(DateSpec(PartialDate(year, first), PartialDate(year, last) if last != first else None), basis, pub)
    if rule == "units ago":
        n = number(m.group(2))
        if not n:
            raise _NoDate
        unit = m.group("unit").lower().rstrip("s")
        about = "approximately" if m.group(1) else None
        if unit == "day":
            return _stated(DateSpec(PartialDate.from_date(pub - dt.timedelta(days=n)), None, about), "relative", pub)
        if unit == "week":
            # The calendar week (Monday to Sunday) that many weeks back.
            monday = pub - dt.timedelta(days=pub.weekday() + 7 * n)
            return _stated(DateSpec(PartialDate.from_date(monday), PartialDate.from_date(monday + dt.timedelta(days=6))), "relative", pub)
        return _stated(DateSpec(_add_months(pub.year, pub.month, -n), None, about), "relative", pub)
    if rule == "this or last week":
        monday = pub - dt.timedelta(days=pub.weekday())
        if m.group(1).lower() == "past":
            return _stated(DateSpec(PartialDate.from_date(pub - dt.timedelta(days=7)), PartialDate.from_date(pub)), "relative", pub)
        if m.group(1).lower() == "this":
            # From the week's Monday to the day written (a later day only in a sentence about the future).
            return _stated(DateSpec(PartialDate.from_date(monday), PartialDate.from_date(pub) if pub > monday else None), "relative", pub)
        monday -= dt.timedelta(days=7)
        return _stated(DateSpec(PartialDate.from_date(monday), PartialDate.from_date(monday + dt.timedelta(days=6))), "relative", pub)
    if rule == "this or last month":
        return _stated(DateSpec(_add_months(pub.year, pub.month, -(m.group(1).lower() == "last"))), "relative", pub)
    if rule == "month year":
        return _stated(DateSpec(PartialDate(int(m.group(2)), _month(m.group(1)))), "explicit", pub)
    if rule in ("month day", "day month"):
        month, day = (m.group(1), m.group(2)) if rule == "month day" else (m.group(2), m.group(1))
        return _month_day(_month(month), int(day), m, pub, future)
    if rule == "month":
        if m.group(1) == "May" and not re.match(r"(?i)in|of|since|by|last|this|early|late|mid", m.group(0)):
            raise _NoDate  # "a May …" is rare; "may" is a verb
        month = _month(m.group(1))
        if m.group(0).lower().startswith("last") and month >= pub.month:
            return _stated(DateSpec(PartialDate(pub.year - 1, month)), "relative", pub)  # "last March" in March: a year ago
        return _stated(DateSpec(_past_month(month, pub, future)), "relative", pub)
    if rule == "today":
        day = pub - dt.timedelta(days=1) if re.search(r"(?i)yesterday|last night", m.group(0)) else pub
        return _stated(DateSpec(PartialDate.from_date(day)), "relative", pub)
    if rule == "weekday":
        # The nearest such day on or before publication; after it only in a sentence about the future.
        back = (pub.weekday() - _WEEKDAYS[m.group(1).lower()]) % 7
        if back == 0 and m.group(0).lower().startswith("last"):
            back = 7  # "last Friday" written on a Friday: a week before
        shift = (7 - back) % 7 if future and back else -back
        return _stated(DateSpec(PartialDate.from_date(pub + dt.timedelta(days=shift))), "relative", pub)
    if rule == "last year":
        return _stated(DateSpec(PartialDate(pub.year - 1)), "relative", pub)
    if rule in ("this year", "recent"):
        return _stated(DateSpec(PartialDate(pub.year)), "relative", pub)
    if rule == "years ago":
        n = number(m.group(2))
        if not n:
            raise _NoDate
        if m.group(1) and m.group(1).lower() in ("more than", "over"):
            return _stated(DateSpec(PartialDate(pub.year - n), None, "on_or_before"), "relative", pub)
        if m.group(1):
            # "nearly three years ago" is a little less than three years: half a year later.
            months = n * 12 - (6 if m.group(1).lower() in ("nearly", "almost") else 0)
            year = pub.year + (pub.month - 1 - months) // 12
            return _stated(DateSpec(PartialDate(year), None, "approximately"), "relative", pub)
        return _stated(DateSpec(PartialDate(pub.year - n)), "relative", pub)
    if rule == "decades ago":
        n = number(m.group(2))
        if not n:
            raise _NoDate
        if m.group(1) and m.group(1).lower() in ("more than", "over"):
            return _stated(DateSpec(PartialDate(pub.year - 10 * n), None, "on_or_before"), "relative", pub)
        # "two decades ago" rounds: about that many years, never a year stated exactly.
        return _stated(DateSpec(PartialDate(pub.year - 10 * n), None, "approximately"), "relative", pub)
    if rule == "next":
        if m.group(1).lower() == "year":
            return StatedDate(DateSpec(PartialDate(pub.year + 1)), "relative", "planned")
        return StatedDate(DateSpec(_add_months(pub.year, pub.month, 1)), "relative", "planned")
    if rule == "years between":
        first, last = int(m.group(1)), int(m.group(2))
        if last <= first:
            raise _NoDate
        return _stated(DateSpec(PartialDate(first), PartialDate(last)), "explicit", pub)
    if rule == "year range":
        first, last = int(m.group(1)), int(m.group(2))
        if last < 100:
            last += first // 100 * 100
        if last <= first:
            raise _NoDate
        return _stated(DateSpec(PartialDate(first), PartialDate(last)), "explicit", pub)
    if rule == "span year":
        return _stated(DateSpec(PartialDate(int(m.group(2)))), "explicit", pub)
    if rule in ("year", "bare year"):
        return _stated(DateSpec(PartialDate(int(m.group(1)))), "explicit", pub)
    raise _NoDate


def _stated(spec: DateSpec, basis: str, pub: dt.date) -> StatedDate:
    return StatedDate(spec, basis, "updated" if spec.interval()[0] > pub else None)


def publication_day(published: PartialDate) -> dt.date:
    """The day relative dates are resolved against: the day published, else the last day it covers."""
    return published.first_day() if published.day is not None else published.last_day()


# A date told from another one ("the next day", "the following month", "two years later", "that
# same year"): resolved against the date before it in the sentence, else the paragraph's last one.
_ANAPHORA = re.compile(rf"(?i)\b(?:the (?P<rel>next|following|same) (?P<unit1>day|week|month|year)|(?:later|earlier) that (?P<unit2>day|week|month|year)"
                       rf"|that same (?P<unit3>day|week|month|year)|(?P<n>an?|{_NUMBER}) (?P<unit4>days?|weeks?|months?|years?) later)\b")


def _shift(ref: DateSpec, unit: str, n: int) -> DateSpec | None:
    """`ref` moved `n` units on, at the precision both allow (a day needs a day, a month a month)."""
    start = ref.start
    if unit == "year":
        if start.day is not None:
            return DateSpec(PartialDate.from_date(_add_years(start.first_day(), n)))
        return DateSpec(PartialDate(start.year + n, start.month))
    if unit == "month":
        if start.month is None:
            return None
        return DateSpec(_add_months(start.year, start.month, n))
    if start.day is None:
        return None
    days = n * (7 if unit == "week" else 1)
    return DateSpec(PartialDate.from_date(start.first_day() + dt.timedelta(days=days)))


def _add_years(day: dt.date, n: int) -> dt.date:
    try:
        return day.replace(year=day.year + n)
    except ValueError:  # 29 February
        return day.replace(year=day.year + n, day=28)


def _told(m: re.Match[str], reference: StatedDate) -> StatedDate | None:
    """The date a match of _ANAPHORA tells, resolved against `reference`, or None."""
    unit = next(m.group(g) for g in ("unit1", "unit2", "unit3", "unit4") if m.group(g)).lower().rstrip("s")
    if m.group("unit4"):
        n = number(m.group("n"))
    else:
        n = 1 if (m.group("rel") or "").lower() in ("next", "following") else 0
    if n is None:
        return None
    if not m.group("unit4") and unit == "week" and reference.spec.start.day is not None:
        # "the following week", "that same week": the calendar week (Monday to Sunday), not a day in it
        monday = reference.spec.start.first_day() + dt.timedelta(days=7 * n - reference.spec.start.first_day().weekday())
        return StatedDate(DateSpec(PartialDate.from_date(monday), PartialDate.from_date(monday + dt.timedelta(days=6))), "relative")
    if not m.group("unit4") and unit == "year":
        return StatedDate(DateSpec(PartialDate(reference.spec.start.year + n)), "relative")  # "the following year": a year
    spec = _shift(reference.spec, unit, n) if n else DateSpec(_truncate(reference.spec.start, unit))
    return StatedDate(spec, "relative") if spec is not None else None


def anaphora(sentence: str, reference: StatedDate, rule: str) -> list[Found]:
    """Each date the sentence tells from another one, resolved against `reference` (a date of an
    earlier sentence): "The ministry said the same day that …"."""
    return [Found(m.start(), m.end(), told, rule) for m in _ANAPHORA.finditer(sentence) if (told := _told(m, reference)) is not None]


def _truncate(day: PartialDate, unit: str) -> PartialDate:
    """The day, month or year a date falls in ("that same year" of 2019-03-04 is 2019)."""
    if unit == "year":
        return PartialDate(day.year)
    if unit == "month" and day.month is not None:
        return PartialDate(day.year, day.month)
    return day


def find_all(sentence: str, published: PartialDate) -> list[Found]:
    """Every date expression of a sentence, in order; shorter forms inside longer ones dropped."""
    pub = publication_day(published)
    future = bool(FUTURE.search(sentence))
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for rule, pattern in _FORMS:
        flags = 0 if rule in ("bare year",) else re.IGNORECASE
        for m in re.finditer(pattern, sentence, flags):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if rule in _MONTH_NAMED and not _capitalised_month(m):
                continue
            # A past verb governing the date keeps it in the past, whatever the rest of the sentence
            # plans ("completed its review in December and will publish it next month").
            window = sentence[max(0, m.start() - 50) : m.start()]
            ahead = FUTURE.search(window) or _WOULD.search(window)
            here = (future or bool(ahead)) and not (_PAST_VERB.search(window) and not ahead)
            try:
                stated = _resolve(rule, m, pub, here)
                stated.spec.interval()  # every day of it must be a date
            except (_NoDate, ValueError, OverflowError, DateError):
                continue  # a date outside years 1-9999 ("3000 years ago", "March 0000"): not proposed
            taken.append((m.start(), m.end()))
            # A possessive date names a thing ("last week's decision", "Monday's vote"), not when the verb happened.
            # So does a date that is the object of a verb, made something ("designated May 3 as the day of …").
            # A baseline year ("below 2005 levels", "on 1990 levels") is a yardstick, not a date of anything.
            named = bool(re.match(r"['\u2019]s\b|\s+levels?\b", sentence[m.end():]) or _AS_NAMED.match(sentence, m.end()) and not _PREPOSITION.search(sentence[: m.start()]) or _NAMED_BY.search(sentence[: m.start()]) or _CITATION_BEFORE.search(sentence[: m.start()]) or _INSTRUMENT_OF.match(m.group(0)) and _INSTRUMENT_BEFORE.search(sentence[: m.start()]) or rule == "bare year" and _NAMES_NOUN.match(sentence, m.end())
                         and _DETERMINER.search(sentence[: m.start()]) or rule == "bare year" and _TITLE_BEFORE.search(sentence[: m.start()]))  # fmt: skip
            attributive = rule == "bare year" and not named and bool(_ATTRIBUTIVE.match(sentence, m.end()) and _ATTRIBUTED.search(sentence[: m.start()])
                                                                     and not _WHEN_BEFORE.search(sentence[: m.start()]))  # fmt: skip
            # A target after publication ("by 2035", "a 2030 goal") names a goal, not when anything happened.
            # So is a later year a change moves a deadline from or to ("pushed back from 2030 to 2035",
            # "brought forward to 2030", "sold after 2035").
            target = stated.spec.interval()[0] > pub and (bool(_BY_BEFORE.search(sentence[: m.start()])) or rule in ("year", "bare year", "month year") and bool(
                re.match(r"(?i)by\b", m.group(0)) or _DEADLINE.search(sentence[: m.start()]) or re.match(r"\s+[a-z]", sentence[m.end():]))
                or rule in ("year", "bare year", "years between", "year range") and bool(
                re.match(r"(?i)(?:from|between)\b", m.group(0)) or _MOVED_TO.search(sentence[: m.start()])))
            # "by July 2021", "by the end of 2021", "by the Feb. 5, 2018 deadline": a past deadline dates
            # what was done on or before it; "the August 31st deadline" names a deadline, not a happening.
            deadline, by = bool(_DEADLINE_AFTER.match(sentence, m.end())), False
            if not target and (_BY_BEFORE.search(sentence[: m.start()]) or re.match(r"(?i)by\s", m.group(0))) and stated.spec.end is None \
                    and stated.spec.qualifier is None and stated.spec.interval()[1] <= pub:  # fmt: skip
                stated = StatedDate(DateSpec(stated.spec.start, None, "on_or_before"), stated.basis, stated.beyond_publication)
                by = True
            elif deadline and not named:
                named = True
            # "gives them until February 13 to …", "running until the end of 2022": the end of a span, not a happening
            until = bool(_UNTIL_BEFORE.search(sentence[: m.start()]) or re.match(r"(?i)(?:until|till)\s", m.group(0)))
            out.append(Found(m.start(), m.end(), stated, rule, span=rule == "span year" or until, name=named or target, by=by, attributive=attributive))
    out = _ranges(sentence, sorted(out, key=lambda f: f.start), pub)
    out = [_year_from_sentence(f, out, pub) for f in out]
    out = [f for f in out if not _told_exactly(f, out)]
    out = [_month_of_that_year(f, out, sentence, pub) for f in out]
    out = [g for g in out if not any(f is not g and f.start <= g.start and g.end <= f.end for f in out)]  # "last year" inside "in May of last year"
    # A date told from an earlier one of the same sentence ("On January 22, 2018, …, and the court
    # lifted its stay the following month").
    for m in _ANAPHORA.finditer(sentence):
        earlier = [f for f in out if f.end <= m.start() and not f.span and not f.name and f.rule != "anaphoric"]
        told = _told(m, earlier[-1].date) if earlier else None
        if told is not None and not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Found(m.start(), m.end(), told, "anaphoric"))
    return sorted(out, key=lambda f: f.start)


_UNTIL_BEFORE = re.compile(r"(?i)\b(?:until|till|up to)\s+(?:the\s+)?(?:end\s+(?:of\s+)?)?$")
_BY_BEFORE = re.compile(r"(?i)\b(?:by|before)\s+(?:the\s+)?(?:end\s+(?:of\s+)?)?$")
_DEADLINE_AFTER = re.compile(r"(?i)\s+(?:deadline|cut-?off|target date)\b")
_FULL_DATE_RULES = ("month day year", "day month year", "iso date")
_THAT_YEAR = re.compile(r"(?i)\s+(?:of\s+)?(that|the same|the following|the next|the previous|the prior|last|this|next) year\b")


def _month_of_that_year(f: Found, found: list[Found], sentence: str, pub: dt.date) -> Found:
    """A month told in the year of an earlier date of the sentence ("announced in May 2020 … and
    notified the U.N. in July of that year", "in March of the following year")."""
    m = _THAT_YEAR.match(sentence, f.end) if f.rule == "month" else None
    if m is None:
        return f
    word, month = m.group(1).lower(), f.date.spec.start.month
    if word in ("last", "this", "next"):  # "in February of last year": told from the day of publication
        year = pub.year + {"last": -1, "this": 0, "next": 1}[word]
        return replace(f, end=m.end(), rule="month of last year", date=_stated(DateSpec(PartialDate(year, month)), "relative", pub))
    ref = next((g for g in reversed(found) if g.end <= f.start and not g.name and not g.span), None)
    if ref is None or ref.date.spec.start.month is None and ref.rule not in ("year", "bare year"):
        return f
    shift = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1}.get(word, 0)
    return replace(f, end=m.end(), rule="month of that year", date=_stated(DateSpec(PartialDate(ref.date.spec.start.year + shift, month)), "explicit" if ref.date.basis == "explicit" else ref.date.basis, pub))


def _told_exactly(f: Found, found: list[Found]) -> bool:
    """Whether a count back ("two decades ago", "more than four decades ago") is told exactly by a
    year the same sentence writes ("…, in 2003", "… under Mitterrand in 1982"): that year dates it."""
    if f.rule not in ("years ago", "decades ago"):
        return False
    low, high = f.date.spec.interval()
    slack = 5 if f.rule == "decades ago" else 1
    if f.date.spec.qualifier == "on_or_before":
        low = dt.date(1, 1, 1)
    elif f.date.spec.qualifier == "approximately":
        low, high = dt.date(low.year - slack, 1, 1), dt.date(high.year + slack, 12, 31)
    return any(g is not f and g.date.basis == "explicit" and not g.name and not g.span
               and low <= g.date.spec.interval()[0] and g.date.spec.interval()[1] <= high for g in found)  # fmt: skip


def _year_from_sentence(f: Found, found: list[Found], pub: dt.date) -> Found:
    """A day written without a year after a full date of the same sentence ("January 29, 2024 – … gives
    them until February 13 to …") is in that date's year, or the next when it falls early in it."""
    if f.rule not in ("month day", "day month"):
        return f
    ref = next((g for g in reversed(found) if g.end <= f.start and g.rule in _FULL_DATE_RULES and not g.name), None)
    if ref is None:
        return f
    day, anchor = f.date.spec.start, ref.date.spec.start.first_day()
    for year in (anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, day.month or 1, day.day or 1)
        except ValueError:
            continue
        if -31 <= (candidate - anchor).days <= 335:
            return replace(f, date=_stated(DateSpec(PartialDate.from_date(candidate)), f.date.basis, pub))
    return f


# "August 5, 2025, through December 31, 2025", "from 1 March to 31 May 2024", "between January 1 and
# March 31": two dates joined into the one span they state.
_RANGE_JOIN = re.compile(r"(?i),?\s*(?:through|to|until|till|thru|[-\u2013\u2014]|(?P<and>and))\s*$")
_RANGE_OPEN = re.compile(r"(?i)\bbetween\s+$")
_JOINABLE = {"month day year", "day month year", "month day", "day month", "iso date", "month year"}


def _ranges(sentence: str, found: list[Found], pub: dt.date) -> list[Found]:
    out: list[Found] = []
    for f in found:
        last = out[-1] if out else None
        join = _RANGE_JOIN.match(sentence, last.end, f.start) if last is not None else None
        if last is None or join is None or join.end() != f.start or last.rule not in _JOINABLE or f.rule not in _JOINABLE or last.name or f.name:
            out.append(f)
            continue
        first, end = last.date.spec.start, f.date.spec.start
        yearless = ("month day", "day month")
        if last.rule in yearless and f.rule not in yearless:
            # The year written once, after the second date, is the first's too (the year before when it is later).
            year = end.year - ((first.month or 0, first.day or 0) > (end.month or 0, end.day or 0))
            first = PartialDate(year, first.month, first.day) if first.day is not None else first
        if join.group("and") and not _RANGE_OPEN.search(sentence, 0, last.start):
            # Two dates, not a span ("on March 3 and March 5, 2024"): the first takes the year written once.
            out[-1] = replace(last, date=_stated(DateSpec(first), last.date.basis, pub)) if first != last.date.spec.start else last
            out.append(f)
            continue
        if f.rule in yearless and last.rule not in yearless:
            out.append(f)  # "May 3, 2024 – June 4 …": no year for the second; not read as a span
            continue
        if (first.month is None) != (end.month is None) or (first.day is None) != (end.day is None) or first.first_day() >= end.first_day():
            out.append(f)
            continue
        basis = "explicit" if "explicit" in (last.date.basis, f.date.basis) else last.date.basis
        out[-1] = Found(last.start, f.end, _stated(DateSpec(first, end), basis, pub), "date range")
    return out


_MOVED_TO = re.compile(r"(?i)\b(?:from|to|after|beyond|past|between)\s+$")
_DEADLINE = re.compile(r"(?i)\b(?:by|before|until|no later than|ahead of)\s+(?:the\s+end\s+of\s+)?$")
# "said the reform would enter into force on September 1": a future told in the past, ahead of its telling.
_WOULD = re.compile(r"(?i)\bwould\s+(?!have\b)(?:\w+\s+){0,6}")
_PAST_VERB = re.compile(r"(?i)(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:[a-z]{3,}ed|sent|said|told|made|gave|took|met|wrote|spoke|held|began|went|came|led|left|brought|sold|won|lost|saw|found|chose|struck|set|put|paid|sought|taught|fought|drew|flew|froze|rose|fell|broke|bore|swore|withdrew|undertook|overtook)\b(?:\s+[\w'\u2019-]+){0,4}\s+$")
# A date that names an instrument rather than dating a verb: "Executive Order 14001 of January 5,
# 2021", "Decree No. 12/2020 of 3 May 2020", and a year modifying an instrument ("the 2019 rule").
_INSTRUMENTS = r"(?:order|proclamation|memorandum|directive|act|decree|resolution|rule|law|notice|decision|regulation|determination)"
_NAMED_BY = re.compile(rf"(?i)\b{_INSTRUMENTS}\s+(?:no\.\s*)?[\w/.-]*\d[\w/.-]*\s+(?:of|dated)\s+$")
# A citation's date in its parenthesis ("67 FR 18848 (April 17, 2002)", "134 Stat. 1182 (2020)"): when the
# cited text was printed, not when what the sentence tells happened.
_CITATION_BEFORE = re.compile(r"\b\d+\s+(?:FR|Fed\.\s?Reg\.|U\.S\.|F\.\s?(?:2d|3d|4th)|F\.\s?Supp\.(?:\s?[23]d)?|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|Stat\.|FCC\s+Rcd|CFR|C\.F\.R\.|O\.J\.|OJ\s+L)\s+\d+[\w-]*\s*\(\s*$")
_NAMES_NOUN = re.compile(rf"(?i)\s+(?:[\w-]+\s+){{0,2}}(?:{_INSTRUMENTS[3:-1]}|policy|guidance|ban|agreement|strategy|program|programme|regulations)\b")
# "the Grants Memorandum of 2019": the year form's own "of" follows the instrument's word.
_INSTRUMENT_OF = re.compile(r"(?i)(?:of|dated)\b")
_INSTRUMENT_BEFORE = re.compile(rf"(?i)\b{_INSTRUMENTS}s?\s+$")
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:the\s+(?:end|start|beginning|middle)\s+(?:of\s+)?|early\s+|late\s+|mid-?\s*)?$")
_AS_NAMED = re.compile(r"\s+as\s+(?:the|a|an|its|their)\b")
_PREPOSITION = re.compile(r"(?i)\b(?:on|in|by|since|until|from|of|before|after|during|at|between|through|to)\s+$")
_DETERMINERS = r"(?:the|its|their|our|his|her|this|that)"
_DETERMINER = re.compile(rf"(?i)\b{_DETERMINERS}\s+$")
# A year modifying a noun after a determiner ("the 1992 treaty that underpins …", "his 2022 re-election
# campaign", "a 1948 joint resolution"): it dates the thing it names (a happening of its own), not the
# sentence's verb.
_ATTRIBUTED = re.compile(rf"(?i)\b(?:{_DETERMINERS}|a|an)\s+$")
_ATTRIBUTIVE = re.compile(r"\s+(?!(?:and|or|to|through|till|until|levels?|onwards?)\b)(?-i:[a-z])[\w-]*[a-z]\b(?!['\u2019]s\b)")
# … unless a preposition of time makes the thing the sentence's time ("during the 2019 federal election, …").
_WHEN_BEFORE = re.compile(rf"(?i)\b(?:in|during|at|since|after|before|following|ahead of|until|by|throughout|amid|over|from|through)\s+(?:{_DETERMINERS}|a|an)\s+$")
# A year that ends a statute's or instrument's title ("the … Measures) Act 2022 passed the Parliament",
# "the Firearms Regulations 2020"): part of its name.
_TITLE_BEFORE = re.compile(r"\b(?-i:Act|Acts|Regulations|Rules|Order|Bill|Code|Ordinance|Measure)\s+$")


def _capitalised_month(m: re.Match[str]) -> bool:
    """A month name as a date writes it: "June" or "JUNE", not the verb "march" or the modal "may"."""
    word = next(g for g in m.groups() if g and g.rstrip(".").lower() in _MONTHS)
    return word[0].isupper()


# Clause boundaries a date does not reach across to attach to a verb.
_CLAUSE = re.compile(r";|\s[\u2014\u2013-]{1,2}\s|,\s(?:and|but|while|whereas|although|after|before|which|who)\b|\.\s")
# A relative clause with a verb of its own ("… a limit that was weakened in 2019", "…, who has long
# opposed …"): a date inside it dates its own verb, never one outside it.
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+(?:was|were|had|has|have|is|are)\b"
                       # or an object relative clause ("the strategy that the administration issued last year")
                       r"|\b(?:that|which)\s+(?:the|its|his|her|their)\s+(?:(?!(?:is|are|was|were|be|been|has|have|had|will|would|shall|may|can|could|should|must)\b)[\w.'-]+\s+){1,5}?"
                       r"(?:[a-z]+ed|made|set|put|gave|took|wrote|sent)\b")
# A relative clause with no relative word, its subject a pronoun or a noun phrase right after the
# noun it tells of ("a commitment it made a decade ago", "the exemption the ministry granted in
# 2019"): its date dates its own verb too. Not after a sentence's opening phrase ("During the
# meeting the minister announced …"), nor a verb taking a clause ("the agency says it made …").
_NOT_NOUN = (r"(?:the|its|their|his|her|our|a|an|this|that|these|those|some|any|no|every|each|of|on|in|at|by|for|with|from|to|into|onto|"
             r"over|under|about|against|through|since|before|after|because|when|whenever|while|if|as|until|once|where|unless|although|though|so|"
             r"and|but|or|nor|than|whether|how|why|what|which|who|now|then|also|not|never|is|are|was|were|be|been|being|do|does|did|has|have|had|"
             r"will|would|shall|should|can|could|may|might|must|said|says|told|tells|thinks|thought|believes|believed|argues|argued|claims|claimed|"
             r"insists|insisted|knows|knew|hopes|feels|felt|notes|warns|adds|confirms|found|finds|suggests|shows|showed|means|meant|ensures|fears|"
             r"expects|agrees|decides|admits|acknowledges|reports|explains|concludes|determines|recognises|recognizes|it|they|he|she|we|you)\b")
_ZERO_RELATIVE = re.compile(
    rf"(?<![\w.])(?:the|its|their|his|her|our|a|an|this|that|these|those)\s+(?:(?!{_NOT_NOUN})[\w-]+\s+){{0,3}}?"
    rf"(?!{_NOT_NOUN})[a-z][\w-]*(?<!ed)(?<!ing)\s+"
    rf"(?P<clause>(?:it|they|he|she|we|I|you|the\s+(?:(?!{_NOT_NOUN})[\w-]+\s+){{0,1}}(?!{_NOT_NOUN})[\w-]+)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:[a-z]+ed|made|set|put|gave|took|wrote|sent|began|won|sought|brought|built|chose|drew|held|led|lost|paid|sold|undertook|withdrew|struck|froze|broke|bore)\b)")
_OPENING = re.compile(r"(?i)^\W*(?:in|on|at|during|after|before|since|under|with|for|by|following|through|throughout|over|within|across|from|upon|amid)\s+$")
_RELATIVE_END = re.compile(r"[,;:]|\s[\u2014\u2013-]{1,2}\s")


def attached(found: list[Found], sentence: str, anchor: int | None) -> Found | None:
    """The date expression attached to the verb at `anchor`: fewest clause boundaries between
    them, then nearest; spans ("since 1993") only when nothing else is there."""
    usable = [f for f in found if not f.span and not f.name and not f.attributive]
    if anchor is not None:
        clauses = [(m.start(), e.start() if (e := _RELATIVE_END.search(sentence, m.end())) else len(sentence))
                   for m in _RELATIVE.finditer(sentence)]  # fmt: skip
        clauses += [(m.start("clause"), e.start() if (e := _RELATIVE_END.search(sentence, m.end())) else len(sentence))
                    for m in _ZERO_RELATIVE.finditer(sentence) if not _OPENING.match(sentence, 0, m.start())]  # fmt: skip
        usable = [f for f in usable
                  if all((a <= f.start < b) == (a <= anchor < b) for a, b in clauses)]  # fmt: skip
    if not usable:
        return None
    # "On Thursday, the 12th day of protests since January, 380,000 people …": a date after "since"
    # starts a span the sentence runs through; another date there is its event's.
    dated = [f for f in usable if not _SINCE_BEFORE.search(sentence, max(0, f.start - 30), f.start) and not sentence[f.start : f.end].lower().startswith("since")]
    usable = dated or usable
    if anchor is None:
        return next((f for f in usable if f.date.basis == "explicit"), usable[0])

    def cost(f: Found) -> tuple[int, int]:
        a, b = sorted((anchor, f.start))
        return (len(_CLAUSE.findall(sentence[a:b])), abs(f.start - anchor))

    return min(usable, key=cost)
