"""The RDF that describes one IRI when it is dereferenced, as quads (graph names kept):

- every triple with the IRI as subject, in whichever graph it is;
- the types and labels of the nodes it points to (so a client can show names, not IRIs);
- for an article, everything in its named graph (with the graph's provenance);
- for a position, quote, role or event, its evidence (the excerpt or quotation);
- the statements that point to it (a bounded description: the positions, quotes, roles,
  events and articles that name it, each with its type, label and the few properties
  that say what it is), `page_size` pointing resources at a time."""
from __future__ import annotations

import pyoxigraph as ox

from . import ids
from .store import Store
from .terms import sparql_iri

LABELS = ("<http://www.w3.org/2000/01/rdf-schema#label> <https://schema.org/name> "
          "<https://schema.org/headline> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
          "<http://www.w3.org/2004/02/skos/core#prefLabel>")
EVIDENCE = "<https://w3id.org/newskg/ns#evidence>"
NKG, SCHEMA = "https://w3id.org/newskg/ns#", "https://schema.org/"
# what is said of a resource that points to the described one
SUMMARY = LABELS + " " + " ".join(f"<{NKG}{p}>" for p in (
    "stance", "proposition", "holder", "roleName", "roleIn", "qualifier", "eventType", "reportedIn",
    "attributedTo")) + " " + " ".join(f"<{SCHEMA}{p}>" for p in ("text", "creator", "startDate", "datePublished"))
# the nodes those point to whose labels are given too (a position's proposition, a role's office)
LABELLED = " ".join(f"<{NKG}{p}>" for p in ("proposition", "roleIn", "holder", "eventType")) + f" <{SCHEMA}creator>"
PAGE_SIZE = 200


def _quads(store: Store, body: str) -> list[ox.Quad]:
    """Runs `SELECT ?s ?p ?o ?g WHERE {body}` and returns the rows as quads."""
    rows = store.query(f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {body} }}")
    return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows if r["g"] is not None]


def article_key(iri: str, base: str) -> str | None:
    prefix = f"{base}id/article/"
    return iri[len(prefix):] if iri.startswith(prefix) else None


def describe(store: Store, iri: str, base: str, *, incoming: bool = True, page: int = 1,
             page_size: int = PAGE_SIZE) -> list[ox.Quad]:
    """The quads that describe `iri`; empty when the store says nothing about it.
    incoming: with the statements that point to it, page `page` of them."""
    return describe_page(store, iri, base, incoming=incoming, page=page, page_size=page_size)[0]


def describe_page(store: Store, iri: str, base: str, *, incoming: bool = True, page: int = 1,
                  page_size: int = PAGE_SIZE) -> tuple[list[ox.Quad], bool]:
    """describe(), and whether a next page of pointing statements follows."""
    x = sparql_iri(iri)
    found = _quads(store, f"GRAPH ?g {{ {x} ?p ?o }} BIND({x} AS ?s)")
    if not found:
        return [], False
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
    more = False
    if incoming:
        pointed, more = pointing(store, iri, page, page_size)
        found += pointed
    return _unique(found), more


def pointing_subjects(store: Store, iri: str, page: int, page_size: int) -> tuple[list[str], bool]:
    """The resources with a statement about `iri`, page `page` of them (in IRI order), and
    whether there are more."""
    x = sparql_iri(iri)
    rows = store.query(f"""SELECT DISTINCT ?s WHERE {{ ?s ?p {x} FILTER(isIRI(?s) && ?s != {x}) }}
                           ORDER BY ?s LIMIT {page_size + 1} OFFSET {max(0, page - 1) * page_size}""")
    subjects = [r["s"].value for r in rows]
    return subjects[:page_size], len(subjects) > page_size


def pointing(store: Store, iri: str, page: int = 1, page_size: int = PAGE_SIZE) -> tuple[list[ox.Quad], bool]:
    """The statements that point to `iri` (one page of pointing resources), what those
    resources are (SUMMARY) and the labels of what they name; and whether more pages follow."""
    subjects, more = pointing_subjects(store, iri, page, page_size)
    if not subjects:
        return [], False
    x = sparql_iri(iri)
    values = " ".join(sparql_iri(s) for s in subjects)
    found = _quads(store, f"VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p {x} }} BIND({x} AS ?o)")
    found += _quads(store, f"VALUES ?s {{ {values} }} VALUES ?p {{ {SUMMARY} }} GRAPH ?g {{ ?s ?p ?o }}")
    found += _quads(store, f"""{{ SELECT DISTINCT ?s WHERE {{ VALUES ?x {{ {values} }} VALUES ?p0 {{ {LABELLED} }}
                                  ?x ?p0 ?s FILTER(isIRI(?s) && ?s != {x}) }} }}
                               VALUES ?p {{ {LABELS} }} GRAPH ?g {{ ?s ?p ?o }}""")
    return _unique(found), more


def _unique(found: list[ox.Quad]) -> list[ox.Quad]:
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
