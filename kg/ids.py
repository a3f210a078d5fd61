"""Deterministic IRIs: the same input gives the same IRIs on every run and machine."""
import hashlib
import re
import unicodedata

from rdflib import URIRef

from . import config

KINDS = ("article", "actor", "place", "proposition", "position", "event", "quote", "role")


def slug(text: str, max_len: int = 60) -> str:
    """'Péter Szijjártó' -> 'peter-szijjarto'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_len].rstrip("-") or "x"


def digest(*parts: str, length: int = 12) -> str:
    joined = "\x1f".join(parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


def iri(kind: str, key: str, base: str | None = None) -> URIRef:
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}")
    return URIRef(f"{base or config.base()}id/{kind}/{key}")


def article_graph(article_key: str, base: str | None = None) -> URIRef:
    return URIRef(f"{base or config.base()}graph/article/{article_key}")


def shared_graph(base: str | None = None) -> URIRef:
    return URIRef(f"{base or config.base()}graph/shared")
