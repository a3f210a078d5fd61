"""Two forms of SHACL property shape checked in Python, with the results pySHACL gives.

pySHACL builds a member shape again for every value it checks against sh:or or
sh:qualifiedValueShape. Our shapes have one of each: nkg:evidence must point to an instance of
one of two classes, and an actor has exactly one rdf:type among six IRIs (a pattern). Those two
took half of validation time. `split(shapes)` takes out of the (compiled) shapes graph every
property shape of these two forms, read from the graph and not named here, and returns the rest
for pySHACL with a check per shape taken out. A property shape of any other form, or with
anything more on it, stays with pySHACL.

    "classes": sh:path <p> ; sh:or (M1 ... Mn) ; sh:message m ; and targets, where each member
               Mi is only sh:class Ci (and its own sh:message, which never reaches a report).
               A result for each value of <p> that is an instance of none of the Ci.
    "count":   sh:path <p> ; sh:qualifiedValueShape Q ; sh:qualifiedMinCount / MaxCount ;
               sh:message m ; and targets, where Q is only sh:nodeKind sh:IRI and one
               sh:pattern. A result (with no value) when the number of values of <p> that are
               IRIs matching the pattern is below the minimum, another when above the maximum.

tests/test_fast_constraints.py holds validation with these checks equal to pySHACL's alone."""
import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
# Words for people, which pySHACL never reads while validating (it reports sh:message), and
# shape types: neither changes what a shape checks.
ANNOTATIONS = {SH.name, SH.description, SH.order, SH.group, RDFS.label, RDFS.comment}
SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape}
OR_SHAPE = {SH.path, SH["or"], SH.message, *TARGETS}
COUNT_SHAPE = {SH.path, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
               SH.message, *TARGETS}


@dataclass(frozen=True)
class Check:
    path: URIRef
    message: str
    targets: tuple[tuple[URIRef, Node], ...]
    classes: tuple[Node, ...] = ()          # "classes" form
    pattern: re.Pattern | None = None       # "count" form
    min_count: int | None = None
    max_count: int | None = None

    def results(self, data: Graph) -> list[tuple[Node, Node | None]]:
        """(focus node, value) of each violation; the value is None for a count."""
        found = []
        for focus in focus_nodes(data, self.targets):
            values = list(data.objects(focus, self.path))
            if self.pattern is None:
                found += [(focus, v) for v in values
                          if not any(is_instance(data, v, c) for c in self.classes)]
                continue
            matching = sum(1 for v in values if isinstance(v, URIRef) and self.pattern.search(str(v)))
            if self.max_count is not None and matching > self.max_count:
                found.append((focus, None))
            if self.min_count is not None and matching < self.min_count:
                found.append((focus, None))
        return found


def split(shapes: Graph) -> tuple[Graph, list[Check]]:
    """The shapes pySHACL is to check, and the checks done here instead."""
    checks, taken = [], set()
    for shape in set(shapes.subjects(SH.path, None)):
        check = _as_check(shapes, shape)
        if check is not None:
            checks.append(check)
            taken.add(shape)
    if not taken:
        return shapes, []
    rest = Graph(store="SimpleMemory")
    rest.namespace_manager = shapes.namespace_manager
    for triple in shapes:
        if triple[0] not in taken:
            rest.add(triple)
    return rest, sorted(checks, key=lambda c: (str(c.path), c.message))


def focus_nodes(data: Graph, targets) -> list[Node]:
    nodes = {}
    for kind, value in targets:
        if kind == SH.targetNode:
            found = [value]
        elif kind == SH.targetSubjectsOf:
            found = data.subjects(value, None)
        elif kind == SH.targetObjectsOf:
            found = data.objects(None, value)
        else:
            found = (n for c in (value, *data.transitive_subjects(RDFS.subClassOf, value))
                     for n in data.subjects(RDF.type, c))
        nodes.update(dict.fromkeys(found))
    return list(nodes)


def is_instance(data: Graph, node: Node, cls: Node) -> bool:
    """SHACL instance: node rdf:type/rdfs:subClassOf* cls (a literal is an instance of nothing)."""
    if isinstance(node, Literal):
        return False
    return any(cls in data.transitive_objects(t, RDFS.subClassOf)
               for t in data.objects(node, RDF.type))


def inert(predicate: Node, value: Node) -> bool:
    """A shape triple that changes nothing in what the shape checks."""
    return predicate in ANNOTATIONS or (predicate == RDF.type and value in SHAPE_TYPES)


def _predicates(shapes: Graph, node: Node) -> list[Node]:
    return [p for p, o in shapes.predicate_objects(node) if not inert(p, o)]


def _as_check(shapes: Graph, shape: Node) -> Check | None:
    predicates = set(_predicates(shapes, shape))
    path = shapes.value(shape, SH.path)
    messages = list(shapes.objects(shape, SH.message))
    targets = tuple((t, v) for t in TARGETS for v in shapes.objects(shape, t))
    if (not isinstance(path, URIRef) or len(messages) != 1 or not targets
            or any(True for _ in shapes.subjects(None, shape))
            or any(len(list(shapes.objects(shape, p))) != 1 for p in predicates - set(TARGETS))):
        return None
    common = dict(path=path, message=str(messages[0]), targets=targets)
    if predicates <= OR_SHAPE and SH["or"] in predicates:
        classes = _member_classes(shapes, shapes.value(shape, SH["or"]))
        return Check(**common, classes=classes) if classes else None
    if predicates <= COUNT_SHAPE and SH.qualifiedValueShape in predicates:
        pattern = _iri_pattern(shapes, shapes.value(shape, SH.qualifiedValueShape))
        bounds = [shapes.value(shape, p) for p in (SH.qualifiedMinCount, SH.qualifiedMaxCount)]
        if pattern is None or bounds == [None, None]:
            return None
        low, high = (int(b) if b is not None else None for b in bounds)
        return Check(**common, pattern=pattern, min_count=low, max_count=high)
    return None


def _member_classes(shapes: Graph, members: Node) -> tuple[Node, ...]:
    """The class of each member of an sh:or list, if every member is only an sh:class."""
    classes = []
    for member in Collection(shapes, members):
        predicates = _predicates(shapes, member)
        if set(predicates) - {SH["class"], SH.message} or predicates.count(SH["class"]) != 1:
            return ()
        classes.append(shapes.value(member, SH["class"]))
    return tuple(classes)


def _iri_pattern(shapes: Graph, shape: Node) -> re.Pattern | None:
    predicates = _predicates(shapes, shape)
    if (set(predicates) - {SH.nodeKind, SH.pattern, SH.message} or predicates.count(SH.pattern) != 1
            or shapes.value(shape, SH.nodeKind) != SH.IRI):
        return None
    return re.compile(str(shapes.value(shape, SH.pattern)))
