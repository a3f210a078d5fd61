"""Negotiated RDF responses for the pages: which representation a request wants, the
RDF serialisations, the JSON-LD embedded in HTML, and the Vary/Link headers."""
from __future__ import annotations

import io
import json

import pyoxigraph as ox
from flask import Response, request
from rdflib import BNode, Graph, URIRef

from kg.describe import as_triples
from kg.namespaces import PREFIXES
from kg.terms import to_rdflib

from . import serialization as ser
from .negotiation import best_match

HTML = "text/html"
RDF_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
             "application/trig", "application/n-quads"]
ALIASES = ["application/json", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3",
           "application/turtle", "application/x-json+ld"]
SHORT_NAMES = {"html": HTML, **ser.FORMAT_NAMES}
EXTENSIONS = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
              "application/rdf+xml": "rdf", "application/trig": "trig", "application/n-quads": "nq"}
CONTEXT = {prefix: str(ns) for prefix, ns in PREFIXES.items()} | {
    "sh": "http://www.w3.org/ns/shacl#", "dcterms": "http://purl.org/dc/terms/", "void": "http://rdfs.org/ns/void#",
    "foaf": "http://xmlns.com/foaf/0.1/"}


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
    if media == "application/json":
        return "application/ld+json"
    return ser.CANONICAL.get(media, media)


def alternates_link(path: str, html: bool = True) -> str:
    """A Link header naming every representation of the resource at `path`."""
    links = [f'<{path}?format=html>; rel="alternate"; type="text/html"'] if html else []
    links += [f'<{path}?format={EXTENSIONS[m]}>; rel="alternate"; type="{m}"' for m in RDF_TYPES]
    return ", ".join(links)


def negotiated(response: Response, path: str, html: bool = True, media: str | None = None) -> Response:
    """Vary, the alternates, and (for a negotiated answer) the URL of this very representation."""
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = alternates_link(path, html)
    if media in EXTENSIONS or media == HTML:
        response.headers["Content-Location"] = f"{path}?format={EXTENSIONS.get(media, 'html')}"
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
    """The quads in `media`. A dataset format (TriG, N-Quads) carries every triple in the
    default graph, so a client that reads only the default graph (Comunica, rapper) gets
    the whole description, and again in the named graphs it comes from (its provenance)."""
    if media == "application/ld+json":
        return jsonld_text(quads).encode("utf-8")
    out = io.BytesIO()
    triples = as_triples(quads)
    if ser.GRAPH_FORMATS[media].supports_datasets:
        named = [q for q in quads if isinstance(q, ox.Quad) and not isinstance(q.graph_name, ox.DefaultGraph)]
        ser.write_graph([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples] + named,
                        media, out, prefixes=CONTEXT)
    else:
        ser.write_graph(triples, media, out, prefixes=CONTEXT)
    return out.getvalue()


def rdf_response(quads, media: str, path: str, html: bool = True, status: int = 200) -> Response:
    # the body is kept for HEAD too: Werkzeug sends no body then, but its real length
    response = Response(rdf_body(quads, media), status=status, content_type=ser.content_type(media))
    return negotiated(response, path, html, media)


def rdflib_triples(graph: Graph) -> list[ox.Triple]:
    """An rdflib graph (VoID) as pyoxigraph triples, literals in their lexical form."""
    def term(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in graph]


def graph_response(triples, media: str, path: str, html: bool = True) -> Response:
    """A plain graph (ontology, shapes, VoID: pyoxigraph triples or an rdflib Graph) in the
    chosen RDF format; in TriG and N-Quads it is the default graph."""
    if isinstance(triples, Graph):
        triples = rdflib_triples(triples)
    return rdf_response(triples, media, path, html)
