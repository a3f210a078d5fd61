"""The ontology declares every nkg: term the project uses, documents it, and carries
the metadata and concept schemes the contract promises."""
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from conftest import REPO, SHARED
from kg import resources
from kg.namespaces import NKG, SCHEMA
from kg.nlp.model import ACTOR_TYPES, EVENT_TYPES, STANCES

ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ns")
ORG = "http://www.w3.org/ns/org#"
TERM_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    files = resources.ontology_files()
    assert files, "no .ttl file in ontology/"
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def documented_terms() -> set[URIRef]:
    """Every nkg: term named in the architecture notes and the contract."""
    sources = [REPO / "docs" / "architecture.md", SHARED / "CONTRACT.md"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources if p.exists())
    return {NKG[name] for name in re.findall(r"\bnkg:([A-Za-z][A-Za-z0-9_]*)", text)}


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(NKG))}


def test_documents_name_a_reasonable_set_of_terms():
    terms = documented_terms()
    assert {NKG.Actor, NKG.Position, NKG.holder, NKG.StanceScheme, NKG.Excerpt} <= terms


@pytest.mark.parametrize("term", sorted(documented_terms()), ids=lambda t: t.split("#")[-1])
def test_every_documented_term_is_declared_with_label_and_comment(ontology, term):
    kinds = set(ontology.objects(term, RDF.type)) & TERM_KINDS
    assert kinds, f"{term} is not declared as a class, property, concept or scheme"
    assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
    assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_every_declared_term_is_documented_in_the_ontology(ontology):
    for term in declared_terms(ontology):
        assert set(ontology.objects(term, RDF.type)) & TERM_KINDS, term
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_every_property_has_domain_and_range(ontology):
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty))
    properties = {p for p in properties if p.startswith(str(NKG))}
    assert len(properties) >= 15
    for prop in properties:
        assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
        assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"


def test_properties_used_by_mapping_have_the_right_kind(ontology):
    datatype = {NKG.confidence, NKG.roleName, NKG.qualifier, NKG.startOffset, NKG.endOffset}
    objects = {NKG.holder, NKG.stance, NKG.proposition, NKG.reportedIn, NKG.attributedTo,
               NKG.evidence, NKG.involves, NKG.eventType, NKG.participant, NKG.roleIn}
    for prop in datatype:
        assert (prop, RDF.type, OWL.DatatypeProperty) in ontology, prop
    for prop in objects:
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology, prop


def test_ranges_follow_the_contract(ontology):
    XSD = "http://www.w3.org/2001/XMLSchema#"
    assert ontology.value(NKG.stance, RDFS.range) == NKG.Stance
    assert ontology.value(NKG.eventType, RDFS.range) == NKG.EventType
    assert ontology.value(NKG.proposition, RDFS.range) == NKG.Proposition
    assert ontology.value(NKG.reportedIn, RDFS.range) == SCHEMA.NewsArticle
    assert ontology.value(NKG.confidence, RDFS.range) == URIRef(XSD + "decimal")
    for offset in (NKG.startOffset, NKG.endOffset):
        assert ontology.value(offset, RDFS.range) == URIRef(XSD + "integer")
    for prop in (NKG.holder, NKG.attributedTo, NKG.involves, NKG.participant, NKG.roleIn):
        assert ontology.value(prop, RDFS.range) == NKG.Actor, prop


def test_header_has_version_and_metadata(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert isinstance(version_iri, URIRef) and version_iri.endswith("0.1.0")
    for prop in (RDFS.label, RDFS.comment, DCTERMS.title, DCTERMS.license):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop


def test_nothing_is_imported_so_nothing_is_fetched(ontology):
    assert not list(ontology.triples((None, OWL.imports, None)))
    shapes = Graph()
    for path in resources.shapes_files():
        shapes.parse(path, format="turtle")
    assert not list(shapes.triples((None, OWL.imports, None)))


def test_class_hierarchy(ontology):
    assert (NKG.Event, RDFS.subClassOf, SCHEMA.Event) in ontology
    assert (NKG.AnonymousSource, RDFS.subClassOf, NKG.Actor) in ontology
    assert (NKG.ActorGroup, RDFS.subClassOf, NKG.Actor) in ontology
    assert (NKG.Stance, RDFS.subClassOf, SKOS.Concept) in ontology
    assert (NKG.EventType, RDFS.subClassOf, SKOS.Concept) in ontology


def test_actor_is_one_of_the_six_kinds(ontology):
    """nkg:Actor is covered by the union of the six actor kinds of kg.nlp.model."""
    expected = {NKG[t] if t in ("AnonymousSource", "ActorGroup") else SCHEMA[t] for t in ACTOR_TYPES}
    unions = []
    for parent in ontology.objects(NKG.Actor, RDFS.subClassOf):
        members = ontology.value(parent, OWL.unionOf)
        if members is not None:
            unions.append(set(ontology.items(members)))
    assert expected in unions


def test_terms_are_aligned_to_established_vocabularies(ontology):
    def aligned(term):
        return {o for p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
                            SKOS.closeMatch, SKOS.relatedMatch)
                for o in ontology.objects(term, p) if isinstance(o, URIRef)}
    assert any(o.startswith(ORG) for o in aligned(NKG.Role))
    assert URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event") in aligned(NKG.Event)
    assert URIRef("http://www.w3.org/ns/prov#wasAttributedTo") in aligned(NKG.attributedTo)
    assert URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/eventType") in aligned(NKG.eventType)


def _scheme_members(ontology, scheme):
    return set(ontology.subjects(SKOS.inScheme, scheme))


def test_stance_scheme_is_complete(ontology):
    assert (NKG.StanceScheme, RDF.type, SKOS.ConceptScheme) in ontology
    members = _scheme_members(ontology, NKG.StanceScheme)
    assert members == {NKG[s] for s in STANCES}
    for concept in members:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (concept, RDF.type, NKG.Stance) in ontology
        assert (concept, SKOS.topConceptOf, NKG.StanceScheme) in ontology
        assert (NKG.StanceScheme, SKOS.hasTopConcept, concept) in ontology
        assert ontology.value(concept, SKOS.prefLabel) is not None
        assert ontology.value(concept, SKOS.definition) is not None


def test_stances_carry_the_phrases_that_signal_them(ontology):
    alt = {c: {str(label) for label in ontology.objects(c, SKOS.altLabel)}
           for c in (NKG.Hesitant, NKG.Conditional)}
    assert {"not ready", "too early"} <= alt[NKG.Hesitant]
    assert "when conditions are met" in alt[NKG.Conditional]


def test_event_type_scheme_is_complete(ontology):
    assert (NKG.EventTypeScheme, RDF.type, SKOS.ConceptScheme) in ontology
    members = _scheme_members(ontology, NKG.EventTypeScheme)
    assert members == {NKG[t] for t in EVENT_TYPES}
    tops = set(ontology.objects(NKG.EventTypeScheme, SKOS.hasTopConcept))
    for concept in members:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (concept, RDF.type, NKG.EventType) in ontology
        assert ontology.value(concept, SKOS.prefLabel) is not None
        assert ontology.value(concept, SKOS.definition) is not None
        broader = set(ontology.objects(concept, SKOS.broader))
        assert (concept in tops) != bool(broader), f"{concept}: a top concept or a narrower one"
        assert (concept in tops) == ((concept, SKOS.topConceptOf, NKG.EventTypeScheme) in ontology)
        assert broader <= tops
    assert (NKG.Summit, SKOS.broader, NKG.Meeting) in ontology
