"""The RDF that describes one IRI when it is dereferenced, as quads (graph names kept):

- every triple with the IRI as subject, in whichever graph it is;
- the types and labels of the nodes it points to (so a client can show names, not IRIs);
- for an article, everything in its named graph (with the graph's provenance);
- for a position, quote, role or event, its evidence (the excerpt or quotation)."""
from __future__ import annotations

import pyoxigraph as ox

from . import ids
from .store import Store
from .terms import sparql_iri

LABELS = ("<http://www.w3.org/2000/01/rdf-schema#label> <https://schema.org/name> "
          "<https://schema.org/headline> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
          "<http://www.w3.org/2004/02/skos/core#prefLabel>")
EVIDENCE = "<https://w3id.org/newskg/ns#evidence>"


def _quads(store: Store, body: str) -> list[ox.Quad]:
    """Runs `SELECT ?s ?p ?o ?g WHERE {body}` and returns the rows as quads."""
    rows = store.query(f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {body} }}")
    return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows if r["g"] is not None]


def article_key(iri: str, base: str) -> str | None:
    prefix = f"{base}id/article/"
    return iri[len(prefix):] if iri.startswith(prefix) else None


def describe(store: Store, iri: str, base: str) -> list[ox.Quad]:
    """The quads that describe `iri`; empty when the store says nothing about it."""
    x = sparql_iri(iri)
    found = _quads(store, f"GRAPH ?g {{ {x} ?p ?o }} BIND({x} AS ?s)")
    if not found:
        return []
    key = article_key(iri, base)
    if key is not None:
        graph = sparql_iri(str(ids.article_graph(key, base)))
        found += _quads(store, f"GRAPH {graph} {{ ?s ?p ?o }} BIND({graph} AS ?g)")
        # names and types of what the article's graph points to, from the shared graph
        found += _quads(store, f"""GRAPH {graph} {{ ?x ?p0 ?s FILTER(isIRI(?s)) }}
                                   VALUES ?p {{ {LABELS} }} GRAPH ?g {{ ?s ?p ?o }}""")
    else:
        # the evidence of a finding: excerpt or quotation, and what those point to
        found += _quads(store, f"{x} {EVIDENCE} ?s . GRAPH ?g {{ ?s ?p ?o }}")
    found += _quads(store, f"""{{ SELECT DISTINCT ?s WHERE {{ {x} ?p0 ?s FILTER(isIRI(?s)) }} }}
                               VALUES ?p {{ {LABELS} }} GRAPH ?g {{ ?s ?p ?o }}""")
    seen, unique = set(), []
    for quad in found:
        if quad not in seen:
            seen.add(quad)
            unique.append(quad)
    return unique


def as_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The union of the quads' graphs, each triple once."""
    seen, out = set(), []
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def graph_contents(store: Store, graph_iri: str) -> list[ox.Quad]:
    """Every quad of one named graph."""
    g = sparql_iri(graph_iri)
    return _quads(store, f"GRAPH {g} {{ ?s ?p ?o }} BIND({g} AS ?g)")
