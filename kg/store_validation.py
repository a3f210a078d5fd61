"""Validates everything in a store: each article graph together with the shared graph."""
from dataclasses import dataclass

from rdflib import Graph

from . import ids
from .namespaces import bind_prefixes
from .store import Store
from .terms import to_rdflib
from .validation import validate


@dataclass
class StoreReport:
    conforms: bool
    text: str


def graph_of(store: Store, name: str) -> Graph:
    g = bind_prefixes(Graph())
    for row in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"):
        g.add(tuple(to_rdflib(row[v]) for v in ("s", "p", "o")))
    return g


def validate_store(store: Store, base: str | None = None) -> StoreReport:
    shared_name = str(ids.shared_graph(base))
    shared = graph_of(store, shared_name)
    names = [n for n in store.graph_names() if n != shared_name]
    lines, conforms = [], True
    for name in names:
        report = validate(graph_of(store, name) + shared)
        if report.conforms:
            lines.append(f"ok    {name}")
        else:
            conforms = False
            lines.append(f"FAIL  {name}\n{report.text}")
    lines.append(f"{len(names)} article graphs, {'all conform' if conforms else 'violations found'}")
    return StoreReport(conforms, "\n".join(lines))
