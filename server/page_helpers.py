"""Jinja filters the templates share: links to our own IRIs as relative paths, dates, and
the one filter every URL passes before it becomes a link (`link_url`)."""
from __future__ import annotations

import re
from datetime import date, datetime

from flask import Flask

from kg.terms import curie

from .context import server_context

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
LINK_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")  # WHATWG URL parsing drops these anywhere


def link_url(url: str | None) -> str | None:
    """The URL if it may be a link: http(s) or relative; None for any other scheme
    (javascript:, data:, vbscript:, ...), however it is spelt, so that it is shown as text."""
    if not url or not isinstance(url, str):
        return None
    # what a browser would read: C0 controls and spaces around it, tabs and newlines inside, dropped
    seen = _IGNORED_BY_BROWSERS.sub("", url.strip("".join(map(chr, range(0x21)))))
    if not seen:
        return None
    scheme = _SCHEME.match(seen)
    if scheme is None:
        # relative; a ':' before any '/', '?' or '#' would make a browser read a scheme
        return None if re.match(r"[^/?#]*:", seen) else seen
    return seen if scheme.group(1).lower() in LINK_SCHEMES else None


def local_href(iri: str | None, base: str) -> str | None:
    """`{base}id/actor/x` -> `/id/actor/x` (works on any host); other IRIs stay as they are."""
    if not iri:
        return None
    if iri.startswith(base):
        rest = iri[len(base):]
        if rest.startswith("id/"):
            return "/" + rest
        if rest.startswith("graph/"):  # a page for browsers, RDF for the Graph Store Protocol
            return "/" + rest
    # only web links: an IRI such as javascript:... must never become a clickable link
    return iri if _SCHEME.match(iri) and link_url(iri) else None


def href(iri: str | None) -> str | None:
    return local_href(iri, server_context().base)


def is_local(iri: str | None) -> bool:
    return bool(iri) and iri.startswith(server_context().base)


def nice_date(value: str | None) -> str:
    """'2024-12-04' -> '4 Dec 2024'; '2024-12' -> 'Dec 2024'; a dateTime keeps its time."""
    if not value:
        return ""
    try:
        if len(value) == 4:
            return value
        if len(value) == 7:
            return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
        if len(value) == 10:
            d = date.fromisoformat(value)
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}" + \
            (" UTC" if moment.utcoffset() is not None and not moment.utcoffset() else "")
    except (ValueError, IndexError):
        return value


def install_filters(app: Flask) -> None:
    app.jinja_env.filters["href"] = href
    app.jinja_env.filters["link_url"] = link_url
    app.jinja_env.filters["nice_date"] = nice_date
    app.jinja_env.filters["curie"] = curie
    app.jinja_env.tests["local"] = is_local
