"""An article as read from a file: clean main text plus metadata."""
from dataclasses import dataclass, field
from pathlib import Path

from . import ids


@dataclass
class Article:
    source: Path                       # the file it was read from
    text: str                          # main text only: no page furniture, no repeated headline
    headline: str | None = None
    url: str | None = None
    date_published: str | None = None  # ISO 8601 date or dateTime
    publisher: str | None = None
    language: str = "en"
    authors: list[str] = field(default_factory=list)
    description: str | None = None     # a short abstract from the page's metadata, if any

    @property
    def key(self) -> str:
        """Stable key: readable slug of the URL's last path segment (or headline) plus a hash."""
        if self.url:
            tail = self.url.rstrip("/").rsplit("/", 1)[-1]
            return f"{ids.slug(tail, 48)}-{ids.digest(self.url.rstrip('/'), length=8)}"
        return f"{ids.slug(self.headline or 'article', 48)}-{ids.digest(self.text, length=8)}"
