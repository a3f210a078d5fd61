"""The SHACL shapes accept a well-formed article graph and reject each kind of breakage
with a message a user can act on."""
import time
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import NKG, SCHEMA, WD, bind_prefixes
from kg.validation import validate

BASE = "http://localhost:8080/id/"
ARTICLE = URIRef(BASE + "article/nato-talks-1a2b3c4d")
PUBLISHER = URIRef(BASE + "actor/example-news")
HUNGARY = URIRef(BASE + "actor/hungary")
UKRAINE = URIRef(BASE + "actor/ukraine")
NATO = URIRef(BASE + "actor/nato")
MINISTER = URIRef(BASE + "actor/peter-szijjarto")
SOURCE = URIRef(BASE + "actor/a-source-within-the-alliance")
PROPOSITION = URIRef(BASE + "proposition/ukraine-joins-nato")
POSITION = URIRef(BASE + "position/0123456789ab")
QUOTE = URIRef(BASE + "quote/0123456789ac")
ROLE = URIRef(BASE + "role/0123456789ad")
EVENT = URIRef(BASE + "event/2024-12-03-meeting-brussels")
BRUSSELS = URIRef(BASE + "place/brussels")
EXCERPT = URIRef(str(ARTICLE) + "#char=0,42")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")   # rdflib's closed XSD upsets pytest collection


def _actor(g, node, kind, name, qid=None):
    g.add((node, RDF.type, NKG.Actor))
    g.add((node, RDF.type, kind))
    g.add((node, SCHEMA.name, Literal(name)))
    g.add((node, RDFS.label, Literal(name, lang="en")))
    if qid:
        g.add((node, OWL.sameAs, WD[qid]))


def valid_graph() -> Graph:
    """A small article graph as mapping should produce it: every class once."""
    g = bind_prefixes(Graph())
    g.add((ARTICLE, RDF.type, SCHEMA.NewsArticle))
    g.add((ARTICLE, SCHEMA.headline, Literal("Ministers meet on membership", lang="en")))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2024-12-04", datatype=XSD.date)))
    g.add((ARTICLE, SCHEMA.publisher, PUBLISHER))
    g.add((ARTICLE, SCHEMA.url, URIRef("https://news.example.org/nato-talks")))
    g.add((ARTICLE, SCHEMA.inLanguage, Literal("en")))
    g.add((ARTICLE, SCHEMA.abstract, Literal("Foreign ministers met in Brussels.")))
    for actor in (HUNGARY, UKRAINE, NATO, MINISTER, SOURCE):
        g.add((ARTICLE, SCHEMA.mentions, actor))

    _actor(g, PUBLISHER, SCHEMA.NewsMediaOrganization, "Example News")
    _actor(g, HUNGARY, SCHEMA.Country, "Hungary", "Q28")
    _actor(g, UKRAINE, SCHEMA.Country, "Ukraine", "Q212")
    _actor(g, NATO, SCHEMA.Organization, "NATO", "Q7184")
    _actor(g, MINISTER, SCHEMA.Person, "Péter Szijjártó")
    g.add((MINISTER, SKOS.closeMatch, WD.Q1351286))
    g.add((MINISTER, SKOS.altLabel, Literal("Szijjártó")))
    _actor(g, SOURCE, NKG.AnonymousSource, "a source within the Alliance")

    g.add((EXCERPT, RDF.type, NKG.Excerpt))
    g.add((EXCERPT, SCHEMA.text, Literal("Hungary said it was too early to decide.")))
    g.add((EXCERPT, NKG.startOffset, Literal(0, datatype=XSD.integer)))
    g.add((EXCERPT, NKG.endOffset, Literal(42, datatype=XSD.integer)))
    g.add((EXCERPT, SCHEMA.isPartOf, ARTICLE))

    g.add((PROPOSITION, RDF.type, NKG.Proposition))
    g.add((PROPOSITION, RDFS.label, Literal("Ukraine joins NATO", lang="en")))
    g.add((PROPOSITION, NKG.involves, UKRAINE))
    g.add((PROPOSITION, NKG.involves, NATO))

    g.add((POSITION, RDF.type, NKG.Position))
    g.add((POSITION, NKG.holder, HUNGARY))
    g.add((POSITION, NKG.stance, NKG.Hesitant))
    g.add((POSITION, NKG.proposition, PROPOSITION))
    g.add((POSITION, NKG.reportedIn, ARTICLE))
    g.add((POSITION, NKG.attributedTo, SOURCE))
    g.add((POSITION, NKG.evidence, EXCERPT))
    g.add((POSITION, NKG.evidence, QUOTE))
    g.add((POSITION, NKG.confidence, Literal(Decimal("0.8"))))

    g.add((QUOTE, RDF.type, SCHEMA.Quotation))
    g.add((QUOTE, SCHEMA.text, Literal("It is too early to talk about membership.")))
    g.add((QUOTE, SCHEMA.creator, MINISTER))
    g.add((QUOTE, NKG.reportedIn, ARTICLE))
    g.add((QUOTE, NKG.attributedTo, PUBLISHER))

    g.add((ROLE, RDF.type, NKG.Role))
    g.add((ROLE, NKG.holder, MINISTER))
    g.add((ROLE, NKG.roleName, Literal("Foreign Minister", lang="en")))
    g.add((ROLE, NKG.roleIn, HUNGARY))
    g.add((ROLE, NKG.reportedIn, ARTICLE))
    g.add((ROLE, NKG.evidence, EXCERPT))

    g.add((EVENT, RDF.type, NKG.Event))
    g.add((EVENT, NKG.eventType, NKG.Meeting))
    g.add((EVENT, SCHEMA.name, Literal("Meeting of NATO foreign ministers")))
    g.add((EVENT, SCHEMA.startDate, Literal("2024-12-03", datatype=XSD.date)))
    g.add((EVENT, SCHEMA.endDate, Literal("2024-12-04", datatype=XSD.date)))
    g.add((EVENT, SCHEMA.location, BRUSSELS))
    g.add((EVENT, NKG.participant, HUNGARY))
    g.add((EVENT, NKG.participant, MINISTER))
    g.add((EVENT, NKG.reportedIn, ARTICLE))
    g.add((BRUSSELS, RDF.type, SCHEMA.Place))
    g.add((BRUSSELS, SCHEMA.name, Literal("Brussels")))
    g.add((BRUSSELS, OWL.sameAs, WD.Q239))
    return g


def failures(g: Graph):
    """Validate; return the report, which must not conform."""
    report = validate(g)
    assert not report.conforms, "expected the graph to be rejected"
    assert report.results
    return report


def messages_for(report, focus, path):
    return [m for f, p, m in report.results if f == focus and p == path]


def test_the_example_graph_conforms():
    report = validate(valid_graph())
    assert report.conforms, report.text
    assert report.results == []
    assert report.warnings == []
    assert report.text == "Conforms: no violations."


def test_article_without_date_is_accepted_with_a_warning():
    g = valid_graph()
    g.remove((ARTICLE, SCHEMA.datePublished, None))
    report = validate(g)
    assert report.conforms, report.text
    [(focus, path, message)] = report.warnings
    assert (focus, path) == (ARTICLE, SCHEMA.datePublished)
    assert "relative dates" in message
    assert "warning:" in report.text


def test_article_with_two_dates_is_rejected():
    g = valid_graph()
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2024-12-05", datatype=XSD.date)))
    report = failures(g)
    assert messages_for(report, ARTICLE, SCHEMA.datePublished)


def test_the_actor_subclasses_count_as_actors():
    g = valid_graph()
    group = URIRef(BASE + "actor/central-and-eastern-european-countries")
    g.add((group, RDF.type, NKG.ActorGroup))           # typed without nkg:Actor
    g.add((group, SCHEMA.name, Literal("Central and Eastern European countries")))
    g.add((group, RDFS.label, Literal("Central and Eastern European countries")))
    g.add((POSITION, NKG.attributedTo, group))
    assert validate(g).conforms, validate(g).text


def test_a_dataset_is_validated_as_the_union_of_its_graphs():
    from rdflib import Dataset
    data = Dataset()
    article_graph = data.graph(URIRef("http://localhost:8080/graph/article/x"))
    shared_graph = data.graph(URIRef("http://localhost:8080/graph/shared"))
    for triple in valid_graph():
        is_actor_triple = (triple[0], RDF.type, NKG.Actor) in valid_graph()
        (shared_graph if is_actor_triple else article_graph).add(triple)
    assert validate(data).conforms


def test_position_with_two_holders_is_rejected():
    g = valid_graph()
    g.add((POSITION, NKG.holder, UKRAINE))
    report = failures(g)
    assert messages_for(report, POSITION, NKG.holder) == [
        "A position needs exactly one nkg:holder, an nkg:Actor."]
    assert "exactly one nkg:holder" in report.text
    assert "position/0123456789ab" in report.text


def test_position_without_stance_is_rejected():
    g = valid_graph()
    g.remove((POSITION, NKG.stance, None))
    report = failures(g)
    assert messages_for(report, POSITION, NKG.stance) == [
        "A position needs exactly one nkg:stance, a concept of nkg:StanceScheme: "
        "nkg:Supports, nkg:Opposes, nkg:Hesitant, nkg:Conditional or nkg:Neutral."]


@pytest.mark.parametrize("stance", [NKG.Meeting, NKG.Likes, URIRef("http://example.org/Approves")])
def test_stance_outside_the_stance_scheme_is_rejected(stance):
    g = valid_graph()
    g.set((POSITION, NKG.stance, stance))
    report = failures(g)
    [message] = messages_for(report, POSITION, NKG.stance)
    assert "nkg:StanceScheme" in message
    assert "nkg:Hesitant" in message


def test_a_concept_claiming_the_scheme_but_not_a_stance_is_rejected():
    g = valid_graph()
    fake = URIRef("http://example.org/Approves")
    g.add((fake, SKOS.inScheme, NKG.StanceScheme))
    g.set((POSITION, NKG.stance, fake))
    report = failures(g)
    assert len(messages_for(report, POSITION, NKG.stance)) == 1


@pytest.mark.parametrize("value", [Literal(Decimal("1.5")), Literal(Decimal("-0.1")),
                                   Literal(0.8)])   # the last is an xsd:double
def test_confidence_must_be_a_decimal_between_0_and_1(value):
    g = valid_graph()
    g.set((POSITION, NKG.confidence, value))
    report = failures(g)
    [message] = messages_for(report, POSITION, NKG.confidence)
    assert "between 0 and 1" in message


def test_position_reported_in_something_that_is_not_an_article_is_rejected():
    g = valid_graph()
    g.set((POSITION, NKG.reportedIn, URIRef("https://news.example.org/nato-talks")))
    report = failures(g)
    assert messages_for(report, POSITION, NKG.reportedIn) == [
        "nkg:reportedIn must point to a schema:NewsArticle."]


def test_evidence_must_be_a_quotation_or_an_excerpt():
    g = valid_graph()
    g.add((POSITION, NKG.evidence, Literal("a sentence")))
    report = failures(g)
    assert any("schema:Quotation or an nkg:Excerpt" in m
               for m in messages_for(report, POSITION, NKG.evidence))


def test_abstract_over_500_characters_is_rejected():
    g = valid_graph()
    g.set((ARTICLE, SCHEMA.abstract, Literal("x" * 501)))
    report = failures(g)
    [message] = messages_for(report, ARTICLE, SCHEMA.abstract)
    assert "500 characters" in message


def test_abstract_of_exactly_500_characters_is_accepted():
    g = valid_graph()
    g.set((ARTICLE, SCHEMA.abstract, Literal("é" * 500)))
    assert validate(g).conforms


@pytest.mark.parametrize("date", [Literal("4 December 2024"), Literal("2024-12", datatype=XSD.gYearMonth),
                                  Literal("2024-13-45", datatype=XSD.date)])
def test_article_date_must_be_a_valid_date_or_datetime(date):
    g = valid_graph()
    g.set((ARTICLE, SCHEMA.datePublished, date))
    report = failures(g)
    [message] = messages_for(report, ARTICLE, SCHEMA.datePublished)
    assert "xsd:date or xsd:dateTime" in message


def test_article_datetime_is_accepted():
    g = valid_graph()
    g.set((ARTICLE, SCHEMA.datePublished, Literal("2024-12-04T10:30:00Z", datatype=XSD.dateTime)))
    assert validate(g).conforms


def test_article_without_headline_is_rejected():
    g = valid_graph()
    g.remove((ARTICLE, SCHEMA.headline, None))
    report = failures(g)
    assert messages_for(report, ARTICLE, SCHEMA.headline) == [
        "A news article needs exactly one schema:headline, a literal."]


def test_publisher_without_name_is_rejected():
    g = valid_graph()
    outlet = BNode()
    g.set((ARTICLE, SCHEMA.publisher, outlet))
    report = failures(g)
    assert messages_for(report, outlet, SCHEMA.name) == ["A publisher needs a schema:name."]


def test_mentioned_things_must_be_actors():
    g = valid_graph()
    g.add((ARTICLE, SCHEMA.mentions, BRUSSELS))
    report = failures(g)
    assert messages_for(report, ARTICLE, SCHEMA.mentions) == [
        "Everything an article schema:mentions must be an nkg:Actor."]


def test_role_with_no_holder_is_rejected():
    g = valid_graph()
    g.remove((ROLE, NKG.holder, None))
    report = failures(g)
    assert messages_for(report, ROLE, NKG.holder) == ["A role needs exactly one nkg:holder, a schema:Person."]


def test_role_held_by_a_country_is_rejected():
    g = valid_graph()
    g.set((ROLE, NKG.holder, HUNGARY))
    report = failures(g)
    assert messages_for(report, ROLE, NKG.holder) == ["A role needs exactly one nkg:holder, a schema:Person."]


def test_role_without_a_literal_name_is_rejected():
    g = valid_graph()
    g.set((ROLE, NKG.roleName, URIRef("http://example.org/ForeignMinister")))
    report = failures(g)
    [message] = messages_for(report, ROLE, NKG.roleName)
    assert "exactly one nkg:roleName, a literal" in message


@pytest.mark.parametrize("date", [Literal("2024-12-03T09:00:00", datatype=XSD.dateTime),
                                  Literal("Tuesday"), Literal("2024-12-03")])
def test_event_with_bad_date_datatype_is_rejected(date):
    g = valid_graph()
    g.set((EVENT, SCHEMA.startDate, date))
    report = failures(g)
    [message] = messages_for(report, EVENT, SCHEMA.startDate)
    assert "xsd:date, xsd:gYearMonth or xsd:gYear" in message


@pytest.mark.parametrize("date", [Literal("2024", datatype=XSD.gYear),
                                  Literal("2024-12", datatype=XSD.gYearMonth)])
def test_event_with_partial_date_is_accepted(date):
    g = valid_graph()
    g.set((EVENT, SCHEMA.startDate, date))
    g.remove((EVENT, SCHEMA.endDate, None))
    assert validate(g).conforms


def test_event_type_outside_the_scheme_is_rejected():
    g = valid_graph()
    g.set((EVENT, NKG.eventType, NKG.Supports))
    report = failures(g)
    [message] = messages_for(report, EVENT, NKG.eventType)
    assert "nkg:EventTypeScheme" in message


def test_event_place_needs_a_name():
    g = valid_graph()
    g.remove((BRUSSELS, SCHEMA.name, None))
    report = failures(g)
    assert messages_for(report, BRUSSELS, SCHEMA.name) == ["A place needs a schema:name."]


def test_actor_with_non_wikidata_same_as_is_rejected():
    g = valid_graph()
    g.add((HUNGARY, OWL.sameAs, URIRef("http://dbpedia.org/resource/Hungary")))
    report = failures(g)
    [message] = messages_for(report, HUNGARY, OWL.sameAs)
    assert "Wikidata item IRI" in message
    assert "dbpedia.org" in report.text


@pytest.mark.parametrize("link", [URIRef("https://www.wikidata.org/wiki/Q28"), WD.P31,
                                  Literal("http://www.wikidata.org/entity/Q28")])
def test_actor_close_match_must_be_a_wikidata_item_iri(link):
    g = valid_graph()
    g.add((MINISTER, SKOS.closeMatch, link))
    report = failures(g)
    assert messages_for(report, MINISTER, SKOS.closeMatch)


def test_actor_with_two_kinds_is_rejected():
    g = valid_graph()
    g.add((HUNGARY, RDF.type, SCHEMA.Organization))
    report = failures(g)
    [message] = messages_for(report, HUNGARY, RDF.type)
    assert "exactly one of schema:Person" in message


def test_actor_without_kind_or_names_is_rejected():
    g = valid_graph()
    g.remove((NATO, RDF.type, SCHEMA.Organization))
    g.remove((NATO, RDFS.label, None))
    report = failures(g)
    assert messages_for(report, NATO, RDF.type)
    assert messages_for(report, NATO, RDFS.label) == ["An actor needs an rdfs:label (a literal)."]


def test_quotation_needs_text_and_an_actor_speaker():
    g = valid_graph()
    g.remove((QUOTE, SCHEMA.text, None))
    g.set((QUOTE, SCHEMA.creator, PROPOSITION))
    report = failures(g)
    assert messages_for(report, QUOTE, SCHEMA.text)
    assert messages_for(report, QUOTE, SCHEMA.creator)


def test_quotation_not_reported_anywhere_is_rejected():
    g = valid_graph()
    g.remove((QUOTE, NKG.reportedIn, None))
    report = failures(g)
    assert messages_for(report, QUOTE, NKG.reportedIn)


def test_proposition_needs_a_label():
    g = valid_graph()
    g.remove((PROPOSITION, RDFS.label, None))
    report = failures(g)
    assert messages_for(report, PROPOSITION, RDFS.label)


def test_excerpt_offsets_must_be_ordered():
    g = valid_graph()
    g.set((EXCERPT, NKG.startOffset, Literal(50, datatype=XSD.integer)))
    report = failures(g)
    [message] = messages_for(report, EXCERPT, NKG.startOffset)
    assert "not greater than its nkg:endOffset" in message


@pytest.mark.parametrize("offset", [Literal(-1), Literal("42"), Literal(Decimal("42.0"))])
def test_excerpt_offsets_must_be_non_negative_integers(offset):
    g = valid_graph()
    g.set((EXCERPT, NKG.endOffset, offset))
    report = failures(g)
    assert any("non-negative integer" in m for m in messages_for(report, EXCERPT, NKG.endOffset))


def test_a_graph_read_back_from_the_embedded_store_still_conforms():
    """Oxigraph keeps xsd:integer for every integer type; offsets must still pass."""
    import pyoxigraph as ox
    store = ox.Store()
    store.load(valid_graph().serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    round_tripped = Graph().parse(data=dumped.decode(), format="nt")
    assert (EXCERPT, NKG.endOffset, Literal(42)) in round_tripped
    report = validate(round_tripped)
    assert report.conforms, report.text


def test_report_text_lists_every_violation_on_its_own_line():
    g = valid_graph()
    g.add((POSITION, NKG.holder, UKRAINE))
    g.remove((ROLE, NKG.holder, None))
    report = failures(g)
    lines = report.text.splitlines()
    assert lines[0] == "Does not conform: 2 violations."
    assert len(lines) == 3
    assert all(line.startswith("- ") for line in lines[1:])


@pytest.mark.parametrize("path, scheme", [(NKG.stance, NKG.StanceScheme),
                                          (NKG.eventType, NKG.EventTypeScheme)])
def test_allowed_concepts_are_exactly_the_ontology_scheme(path, scheme):
    from rdflib.collection import Collection
    from rdflib.namespace import SH
    from kg.validation import ontology_graph, shapes_graph
    shapes = shapes_graph()
    [allowed] = [Collection(shapes, shapes.value(prop, SH["in"]))
                 for prop in shapes.subjects(SH.path, path) if shapes.value(prop, SH["in"])]
    in_scheme = set(ontology_graph().subjects(SKOS.inScheme, scheme))
    assert set(allowed) == in_scheme


def test_an_article_sized_graph_validates_in_well_under_a_second():
    g = valid_graph()
    for i in range(30):            # ~30 more findings, each with its sentence
        position = URIRef(f"{BASE}position/extra{i}")
        sentence = URIRef(f"{ARTICLE}#char={i * 100},{i * 100 + 80}")
        g.add((position, RDF.type, NKG.Position))
        g.add((position, NKG.holder, HUNGARY))
        g.add((position, NKG.stance, NKG.Opposes))
        g.add((position, NKG.proposition, PROPOSITION))
        g.add((position, NKG.reportedIn, ARTICLE))
        g.add((position, NKG.evidence, sentence))
        g.add((sentence, RDF.type, NKG.Excerpt))
        g.add((sentence, SCHEMA.text, Literal(f"Sentence number {i}.")))
        g.add((sentence, NKG.startOffset, Literal(i * 100, datatype=XSD.integer)))
        g.add((sentence, NKG.endOffset, Literal(i * 100 + 80, datatype=XSD.integer)))
        g.add((sentence, SCHEMA.isPartOf, ARTICLE))
    assert len(g) >= 400
    validate(g)                    # loads shapes and ontology once
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        assert validate(g).conforms
        best = min(best, time.perf_counter() - started)
    assert best < 1.0, f"validating {len(g)} triples took {best:.2f} s"


def test_validation_never_touches_the_network(monkeypatch):
    import socket
    from kg import validation

    def refuse(*args, **kwargs):
        raise AssertionError("validation tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for cached in (validation.shapes_graph, validation.ontology_graph, validation.class_hierarchy):
        cached.cache_clear()               # reload the files with the network off
    assert validate(valid_graph()).conforms
    g = valid_graph()
    g.add((HUNGARY, OWL.sameAs, URIRef("http://dbpedia.org/resource/Hungary")))
    assert not validate(g).conforms


@pytest.mark.parametrize("kind", [URIRef("https://schema.org/Persons"), URIRef("http://schema.org/Person"),
                                  Literal("https://schema.org/Person"), NKG.Actor])
def test_only_the_six_kind_iris_count_as_an_actor_kind(kind):
    g = valid_graph()
    g.remove((MINISTER, RDF.type, SCHEMA.Person))
    g.add((MINISTER, RDF.type, kind))
    report = failures(g)
    [message] = messages_for(report, MINISTER, RDF.type)
    assert "exactly one of schema:Person" in message
