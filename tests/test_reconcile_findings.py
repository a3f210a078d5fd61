"""Findings that disagree are reconciled before mapping: the article is stored, and valid."""
from pathlib import Path
from types import SimpleNamespace

from conftest import newskg
from kg.article import Article
from kg.nlp.model import Actor, Evidence, Mention, Quote
from kg.reconcile import reconcile

# An outlet unknown to the registry that names itself in its dateline: the metadata make it a
# news medium, the model an organisation.
OWN_DATELINE = """Port ministers back a joint security fund
BRUSSELS, Oct 4 (Harbourline) - European Union transport ministers agreed on Friday to set up a joint fund for port security, Harbourline has learned.
"We cannot leave the ports alone with this," said Jonas Kvalheim, who chaired the meeting. Kvalheim said the fund would open next spring.
Kvalheim's office said the ministers from Denmark and the Netherlands opposed the plan, Harbourline reported.
"""


def _findings(mentions=(), quotes=()):
    doc = SimpleNamespace(mentions=list(mentions), quotes=list(quotes), roles=[], events=[], positions=[])
    return SimpleNamespace(_=doc)


def test_an_outlet_named_in_its_own_dateline_is_stored_once_typed_and_valid(tmp_path):
    page = tmp_path / "port-fund.txt"
    page.write_text(OWN_DATELINE, encoding="utf-8")
    (tmp_path / "port-fund.meta.json").write_text('{"publisher": "Harbourline"}', encoding="utf-8")
    store = tmp_path / "store"
    done = newskg("ingest", page, "--store", store)
    assert done.returncode == 0, done.stderr
    assert newskg("validate", "--store", store).returncode == 0
    dump = newskg("export", "--store", store, "--format", "nquads").stdout
    types = {line.split()[2] for line in dump.splitlines()
             if line.startswith("<http://localhost:8080/id/actor/harbourline> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")}
    assert types == {"<https://schema.org/NewsMediaOrganization>", "<https://w3id.org/newskg/ns#Actor>"}
    # the disagreement happened, and the provenance says how it was settled
    assert "actor harbourline: typed NewsMediaOrganization, Organization" in dump


def test_a_person_the_model_also_tags_as_an_organisation_gets_the_type_most_findings_give():
    person, as_org = Actor("ada-kvist", "Ada Kvist", "Person"), Actor("ada-kvist", "Ada Kvist", "Organization")
    ev = Evidence("Ada Kvist said so.", 0, 18)
    doc = _findings([Mention(as_org, "Ada Kvist", 0, 9), Mention(person, "Kvist", 30, 35)],
                    [Quote("so", person, ev)])
    chosen = reconcile(Article(Path("a.txt"), "Ada Kvist said so.", headline="A"), doc)
    assert chosen.actor(as_org).type == "Person"
    assert any("ada-kvist" in note for note in chosen.notes)


def test_registry_then_metadata_then_model():
    as_person = Actor("united-states", "United States", "Person")
    outlet_as_org = Actor("harbourline", "Harbourline", "Organization")
    author_as_org = Actor("lena-moss", "Lena Moss", "Organization")
    doc = _findings([Mention(a, a.name, 0, 1) for a in (as_person, outlet_as_org, author_as_org)] * 3)
    article = Article(Path("a.txt"), "Text.", headline="A", publisher="Harbourline", authors=["Lena Moss"])
    chosen = reconcile(article, doc)
    assert chosen.actor(as_person).type == "Country"
    assert chosen.actor(outlet_as_org).type == "NewsMediaOrganization"
    assert chosen.actor(author_as_org).type == "Person"


def test_a_page_without_a_headline_gets_one_from_its_first_line_flagged_in_the_provenance():
    article = Article(Path("a.txt"), "Ministers met in Oslo on Friday to talk about ports and ships.\n\nMore.")
    chosen = reconcile(article, _findings())
    assert chosen.headline == "Ministers met in Oslo on Friday to talk about ports and ships."
    assert chosen.notes == ["headline: none found on the page; taken from the first line"]


def test_findings_that_share_a_node_give_each_functional_property_one_value(nlp):
    """The same quotation with two speakers, the same role named in two spellings, the same
    position found twice with two confidences: one node, valid."""
    from kg.mapping import graph_of, map_article
    from kg.nlp.model import Position, Proposition, Role
    from kg.validation import validate
    article = Article(Path("a.txt"), "Ada Kvist said so. Ben Ros said so.", headline="Sayings",
                      url="https://news.example/sayings")
    ada, ben = Actor("ada-kvist", "Ada Kvist", "Person"), Actor("ben-ros", "Ben Ros", "Person")
    ev = Evidence("Ada Kvist said so.", 0, 18)
    prop = Proposition("so", "so")
    doc = SimpleNamespace(_=SimpleNamespace(
        mentions=[Mention(ada, "Ada Kvist", 0, 9), Mention(ben, "Ben Ros", 19, 26)],
        quotes=[Quote("so", ada, ev), Quote("so", ben, ev)],
        roles=[Role(ada, "Foreign Minister", evidence=ev), Role(ada, "foreign minister", evidence=ev)],
        events=[],
        positions=[Position(ada, "Supports", prop, ev, confidence=0.7),
                   Position(ada, "Supports", prop, ev, confidence=0.9)]))
    mapped = map_article(article, doc)
    report = validate(graph_of(mapped.graph, mapped.shared))
    assert report.conforms, report.text
    assert mapped.counts["quotes"] == 1
