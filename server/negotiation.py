"""Content negotiation: parsing Accept headers (with q-values) and choosing among
the media types a resource can be served in. Reusable by every part of the server."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return True
        return self.type == main and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed parts are skipped, never fatal."""
    ranges = []
    for order, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        if not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub, q, order))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q-value the most specific matching range gives a media type (0 if none)."""
    best = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best else 0.0


def best_match(accept: str | None, offered: list[str], default: str | None = None) -> str | None:
    """The offered media type the client prefers most.

    No (or an empty/unparseable) Accept header means "anything": `default` (or the first
    offered type). None when the client accepts none of the offered types."""
    ranges = parse_accept(accept)
    if not ranges:
        return default or (offered[0] if offered else None)
    scored = []
    for position, media_type in enumerate(offered):
        q = quality(ranges, media_type)
        if q > 0:
            # prefer higher q, then an explicitly named type over a wildcard match, then our order
            explicit = any(r.matches(media_type) and r.specificity == 2 for r in ranges)
            is_default = media_type == default
            scored.append((-q, not explicit, not is_default, position, media_type))
    if not scored:
        return None
    return min(scored)[-1]


def accepts_html(accept: str | None) -> bool:
    """True when the client explicitly prefers an HTML page (browsers), not for */*."""
    ranges = parse_accept(accept)
    html_q = max((r.q for r in ranges if r.type == "text" and r.subtype == "html"), default=0.0)
    if html_q <= 0:
        html_q = max((r.q for r in ranges if r.type == "application" and r.subtype == "xhtml+xml"), default=0.0)
    return html_q > 0 and html_q >= max((r.q for r in ranges if r.specificity == 2
                                         and not (r.type == "text" and r.subtype == "html")), default=0.0)
