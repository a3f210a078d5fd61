"""The SPARQL 1.1 Service Description of /sparql (W3C sd: vocabulary)."""
from __future__ import annotations

import io

import pyoxigraph as ox
from flask import Response, request

from . import serialization as ser
from .negotiation import best_match

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"sd": SD, "formats": FORMATS, "void": "http://rdfs.org/ns/void#"}

RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads"]
INPUT_FORMATS = ["Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads"]
DESCRIPTION_TYPES = ["text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples",
                     "application/trig", "application/n-quads", "application/xml", "application/json", "text/plain"]


def sd(term: str) -> ox.NamedNode:
    return ox.NamedNode(SD + term)


def description(endpoint: str, graph_names: list[str], updates_enabled: bool) -> list[ox.Triple]:
    service = ox.NamedNode(endpoint + "#service")
    triples = [ox.Triple(service, RDF_TYPE, sd("Service")),
               ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(service, sd("defaultEntailmentRegime"),
                         ox.NamedNode("http://www.w3.org/ns/entailment/Simple"))]
    if updates_enabled:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS]
    triples += [ox.Triple(service, sd("inputFormat"), ox.NamedNode(FORMATS + f)) for f in INPUT_FORMATS]

    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    triples += [ox.Triple(service, sd("defaultDataset"), dataset),
                ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
                ox.Triple(dataset, sd("defaultGraph"), default_graph),
                ox.Triple(default_graph, RDF_TYPE, sd("Graph"))]
    for name in graph_names:
        try:
            graph_iri = ox.NamedNode(name)
        except ValueError:
            continue
        node = ox.BlankNode()
        triples += [ox.Triple(dataset, sd("namedGraph"), node),
                    ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
                    ox.Triple(node, sd("name"), graph_iri)]
    return triples


def service_description_response(ctx, endpoint: str | None = None) -> Response:
    """endpoint: the endpoint's URL (default: the URL of the request)."""
    media_type = best_match(request.headers.get("Accept"), DESCRIPTION_TYPES, "text/turtle") or "text/turtle"
    try:
        names = ctx.store.graph_names()
    except Exception:  # a description without the graph list beats no description
        names = []
    out = io.BytesIO()
    ser.write_graph(description(endpoint or request.base_url, names, bool(ctx.update_token)), media_type, out, PREFIXES)
    response = Response(out.getvalue(), content_type=ser.content_type(media_type))  # HEAD: Werkzeug drops the body
    response.headers["Vary"] = "Accept"
    return response
