"""The words of an article URL's slug ("/news/ramaphosa-re-elected-as-leader.html"): most
sites build it from the headline, so it tells which line of a page is the headline and where
a section label glued before it ends."""
import re
from urllib.parse import unquote, urlsplit

from .headline import comparable

_EXTENSION = re.compile(r"\.(s?html?|php|aspx?|jsp)$", re.IGNORECASE)
MIN_WORDS = 3
# At least this share of the slug's words must be in a line for it to be the headline.
COVERAGE = 0.8


def slug_words(url: str | None) -> list[str]:
    """The slug's words (lowercase, no numbers): the longest path segment of words and hyphens."""
    if not url:
        return []
    segments = [_EXTENSION.sub("", unquote(s)) for s in urlsplit(url).path.split("/") if s]
    best: list[str] = []
    for segment in segments:
        words = [w for w in comparable(segment.replace("-", " ").replace("_", " ")).split()
                 if not any(c.isdigit() for c in w)]
        if len(words) > len(best):
            best = words
    return best if len(best) >= MIN_WORDS else []


def coverage(line: str, words: list[str]) -> float:
    """The share of the slug's words that the line holds."""
    if not words:
        return 0.0
    have = set(comparable(line).split())
    return sum(1 for w in words if w in have) / len(words)


def best_match(lines: list[str], words: list[str]) -> int | None:
    """The index of the line that holds most of the slug's words (at least COVERAGE of them)."""
    scored = [(coverage(line, words), -i) for i, line in enumerate(lines)]
    if not scored:
        return None
    share, minus_i = max(scored)
    return -minus_i if share >= COVERAGE else None
