"""Storage behind one small interface: an embedded Oxigraph store in a folder, or a
remote SPARQL 1.1 endpoint standing in its place. Query results are pyoxigraph's
result objects in both cases, so callers never care which store they talk to."""
from __future__ import annotations

import io
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Iterable, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


Triples = Iterable[tuple]        # an rdflib Graph, or any collection of rdflib (s, p, o) triples


class Replacement(NamedTuple):
    """A named graph's new content, and triples it adds to other graphs (the shared graph),
    after taking out of them everything about the subjects `clear` names there."""
    graph_iri: str
    graph: Triples
    additions: dict[str, Triples]
    clear: dict[str, Iterable[str]] = {}


def insert_data_block(graph_iri: str, graph: Triples) -> str:
    """`GRAPH <g> { ... }` for an INSERT DATA request, terms in N-Triples syntax."""
    lines = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph]
    return f"GRAPH <{graph_iri}> {{\n" + "\n".join(lines) + "\n}"


def last_per_graph(replacements: list[Replacement]) -> list[Replacement]:
    return list({r.graph_iri: r for r in replacements}.values())


def clear_update(graph_iri: str, subjects: Iterable[str]) -> str:
    """A SPARQL update operation that deletes every triple about the subjects from the graph."""
    values = " ".join(f"<{s}>" for s in sorted(subjects))
    return (f"DELETE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {values} }} "
            f"GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")


def replace_graphs_update(replacements: list[Replacement]) -> str:
    """One SPARQL update that replaces graphs and adds to others, applied as one transaction."""
    drops = "".join(f"DROP SILENT GRAPH <{r.graph_iri}> ;\n" for r in replacements)
    drops += "".join(f"{clear_update(iri, subjects)} ;\n" for r in replacements
                     for iri, subjects in r.clear.items() if subjects)
    blocks = []
    for r in replacements:
        blocks.append(insert_data_block(r.graph_iri, r.graph))
        blocks += [insert_data_block(iri, g) for iri, g in r.additions.items() if len(g)]
    return f"{drops}INSERT DATA {{\n" + "\n".join(blocks) + "\n}"


class Store(ABC):
    """What NewsKG needs of a quad store."""

    @abstractmethod
    def query(self, sparql: str, *, default_graph_uris: Iterable[str] = (),
              named_graph_uris: Iterable[str] = ()):
        """Runs a query; the default graph is the union of all graphs unless
        default_graph_uris names the graphs to use."""

    @abstractmethod
    def update(self, sparql: str) -> None: ...

    @abstractmethod
    def graph_names(self) -> list[str]: ...

    @abstractmethod
    def dump(self, out: io.IOBase, fmt: str = "nquads") -> None: ...

    def replace_graphs(self, replacements: list[Replacement]) -> None:
        """Replaces named graphs and adds triples to others (each Replacement's additions), in
        one transaction, all or nothing; a graph named twice gets its last content."""
        self.update(replace_graphs_update(last_per_graph(replacements)))

    def close(self) -> None:
        pass


class OxigraphStore(Store):
    def __init__(self, path: Path | str | None = None, read_only: bool = False):
        self.read_only = read_only
        self.path = Path(path) if path is not None else None  # beside it: the search index (kg.search_index)
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            Path(path).mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def query(self, sparql, *, default_graph_uris=(), named_graph_uris=()):
        kwargs = {}
        default_graph_uris = list(default_graph_uris)
        named_graph_uris = list(named_graph_uris)
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph_uris]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graph_uris:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graph_uris]
        return self._store.query(sparql, **kwargs)

    def update(self, sparql):
        self._store.update(sparql)

    def replace_graphs(self, replacements):
        replacements = last_per_graph(replacements)
        if any(r.clear for r in replacements) or \
                any(self._store.contains_named_graph(ox.NamedNode(r.graph_iri)) for r in replacements):
            super().replace_graphs(replacements)        # drops and inserts in one update
            return
        # new graphs only: their quads are added in one transaction, without a round trip through text
        terms, quads = _OxigraphTerms(), []
        for r in replacements:
            for iri, triples in ((r.graph_iri, r.graph), *r.additions.items()):
                quads += terms.quads(triples, ox.NamedNode(iri))
        self._store.extend(quads)

    def graph_names(self):
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self):
        return len(self._store)

    def dump(self, out, fmt="nquads"):
        if FORMATS[fmt] in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            self._store.dump(out, FORMATS[fmt])
        else:
            # triple formats: the union of all graphs
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            ox.serialize(triples, out, FORMATS[fmt])

    def close(self):
        if not self.read_only:
            self._store.flush()
        del self._store


class _OxigraphTerms:
    """rdflib terms as pyoxigraph terms; a blank node is a fresh one per use of this, as
    a blank node in INSERT DATA is per request."""

    def __init__(self):
        self._made: dict = {}

    def quads(self, triples, graph_name: ox.NamedNode) -> list[ox.Quad]:
        made, quad = self._made, ox.Quad
        out = []
        for triple in triples:
            for term in triple:
                if term not in made:
                    made[term] = _new_term(term)
            s, p, o = triple
            out.append(quad(made[s], made[p], made[o], graph_name))
        return out


def _new_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode()
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


from .remote_store import SparqlStore  # noqa: E402  (the remote store, defined on top of Store)


def open_store(location: str | Path, read_only: bool = False, update_endpoint: str | None = None) -> Store:
    """An http(s) URL opens a remote SPARQL store (its update endpoint: `update_endpoint`,
    else $NEWSKG_STORE_UPDATE, else the same URL); anything else is a folder."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        import os
        from . import config
        return SparqlStore(text, update_endpoint or os.environ.get("NEWSKG_STORE_UPDATE") or None,
                           token=config.update_token(), user=os.environ.get("NEWSKG_STORE_USER"),
                           password=os.environ.get("NEWSKG_STORE_PASSWORD"))
    return OxigraphStore(location, read_only=read_only)
