"""Article metadata from any source (sidecar, JSON article, HTML page), merged by priority."""
import json
import re
from urllib.parse import quote
from dataclasses import dataclass, field, fields
from pathlib import Path

from .dates import normalise_date
from .errors import ReadError
from .source_file import read_text

# Accepted spellings of each field, schema.org's first.
KEYS = {
    "headline": ("headline", "title", "name"),
    "url": ("url", "link", "canonical", "@id"),
    "date_published": ("datePublished", "date_published", "published", "date", "dateCreated",
                       "uploadDate", "published_time", "publishedAt", "pubDate"),
    "publisher": ("publisher", "sourceOrganization", "source", "site_name", "siteName"),
    "language": ("inLanguage", "language", "lang", "locale"),
    "authors": ("author", "authors", "creator", "byline"),
    "description": ("description", "abstract", "summary", "standfirst", "lead"),
}


@dataclass
class Metadata:
    headline: str | None = None
    url: str | None = None
    date_published: str | None = None
    publisher: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    description: str | None = None

    def fill_from(self, other: "Metadata") -> "Metadata":
        """Keep this one's values; take the other's where this one has none."""
        for f in fields(self):
            if not getattr(self, f.name):
                setattr(self, f.name, getattr(other, f.name))
        return self


def merged(*sources: Metadata) -> Metadata:
    """The first source that has a value wins, field by field."""
    result = Metadata()
    for source in sources:
        result.fill_from(source)
    return result


def from_mapping(data: dict) -> Metadata:
    """A JSON object with sidecar or schema.org keys."""
    def first(name: str):
        for key in KEYS[name]:
            if data.get(key) not in (None, "", [], {}):
                return data[key]
        return None

    def absolute_url():
        for key in KEYS["url"]:
            value = text_value(data.get(key))
            if value and "://" in value:
                return safe_iri(value)
        return None

    return Metadata(
        headline=text_value(first("headline")),
        url=absolute_url(),
        date_published=normalise_date(text_value(first("date_published"))),
        publisher=name_value(first("publisher")),
        language=language_tag(text_value(first("language"))),
        authors=names(first("authors")),
        description=text_value(first("description")),
    )


def text_value(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float))), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def name_value(value) -> str | None:
    """A publisher or author given as "Name", {"name": "Name"} or a list of those."""
    if isinstance(value, list):
        return next((n for n in (name_value(v) for v in value) if n), None)
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("legalName"))
    return text_value(value)


def names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        name = name_value(item)
        if name and name not in result:
            result.append(name)
    return result


def language_tag(value: str | None) -> str | None:
    """"en_US" -> "en-US"; "EN" -> "en"."""
    if not value:
        return None
    parts = value.replace("_", "-").split("-")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


def load_json_object(path: Path, what: str) -> dict:
    """Parse a file holding one JSON object; anything else is a ReadError."""
    return parse_json_object(path, read_text(path), what)


def parse_json_object(path: Path, text: str, what: str) -> dict:
    """The one JSON object that `text`, read from `path`, holds; anything else is a ReadError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReadError(path, f"not valid JSON (line {err.lineno}: {err.msg})") from None
    if not isinstance(data, dict):
        raise ReadError(path, f"{what} must hold a JSON object")
    return data


def sidecar_path(article_path: Path) -> Path:
    """NAME.meta.json beside NAME.txt / NAME.html / NAME.json."""
    return article_path.with_name(article_path.name.rsplit(".", 1)[0] + ".meta.json")


def read_sidecar(path: Path) -> Metadata:
    return from_mapping(load_json_object(path, "meta file"))


_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+")


def safe_iri(url: str) -> str | None:
    """The URL as a valid IRI: characters that IRIs may not hold percent-encoded; None when it
    is not an absolute URL at all."""
    url = url.strip()
    if _IRI.fullmatch(url):
        return url
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", url)
    if not scheme:
        return None
    return url[:scheme.end()] + quote(url[scheme.end():], safe="/?#[]@!$&'()*+,;=%:~-._")
