"""Limits on what one article may bring in; a user raises them by flag (`newskg ingest --max-...`)."""
import re
from dataclasses import dataclass

MB = 1024 * 1024
# C0 and C1 controls but tab and newline; bidi embeddings, overrides and isolates.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 5 * MB       # an input file; a news page is some kilobytes, its HTML rarely 2 MB
    max_headline_chars: int = 400
    max_literal_chars: int = 10_000    # any other literal but the full text (--store-text)


DEFAULT = Limits()


def clean_literal(text: str, limit: int | None = None) -> str:
    """Control and bidi-override characters removed; cut to `limit` characters (an ellipsis
    marks the cut)."""
    if not text.isprintable():
        text = _UNWANTED.sub("", text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def without_controls(text: str) -> str:
    """For reading: control and bidi-override characters removed (format characters that a
    text legitimately holds, such as zero-width joiners, are kept)."""
    return _UNWANTED.sub("", text) if not text.isprintable() else text


__all__ = ["Limits", "DEFAULT", "MB", "clean_literal", "without_controls"]
