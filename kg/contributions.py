"""What each article contributes to the shared graph, so that the shared graph stays valid
across articles: replacing or deleting an article takes its contributions back, and the
description of every shared node it touched is rebuilt from the articles that remain.

Each article's graph records its contribution to each shared node it describes, as one entry:

    <{article graph}#shared-{hash12 of node}> a prov:Entity ;
        prov:specializationOf <node> ;      # the article's own description of that node
        prov:value "# type-source: model\\n<node> <p> <o> .\\n..." .   # those triples, N-Triples

(a literal, so that what one article says about a node is not asserted a second time, nor
against what another article says). A shared node's description is the union of its entries'
triples, with one actor type chosen by the precedence of kg.reconcile across the articles: the
registry, then an article's own metadata, then the model (the type most articles give it; on a
tie, the first of kg.mapping.ACTOR_CLASSES)."""
from collections import Counter, defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.plugins.serializers.nt import _nt_row

from . import ids
from .mapping import ACTOR_CLASSES, MappedArticle, Triples
from .reconcile import METADATA, MODEL, REGISTRY
from .store import Replacement, Store, clear_update, insert_data_block

_SOURCES = {REGISTRY: "registry", METADATA: "metadata", MODEL: "model"}
_SOURCE_RANKS = {name: rank for rank, name in _SOURCES.items()}
_TYPE = f"<{RDF.type}>"
_KINDS = [f"<{iri}>" for iri in ACTOR_CLASSES.values()]


@dataclass
class Entry:
    node: str                 # the shared node's IRI
    lines: list[str]          # its triples, N-Triples lines
    source: int               # where the article's actor type came from (kg.reconcile)

    def literal(self) -> str:
        return f"# type-source: {_SOURCES[self.source]}\n" + "\n".join(sorted(self.lines)) + "\n"   # the same on every run

    @classmethod
    def parse(cls, node: str, text: str) -> "Entry":
        lines = text.splitlines()
        source = MODEL
        if lines and lines[0].startswith("# type-source: "):
            source = _SOURCE_RANKS.get(lines[0].split(": ", 1)[1].strip(), MODEL)
        return cls(node, [line for line in lines if line and not line.startswith("#")], source)


def entries_of(mapped: MappedArticle) -> dict[str, Entry]:
    by_node: dict[str, list[str]] = defaultdict(list)
    for triple in mapped.shared:
        by_node[str(triple[0])].append(_nt_row(triple).rstrip("\n"))   # one line, whatever the literal holds
    return {node: Entry(node, lines, mapped.type_sources.get(URIRef(node), MODEL))
            for node, lines in by_node.items()}


def entry_iri(graph_name: str, node: str) -> URIRef:
    return URIRef(f"{graph_name}#shared-{ids.digest(node)}")


def ledger_triples(graph_name: str, entries: dict[str, Entry]) -> list[tuple]:
    triples = []
    for node, entry in entries.items():
        iri = entry_iri(graph_name, node)
        triples += [(iri, RDF.type, PROV.Entity), (iri, PROV.specializationOf, URIRef(node)),
                    (iri, PROV.value, Literal(entry.literal()))]
    return triples


def described(entries: list[Entry]) -> list[str]:
    """A shared node's triples: the union of its entries', with one actor type."""
    lines = list(dict.fromkeys(line for entry in entries for line in entry.lines))
    offers = [(entry.source, _kind(line)) for entry in entries for line in entry.lines if _kind(line)]
    if len({kind for _, kind in offers}) <= 1:
        return lines
    chosen = _chosen_kind(offers)
    return [line for line in lines if _kind(line) in (None, chosen)]


def _chosen_kind(offers: list[tuple[int, str]]) -> str:
    """The actor class that wins: the best source's; among its, the one most offers make."""
    best = min(source for source, _ in offers)
    counts = Counter(kind for source, kind in offers if source == best)
    top = max(counts.values())
    return next(kind for kind in _KINDS if counts.get(kind) == top)


def resolved_shared(mapped: list[MappedArticle]) -> Triples:
    """The shared triples of several articles as the store will hold them: one actor type each."""
    offers: dict = defaultdict(list)
    for m in mapped:
        for s, p, o in m.shared:
            if p == RDF.type and f"<{o}>" in _KINDS:
                offers[s].append((m.type_sources.get(s, MODEL), f"<{o}>"))
    chosen = {node: _chosen_kind(made) for node, made in offers.items() if len({k for _, k in made}) > 1}
    union = Triples()
    for m in mapped:
        for triple in m.shared:
            s, p, o = triple
            if s in chosen and p == RDF.type and f"<{o}>" in _KINDS and f"<{o}>" != chosen[s]:
                continue
            union.add(triple)
    return union


def _kind(line: str) -> str | None:
    """The actor class a line types its node with, if it is such a line."""
    parts = line.split(" ")
    if len(parts) >= 3 and parts[1] == _TYPE and parts[2] in _KINDS:
        return parts[2]
    return None


def _values(iris) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def stored_entries(store: Store, *, graphs=(), nodes=(), excluding=()) -> list[tuple[str, Entry]]:
    """(graph, entry) of the contributions stored in the given article graphs, or to the given nodes."""
    if not graphs and not nodes:
        return []
    restrict = f"VALUES ?g {{ {_values(graphs)} }}" if graphs else f"VALUES ?n {{ {_values(nodes)} }}"
    rows = store.query(f"""SELECT ?g ?n ?v WHERE {{ {restrict}
        GRAPH ?g {{ ?e <{PROV.specializationOf}> ?n ; <{PROV.value}> ?v . ?e a <{PROV.Entity}> }} }}""")
    skip = set(excluding)
    return [(r["g"].value, Entry.parse(r["n"].value, r["v"].value)) for r in rows if r["g"].value not in skip]


class _Term(str):
    """A term already in N-Triples syntax."""

    def n3(self, namespace_manager=None) -> str:
        return str(self)


def _triple(line: str) -> tuple[_Term, _Term, _Term]:
    s, p, o = line.split(" ", 2)
    return _Term(s), _Term(p), _Term(o[:-1].rstrip() if o.endswith(".") else o)


def _rebuilt(store: Store, new_entries: dict[str, dict[str, Entry]], leaving: set[str]) -> tuple[set[str], list]:
    """The shared nodes touched by the articles leaving or coming, and their new description."""
    old = stored_entries(store, graphs=leaving)
    touched = {entry.node for _, entry in old} | {node for entries in new_entries.values() for node in entries}
    by_node: dict[str, list[Entry]] = defaultdict(list)
    for _, entry in stored_entries(store, nodes=touched, excluding=leaving):
        by_node[entry.node].append(entry)
    for graph in sorted(new_entries):
        for node, entry in new_entries[graph].items():
            by_node[node].append(entry)
    return touched, [_triple(line) for node in sorted(touched) for line in described(by_node.get(node, []))]


def replacements(store: Store, mapped: list[MappedArticle], base: str | None = None) -> list[Replacement]:
    """The writes that store the articles (replacing earlier versions), each graph with its
    contributions recorded, and the shared graph rebuilt for every node they touch (carried by
    the first write): Store.replace_graphs applies them in one transaction."""
    shared = str(ids.shared_graph(base))
    latest = {str(m.graph_name): m for m in mapped}
    new_entries = {graph: entries_of(m) for graph, m in latest.items()}
    touched, triples = _rebuilt(store, new_entries, set(latest))
    writes = [Replacement(graph, [*m.graph, *ledger_triples(graph, new_entries[graph])], {})
              for graph, m in latest.items()]
    if writes:
        first = writes[0]
        writes[0] = Replacement(first.graph_iri, first.graph, {shared: triples}, {shared: touched})
    return writes


def delete_articles(store: Store, graphs: list[str], base: str | None = None) -> None:
    """Deletes article graphs and takes back what they contributed to the shared graph."""
    shared = str(ids.shared_graph(base))
    touched, triples = _rebuilt(store, {}, set(graphs))
    parts = [f"DROP SILENT GRAPH <{graph}>" for graph in graphs]
    if touched:
        parts.append(clear_update(shared, touched))
    if triples:
        parts.append("INSERT DATA {\n" + insert_data_block(shared, triples) + "\n}")
    if parts:
        store.update(" ;\n".join(parts))
