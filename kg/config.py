"""Deployment settings, read from the environment."""
import os
from pathlib import Path

DEFAULT_BASE = "http://localhost:8080/"
DEFAULT_STORE = "newskg-store"


def base() -> str:
    """The public base under which data IRIs live, always ending in '/'."""
    value = os.environ.get("NEWSKG_BASE", DEFAULT_BASE).strip() or DEFAULT_BASE
    return value if value.endswith("/") else value + "/"


def store_dir() -> Path:
    return Path(os.environ.get("NEWSKG_STORE", DEFAULT_STORE))


def update_token() -> str | None:
    """The bearer token that allows writes over HTTP; None means no writes at all."""
    return os.environ.get("NEWSKG_UPDATE_TOKEN") or None
