"""Date phrases coarser than a day or made of parts of a period: weeks ("last week", "two weeks
ago", "earlier this week"), weekends, seasons ("last summer", "the autumn of 2023"), parts
("the first week of March", "the end of last year", "mid-2023"), a day of the month alone
("on the 15th"), and month ranges ("between March and May 2024").

xsd has no week or season: such a phrase gets the smallest xsd value that holds all of it
(the month when the week lies in one month, else the year). dateparser resolves the relative
week phrases against the publication date.
"""
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import dateparser

from . import dates

WORDS = json.loads((Path(__file__).with_name("data") / "date_words.json").read_text(encoding="utf-8"))
SEASONS: dict[str, list[int]] = WORDS["seasons"]
YEAR_SEASONS: dict[str, list[int]] = WORDS["year_seasons"]
_ALT = lambda words: "|".join(sorted(words, key=len, reverse=True))  # noqa: E731
_MONTHS = _ALT(dates.MONTHS)
_STEP = r"(?P<which>last|this|next|past|previous|coming)"

EARLIER_LATER = re.compile(r"^(?:earlier|later) (?:this|in the) (?P<unit>week|month|year)$")
WEEK = re.compile(r"^" + _STEP + r" (?P<unit>week|weekend)$")
WEEKS_AGO = re.compile(r"^(?P<n>\d+|[a-z]+) (?:weeks?|fortnights?) ago$")
SEASON = re.compile(r"^(?:(?:early|late|mid-?)\s*)?(?P<season>" + _ALT(list(SEASONS) + list(YEAR_SEASONS))
                    + r")(?:,?\s+(?:of\s+)?(?P<rest>.+))?$")
STEP_SEASON = re.compile(r"^" + _STEP + r" (?P<season>" + _ALT(SEASONS) + r")$")
PART = re.compile(r"^(?:the\s+)?(?:(?:" + _ALT(WORDS["parts"]) + r")\s+(?:few\s+)?(?:"
                  + _ALT(WORDS["part_units"]) + r")|(?:" + _ALT(WORDS["edges"]) + r"))\s+of\s+(?P<rest>.+)$")
MID = re.compile(r"^mid-?\s*(?P<rest>.+)$")
DAY_OF_MONTH = re.compile(r"^(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)$")
MONTH_RANGE = re.compile(r"^(?:between\s+|from\s+)?(?P<m1>" + _MONTHS + r")\.?(?:\s+(?P<y1>(?:19|20)\d\d))?"
                         r"\s*(?:-|–|—|to|and|until|through)\s*(?P<m2>" + _MONTHS + r")\.?"
                         r"(?:,?\s+(?P<y2>(?:19|20)\d\d))?$")


def resolve(text: str, ref: date | None, future: bool):
    """A ResolvedDate, None (a coarse phrase that names nothing here), or False (not one of
    these phrases). text is lower case, without leading prepositions."""
    for reader in (_earlier_later, _week, _weeks_ago, _season, _part, _day_of_month, _month_range):
        found = reader(text, ref, future)
        if found is not False:
            return found
    return False


def _holding(first: date, last: date) -> "dates.ResolvedDate | None":
    """The smallest xsd value that holds every day from first to last."""
    if (first.year, first.month) == (last.year, last.month):
        return dates.ResolvedDate(f"{first.year:04d}-{first.month:02d}", None, dates.YEAR_MONTH)
    if first.year == last.year:
        return dates.ResolvedDate(f"{first.year:04d}", None, dates.YEAR)
    return None


def _week_of(day: date):
    monday = day - timedelta(days=day.weekday())
    return _holding(monday, monday + timedelta(days=6))


def _earlier_later(text, ref, future):
    m = EARLIER_LATER.match(text)
    if not m:
        return False
    if ref is None:
        return None
    unit = m["unit"]
    if unit == "week":
        return _week_of(ref)
    if unit == "month":
        return dates.ResolvedDate(f"{ref.year:04d}-{ref.month:02d}", None, dates.YEAR_MONTH)
    return dates.ResolvedDate(f"{ref.year:04d}", None, dates.YEAR)


def _week(text, ref, future):
    m = WEEK.match(text)
    if not m:
        return False
    if ref is None:
        return None
    if m["unit"] == "weekend":
        return _weekend(m["which"], ref, future)
    day = _dateparser(text, ref, future)
    return _week_of(day) if day else None


def _weekend(which: str, ref: date, future: bool):
    back = (ref.weekday() - 5) % 7                  # days since the latest Saturday
    if which in ("last", "past", "previous"):
        saturday = ref - timedelta(days=back + (7 if back < 2 else 0))
    elif which == "next":                           # of next week, as "next Monday" is
        saturday = ref + timedelta(days=12 - ref.weekday())
    elif ref.weekday() >= 5:                        # "this weekend", told on one of its days
        saturday = ref - timedelta(days=back)
    else:                                           # "this/coming weekend", told on a weekday
        saturday = ref + timedelta(days=5 - ref.weekday())
    return dates.ResolvedDate(saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), dates.DATE)


def _weeks_ago(text, ref, future):
    m = WEEKS_AGO.match(text)
    if not m:
        return False
    if ref is None or dates._number(m["n"]) is None:
        return None
    day = _dateparser(text, ref, future)
    return _week_of(day) if day else None


def _season(text, ref, future):
    m = STEP_SEASON.match(text)
    if m:
        if ref is None:
            return None
        first, last = SEASONS[m["season"]]
        step = dates._YEAR_STEP[m["which"]]
        year = ref.year + step
        if step < 0 and ref.month > last:
            year += 1                               # "last summer", told in October: this year's
        if step > 0 and ref.month < first:
            year -= 1                               # "next spring", told in January: this year's
        return dates.ResolvedDate(f"{year:04d}", None, dates.YEAR)
    m = SEASON.match(text)
    if not m:
        return False
    rest = m["rest"]
    if rest is None:
        return None
    found = dates.resolve(rest, ref, future)
    return dates.ResolvedDate(found.start[:4], None, dates.YEAR) if found else None


def _part(text, ref, future):
    m = PART.match(text) or MID.match(text)
    if not m:
        return False
    found = dates.resolve(m["rest"], ref, future)
    if found is None or found.end is not None:
        return None
    if found.precision == dates.DATE:
        return None                                 # "the end of 3 May" names no part
    return found                                    # a part of March lies in March


def _day_of_month(text, ref, future):
    m = DAY_OF_MONTH.match(text)
    if not m:
        return False
    if ref is None:
        return None
    day = int(m["d"])
    candidates = []
    for shift in (-1, 0, 1):
        months = ref.year * 12 + ref.month - 1 + shift
        try:
            candidates.append(date(months // 12, months % 12 + 1, day))
        except ValueError:
            continue
    if not candidates:
        return None
    penalty = dates.FUTURE_PENALTY

    def cost(d):
        delta = (ref - d).days
        return (delta * (penalty if future else 1)) if delta >= 0 else (-delta * (1 if future else penalty))
    return dates.ResolvedDate(min(candidates, key=cost).isoformat(), None, dates.DATE)


def _month_range(text, ref, future):
    m = MONTH_RANGE.match(text)
    if not m:
        return False
    m1, m2 = dates.MONTHS[m["m1"]], dates.MONTHS[m["m2"]]
    y2 = int(m["y2"]) if m["y2"] else None
    y1 = int(m["y1"]) if m["y1"] else (y2 - (1 if m1 > m2 else 0) if y2 else None)
    if y1 is None:
        if ref is None:
            return None
        y1 = dates._nearest_year(lambda y: date(y, m1, 15), ref, future)
    y2 = y2 or (y1 + (1 if m2 < m1 else 0))
    if (y2, m2) <= (y1, m1):
        return None
    return dates.ResolvedDate(f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}", dates.YEAR_MONTH)


def _dateparser(text: str, ref: date, future: bool) -> date | None:
    """The day dateparser reads for a relative phrase, counted from ref."""
    found = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
        "PREFER_DATES_FROM": "future" if future else "past"})
    return found.date() if found else None
