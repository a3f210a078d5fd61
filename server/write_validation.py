"""Writes over HTTP keep the store valid: after a SPARQL Update or a Graph Store write, every
article graph it changed, together with the shared graph, must still conform to the shapes
(what `newskg validate` checks); otherwise the write is refused with the report.

A change to the shared graph is checked against the article graphs that use the nodes it
changed. Runs where the change is computed (a query process), on the store as it would be."""
from __future__ import annotations

import pyoxigraph as ox

from kg import ids
from kg.store_validation import graph_of
from kg.validation import validate


def article_prefix(base: str) -> str:
    return str(ids.article_graph("", base))


def graphs_to_check(store: ox.Store, changed: list[ox.Quad], base: str) -> list[str]:
    """The article graphs whose validity the changed quads (added or removed) can affect."""
    prefix, shared = article_prefix(base), str(ids.shared_graph(base))
    graphs = {q.graph_name.value for q in changed if isinstance(q.graph_name, ox.NamedNode)}
    found = {g for g in graphs if g.startswith(prefix)}
    if shared in graphs:
        nodes = {term for q in changed if q.graph_name.value == shared
                 for term in (q.subject, q.object) if isinstance(term, ox.NamedNode)}
        for node in nodes:
            for row in store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }} }}"):
                if row["g"].value.startswith(prefix):
                    found.add(row["g"].value)
    return sorted(g for g in found if store.contains_named_graph(ox.NamedNode(g)))


def violations(store: ox.Store, graphs: list[str], base: str) -> str | None:
    """The validation report of the graphs that do not conform, or None when all do."""
    if not graphs:
        return None
    shared = graph_of(store, str(ids.shared_graph(base)))
    failed = []
    for name in graphs:
        report = validate(graph_of(store, name) + shared)
        if not report.conforms:
            failed.append(f"{name}\n{report.text}")
    return "\n".join(failed) or None
