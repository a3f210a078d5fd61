"""The cache of query answers: repeated queries are served from it (X-Cache: hit), and
every write through the server (SPARQL update, graph-store PUT/POST/DELETE) empties it,
so an answer never outlives the data it was computed from."""
from __future__ import annotations

import json

import pytest

from server.result_cache import CachedAnswer, ResultCache
from server_helpers import AUTH, BASE, SHARED_GRAPH, make_app, select_rows
from server_helpers import app, client, store  # noqa: F401  (fixtures)

UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
LABELS = "SELECT ?label WHERE { ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
JSON = {"Accept": "application/sparql-results+json"}


def labels(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [row["label"]["value"] for row in select_rows(response)]


def ask_labels(client, headers=JSON):
    return client.get("/sparql", query_string={"query": LABELS}, headers=headers)


def add_label(client, label: str):
    update = f'INSERT DATA {{ GRAPH <{SHARED_GRAPH}> {{ <{BASE}id/actor/eu> ' \
             f'<http://www.w3.org/2000/01/rdf-schema#label> "{label}" }} }}'
    r = client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH)
    assert r.status_code == 204, r.data


# ---- served from the cache -----------------------------------------------------------------

def test_a_repeated_query_is_a_hit_with_the_same_answer(client, app):
    first = ask_labels(client)
    second = ask_labels(client)
    assert first.headers["X-Cache"] == "miss" and second.headers["X-Cache"] == "hit"
    assert second.data == first.data and labels(second) == ["NATO", "Ukraine"]
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert app.extensions["newskg"].cache.hits >= 1


def test_get_and_post_share_the_answer(client):
    assert ask_labels(client).headers["X-Cache"] == "miss"
    r = client.post("/sparql", data={"query": LABELS}, content_type=FORM, headers=JSON)
    assert r.headers["X-Cache"] == "hit" and labels(r) == ["NATO", "Ukraine"]
    r = client.post("/sparql", data=LABELS, content_type="application/sparql-query", headers=JSON)
    assert r.headers["X-Cache"] == "hit"


def test_the_shortcut_before_flask_answers_like_the_endpoint(client):
    """A repeated GET is answered by fast_path; a POST of the same query by the endpoint:
    same status, body and headers (but the Date)."""
    ask_labels(client)
    by_shortcut = ask_labels(client)
    by_endpoint = client.post("/sparql", data={"query": LABELS}, content_type=FORM, headers=JSON)
    assert by_shortcut.status_code == by_endpoint.status_code == 200
    assert by_shortcut.data == by_endpoint.data
    assert sorted(by_shortcut.headers.items()) == sorted(by_endpoint.headers.items())


def test_head_from_the_cache_has_no_body(client):
    ask_labels(client)
    r = client.head("/sparql", query_string={"query": LABELS}, headers=JSON)
    assert r.status_code == 200 and r.data == b"" and r.headers["X-Cache"] == "hit"
    assert int(r.headers["Content-Length"]) > 0


def test_media_types_do_not_collide(client):
    as_json = ask_labels(client)
    as_xml = ask_labels(client, {"Accept": "application/sparql-results+xml"})
    as_csv = ask_labels(client, {"Accept": "text/csv"})
    assert as_xml.headers["X-Cache"] == "miss" and as_csv.headers["X-Cache"] == "miss"
    assert as_json.mimetype == "application/sparql-results+json"
    assert as_xml.mimetype == "application/sparql-results+xml" and as_xml.data.lstrip().startswith(b"<?xml")
    assert as_csv.mimetype == "text/csv" and as_csv.data.splitlines()[0].strip() == b"label"
    again = client.get("/sparql", query_string={"query": LABELS, "format": "csv"})
    assert again.headers["X-Cache"] == "hit" and again.data == as_csv.data
    assert ask_labels(client, {"Accept": "application/sparql-results+xml"}).data == as_xml.data


def test_dataset_parameters_are_part_of_the_key(client):
    everything = ask_labels(client)
    shared_only = client.get("/sparql", query_string={"query": LABELS, "default-graph-uri": SHARED_GRAPH},
                             headers=JSON)
    article_only = client.get("/sparql", query_string={"query": LABELS,
                                                       "default-graph-uri": BASE + "graph/article/alpha"},
                              headers=JSON)
    assert labels(everything) == labels(shared_only) == ["NATO", "Ukraine"]
    assert shared_only.headers["X-Cache"] == "miss" and labels(article_only) == []


def test_relative_iris_resolve_per_endpoint_url(client):
    query = "SELECT ?v WHERE { BIND(<thing> AS ?v) }"
    here = client.get("/sparql", query_string={"query": query}, headers=JSON, base_url="http://one.test/")
    there = client.get("/sparql", query_string={"query": query}, headers=JSON, base_url="http://two.test/")
    assert select_rows(here)[0]["v"]["value"] == "http://one.test/thing"
    assert select_rows(there)[0]["v"]["value"] == "http://two.test/thing"


def test_volatile_answers_are_not_kept(client):
    query = "SELECT ?now WHERE { BIND(NOW() AS ?now) }"
    for _ in range(2):
        r = client.get("/sparql", query_string={"query": query}, headers=JSON)
        assert r.status_code == 200 and r.headers["X-Cache"] == "bypass"


def test_errors_are_not_kept(client):
    for _ in range(2):
        r = client.get("/sparql", query_string={"query": "SELECT ?x WHERE {"})
        assert r.status_code == 400 and "X-Cache" not in r.headers


# ---- every write empties it ----------------------------------------------------------------

def test_an_update_invalidates(client, app):
    assert labels(ask_labels(client)) == ["NATO", "Ukraine"]
    assert ask_labels(client).headers["X-Cache"] == "hit"
    before = app.extensions["newskg"].extra["generation"]
    add_label(client, "European Union")
    after = ask_labels(client)
    assert after.headers["X-Cache"] == "miss"
    assert labels(after) == ["European Union", "NATO", "Ukraine"]
    assert app.extensions["newskg"].extra["generation"] > before  # what the dump cache keys on


def test_an_update_without_the_token_changes_nothing(client):
    ask_labels(client)
    r = client.post("/sparql", data='INSERT DATA { <http://a/s> <http://a/p> "x" }', content_type=UPDATE)
    assert r.status_code == 403
    assert ask_labels(client).headers["X-Cache"] == "hit"


def test_a_failed_update_still_invalidates(client):
    """A write that fails may have done part of its work elsewhere: the cache is emptied anyway."""
    ask_labels(client)
    r = client.post("/sparql", data="INSERT DATA { GRAPH <http://a/g> { <http://a/s> <http://a/p> ?v } }",
                    content_type=UPDATE, headers=AUTH)
    assert r.status_code in (400, 500)
    assert ask_labels(client).headers["X-Cache"] in ("miss", "hit")  # must not crash
    add_label(client, "Zeta")
    assert labels(ask_labels(client))[-1] == "Zeta"


@pytest.mark.parametrize("method", ["put", "post"])
def test_graph_store_writes_invalidate(client, method):
    ask_labels(client)
    assert ask_labels(client).headers["X-Cache"] == "hit"
    body = f'<{BASE}id/actor/un> <http://www.w3.org/2000/01/rdf-schema#label> "United Nations" .'
    r = getattr(client, method)("/rdf-graph-store?graph=http://example.org/g", data=body,
                                content_type="application/n-triples", headers=AUTH)
    assert r.status_code in (201, 204)
    after = ask_labels(client)
    assert after.headers["X-Cache"] == "miss" and "United Nations" in labels(after)


def test_graph_store_delete_invalidates(client):
    assert "NATO" in labels(ask_labels(client))
    assert client.delete(f"/rdf-graph-store?graph={SHARED_GRAPH}", headers=AUTH).status_code == 204
    after = ask_labels(client)
    assert after.headers["X-Cache"] == "miss" and labels(after) == []


def test_direct_graph_store_put_invalidates(client):
    # (to a graph of its own: replacing the shared graph would leave this fixture's article
    # without its actors, and writes that break article graphs are refused)
    before = labels(ask_labels(client))
    r = client.put("/graph/notes/labels", data=f'<{BASE}id/actor/x> '
                   f'<http://www.w3.org/2000/01/rdf-schema#label> "Only one" .',
                   content_type="application/n-triples", headers=AUTH, base_url=BASE)
    assert r.status_code == 201, r.data
    assert sorted(labels(ask_labels(client))) == sorted(before + ["Only one"])


def test_the_shortcut_never_serves_a_stale_answer(client):
    """After a write, the request-level entry is gone too (same generation rule)."""
    ask_labels(client)
    ask_labels(client)  # now answered by fast_path
    add_label(client, "Alpha")
    assert labels(ask_labels(client)) == ["Alpha", "NATO", "Ukraine"]


def test_no_cache_for_a_remote_store():
    from kg.store import SparqlStore
    app = make_app(SparqlStore("http://127.0.0.1:9/sparql"))
    assert not app.extensions["newskg"].cache.enabled


def test_cache_size_from_the_environment(monkeypatch, store):
    monkeypatch.setenv("NEWSKG_RESULT_CACHE_MB", "0")
    client = make_app(store).test_client()
    assert "X-Cache" not in ask_labels(client).headers
    assert "X-Cache" not in ask_labels(client).headers


# ---- the cache itself ------------------------------------------------------------------------

def answer(size: int, generation: int = 0) -> CachedAnswer:
    return CachedAnswer("text/csv", b"x" * size, generation)


def test_bounded_by_bytes_least_recently_used_first():
    cache = ResultCache(max_bytes=10_000, max_entry_bytes=4_000)
    for name in "abcd":
        assert cache.put(name, answer(2_000))
        assert cache.size <= cache.max_bytes
    assert cache.get("a") is not None  # a is now the most recently used
    assert cache.put("e", answer(2_000))
    assert cache.size <= 10_000 and cache.evictions >= 1
    assert cache.get("a") is not None and cache.get("b") is None  # b was the least recently used
    assert cache.get("e") is not None


def test_too_large_answers_are_not_kept():
    cache = ResultCache(max_bytes=10_000, max_entry_bytes=4_000)
    assert cache.put("small", answer(1_000))
    assert not cache.put("big", answer(5_000))
    assert cache.get("big") is None and cache.get("small") is not None


def test_replacing_an_entry_keeps_the_count_right():
    cache = ResultCache(max_bytes=10_000)
    cache.put("a", answer(1_000))
    cache.put("a", answer(500))
    assert len(cache) == 1 and cache.size == 500 + 1 + 256


def test_an_answer_computed_before_a_write_is_refused():
    cache = ResultCache(max_bytes=10_000)
    generation = cache.generation          # read before evaluation
    cache.invalidate()                     # a write finishes meanwhile
    assert not cache.put("q", answer(10, generation))
    assert cache.get("q") is None


def test_invalidate_forgets_everything():
    cache = ResultCache(max_bytes=10_000)
    cache.put("q", answer(100))
    assert cache.invalidate() == 1
    assert len(cache) == 0 and cache.size == 0 and cache.get("q") is None


def test_zero_bytes_disables():
    cache = ResultCache(max_bytes=0)
    assert not cache.enabled and not cache.put("q", answer(1))


def test_stats_are_plain_numbers():
    cache = ResultCache(max_bytes=10_000)
    cache.put("q", answer(1))
    cache.get("q")
    cache.get("r")
    stats = cache.stats()
    assert stats["hits"] == 1 and stats["misses"] == 1 and stats["entries"] == 1
    json.dumps(stats)
