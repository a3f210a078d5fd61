"""Media types the server speaks and how pyoxigraph results are written in each of them.
Every format is serialised by pyoxigraph itself (JSON-LD included: it never loads a
remote context)."""
from __future__ import annotations

from typing import BinaryIO, Iterable

import pyoxigraph as ox

RESULTS_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    # generic names clients send for the same things
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
BOOLEAN_MEDIA_TYPES = list(RESULTS_FORMATS)
SOLUTIONS_MEDIA_TYPES = list(RESULTS_FORMATS)

GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.TURTLE,          # N3 clients (SPARQLWrapper's N3) read Turtle, a subset of N3
    "text/rdf+n3": ox.RdfFormat.TURTLE,
    "application/n3": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-json+ld": ox.RdfFormat.JSON_LD,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
GRAPH_MEDIA_TYPES = list(GRAPH_FORMATS)

# what the Content-Type header says for each (an alias is answered with its proper name,
# except the generic JSON/XML names, which clients asked for on purpose)
CANONICAL = {"application/x-turtle": "text/turtle", "text/n3": "text/turtle", "text/rdf+n3": "text/turtle",
             "application/n3": "text/turtle", "application/turtle": "text/turtle",
             "application/x-json+ld": "application/ld+json", "text/plain": "application/n-triples"}

# ?format= short names, as several endpoints accept them
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "n-triples": "application/n-triples",
    "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "trig": "application/trig", "nquads": "application/n-quads", "nq": "application/n-quads",
    "n-quads": "application/n-quads",
}
# a short name means a results format for SELECT/ASK and a graph format for CONSTRUCT
GRAPH_EQUIVALENT = {"application/sparql-results+json": "application/ld+json",
                    "application/sparql-results+xml": "application/rdf+xml"}

# parsing request bodies (graph store)
PARSE_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "text/n3": ox.RdfFormat.N3,
}


def content_type(media_type: str) -> str:
    media_type = CANONICAL.get(media_type, media_type)
    if media_type.startswith("text/") or media_type.endswith(("+xml", "/xml")) or "json" in media_type:
        return media_type + "; charset=utf-8"
    return media_type


def write_results(result, media_type: str, out: BinaryIO) -> None:
    """Writes a SELECT (QuerySolutions) or ASK (QueryBoolean) result."""
    result.serialize(out, RESULTS_FORMATS[media_type])


def write_graph(triples: Iterable, media_type: str, out: BinaryIO, prefixes: dict[str, str] | None = None) -> None:
    """Writes triples (a CONSTRUCT/DESCRIBE result or any iterable of ox.Triple) or quads."""
    fmt = GRAPH_FORMATS[media_type]
    kwargs = {}
    if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        kwargs["prefixes"] = prefixes
    if fmt.supports_datasets:
        triples = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) if isinstance(t, ox.Triple) else t
                   for t in triples)
    ox.serialize(triples, out, fmt, **kwargs)
