"""Finding the headline among a scraped page's lines, and matching it against lines."""
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher

from . import furniture
from .dates import is_date_line

TOP_LINES = 40


def comparable(text: str) -> str:
    """Lowercase letters and digits only: quotes, dashes and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def same_headline(line: str, headline: str) -> bool:
    return similar(comparable(line), comparable(headline))


class Comparables(dict):
    """comparable() of lines, each worked out once: reading one page compares the same lines
    with a headline in several steps."""

    def __missing__(self, line: str) -> str:
        form = self[line] = comparable(line)
        return form


def headline_matcher(headline: str, comparables: Comparables | None = None) -> Callable[[str], bool]:
    """same_headline(line, headline) for many lines, each made comparable once."""
    forms = Comparables() if comparables is None else comparables
    target = forms[headline]
    return lambda line: similar(forms[line], target)


def similar(a: str, b: str) -> bool:
    """Two comparable() texts: the same, or nearly (a few characters differ)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) / max(len(a), len(b)) <= 0.8:
        return False
    # The characters the two have in common, in any order, bound from above the matches that
    # ratio() counts (SequenceMatcher.quick_ratio(), only cheaper): most lines stop here.
    common = sum((Counter(a) & Counter(b)).values())
    if 2.0 * common / (len(a) + len(b)) < 0.9:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.9


# Teasers and labels above a headline: "LIVE: ...", "Breaking: ...", "... follow our live blog".
_TEASER = re.compile(
    r"^(live( updates| coverage)?|breaking( news)?|watch|listen|just in|developing|exclusive|opinion"
    r"|analysis|explainer|sponsored|promoted|premium|podcast|video)\s*[:|–—-]"
    r"|\blive ?blog\b|\bfollow (every|all|the latest|our|along|live)\b",
    re.IGNORECASE,
)
# How far above its dateline or byline, or above the first paragraph, a headline may stand.
_HEADLINE_REACH = 4
_BODY_MIN_WORDS = 15


def is_headline_candidate(line: str) -> bool:
    return (furniture.is_title_like(line) and len(furniture.words(line)) >= 3
            and not furniture.is_furniture(line) and not is_date_line(line)
            and not is_byline(line) and not furniture.related_header(line)[0])


def is_teaser(line: str) -> bool:
    return bool(_TEASER.search(line))


def find_headline(lines: list[str], not_this: str | None = None,
                  comparables: Comparables | None = None, slug: list[str] | None = None) -> str | None:
    """The title-like line near the top that holds most of the URL slug's words; else the one
    that the page repeats; else the one nearest above the
    dateline or byline (a tagline under the masthead, a teaser stand higher); else the one
    nearest above the first paragraph; else the first (of five words or more, if there is one).
    `not_this`: the site's name."""
    top = lines[:TOP_LINES]
    forms = Comparables() if comparables is None else comparables
    is_site_name = headline_matcher(not_this, forms) if not_this else lambda line: False
    candidates = [i for i, line in enumerate(top) if is_headline_candidate(line) and not is_site_name(line)
                  and not _author_line(top, i)]
    if slug:
        from .url_slug import best_match
        found = best_match([top[i] for i in candidates], slug)
        if found is not None:
            return top[candidates[found]]
    for i in candidates:
        is_repeat = headline_matcher(top[i], forms)
        if any(is_repeat(other) for other in lines[i + 1:]):
            return top[i]
    first_paragraph = next((i for i, line in enumerate(top) if is_body_like(line)), len(top))
    anchors = [i for i, line in enumerate(top[:first_paragraph])
               if is_date_line(line) or is_byline(line) or _READING_TIME.match(line.strip())]
    for anchor in list(reversed(anchors)) + [first_paragraph]:
        near = [i for i in candidates if anchor - _HEADLINE_REACH <= i < anchor and not is_teaser(top[i])]
        if near:
            return top[near[-1]]
    longer = [i for i in candidates if len(furniture.words(top[i])) >= 5]
    return top[(longer or candidates)[0]] if candidates else None


# "5 min read", "3-minute read", "Reading time: 4 minutes"
_READING_TIME = re.compile(r"^(?:\d+\s*-?\s*(?:min(?:ute)?s?\.?)\s+read\b|reading time\b)", re.IGNORECASE)
# A personal name alone on its line: two to four capitalised words, particles between them.
_BARE_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|da|dos|do|del|der|di|le|la|al|bin)){1,3}$")


def _author_line(lines: list[str], i: int) -> bool:
    """A bare personal name next to a reading time, byline or dateline is the author's line."""
    if not _BARE_NAME.match(lines[i].strip()):
        return False
    around = [line for line in lines[i + 1:i + 4] if line.strip()][:2]
    around += [line for line in lines[max(0, i - 3):i] if line.strip()][-1:]
    return any(_READING_TIME.match(line.strip()) or is_date_line(line) or is_byline(line)
               for line in around)


def is_body_like(line: str) -> bool:
    """A paragraph of the article: a long sentence, not furniture."""
    return (len(furniture.words(line)) >= _BODY_MIN_WORDS and furniture.ends_like_sentence(line)
            and not furniture.is_furniture(line))


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|da|di|al|bin|le|la))*"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
_BYLINE = re.compile(rf"^(?:(?:[Bb]y|BY)|(?:[Ww]ritten|[Ff]iled|[Rr]eported|[Ww]ords)\s+by|[Aa]uthors?\s*:)"
                     rf"\s+({_NAMES})")
# "Lucía Ferreyra, Lima bureau", "Matteo Rinaldi, Chief Football Writer"
_JOURNALIST = re.compile(
    r"\b(correspondents?|writers?|reporters?|editors?|bureau|staff|contributors?|columnists?|journalists?)$",
    re.IGNORECASE,
)
# "By A. Writer in Jakarta and B. Writer in Brussels": the places are not names of authors.
_PLACE_IN_BYLINE = re.compile(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_NAME_WITH_ROLE = re.compile(rf"^({_NAME}),\s+[^,.;:!?]{{2,40}}$")


def is_byline(line: str) -> bool:
    line = line.strip()
    if not (_BYLINE.match(line) or _is_name_with_role(line)):
        return False
    return len(furniture.words(line)) <= 14


def _is_name_with_role(line: str) -> bool:
    return bool(_NAME_WITH_ROLE.match(line) and _JOURNALIST.search(line))


def byline_authors(line: str) -> list[str]:
    line = _PLACE_IN_BYLINE.sub("", line.strip())
    match = _BYLINE.match(line)
    if match:
        names = re.split(r"\s*(?:,|\band\b|&)\s*", match.group(1))
    elif _is_name_with_role(line):
        names = [_NAME_WITH_ROLE.match(line).group(1)]
    else:
        return []
    return [n.strip() for n in names if n.strip() and n.strip()[0].isupper() and " " in n.strip()]


def authors_in_line(line: str) -> list[str]:
    """Authors named on a byline, alone or as one segment of a dateline ("29 May 2026 | By A. B")."""
    if is_byline(line):
        return byline_authors(line)
    if not is_date_line(line):
        return []
    segments = re.split(r"\s+[|·•—–]\s+", line)
    return [name for segment in segments if is_byline(segment) for name in byline_authors(segment)]


# A date (with an optional "Published"-style label) glued before the headline on one line.
_LEADING_DATE_LABEL = re.compile(r"^(?:(?:published|posted|updated|date|dated)\s*:?\s*)?", re.IGNORECASE)
_FOOTNOTE_MARKS = re.compile(r"(?:\s*\[\d{1,3}\])+$")
_BREADCRUMB = re.compile(r"^(?:[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*)?\s*(?:/|›|»|>|\|)\s*)+(?=\S)")
_QUOTES = {'"': '"', "“": "”", "«": "»"}
MAX_LABEL_WORDS = 3


def tidy_headline(line: str, slug: list[str] | None = None) -> tuple[str, str | None]:
    """The headline a headline line holds, and a date glued before it (ISO, if any): without a
    leading date, section breadcrumbs ("World/ ..."), section labels the URL's slug shows are not
    part of it, footnote marks ("[1]") and quotation marks around the whole of it."""
    from .dates import leading_date
    text = line.strip()
    date, rest = leading_date(_LEADING_DATE_LABEL.sub("", text, count=1))
    if date and len(furniture.words(rest)) >= 3:
        text = rest.lstrip(" |·•:–—-")
    else:
        date = None
    text = _FOOTNOTE_MARKS.sub("", text).strip()
    closer = _QUOTES.get(text[:1])
    if closer and len(text) > 2 and text.endswith(closer) and (text.count(text[0]) + text.count(closer)
                                                               == (4 if text[0] == closer else 2)):
        text = text[1:-1].strip()
    crumb = _BREADCRUMB.match(text)
    if crumb and len(furniture.words(text[crumb.end():])) >= 3:
        text = text[crumb.end():]
    if slug:
        start = where_slug_starts(text, slug)
        kept = _drop_words(text, start) if 0 < start <= MAX_LABEL_WORDS else text
        label = text[:len(text) - len(kept)].split()
        # a section label is capitalised words before a capitalised headline ("News World Georgia
        # ..."), not the start of the headline's own sentence ("After striking ...")
        if label and kept[:1].isupper() and all(word[:1].isupper() for word in label):
            text = kept
    return text, date


def where_slug_starts(headline: str, words: list[str]) -> int:
    tokens = comparable(headline).split()
    for i in range(len(tokens) - 1):
        if tokens[i:i + 2] == words[:2]:
            return i
    return 0


def _drop_words(text: str, count: int) -> str:
    """text without its first `count` words (as comparable() counts them)."""
    matches = list(re.finditer(r"[^\W_]+", text))
    return text[matches[count].start():] if count < len(matches) else text
