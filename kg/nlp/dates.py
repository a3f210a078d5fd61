"""Date phrases -> xsd values, resolved against the publication date.

`resolve("3-4 December", "2024-12-04")` -> ResolvedDate("2024-12-03", "2024-12-04", "date").
Dates without a year take the year that puts them nearest before (or shortly after) the
publication date; weekdays and "last month"/"30 years ago" count back from it. Vague
phrases ("recently", "last week", "the 1990s") give None.
"""
import re
from datetime import date, timedelta
from typing import NamedTuple

DATE, YEAR_MONTH, YEAR = "date", "gYearMonth", "gYear"

MONTHS = {name: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({"a": 1, "an": 1, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                     "a hundred": 100, "one hundred": 100})

from . import coarse_dates  # noqa: E402  (reads this module's tables when called)

# A future date is that much less likely than a past one at the same distance:
# news mostly reports what happened, but does announce what is coming soon.
FUTURE_PENALTY = 3


class ResolvedDate(NamedTuple):
    start: str
    end: str | None
    precision: str             # DATE, YEAR_MONTH or YEAR


_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:1[5-9]|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|till|through|and)\s*"


def _p(template: str, *names: str) -> str:
    return template.format(*names)


PATTERNS = [
    # 2022-09-30
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # 3-4 December 2024 / 3 and 5 May / 3 December to 5 December
    ("dd_range", re.compile(
        r"\b" + _p(_DAY, "d1") + r"(?:\s+" + _p(_MONTH, "m1") + r")?" + _DASH
        + _p(_DAY, "d2") + r"\s+(?:of\s+)?" + _p(_MONTH, "m2") + r"(?:,?\s+" + _p(_YEAR, "y") + r")?\b")),
    # December 3-4, 2024 / July 11 to 12 / December 3 to January 2
    ("md_range", re.compile(
        r"\b" + _p(_MONTH, "m1") + r"\s+" + _p(_DAY, "d1") + _DASH + r"(?:" + _p(_MONTH, "m2")
        + r"\s+)?" + _p(_DAY, "d2") + r"\b(?:,?\s+" + _p(_YEAR, "y") + r")?")),
    # 30 September 2022 / 30th of September
    ("dmy", re.compile(
        r"\b" + _p(_DAY, "d") + r"\s+(?:of\s+)?" + _p(_MONTH, "m") + r"(?:,?\s+" + _p(_YEAR, "y") + r")?\b")),
    # September 30, 2022 / September 30
    ("mdy", re.compile(
        r"\b" + _p(_MONTH, "m") + r"\s+" + _p(_DAY, "d") + r"\b(?:,?\s+" + _p(_YEAR, "y") + r")?")),
    # 1 October 2024 written numerically in the US/European day-first form is ambiguous: skipped.
    # March 2023 / in March
    ("my", re.compile(r"\b" + _p(_MONTH, "m") + r"(?:,?\s+(?:of\s+)?" + _p(_YEAR, "y") + r")?\b")),
    # 2019-2020 / 2019 to 2021
    ("year_range", re.compile(r"\b" + _p(_YEAR, "y1") + _DASH + _p(_YEAR, "y2") + r"\b")),
    # in 2019 / early 2023
    ("year", re.compile(r"(?<![\d-])" + _p(_YEAR, "y") + r"(?![\d-]|s\b|'s)")),
]
# The only pattern that needs no digit ("March", "in March"): a phrase without one skips the rest.
NO_DIGIT_PATTERNS = [(kind, pattern) for kind, pattern in PATTERNS if kind == "my"]

LEADING_WORD = re.compile(r"^(on|in|at|of|since|from|between|by|during|the)\s+")
RANGE_DASH = re.compile(r"\s+(?:-|–|—|to|until|through)\s+|\s*[–—]\s*")
FOUR_DIGITS = re.compile(r"\d{4}")
NEAR_MONTH_OR_YEAR = re.compile(r"^(last|this|next|past|previous|coming) (month|year)$")
NEAR_WEEK = re.compile(r"^(last|this|next|past|previous|coming) (week|weekend)$")
EARLIER_LATER = re.compile(r"\b(earlier|later) this (week|month|year)\b")

DIGIT = re.compile(r"\d")
POSSESSIVE = re.compile(r"(?<=[a-z])'s?$|(?<=[a-z])'s(?=\s)")

VAGUE = re.compile(r"\b(recent|recently|lately|soon|decades?|centur(y|ies)|\d{4}s|weekends?|"
                   r"every|each|annual|annually|daily|weekly|monthly|yearly|season|quarter|"
                   r"period|time|era|age)\b")


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve(phrase: str, published: str | date | None = None, future: bool = False) -> ResolvedDate | None:
    """The date(s) a phrase names, or None if it names none precisely enough.

    `published` (ISO string or date) anchors phrases without a year and relative phrases;
    without it only absolute dates resolve. `future` says the phrase is about something to
    come (e.g. the verb is "will meet"), which turns "on Friday" into the next Friday.
    """
    ref = published if isinstance(published, date) else parse_iso(published)
    text = " ".join(phrase.lower().replace("\u2019", "'").split())
    text = LEADING_WORD.sub("", LEADING_WORD.sub("", text))
    text = POSSESSIVE.sub("", _holiday(text))      # "Saturday's election", "last year's vote"
    coarse = coarse_dates.resolve(text, ref, future)
    if coarse is not False:
        return coarse
    near = _near_month(text, ref, future)
    if near is not False:
        return near
    pair = _weekday_pair(text, ref, future)
    if pair is not False:
        return pair
    relative = _relative(text, ref, future)
    if relative is not False:
        return relative
    if VAGUE.search(text):
        return None
    has_digit = DIGIT.search(text) is not None
    both = _full_range(text, ref, future) if has_digit else None
    if both:
        return both
    for kind, pattern in PATTERNS if has_digit else NO_DIGIT_PATTERNS:
        m = pattern.search(text)
        if m:
            return _absolute(kind, m.groupdict(), ref, future)
    return None


HOLIDAYS = {"christmas day": "25 december", "christmas eve": "24 december",
            "boxing day": "26 december", "new year's day": "1 january",
            "new year's eve": "31 december", "christmas": "25 december"}
_HOLIDAY = re.compile(r"\b(" + "|".join(sorted(HOLIDAYS, key=len, reverse=True)) + r")\b")
_NEAR_MONTH = re.compile(r"^(?P<which>last|this|next|past|previous|coming) (?P<m>"
                         + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")$")
# "27 June last year", "March of this year", "in May next year": the year said in words.
_WORDED_YEAR = re.compile(r"^(?P<rest>.*?\S)\s*,?\s+(?:of\s+)?(?P<which>last|this|next|past|previous|coming) year$")
_ANY_MONTH = re.compile(r"\b(?:early|mid|late|" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")
_YEAR_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}


def _holiday(text: str) -> str:
    """'Christmas Day 2024' -> '25 december 2024'."""
    return _HOLIDAY.sub(lambda m: HOLIDAYS[m[1]], text) if "christmas" in text or "new year" in text \
        or "boxing" in text else text


def _near_month(text: str, ref: date | None, future: bool):
    """'last July' (the latest July before the publication month), 'next May', 'this June';
    '27 June last year': a date whose year is said in words. False when neither."""
    m = _NEAR_MONTH.match(text)
    if m:
        if ref is None:
            return None
        month, step = MONTHS[m["m"]], _YEAR_STEP[m["which"]]
        year = ref.year
        if step < 0 and month >= ref.month:
            year -= 1
        elif step > 0 and month <= ref.month:
            year += 1
        return ResolvedDate(f"{year:04d}-{month:02d}", None, YEAR_MONTH)
    m = _WORDED_YEAR.match(text)
    if m and ref is not None and not FOUR_DIGITS.search(m["rest"]) and _ANY_MONTH.search(m["rest"]):
        found = resolve(f"{m['rest']} {ref.year + _YEAR_STEP[m['which']]}", ref, future)
        return found
    return False


def _full_range(text: str, ref: date | None, future: bool) -> ResolvedDate | None:
    """'30 December 2023 to 2 January 2024': two complete dates joined by a dash or 'to'."""
    parts = RANGE_DASH.split(text)
    if len(parts) != 2 or not all(FOUR_DIGITS.search(p) for p in parts):
        return None
    first, second = (resolve(p, ref, future) for p in parts)
    if first and second and first.precision == second.precision and first.end is None \
            and second.end is None and first.start < second.start:
        return ResolvedDate(first.start, second.start, first.precision)
    return None


def _absolute(kind: str, g: dict, ref: date | None, future: bool) -> ResolvedDate | None:
    try:
        if kind == "iso":
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
            return ResolvedDate(d.isoformat(), None, DATE)
        if kind in ("dd_range", "md_range"):
            m2 = MONTHS[g["m2"]] if g.get("m2") else None
            m1 = MONTHS[g["m1"]] if g.get("m1") else None
            m1, m2 = m1 or m2, m2 or m1
            d1, d2 = int(g["d1"]), int(g["d2"])
            start = _day(m1, d1, g.get("y"), ref, future,
                         year_of_end=g.get("y") is not None and m1 > m2)
            if start is None:
                return None
            end_year = start.year + (1 if m2 < m1 else 0)
            end = date(end_year, m2, d2)
            if end < start:
                return None
            return ResolvedDate(start.isoformat(), end.isoformat(), DATE)
        if kind in ("dmy", "mdy"):
            d = _day(MONTHS[g["m"]], int(g["d"]), g.get("y"), ref, future)
            return ResolvedDate(d.isoformat(), None, DATE) if d else None
        if kind == "my":
            month = MONTHS[g["m"]]
            if g.get("y"):
                return ResolvedDate(f"{int(g['y']):04d}-{month:02d}", None, YEAR_MONTH)
            if ref is None:
                return None
            year = _nearest_year(lambda y: date(y, month, 15), ref, future)
            return ResolvedDate(f"{year:04d}-{month:02d}", None, YEAR_MONTH)
        if kind == "year_range":
            y1, y2 = int(g["y1"]), int(g["y2"])
            return ResolvedDate(str(y1), str(y2), YEAR) if y2 > y1 else None
        if kind == "year":
            return ResolvedDate(g["y"], None, YEAR)
    except (ValueError, KeyError):
        return None
    return None


def _day(month: int, day: int, year: str | None, ref: date | None, future: bool,
         year_of_end: bool = False) -> date | None:
    if year:
        return date(int(year) - (1 if year_of_end else 0), month, day)
    if ref is None:
        return None
    y = _nearest_year(lambda y: date(y, month, day), ref, future)
    return date(y, month, day)


def _nearest_year(make, ref: date, future: bool) -> int:
    """The year (around ref's) whose date is nearest before ref; a near future one counts
    FUTURE_PENALTY times its distance (or only its distance when `future`)."""
    def cost(y):
        try:
            d = make(y)
        except ValueError:          # 29 February
            return float("inf")
        delta = (ref - d).days
        if delta >= 0:
            return delta * (FUTURE_PENALTY if future else 1)
        return -delta * (1 if future else FUTURE_PENALTY)
    return min((ref.year - 1, ref.year, ref.year + 1), key=cost)


_WEEKDAY_PAIR = re.compile(r"^(?P<first>[a-z]+)\s*(?:and|to|through|until|-|–)\s*(?P<last>[a-z]+)$")


def _weekday_pair(text: str, ref: date | None, future: bool):
    """'Wednesday and Thursday', 'Monday to Wednesday': a range of consecutive days;
    False when the phrase is not two weekdays."""
    m = _WEEKDAY_PAIR.match(text)
    if not m or m["first"] not in WEEKDAYS or m["last"] not in WEEKDAYS:
        return False
    first = _relative(m["first"], ref, future)
    if not first:
        return None
    days = (WEEKDAYS[m["last"]] - WEEKDAYS[m["first"]]) % 7
    end = date.fromisoformat(first.start) + timedelta(days=days)
    return ResolvedDate(first.start, end.isoformat(), DATE)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


_AGO = re.compile(r"^(?P<n>\d+|[a-z]+(?: hundred)?) (?P<unit>day|week|month|year)s? ago$")
_WEEKDAY = re.compile(r"^(?:(?P<which>last|this|next|past|previous|coming)\s+)?(?P<wd>"
                      + "|".join(WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$")


def _relative(text: str, ref: date | None, future: bool):
    """A ResolvedDate or None for relative phrases; False when the phrase is not relative."""
    if text in ("yesterday", "today", "tomorrow", "tonight", "last night", "this morning",
                "yesterday morning", "yesterday evening", "yesterday afternoon", "this evening"):
        if ref is None:
            return None
        shift = -1 if text.startswith("yesterday") or text == "last night" else (1 if text == "tomorrow" else 0)
        return ResolvedDate((ref + timedelta(days=shift)).isoformat(), None, DATE)
    m = _WEEKDAY.match(text)
    if m:
        if ref is None:
            return None
        wd = WEEKDAYS[m["wd"]]
        which = m["which"]
        if which == "next":               # the day of next week: "next Tuesday"
            days = 7 - ref.weekday() + wd
            return ResolvedDate((ref + timedelta(days=days)).isoformat(), None, DATE)
        forward = which == "coming" or (which in (None, "this") and future)
        if forward:
            days = (wd - ref.weekday()) % 7 or 7
            return ResolvedDate((ref + timedelta(days=days)).isoformat(), None, DATE)
        days = (ref.weekday() - wd) % 7
        if days == 0 and which in ("last", "past", "previous"):
            days = 7
        return ResolvedDate((ref - timedelta(days=days)).isoformat(), None, DATE)
    m = _AGO.match(text)
    if m:
        n = _number(m["n"])
        if ref is None or n is None:
            return None
        unit = m["unit"]
        if unit == "day":
            return ResolvedDate((ref - timedelta(days=n)).isoformat(), None, DATE)
        if unit == "week":
            return None
        if unit == "month":
            months = ref.year * 12 + ref.month - 1 - n
            return ResolvedDate(f"{months // 12:04d}-{months % 12 + 1:02d}", None, YEAR_MONTH)
        return ResolvedDate(str(ref.year - n), None, YEAR)
    m = NEAR_MONTH_OR_YEAR.match(text)
    if m:
        if ref is None:
            return None
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[m[1]]
        if m[2] == "year":
            return ResolvedDate(str(ref.year + step), None, YEAR)
        months = ref.year * 12 + ref.month - 1 + step
        return ResolvedDate(f"{months // 12:04d}-{months % 12 + 1:02d}", None, YEAR_MONTH)
    if NEAR_WEEK.match(text) or EARLIER_LATER.search(text):
        return None
    return False
