"""Publication dates: normalise to ISO 8601, find one on a page or in a URL."""
import re
from datetime import date, datetime
from urllib.parse import urlsplit

import dateparser

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# "4 December 2024", "December 4, 2024", "2024-12-04", "04.12.2024", "04/12/2024".
# The lookahead (a word starting with a digit or a month's first letter) only makes the scan faster.
_DATE_IN_TEXT = re.compile(
    rf"(?=\b[\dadfjmnos])\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})\b",
    re.IGNORECASE,
)
_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS}),?\s+(?P<year>\d{{4}})",
                             re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
                             re.IGNORECASE)
_NUMERIC_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_WORD = re.compile(r"[^\W\d_]+")
_SEGMENT_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|\s+-{1,3}\s+")
_PUBLISHED_LINE = re.compile(r"^\s*(published|posted|first published|date|updated|last updated)\b",
                             re.IGNORECASE)
_URL_DATE = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_-]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$)"),
)
_OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl", "pl", "pt", "uk", "ru", "sv", "da", "fi", "cs",
                    "lt", "lv", "et", "ro", "hu")
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],
}


def normalise_date(value: object) -> str | None:
    """ISO date `YYYY-MM-DD`, or a full dateTime when the value gives a time with a timezone."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    iso = _parse_iso(text)
    if iso is not None:
        return _from_datetime(iso) if isinstance(iso, datetime) else iso.isoformat()
    parsed = _parse_free_text(text)
    if parsed is None or not _plausible(parsed.date()):
        return None
    return _from_datetime(parsed)


def _parse_free_text(text: str) -> datetime | None:
    """Common English and numeric spellings by pattern (fast); then dateparser, English first,
    other common news languages only for strings with a number."""
    if _looks_common(text):
        return _parse_common(text)
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None and re.search(r"\d", text):
        parsed = dateparser.parse(text, languages=list(_OTHER_LANGUAGES), settings=_DATEPARSER_SETTINGS)
    return parsed


def _bare_date(text: str) -> str:
    return _WEEKDAY.sub("", text.strip().rstrip(".,")).strip()


def _looks_common(text: str) -> bool:
    text = _bare_date(text)
    return any(p.fullmatch(text) for p in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC_DMY))


def _parse_common(text: str) -> datetime | None:
    """"Friday 22 May 2026", "June 9, 2026", "12.06.2026", "18/03/2026" (day first): a date alone;
    None for an impossible one ("31.02.2026")."""
    text = _bare_date(text)
    match = _DAY_MONTH_YEAR.fullmatch(text) or _MONTH_DAY_YEAR.fullmatch(text)
    if match:
        month = _MONTH_NUMBERS.get(match["month"].lower().rstrip(".")[:3])
        day, year = int(match["day"]), int(match["year"])
    else:
        match = _NUMERIC_DMY.fullmatch(text)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day) if month else None
    except ValueError:
        return None


def _parse_iso(text: str) -> date | datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        if len(candidate) == 10:
            return date.fromisoformat(candidate)
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _from_datetime(value: datetime) -> str | None:
    if not _plausible(value.date()):
        return None
    if value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat()


def _plausible(day: date) -> bool:
    return 1900 <= day.year <= date.today().year + 1


def date_in_url(url: str | None) -> str | None:
    """`/2024/12/04/` or `/2024-12-04/` in the URL's path."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            try:
                found = date(*(int(part) for part in match.groups()))
            except ValueError:
                continue
            if _plausible(found):
                return found.isoformat()
    return None


def is_date_line(line: str) -> bool:
    """A dateline or a "Published ..." line: a date and little else, not a sentence. Also a
    dateline shared with a byline or a reading time: "29 January 2026 | By A. Writer"."""
    return _is_date_alone(line) or _is_shared_dateline(line)


def _is_date_alone(line: str) -> bool:
    match = _DATE_IN_TEXT.search(line)
    if not match:
        return False
    published = bool(_PUBLISHED_LINE.match(line))
    rest = _PUBLISHED_LINE.sub("", line[:match.start()]) + " " + line[match.end():]
    if not published and rest.rstrip().endswith("."):
        return False
    return len(_WORD.findall(rest)) <= 4


def _is_shared_dateline(line: str) -> bool:
    """Segments split by | · — –: the first that holds a date starts with it (after a weekday
    or a "Published" label); none of them is a sentence; the line is short."""
    end = line.rstrip()
    if end.endswith((".", "!", "?")) and not end.endswith(("a.m.", "p.m.")):
        return False
    segments = [s for s in _SEGMENT_SEPARATOR.split(line.strip()) if s]
    if len(segments) < 2 or len(_WORD.findall(line)) > 24:
        return False
    for segment in segments:
        match = _DATE_IN_TEXT.search(segment)
        if match:
            before = _WEEKDAY.sub("", _PUBLISHED_LINE.sub("", segment[:match.start()]).strip(" :,"))
            return not _WORD.findall(before) and _is_date_alone(segment)
    return False


def date_in_lines(lines: list[str]) -> str | None:
    """The first date on a dateline or a "Published ..." line."""
    for line in lines:
        if not is_date_line(line):
            continue
        match = _DATE_IN_TEXT.search(line)
        found = normalise_date(match.group(0))
        if found:
            return found[:10] if "T" not in match.group(0) else found
    return None


def leading_date(text: str) -> tuple[str | None, str]:
    """A date the text starts with (after a weekday), as ISO, and the rest of the text."""
    bare = _WEEKDAY.sub("", text.lstrip())
    match = _DATE_IN_TEXT.match(bare)
    if not match:
        return None, text
    found = normalise_date(match.group(0))
    if not found:
        return None, text
    return (found[:10] if "T" not in match.group(0) else found), bare[match.end():].lstrip(" ,")
