"""Main text of a scraped page: find the headline, keep body paragraphs, drop furniture."""
import re
import unicodedata
from dataclasses import dataclass, field

from . import furniture
from .dates import date_in_lines, is_date_line
from .headline import (Comparables, authors_in_line, find_headline, headline_matcher, is_byline, tidy_headline,
                       TOP_LINES)
from .url_slug import slug_words

_BULLET = re.compile(r"^(?:[•◦▪▫‣·●○■□►▸–—*]|-(?=\s))\s*")
_COPYRIGHT_OWNER = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)?\s*"
    r"(?P<owner>.+?)\s*(?:[.,]?\s*all rights reserved.*)?\.?$",
    re.IGNORECASE,
)
# No-break space -> space; zero-width space, soft hyphen, BOM and word joiner dropped.
_INVISIBLE = {"\u00a0": " ", "\u200b": "", "\u00ad": "", "\ufeff": "", "\u2060": ""}
_WRAP_MIN = 50  # a wrapped line is at least this long
# A short body-like paragraph: enough to tell a teaser between two copies of the headline
# from the start of the article.
_MAX_TEASER_PARAGRAPHS = 2


@dataclass
class PageText:
    text: str
    headline: str | None = None
    date_published: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None


def page_lines(raw: str) -> list[str]:
    """Non-empty lines (hard-wrapped paragraphs joined), whitespace collapsed, bullets removed."""
    lines = []
    raw = unicodedata.normalize("NFC", raw)
    for invisible, replacement in _INVISIBLE.items():  # str.replace is much faster than str.translate
        raw = raw.replace(invisible, replacement)
    for line in unwrap(raw.splitlines()):
        line = " ".join(line.split())
        line = _BULLET.sub("", line)
        if line:
            lines.append(line)
    return lines


def unwrap(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped paragraphs (text saved at a fixed width).

    A line runs on into the next when it is long, has no sentence end, and the next line goes
    on in lowercase. When many lines do, the page counts as hard-wrapped: then a line continues
    the previous one whenever that was long; a blank line or a bullet starts a new paragraph.
    Otherwise only the lines that clearly run on are joined."""
    pairs = [(a.strip(), b.strip()) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    running_on = sum(1 for a, b in pairs if _runs_on(a, b))
    wrapped_page = running_on >= 3 and running_on >= len(pairs) * 0.25
    joined: list[str] = []
    previous = ""
    for line in lines:
        line = line.strip()
        if wrapped_page:
            continues = len(previous) >= _WRAP_MIN and line and not _BULLET.match(line)
        else:
            continues = bool(previous and line) and _runs_on(previous, line)
        if continues:
            joined[-1] += " " + line
        else:
            joined.append(line)
        previous = line
    return joined


def _runs_on(line: str, following: str) -> bool:
    return len(line) >= _WRAP_MIN and not furniture.ends_like_sentence(line) and following[:1].islower()


def read_page(raw: str, headline: str | None = None, publisher: str | None = None,
              url: str | None = None) -> PageText:
    """Headline (the given one, else found on the page), body text and what the top tells."""
    lines = page_lines(raw)
    comparables = Comparables()
    publisher = publisher or copyright_owner(lines)
    slug = slug_words(url)
    line = headline or find_headline(lines, not_this=publisher, comparables=comparables, slug=slug)
    headline, headline_date = tidy_headline(line, slug) if line else (None, None)
    start = body_start(lines, line, comparables)
    top = lines[:max(start + 5, 15)]
    authors = list(dict.fromkeys(name for line in top for name in authors_in_line(line)))
    return PageText(
        text=clean_lines(lines[start:], line, publisher, comparables),
        headline=headline,
        date_published=headline_date or date_in_lines(top) or date_in_lines(
            [line for line in lines if re.match(r"(published|posted)\b", line, re.IGNORECASE)]),
        authors=authors,
        publisher=publisher,
    )


def body_start(lines: list[str], headline: str | None, comparables: Comparables | None = None) -> int:
    """Index of the first line after the headline; a teaser between two copies is skipped."""
    if not headline:
        return 0
    limit = max(TOP_LINES, len(lines) // 2)
    is_headline = headline_matcher(headline, comparables)
    hits = [i for i, line in enumerate(lines[:limit]) if is_headline(line)]
    if not hits:
        return 0
    start = hits[0]
    for hit in hits[1:]:
        between = [line for line in lines[start + 1:hit] if is_body_paragraph(line)]
        if len(between) > _MAX_TEASER_PARAGRAPHS:
            break
        start = hit
    return start + 1


def is_body_paragraph(line: str, publisher: str | None = None) -> bool:
    if furniture.is_furniture(line, publisher) or furniture.related_header(line)[0]:
        return False
    if is_date_line(line) or is_byline(line):
        return False
    return not furniture.is_title_like(line)


def clean_lines(lines: list[str], headline: str | None, publisher: str | None,
                comparables: Comparables | None = None) -> str:
    is_headline = headline_matcher(headline, comparables) if headline else lambda line: False
    kept = []
    for line in lines:
        if is_headline(line):
            continue
        if is_body_paragraph(line, publisher):
            kept.append(line)
        elif len(furniture.words(line)) > _LONG_PARAGRAPH_WORDS:
            body = body_sentences(line, publisher)
            if body:
                kept.append(body)
    return "\n\n".join(kept)


# A paragraph this long that holds furniture is a body run together with it (a digest of one
# paragraph, a prompt at its end): its news sentences are kept.
_LONG_PARAGRAPH_WORDS = 60
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")


def body_sentences(paragraph: str, publisher: str | None = None) -> str:
    """The sentences of a long paragraph that are not furniture, when they are most of it."""
    sentences = _SENTENCE_END.split(paragraph)
    news = [s for s in sentences if not furniture.is_furniture(s, publisher) and not furniture.is_appeal(s)]
    if sum(len(furniture.words(s)) for s in news) < 0.5 * len(furniture.words(paragraph)):
        return ""
    return " ".join(news)


def clean_text(raw: str, headline: str | None = None, publisher: str | None = None) -> str:
    """Furniture removal for text that a reader already cut from its page (HTML, JSON)."""
    return clean_lines(page_lines(raw), headline, publisher)


def copyright_owner(lines: list[str]) -> str | None:
    """"© 2025 The Baltic Ledger. All rights reserved." -> "The Baltic Ledger"."""
    for line in lines:
        if len(furniture.words(line)) > 12 or not re.search(r"©|\(c\)|^copyright\b", line, re.IGNORECASE):
            continue
        match = _COPYRIGHT_OWNER.match(line)
        owner = match.group("owner").strip(" .,-–") if match else ""
        if owner and re.search(r"[^\W\d_]", owner):
            return owner
    return None
