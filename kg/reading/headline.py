"""Finding the headline among a scraped page's lines, and matching it against lines."""
import re
import unicodedata
from difflib import SequenceMatcher

from . import furniture
from .dates import is_date_line

TOP_LINES = 40


def comparable(text: str) -> str:
    """Lowercase letters and digits only: quotes, dashes and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def same_headline(line: str, headline: str) -> bool:
    a, b = comparable(line), comparable(headline)
    if not a or not b:
        return False
    if a == b:
        return True
    return min(len(a), len(b)) / max(len(a), len(b)) > 0.8 and SequenceMatcher(None, a, b).ratio() >= 0.9


def is_headline_candidate(line: str) -> bool:
    return (furniture.is_title_like(line) and len(furniture.words(line)) >= 3
            and not furniture.is_furniture(line) and not is_date_line(line)
            and not is_byline(line) and not furniture.related_header(line)[0])


def find_headline(lines: list[str], not_this: str | None = None) -> str | None:
    """The title-like line near the top that the page repeats, else the first one
    (of five words or more, if there is one). `not_this`: the site's name."""
    top = lines[:TOP_LINES]
    candidates = [i for i, line in enumerate(top) if is_headline_candidate(line)
                  and not (not_this and same_headline(line, not_this))]
    for i in candidates:
        if any(same_headline(other, top[i]) for other in lines[i + 1:]):
            return top[i]
    longer = [i for i in candidates if len(furniture.words(top[i])) >= 5]
    return top[(longer or candidates)[0]] if candidates else None


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|da|di|al|bin|le|la))*"
_BYLINE = re.compile(rf"^(?:[Bb]y|BY)\s+({_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)")


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line.strip())) and len(furniture.words(line)) <= 14


def byline_authors(line: str) -> list[str]:
    match = _BYLINE.match(line.strip())
    if not match:
        return []
    names = re.split(r"\s*(?:,|\band\b|&)\s*", match.group(1))
    return [n.strip() for n in names if n.strip() and n.strip()[0].isupper() and " " in n.strip()]
