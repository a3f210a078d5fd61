"""Reading: a `.txt`, `.html` or `.json` file (and its NAME.meta.json) -> an Article."""
from pathlib import Path

from ..article import Article
from ..limits import DEFAULT, Limits, without_controls
from .dates import date_in_url
from .errors import ReadError
from .files import iter_article_files
from .html_page import looks_like_html, read_html, strip_site_name
from .json_article import read_json_article
from .language import non_english
from .metadata import Metadata, merged, read_sidecar, safe_iri, sidecar_path
from .source_file import read_bytes, decode_utf8
from .text_page import clean_text, read_page

__all__ = ["read_article", "iter_article_files", "ReadError"]

_KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json"}


def read_article(path: Path, meta_path: Path | None = None, limits: Limits = DEFAULT) -> Article:
    """Read one article file. Sidecar metadata wins over what the page says.
    Raises ReadError (one line: file and problem) for anything unreadable, and for an article
    that is not in English."""
    path = Path(path)
    kind = _KINDS.get(path.suffix.lower())
    if kind is None and path.exists() and not path.is_dir():
        raise ReadError(path, f"unsupported file type '{path.suffix or path.name}' "
                              "(expected .txt, .html, .htm or .json)")
    raw = without_controls(decode_utf8(path, read_bytes(path, limits.max_file_bytes)))
    sidecar = _sidecar(path, meta_path)
    if kind == "text" and looks_like_html(raw):
        kind = "html"

    page_date = None
    if kind == "json":
        found, body = read_json_article(path, raw)
        meta = merged(sidecar, found)
        text = clean_text(body, meta.headline, meta.publisher)
    elif kind == "html":
        found, body, page_date = read_html(path, raw)
        meta = merged(sidecar, found)
        meta.headline = strip_site_name(meta.headline, meta.publisher)
        text = clean_text(body, meta.headline, meta.publisher)
        if not text:
            raise ReadError(path, "no article text found in the HTML page")
    else:
        page = read_page(raw, sidecar.headline, sidecar.publisher, sidecar.url)
        meta = merged(sidecar, Metadata(headline=page.headline, authors=page.authors,
                                        publisher=page.publisher))
        text, page_date = page.text, page.date_published

    if not text:
        raise ReadError(path, "no article text found")
    language = non_english(text)
    if language:
        raise ReadError(path, f"not an English article (its text is in {language}); "
                              "NewsKG reads English articles only")
    return Article(
        source=path,
        text=text,
        headline=meta.headline,
        url=safe_iri(meta.url) if meta.url else None,
        date_published=meta.date_published or page_date or date_in_url(safe_iri(meta.url) if meta.url else None),
        publisher=meta.publisher,
        language=meta.language or "en",
        authors=list(meta.authors),
        description=meta.description,
    )


def _sidecar(path: Path, meta_path: Path | None) -> Metadata:
    meta = Path(meta_path) if meta_path is not None else sidecar_path(path)
    if meta_path is None and not meta.is_file():
        return Metadata()
    try:
        return read_sidecar(meta)
    except ReadError as err:
        raise ReadError(err.path, f"{err.problem} (metadata for {path.name})") from None
