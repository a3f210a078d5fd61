"""Publication dates: normalise to ISO 8601, find one on a page or in a URL."""
import re
from datetime import date, datetime
from urllib.parse import urlsplit

import dateparser

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# "4 December 2024", "December 4, 2024", "2024-12-04", "04.12.2024", "04/12/2024"
_DATE_IN_TEXT = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})\b",
    re.IGNORECASE,
)
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
    """English first (fast); other common news languages only for strings with a number."""
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None and re.search(r"\d", text):
        parsed = dateparser.parse(text, languages=list(_OTHER_LANGUAGES), settings=_DATEPARSER_SETTINGS)
    return parsed


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
    """A dateline or a "Published ..." line: a date and little else, not a sentence."""
    match = _DATE_IN_TEXT.search(line)
    if not match:
        return False
    published = bool(_PUBLISHED_LINE.match(line))
    rest = _PUBLISHED_LINE.sub("", line[:match.start()]) + " " + line[match.end():]
    if not published and rest.rstrip().endswith("."):
        return False
    return len(re.findall(r"[^\W\d_]+", rest)) <= 4


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
