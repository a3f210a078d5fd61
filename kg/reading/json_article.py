"""`.json` articles: one object with the text and the same metadata keys as a sidecar."""
from pathlib import Path

from .errors import ReadError
from .metadata import Metadata, from_mapping, parse_json_object

TEXT_KEYS = ("text", "articleBody", "body", "content")


def read_json_article(path: Path, raw: str) -> tuple[Metadata, str]:
    """(its metadata, its text) from the JSON article `raw`, read from `path`."""
    data = parse_json_object(path, raw, "JSON article")
    body = next((data[k] for k in TEXT_KEYS if k in data), None)
    if isinstance(body, list):
        body = "\n\n".join(p for p in body if isinstance(p, str))
    text = body if isinstance(body, str) else None
    if not text or not text.strip():
        raise ReadError(path, "JSON article has no text (expected a 'text', 'articleBody' or 'body' string)")
    return from_mapping(data), text
