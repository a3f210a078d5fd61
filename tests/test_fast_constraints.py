"""Validation that checks two forms of property shape in Python (as ingestion does) reports
exactly what pySHACL alone reports: same verdict, same results, same text."""
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg import fast_constraints
from kg.namespaces import NKG, SCHEMA
from kg.validation import _split, validate, validation_shapes
from tests.test_shapes import (BASE, EXCERPT, HUNGARY, MINISTER, NATO, POSITION, PUBLISHER, QUOTE,
                               ROLE, SOURCE, UKRAINE, valid_graph)

EX = Namespace("http://example.org/")


def same_report(g: Graph):
    fast, full = validate(g, fast=True), validate(g)
    assert (fast.conforms, fast.results, fast.warnings, fast.text) == \
        (full.conforms, full.results, full.warnings, full.text)
    return full


def test_ingestion_checks_the_evidence_and_actor_kind_shapes_in_python():
    rest, checks = _split(validation_shapes())
    assert sorted(str(c.path) for c in checks) == [str(RDF.type), str(NKG.evidence)]
    assert len(rest) < len(validation_shapes())


def test_a_valid_graph_conforms_both_ways():
    assert same_report(valid_graph()).conforms


def with_evidence(value, *types):
    g = valid_graph()
    g.add((ROLE, NKG.evidence, value))
    for t in types:
        g.add((value, RDF.type, t))
    return g


SUBCLASS_OF_EXCERPT = EX.Snippet


@pytest.mark.parametrize("graph", [
    with_evidence(Literal("a sentence")),
    with_evidence(Literal("2024-12-04", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))),
    with_evidence(URIRef(BASE + "untyped")),
    with_evidence(BNode("b1")),
    with_evidence(URIRef(BASE + "person-as-evidence"), SCHEMA.Person),
    with_evidence(HUNGARY),
    with_evidence(URIRef(BASE + "two"), SCHEMA.Quotation, NKG.Excerpt),
], ids=["literal", "typed-literal", "untyped-iri", "untyped-blank", "person", "an-actor", "both-classes"])
def test_evidence_values_are_judged_alike(graph):
    same_report(graph)


def test_an_instance_of_a_subclass_of_excerpt_is_evidence_both_ways():
    g = with_evidence(URIRef(BASE + "snippet"), SUBCLASS_OF_EXCERPT)
    g.add((SUBCLASS_OF_EXCERPT, RDFS.subClassOf, NKG.Excerpt))
    g.add((URIRef(BASE + "snippet"), SCHEMA.text, Literal("Too early.")))
    report = same_report(g)
    assert not [r for r in report.results if r.path == NKG.evidence]


def test_several_bad_evidence_values_each_get_a_result_both_ways():
    g = valid_graph()
    for node in (POSITION, ROLE, QUOTE):
        g.add((node, NKG.evidence, Literal("one")))
        g.add((node, NKG.evidence, Literal("two")))
    report = same_report(g)
    assert len([r for r in report.results if r.path == NKG.evidence]) == 6


def with_kinds(actor, *kinds, remove=()):
    g = valid_graph()
    for kind in remove:
        g.remove((actor, RDF.type, kind))
    for kind in kinds:
        g.add((actor, RDF.type, kind))
    return g


@pytest.mark.parametrize("graph", [
    with_kinds(HUNGARY, SCHEMA.Organization),
    with_kinds(NATO, remove=[SCHEMA.Organization]),
    with_kinds(NATO, Literal(str(SCHEMA.Organization)), remove=[SCHEMA.Organization]),
    with_kinds(NATO, URIRef(str(SCHEMA.Organization) + "X"), remove=[SCHEMA.Organization]),
    with_kinds(NATO, URIRef("http://schema.org/Organization"), remove=[SCHEMA.Organization]),
    with_kinds(MINISTER, SCHEMA.Country, NKG.ActorGroup),
    with_kinds(SOURCE, EX.Spokesperson),
    with_kinds(URIRef(BASE + "actor/only-a-kind"), SCHEMA.Person, SCHEMA.Country),
    with_kinds(URIRef(BASE + "actor/two-groups"), NKG.ActorGroup, NKG.AnonymousSource),
], ids=["two-kinds", "no-kind", "kind-as-literal", "near-iri", "http-schema", "three-kinds",
        "extra-class", "subclass-targets-only", "subclasses-and-actor"])
def test_actor_kinds_are_judged_alike(graph):
    same_report(graph)


def test_many_breakages_at_once_are_reported_alike():
    g = with_kinds(HUNGARY, SCHEMA.Organization)
    g.remove((UKRAINE, RDF.type, SCHEMA.Country))
    g.remove((PUBLISHER, SCHEMA.name, None))
    g.add((POSITION, NKG.evidence, Literal("a sentence")))
    g.remove((EXCERPT, RDF.type, NKG.Excerpt))
    report = same_report(g)
    assert len(report.results) >= 5


def test_a_property_shape_of_another_form_stays_with_pyshacl():
    shapes = Graph()
    member, kind = BNode(), BNode()
    shapes.add((member, SH["class"], EX.A))
    for shape, extra in ((BNode(), (SH.severity, SH.Warning)),       # a severity of its own
                         (BNode(), (SH.minCount, Literal(1))),       # a second constraint
                         (BNode(), (SH.deactivated, Literal(True)))):
        shapes.add((shape, SH.path, EX.p))
        shapes.add((shape, SH.targetClass, EX.Thing))
        shapes.add((shape, SH.message, Literal("m")))
        shapes.add((shape, SH.qualifiedValueShape, kind))
        shapes.add((shape, SH.qualifiedMinCount, Literal(1)))
        shapes.add((shape, *extra))
    shapes.add((kind, SH.nodeKind, SH.IRI))
    shapes.add((kind, SH.pattern, Literal("^x")))
    shapes.add((kind, SH.flags, Literal("i")))                          # flags are not read here
    rest, checks = fast_constraints.split(shapes)
    assert checks == [] and len(rest) == len(shapes)


def test_a_property_shape_of_a_known_form_is_taken_out():
    shapes = Graph()
    shape, kind = BNode(), BNode()
    for triple in ((shape, SH.path, EX.p), (shape, SH.targetClass, EX.Thing),
                   (shape, SH.message, Literal("m")), (shape, SH.qualifiedValueShape, kind),
                   (shape, SH.qualifiedMaxCount, Literal(2)),
                   (kind, SH.nodeKind, SH.IRI), (kind, SH.pattern, Literal("^http://example.org/"))):
        shapes.add(triple)
    rest, [check] = fast_constraints.split(shapes)
    assert (check.path, check.max_count, check.min_count) == (EX.p, 2, None)
    assert not list(rest.triples((shape, None, None)))
    data = Graph()
    data.add((EX.t, RDF.type, EX.Thing))
    for value in (EX.a, EX.b, EX.c, Literal("http://example.org/d")):
        data.add((EX.t, EX.p, value))
    assert check.results(data) == [(EX.t, None)]
