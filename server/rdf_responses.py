"""Negotiated RDF responses for the pages: which representation a request wants, the
RDF serialisations, the JSON-LD embedded in HTML, and the Vary/Link headers."""
from __future__ import annotations

import io
import json

import pyoxigraph as ox
from flask import Response, request
from rdflib import Graph

from kg.namespaces import PREFIXES
from kg.terms import to_rdflib

from . import serialization as ser
from .negotiation import best_match

HTML = "text/html"
RDF_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
             "application/trig", "application/n-quads"]
ALIASES = ["application/json", "application/x-turtle", "text/n3"]
SHORT_NAMES = {"html": HTML, **ser.FORMAT_NAMES}
EXTENSIONS = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
              "application/rdf+xml": "rdf", "application/trig": "trig", "application/n-quads": "nq"}
CONTEXT = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class NotAcceptable(Exception):
    pass


def chosen_type(default: str = HTML, html: bool = True) -> str:
    """The media type a request wants: ?format= first, else its Accept header.
    Raises NotAcceptable when neither names something we serve."""
    offered = ([HTML] if html else []) + RDF_TYPES + ALIASES
    requested = request.args.get("format", "").strip().lower()
    if requested:
        media = SHORT_NAMES.get(requested, requested)
        media = ser.GRAPH_EQUIVALENT.get(media, media)
        if media not in offered:
            raise NotAcceptable(f"unknown format {requested!r}")
    else:
        media = best_match(request.headers.get("Accept"), offered, default)
        if media is None:
            raise NotAcceptable("none of the accepted media types is served here")
    return {"application/json": "application/ld+json", "application/x-turtle": "text/turtle",
            "text/n3": "text/turtle"}.get(media, media)


def alternates_link(path: str, html: bool = True) -> str:
    """A Link header naming every representation of the resource at `path`."""
    links = [f'<{path}?format=html>; rel="alternate"; type="text/html"'] if html else []
    links += [f'<{path}?format={EXTENSIONS[m]}>; rel="alternate"; type="{m}"' for m in RDF_TYPES]
    return ", ".join(links)


def negotiated(response: Response, path: str, html: bool = True) -> Response:
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = alternates_link(path, html)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def jsonld_text(quads) -> str:
    """Compact JSON-LD of the quads' triples with the project's prefixes as @context."""
    g = Graph()
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g.serialize(format="json-ld", context=CONTEXT, auto_compact=True, indent=2)


def script_safe_json(text: str) -> str:
    """JSON that can sit inside <script>: no '<', '>' or '&' survive as such."""
    parsed = json.loads(text)
    dumped = json.dumps(parsed, ensure_ascii=False, indent=1)
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def rdf_body(quads, media: str) -> bytes:
    if media == "application/ld+json":
        return jsonld_text(quads).encode("utf-8")
    out = io.BytesIO()
    fmt = ser.GRAPH_FORMATS[media]
    if fmt.supports_datasets:
        ser.write_graph(quads, media, out, prefixes=CONTEXT)
    else:
        seen = []
        unique = set()
        for q in quads:
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in unique:
                unique.add(t)
                seen.append(t)
        ser.write_graph(seen, media, out, prefixes=CONTEXT)
    return out.getvalue()


def rdf_response(quads, media: str, path: str, html: bool = True, status: int = 200) -> Response:
    body = b"" if request.method == "HEAD" else rdf_body(quads, media)
    response = Response(body, status=status, content_type=ser.content_type(media))
    return negotiated(response, path, html)


RDFLIB_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
                  "application/rdf+xml": "xml", "application/trig": "trig", "application/n-quads": "nquads"}


def graph_response(graph: Graph, media: str, path: str, html: bool = True) -> Response:
    """An rdflib graph (ontology, shapes, VoID) in the chosen RDF format."""
    fmt = RDFLIB_FORMATS[media]
    if fmt == "nquads":  # a plain graph: its N-Triples are its N-Quads (all in the default graph)
        fmt = "nt"
    options = {"context": CONTEXT, "auto_compact": True, "indent": 2} if fmt == "json-ld" else {}
    body = graph.serialize(format=fmt, encoding="utf-8", **options)
    return negotiated(Response(body, content_type=ser.content_type(media)), path, html)
