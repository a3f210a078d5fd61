"""SHACL validation of NewsKG graphs against shapes/, with ontology/ mixed in.

Shapes and ontology are read from local files once per process; nothing is ever
fetched (no owl:imports are followed)."""
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pyshacl
from rdflib import Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg import resources
from kg.namespaces import bind_prefixes


class Result(NamedTuple):
    focus: Node
    path: Node | None
    message: str


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    results: list[Result] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.conforms


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return _load(resources.shapes_files())


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return _load(resources.ontology_files())


@lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """The part of the ontology SHACL uses (rdfs:subClassOf between named classes):
    mixing in only this keeps validation fast."""
    hierarchy = Graph()
    for sub, sup in ontology_graph().subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            hierarchy.add((sub, RDFS.subClassOf, sup))
            hierarchy.add((sub, RDF.type, OWL.Class))
    return hierarchy


def _load(paths) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def validate(data: Graph) -> ValidationReport:
    """Validate `data`; a Dataset is checked as the union of its graphs."""
    conforms, report, _ = pyshacl.validate(
        _as_single_graph(data),
        shacl_graph=shapes_graph(),
        ont_graph=class_hierarchy(),
        inference="none",
        do_owl_imports=False,
        allow_warnings=False,
        advanced=False,
    )
    found = _results(report)
    return ValidationReport(conforms=bool(conforms), text=_text(found),
                            results=[result for result, _ in found])


def _as_single_graph(data: Graph) -> Graph:
    if not isinstance(data, ConjunctiveGraph):   # rdflib's Dataset is one too
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _results(report: Graph) -> list[tuple[Result, Node | None]]:
    """Each result with its offending value, if any, sorted for stable reports."""
    found = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        message = report.value(node, SH.resultMessage)
        if message is None:
            component = report.value(node, SH.sourceConstraintComponent)
            message = f"violates {_short(report, component)}"
        result = Result(report.value(node, SH.focusNode), report.value(node, SH.resultPath),
                        str(message))
        found.append((result, report.value(node, SH.value)))
    return sorted(found, key=lambda pair: (str(pair[0].focus), str(pair[0].path), pair[0].message))


def _text(found: list[tuple[Result, Node | None]]) -> str:
    if not found:
        return "Conforms: no violations."
    names = bind_prefixes(Graph())
    count = len(found)
    lines = [f"Does not conform: {count} violation{'s' if count != 1 else ''}."]
    for (focus, path, message), value in found:
        where = _short(names, focus) + (f" {_short(names, path)}" if path is not None else "")
        shown = f" (value: {_short(names, value)})" if value is not None else ""
        lines.append(f"- {where}: {message}{shown}")
    return "\n".join(lines)


def _short(graph: Graph, node: Node | None, limit: int = 80) -> str:
    if node is None:
        return "?"
    text = node.n3(graph.namespace_manager)
    return text if len(text) <= limit else text[:limit - 1] + "…"
