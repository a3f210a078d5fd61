"""Jinja filters the templates share: links to our own IRIs as relative paths, dates."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from kg.terms import curie

from .context import server_context

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


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
    return iri if iri.lower().startswith(("http://", "https://")) else None


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
    app.jinja_env.filters["nice_date"] = nice_date
    app.jinja_env.filters["curie"] = curie
    app.jinja_env.tests["local"] = is_local
