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
    results: list[Result] = field(default_factory=list)     # violations
    warnings: list[Result] = field(default_factory=list)    # sh:Warning / sh:Info: reported, not failing


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
        allow_warnings=True,
        advanced=False,
    )
    violations = _results(report, violations=True)
    warnings = _results(report, violations=False)
    return ValidationReport(conforms=bool(conforms), text=_text(violations, warnings),
                            results=[result for result, _ in violations],
                            warnings=[result for result, _ in warnings])


def _as_single_graph(data: Graph) -> Graph:
    if not isinstance(data, ConjunctiveGraph):   # rdflib's Dataset is one too
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _results(report: Graph, violations: bool) -> list[tuple[Result, Node | None]]:
    """Violations (or the other results), each with its offending value, sorted."""
    found = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        if (report.value(node, SH.resultSeverity) == SH.Violation) != violations:
            continue
        message = report.value(node, SH.resultMessage)
        if message is None:
            component = report.value(node, SH.sourceConstraintComponent)
            message = f"violates {_short(report, component)}"
        result = Result(report.value(node, SH.focusNode), report.value(node, SH.resultPath),
                        str(message))
        found.append((result, report.value(node, SH.value)))
    return sorted(found, key=lambda pair: (str(pair[0].focus), str(pair[0].path), pair[0].message))


def _text(violations, warnings) -> str:
    if violations:
        lines = [f"Does not conform: {_count(violations, 'violation')}."]
    else:
        lines = ["Conforms: no violations."]
    lines += _lines(violations, "- ")
    if warnings:
        lines.append(f"{_count(warnings, 'warning')}:")
        lines += _lines(warnings, "- warning: ")
    return "\n".join(lines)


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"


def _lines(found, bullet: str) -> list[str]:
    names = bind_prefixes(Graph())
    lines = []
    for (focus, path, message), value in found:
        where = _short(names, focus, None) + (f" {_short(names, path, None)}" if path is not None else "")
        shown = f" (value: {_short(names, value)})" if value is not None else ""
        lines.append(f"{bullet}{where}: {message}{shown}")
    return lines


def _short(graph: Graph, node: Node | None, limit: int | None = 80) -> str:
    if node is None:
        return "?"
    text = node.n3(graph.namespace_manager)
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"
