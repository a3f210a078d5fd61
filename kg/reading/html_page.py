"""HTML pages: main text by trafilatura (never fetching anything), metadata from the markup."""
import json
import re
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura
from htmldate import find_date
from trafilatura.settings import use_config

from . import metadata
from .errors import ReadError
from .metadata import Metadata, from_mapping, language_tag, merged, text_value

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "report",
                  "scholarlyarticle", "socialmediaposting", "webpage"}


def _extraction_config():
    config = use_config()
    # Short pages are still articles; trafilatura's defaults expect long ones.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


_CONFIG = _extraction_config()


def looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])",
                         text, re.IGNORECASE | re.DOTALL))


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse(path: Path, html: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", html))
    except (lxml.etree.ParserError, ValueError) as err:
        raise ReadError(path, f"not a readable HTML page ({err})") from None


def main_text(html: str, url: str | None) -> str:
    """The article body as plain text, paragraphs on separate lines; '' if none."""
    text = trafilatura.extract(
        _XML_DECLARATION.sub("", html), url=url, config=_CONFIG, output_format="txt", with_metadata=False,
        include_comments=False, include_tables=False, include_images=False, include_links=False,
        # trafilatura's deduplication remembers text across calls in the process: a page read
        # again (re-ingest, a long-running process) would lose its paragraphs
        favor_precision=True, deduplicate=False,
    )
    return text or ""


def page_metadata(tree: lxml.html.HtmlElement) -> Metadata:
    """JSON-LD first, then OpenGraph, then plain meta tags."""
    metas = MetaTags(tree)
    return merged(json_ld(tree), open_graph(metas), meta_tags(tree, metas))


def json_ld(tree: lxml.html.HtmlElement) -> Metadata:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except json.JSONDecodeError:
            continue
        for node in _nodes(data):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                found = from_mapping(node)
                if found.headline or found.date_published:
                    return found
    return Metadata()


def _nodes(data):
    """Every object in a JSON-LD document, through lists and @graph."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _nodes(data["@graph"])


class MetaTags:
    """The page's <meta> tags that have content, by the property, name or itemprop they give."""

    _KEYS = ("property", "name", "itemprop")

    def __init__(self, tree: lxml.html.HtmlElement):
        self._contents: dict[tuple[str, str], list[str]] = {}
        for meta in tree.xpath("//meta[@content]"):
            for key in self._KEYS:
                if meta.get(key) is not None:
                    self._contents.setdefault((key, meta.get(key)), []).append(meta.get("content"))

    def first(self, *names: str) -> str | None:
        """The first non-blank content, trying each name in turn as a property, name and itemprop."""
        for name in names:
            for key in self._KEYS:
                values = self._contents.get((key, name), [])
                value = next((text_value(v) for v in values if text_value(v)), None)
                if value:
                    return value
        return None


def open_graph(metas: MetaTags) -> Metadata:
    return Metadata(
        headline=metas.first("og:title"),
        url=metas.first("og:url"),
        date_published=metadata.normalise_date(metas.first("article:published_time")),
        publisher=metas.first("og:site_name"),
        language=language_tag(metas.first("og:locale")),
        authors=[a for a in [metas.first("article:author")] if a and "://" not in a],
        description=metas.first("og:description"),
    )


def meta_tags(tree: lxml.html.HtmlElement, metas: MetaTags) -> Metadata:
    title = text_value(" ".join(tree.xpath("//title//text()")))
    canonical = next(iter(tree.xpath('//link[@rel="canonical"]/@href')), None)
    author = metas.first("author", "byl", "dc.creator", "DC.creator")
    return Metadata(
        headline=metas.first("twitter:title", "dc.title", "DC.title") or title,
        url=canonical if canonical and "://" in canonical else None,
        date_published=metadata.normalise_date(
            metas.first("date", "pubdate", "publishdate", "datePublished", "dc.date", "DC.date",
                        "dcterms.created", "sailthru.date", "parsely-pub-date")),
        publisher=metas.first("application-name", "publisher"),
        language=language_tag(text_value(tree.get("lang")) or metas.first("language", "content-language")),
        authors=[author] if author else [],
        description=metas.first("description", "twitter:description"),
    )


def strip_site_name(headline: str | None, site: str | None) -> str | None:
    """"Title | Site" -> "Title" when Site is the publisher."""
    if not headline or not site:
        return headline
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, _, tail = headline.rpartition(sep)
        if head and tail.strip().casefold() == site.casefold():
            return head.strip()
    return headline


def date_on_page(tree: lxml.html.HtmlElement) -> str | None:
    """A date in the page's markup or text (htmldate, given the parsed tree: no download)."""
    try:
        found = find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is a heuristic; a page it cannot date simply has no date
        return None
    return metadata.normalise_date(found)


def read_html(path: Path, html: str) -> tuple[Metadata, str, str | None]:
    """(metadata found in the page, its main text, a date found on the page)."""
    tree = parse(path, html)
    found = page_metadata(tree)
    raw = main_text(html, found.url)
    page_date = None if found.date_published else date_on_page(parse(path, html))
    return found, raw, page_date
