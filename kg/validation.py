"""SHACL validation of NewsKG graphs against shapes/, with ontology/ mixed in.

Shapes and ontology are read from local files once per process; nothing is ever
fetched (no owl:imports are followed).

Speed (pySHACL evaluates a node shape's sh:property shapes once per focus node, building
every constraint of the property shape again each time): validation runs against
`validation_shapes()`, an equivalent form of the shapes in which each property shape of a
targeted node shape carries that node shape's targets itself, so pySHACL checks it once
over all its focus nodes. The results are the same (same focus node, path, value, message,
severity and source shape). The files under shapes/ keep the readable grouping by node
shape. The class hierarchy is added to the data graph for the run and taken out again,
rather than pySHACL copying the whole data graph to mix it in."""
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pyshacl
from rdflib import Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from kg import fast_constraints, resources
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
    shapes: dict[Result, str] = field(default_factory=dict)  # the sh:name of the shape behind a result


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


def validation_shapes() -> Graph:
    return _compiled(shapes_graph())


@lru_cache(maxsize=4)
def _split(shapes: Graph) -> tuple[Graph, list[fast_constraints.Check]]:
    return fast_constraints.split(shapes)


@lru_cache(maxsize=4)
def _compiled(shapes: Graph, store: str = "SimpleMemory", strip: bool = True) -> Graph:
    """The shapes as pySHACL is given them: every property shape that only targeted node
    shapes use (through sh:property) gets their targets and is detached from them.

    SHACL semantics are unchanged: a focus node of S conforms to S's property shape P
    exactly when P, targeting the same nodes, finds no violation; node-level constraints of S
    (sh:nodeKind, ...) stay on S. Shapes that are deactivated, or property shapes that are
    also reached from an untargeted shape (sh:node, sh:or, ...), are left as they are."""
    compiled = Graph(store=store)
    compiled.namespace_manager = _IriNames()
    for triple in shapes:
        if not (strip and fast_constraints.inert(triple[1], triple[2])):
            compiled.add(triple)

    def has_targets(shape) -> bool:
        return any(compiled.value(shape, t) is not None for t in fast_constraints.TARGETS)

    def targeted(shape) -> bool:
        return has_targets(shape) and compiled.value(shape, SH.deactivated) is None

    for prop in set(compiled.objects(None, SH.property)):
        users = set(compiled.subjects(SH.property, prop))
        other_uses = [s for p in (SH.node, SH.qualifiedValueShape, SH["not"], RDF.first)
                      for s in compiled.subjects(p, prop)]
        if other_uses or not all(targeted(user) for user in users):
            continue
        if has_targets(prop) or compiled.value(prop, SH.deactivated) is not None:
            continue
        for user in users:
            for target in fast_constraints.TARGETS:
                for value in compiled.objects(user, target):
                    compiled.add((prop, target, value))
            compiled.remove((user, SH.property, prop))
    return compiled


def _load(paths) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def validate(data: Graph, fast: bool = False) -> ValidationReport:
    """Validate `data`; a Dataset is checked as the union of its graphs.

    fast: the property shapes kg.fast_constraints knows are checked in Python and the rest by
    pySHACL, in about half the time, with the same report (ingestion validates this way).

    A plain Graph is validated in place: the class hierarchy triples it lacks are added for
    the run and removed afterwards, and pySHACL sees it through a view with namespace
    bindings of its own, so the caller's graph comes back as it was (do not change it from
    another thread meanwhile)."""
    graph, owned = _as_single_graph(data)
    shapes, checks = _split(validation_shapes()) if fast else (validation_shapes(), [])
    added = [t for t in class_hierarchy() if t not in graph]
    for triple in added:
        graph.add(triple)
    try:
        view = graph if owned else _view(graph)
        checked = [(Result(focus, check.path, check.message), value)
                   for check in checks for focus, value in check.results(graph)]
        conforms, report, _ = pyshacl.validate(
            view,
            shacl_graph=shapes,
            inference="none",
            inplace=True,
            do_owl_imports=False,
            allow_warnings=True,
            advanced=False,
        )
    finally:
        if not owned:
            for triple in added:
                graph.remove(triple)
    shapes: dict[Result, str] = {}
    violations = _sorted(_results(report, violations=True, shapes=shapes) + checked)
    warnings = _results(report, violations=False)
    for result, _ in checked:
        name = _named_shape(result.path, result.message)
        if name:
            shapes[result] = name
    return ValidationReport(conforms=bool(conforms) and not checked, text=_text(violations, warnings),
                            results=[result for result, _ in violations],
                            warnings=[result for result, _ in warnings], shapes=shapes)


def _view(graph: Graph) -> Graph:
    """The same triples (same store and graph name), with a namespace manager of its own:
    pySHACL binds prefixes while it words results, and they must not end up in `graph`."""
    view = Graph(store=graph.store, identifier=graph.identifier)
    view.namespace_manager = _IriNames()
    return view


class _IriNames(NamespaceManager):
    """Names for pySHACL's wording of results (its text report, which is not used here): full
    IRIs. rdflib would otherwise look up, or invent and bind, a prefix for every IRI it
    words, a good part of the cost of each failing sh:or member or qualified value."""

    def __init__(self):
        super().__init__(Graph(store="SimpleMemory"), bind_namespaces="none")

    def normalizeUri(self, rdfTerm: str) -> str:
        return f"<{rdfTerm}>"

    def bind(self, prefix, namespace, override=True, replace=False) -> None:
        pass


def _as_single_graph(data: Graph) -> tuple[Graph, bool]:
    """The graph to validate, and whether it is a fresh one of ours (else the caller's)."""
    if not isinstance(data, ConjunctiveGraph):   # rdflib's Dataset is one too
        return data, False
    union = Graph()
    union.namespace_manager = _IriNames()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union, True


def _results(report: Graph, violations: bool, shapes: dict | None = None) -> list[tuple[Result, Node | None]]:
    """Violations (or the other results), each with its offending value, sorted."""
    found = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        if (report.value(node, SH.resultSeverity) == SH.Violation) != violations:
            continue
        message = report.value(node, SH.resultMessage)
        if message is None:
            component = report.value(node, SH.sourceConstraintComponent)
            message = f"violates {_short(report, component)}"
        result = Result(report.value(node, SH.focusNode), report.value(node, SH.resultPath), str(message))
        name = _shape_name(report.value(node, SH.sourceShape))
        if shapes is not None and name:
            shapes[result] = name
        found.append((result, report.value(node, SH.value)))
    return _sorted(found)


@lru_cache(maxsize=256)
def _named_shape(path: Node, message: str) -> str | None:
    """The sh:name of the property shape with this path and message (what pySHACL would name)."""
    shapes = shapes_graph()
    for shape in shapes.subjects(SH.path, path):
        if str(shapes.value(shape, SH.message)) == message:
            return _shape_name(shape)
    return None


def _shape_name(shape: Node | None) -> str | None:
    if shape is None:
        return None
    name = shapes_graph().value(shape, SH.name)
    return str(name) if name is not None else (str(shape) if isinstance(shape, URIRef) else None)


def _sorted(found: list[tuple[Result, Node | None]]) -> list[tuple[Result, Node | None]]:
    return sorted(found, key=lambda pair: (str(pair[0].focus), str(pair[0].path), pair[0].message,
                                           str(pair[1])))


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
