"""Search: the index's ranking and matching (accents, case, aliases, partial words) over a small
hand-written store, the index ingest keeps beside a real store, and /search as programs and
browsers use it."""
from __future__ import annotations

import json

import pytest

from kg.search_index import SearchIndex, location
from kg.store import OxigraphStore

B = "http://search.test/"
# three articles: Ana Gómez is mentioned by all three, Anatoly Grell by one; a country known as its capital
SMALL = f"""
PREFIX schema: <https://schema.org/>
PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT DATA {{
  GRAPH <{B}graph/shared> {{
    <{B}id/actor/ana-gomez> a nkg:Actor, schema:Person ; schema:name "Ana Gómez" ; rdfs:label "Ana Gómez" .
    <{B}id/actor/anatoly-grell> a nkg:Actor, schema:Person ; schema:name "Anatoly Grell" ; rdfs:label "Anatoly Grell" .
    <{B}id/actor/hungary> a nkg:Actor, schema:Country ; schema:name "Hungary" ; rdfs:label "Hungary" .
    <{B}id/actor/lake-board> a nkg:Actor, schema:Organization ; schema:name "Lake Board" ;
        skos:altLabel "the Water Authority" .
    <{B}id/proposition/draining-the-lake> a nkg:Proposition ; rdfs:label "draining the lake" .
  }}
  GRAPH <{B}graph/article/one> {{
    <{B}id/article/one> a schema:NewsArticle ; schema:headline "Lake to stay, says board" ;
        schema:mentions <{B}id/actor/ana-gomez>, <{B}id/actor/anatoly-grell>, <{B}id/actor/lake-board> .
    <{B}id/position/p1> a nkg:Position ; nkg:proposition <{B}id/proposition/draining-the-lake> ;
        nkg:reportedIn <{B}id/article/one> .
  }}
  GRAPH <{B}graph/article/two> {{
    <{B}id/article/two> a schema:NewsArticle ; schema:headline "Anger at the lake plan" ;
        schema:mentions <{B}id/actor/ana-gomez>, <{B}id/actor/hungary> .
  }}
  GRAPH <{B}graph/article/three> {{
    <{B}id/article/three> a schema:NewsArticle ; schema:headline "Gómez speaks" ;
        schema:mentions <{B}id/actor/ana-gomez> .
  }}
}}"""


@pytest.fixture(scope="module")
def small_store():
    store = OxigraphStore()
    store.update(SMALL)
    return store


@pytest.fixture(scope="module")
def index(small_store):
    index = SearchIndex()
    index.rebuild(small_store)
    return index


def labels(hits):
    return [h.label for h in hits]


def test_more_mentioned_resources_rank_first(index):
    hits = index.search("ana")
    assert labels(hits)[:2] == ["Ana Gómez", "Anatoly Grell"]
    assert [h.mentions for h in hits[:2]] == [3, 1]


def test_accents_and_case_do_not_matter(index):
    for query in ("gomez", "GÓMEZ", "ana gomez", "Ana Gó"):
        assert "Ana Gómez" in labels(index.search(query)), query


def test_a_partly_typed_word_finds_the_name(index):
    assert labels(index.search("anat")) == ["Anatoly Grell"]
    assert labels(index.search("gre")) == ["Anatoly Grell"]


def test_aliases_find_the_actor(index):
    assert labels(index.search("water authority"))[0] == "Lake Board"
    assert labels(index.search("the Water Authority"))[0] == "Lake Board"


def test_the_registry_knows_a_government_by_its_capital(index):
    hit = index.search("budapest")[0]
    assert (hit.label, hit.kind) == ("Hungary", "actor")


def test_kinds_and_limits(index):
    assert {h.kind for h in index.search("lake")} == {"actor", "proposition", "article"}
    assert labels(index.search("lake", kind="proposition")) == ["draining the lake"]
    assert len(index.search("a", limit=2)) == 2


def test_nothing_to_search_finds_nothing(index):
    assert index.search("") == []
    assert index.search("  ,;\"* ") == []
    assert index.search("zzzz") == []


def test_refresh_follows_the_store(small_store):
    index = SearchIndex()
    index.rebuild(small_store)
    small_store.update(f"""INSERT DATA {{ GRAPH <{B}graph/shared> {{
        <{B}id/actor/anatoly-grell> <http://www.w3.org/2004/02/skos/core#altLabel> "Tolya" }} }}""")
    try:
        assert index.search("tolya") == []
        index.refresh(small_store, {f"{B}id/actor/anatoly-grell"})
        assert labels(index.search("tolya")) == ["Anatoly Grell"]
    finally:
        small_store.update(f"""DELETE DATA {{ GRAPH <{B}graph/shared> {{
            <{B}id/actor/anatoly-grell> <http://www.w3.org/2004/02/skos/core#altLabel> "Tolya" }} }}""")


# --- the index ingest keeps, and the API ------------------------------------------------

def test_ingest_keeps_an_index_beside_the_store(store):
    path = location(store)
    assert path is not None and path.exists()
    index = SearchIndex(path)
    try:
        hit = index.search("szijjarto")[0]
        assert hit.label == "Péter Szijjártó" and hit.kind == "actor" and hit.mentions >= 1
    finally:
        index.close()


def test_search_api_answers_json(client):
    response = client.get("/search?q=szijj&limit=3", headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    results = json.loads(response.data)["results"]
    assert 1 <= len(results) <= 3
    assert set(results[0]) == {"id", "label", "type", "mentions"}
    assert results[0]["label"] == "Péter Szijjártó" and results[0]["type"] == "actor"
    assert results[0]["id"].endswith("/id/actor/peter-szijjarto")
    mentions = [r["mentions"] for r in results]
    assert mentions == sorted(mentions, reverse=True)


def test_search_api_filters_by_type(client):
    results = json.loads(client.get("/search?q=nato&type=proposition&format=json").data)["results"]
    assert results and {r["type"] for r in results} == {"proposition"}
    bad = client.get("/search?q=nato&type=planet", headers={"Accept": "application/json"})
    assert bad.status_code == 400 and "error" in json.loads(bad.data)


def test_search_page_for_browsers_escapes_the_query(client):
    page = client.get("/search?q=<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert b"<script>alert(1)" not in page.data and b"&lt;script&gt;" in page.data


def test_search_page_lists_results_with_types_and_counts(client):
    page = client.get("/search?q=hungary", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/id/actor/hungary"' in page
    assert "kind-badge kind-actor" in page and "article" in page


def test_every_page_has_the_search_box(client):
    for path in ("/", "/ontology", "/actors", "/search"):
        page = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        assert 'class="site-search"' in page and 'name="q"' in page, path
        assert "search.js" in page
