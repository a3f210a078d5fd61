"""The shared graph stays valid across articles: replacing or deleting an article takes back
what it contributed, and articles that disagree about an actor's type are settled by one rule."""
import dataclasses

import pytest

from kg.contributions import delete_articles
from kg.ingest import ingest
from kg.store import OxigraphStore
from kg.store_validation import validate_store
from conftest import newskg

URL_A = "https://harbourline.example/2026/10/04/port-fund"
URL_B = "https://harbourline.example/2026/10/06/port-fund-reactions"
V1 = """Ministers back a joint fund for port security
European Union transport ministers agreed on Friday to set up a joint fund for port security.
"We cannot leave the ports alone with this," said Jonas Kvalheim, who chaired the meeting in Brussels.
Denmark opposed the plan, diplomats said.
"""
V2 = """Ministers back a joint fund for port security
European Union transport ministers agreed on Friday to set up a joint fund for port security.
"We cannot leave the ports alone with this," said Jonas Kvalheim, who chaired the meeting in Brussels.
Portugal welcomed the plan, diplomats said.
"""
B = """Port fund draws praise from shipping firms
Shipping firms welcomed a joint fund for port security on Monday.
"This is what the ports asked for," said Jonas Kvalheim, who had chaired the ministers' meeting.
"""
KVALHEIM = "http://localhost:8080/id/actor/jonas-kvalheim"
SHARED = "http://localhost:8080/graph/shared"


def _write(folder, name, text, url):
    page = folder / f"{name}.txt"
    page.write_text(text, encoding="utf-8")
    page.with_name(f"{name}.meta.json").write_text(f'{{"url": "{url}", "publisher": "Harbourline"}}', encoding="utf-8")
    return page


def _types(store, node):
    rows = store.query(f"SELECT DISTINCT ?t WHERE {{ <{node}> a ?t }}")
    return {r["t"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for r in rows} - {"Actor"}


def _mentions_anywhere(store, text):
    rows = store.query(f'ASK {{ GRAPH ?g {{ ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), "{text}")) }} }}')
    return bool(rows)


def _has_node(store, node):
    return bool(store.query(f"ASK {{ GRAPH ?g {{ {{ <{node}> ?p ?o }} UNION {{ ?s ?p <{node}> }} }} }}"))


class _Reopenable(OxigraphStore):
    def __init__(self, path):
        super().__init__(path)
        self.path = path


@pytest.fixture
def retyping(nlp, monkeypatch):
    """Makes the model tag Jonas Kvalheim as an organisation while it is on."""
    stage = nlp.get_pipe("newskg_actors")
    original = stage.component

    def as_organisation(doc):
        doc = original(doc)
        for mention in doc._.mentions:
            if mention.actor.key == "jonas-kvalheim":
                mention.actor = dataclasses.replace(mention.actor, type="Organization")
        return doc

    def on():
        monkeypatch.setattr(stage, "component", as_organisation)

    def off():
        monkeypatch.setattr(stage, "component", original)
    return on, off


def _valid(store):
    """`newskg validate` passes on the store (closed for the command's run, then opened again)."""
    report = validate_store(store)
    assert report.conforms, report.text
    path = store.path
    store.close()
    done = newskg("validate", "--store", path)
    assert done.returncode == 0 and "all conform" in done.stdout, done.stdout[-2000:]
    store.__init__(path)


def test_reingest_retyping_disagreeing_article_and_delete_keep_the_store_valid(tmp_path, nlp, retyping):
    on, off = retyping
    store = _Reopenable(tmp_path / "store")
    a = _write(tmp_path, "a", V1, URL_A)
    [first] = ingest([a], store)
    assert first.ok
    _valid(store)
    assert _types(store, KVALHEIM) == {"Person"}
    assert _has_node(store, "http://localhost:8080/id/actor/denmark")

    # a new version of the same article, whose model types the person as an organisation
    a.write_text(V2, encoding="utf-8")
    on()
    [second] = ingest([a], store)
    off()
    assert second.ok and second.mapped.graph_name == first.mapped.graph_name
    _valid(store)
    assert _types(store, KVALHEIM) == {"Organization"}
    # nothing of the replaced version remains: not its sentence, not the actor only it named
    assert not _mentions_anywhere(store, "Denmark opposed")
    assert not _has_node(store, "http://localhost:8080/id/actor/denmark")
    assert _has_node(store, "http://localhost:8080/id/actor/portugal")

    # a second article that types him as a person: one type, by the same rule everywhere
    [other] = ingest([_write(tmp_path, "b", B, URL_B)], store)
    assert other.ok
    _valid(store)
    assert _types(store, KVALHEIM) == {"Person"}   # a tie among the model's types: the first kind

    # deleting the second article takes back its contributions
    delete_articles(store, [str(other.mapped.graph_name)])
    _valid(store)
    assert _types(store, KVALHEIM) == {"Organization"}
    assert str(other.mapped.graph_name) not in store.graph_names()
    assert not _mentions_anywhere(store, "This is what the ports asked for")

    # and deleting the first leaves an empty shared graph
    delete_articles(store, [str(first.mapped.graph_name)])
    _valid(store)
    assert not _has_node(store, KVALHEIM)
    assert not list(store.oxigraph)      # not a triple left
    store.close()


def test_the_outlet_typed_by_metadata_wins_over_another_articles_model(tmp_path, nlp):
    store = _Reopenable(tmp_path / "store")
    with_meta = _write(tmp_path, "a", V1, URL_A)
    without = tmp_path / "c.txt"
    without.write_text("Harbourline staff vote for a strike\nBRUSSELS, Oct 9 (Harbourline) - Journalists at "
                       "Harbourline voted on Thursday to strike, Harbourline said in a statement.\n", encoding="utf-8")
    outcomes = ingest([without, with_meta], store)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    _valid(store)
    assert _types(store, "http://localhost:8080/id/actor/harbourline") == {"NewsMediaOrganization"}
    store.close()


def test_contributions_keep_literals_with_line_breaks_and_quotes_whole():
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS
    from kg.contributions import Entry, described, entries_of
    from kg.mapping import MappedArticle, Triples
    label = 'a "quoted"\nlabel \\ here'
    node = URIRef("http://localhost:8080/id/proposition/p")
    shared = Triples()
    shared.add((node, RDFS.label, Literal(label)))
    entry = entries_of(MappedArticle(URIRef("http://a"), URIRef("http://g"), Triples(), shared))[str(node)]
    [line] = described([Entry.parse(str(node), entry.literal())])
    store = OxigraphStore()
    store.update("INSERT DATA { GRAPH <http://s> { " + line + " } }")
    [row] = store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert row["o"].value == label
