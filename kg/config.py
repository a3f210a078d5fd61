"""Deployment settings, read from the environment."""
import os
from pathlib import Path

DEFAULT_BASE = "http://localhost:8080/"
DEFAULT_STORE = "newskg-store"
# the licence of NewsKG's own statements (quoted text and abstracts stay their publishers')
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def base() -> str:
    """The public base under which data IRIs live, always ending in '/'."""
    value = os.environ.get("NEWSKG_BASE", DEFAULT_BASE).strip() or DEFAULT_BASE
    return value if value.endswith("/") else value + "/"


def store_dir() -> Path:
    return Path(os.environ.get("NEWSKG_STORE", DEFAULT_STORE))


def update_token() -> str | None:
    """The bearer token that allows writes over HTTP; None means no writes at all."""
    return os.environ.get("NEWSKG_UPDATE_TOKEN") or None


def license_iri() -> str:
    """NEWSKG_LICENSE: the IRI of the licence the dataset is published under."""
    return os.environ.get("NEWSKG_LICENSE", "").strip() or DEFAULT_LICENSE


def strict_shapes() -> bool:
    """$NEWSKG_STRICT_SHAPES=1 (the tests set it): a graph that violates the shapes is a bug
    of NewsKG and refuses its article loudly, instead of losing only the offending finding."""
    return os.environ.get("NEWSKG_STRICT_SHAPES", "").strip() not in ("", "0", "false", "no")
