"""What the SHACL gate does in production with an article whose graph violates the shapes.

Reconciling (kg.reconcile) makes graphs valid by construction, so a violation at the gate is
a bug in NewsKG. In production the offending finding is dropped, not the article: a finding
node of the article's own graph (a position, quote, role, event, excerpt) with every link to
it; for the article node or a shared node, the offending values of the property (the first
one kept where the shapes allow one). Each drop is one warning line naming the article, the
finding and the shape; their count goes into the article's provenance."""
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from .mapping import ACTOR_CLASSES, MappedArticle, Triples, graph_of
from .validation import Result, validate

ROUNDS = 3
_ACTOR_KINDS = list(ACTOR_CLASSES.values())


def drop_findings(mapped: MappedArticle, violations: list[Result], shapes: dict | None = None) -> list[str]:
    """Changes mapped in place; returns what was dropped, one description per finding."""
    dropped = []
    shapes = shapes or {}
    for focus, path in dict.fromkeys((v.focus, v.path) for v in violations):
        shape = next((shapes.get(v) or v.message for v in violations if (v.focus, v.path) == (focus, path)), "")
        if focus != mapped.article and focus in mapped.graph.subjects():
            removed = _drop_node(mapped.graph, focus)
        else:
            removed = _drop_values(mapped.graph, focus, path) + _drop_values(mapped.shared, focus, path)
        if removed:
            dropped.append(f"{focus}{' ' + str(path) if path is not None else ''} (shape: {shape})")
    return dropped


def repaired(mapped: MappedArticle) -> tuple[bool, list[str], list[Result]]:
    """(valid now, what was dropped, the violations left) after up to ROUNDS rounds of dropping."""
    dropped: list[str] = []
    for _ in range(ROUNDS):
        report = validate(graph_of(mapped.graph, mapped.shared), fast=True)
        if report.conforms:
            break
        more = drop_findings(mapped, report.results, report.shapes)
        if not more:
            return False, dropped, report.results
        dropped += more
    else:
        report = validate(graph_of(mapped.graph, mapped.shared), fast=True)
        if not report.conforms:
            return False, dropped, report.results
    activity = URIRef(f"{mapped.graph_name}#ingestion")
    mapped.graph.add((activity, RDFS.comment,
                      Literal(f"{len(dropped)} finding{'s' if len(dropped) != 1 else ''} dropped at "
                              "validation: they violated the shapes")))
    return True, dropped, []


def _drop_node(triples: Triples, node) -> int:
    doomed = [t for t in triples if t[0] == node or t[2] == node]
    for triple in doomed:
        del triples[triple]
    return len(doomed)


def _drop_values(triples: Triples, focus, path) -> int:
    if path is None:
        return 0
    values = [t for t in triples if t[0] == focus and t[1] == path]
    if path == RDF.type:
        kinds = sorted((t for t in values if t[2] in _ACTOR_KINDS), key=lambda t: _ACTOR_KINDS.index(t[2]))
        doomed = kinds[1:]
    else:
        doomed = sorted(values, key=lambda t: str(t[2]))[1:] or values
    for triple in doomed:
        del triples[triple]
    return len(doomed)
