"""What a hostile stranger tries on the server: stored XSS through an article's URL,
framing and sniffing (security headers), malformed paths. Each is answered with a client
error or rendered harmless, never a traceback."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from server.page_helpers import link_url
from server_helpers import BASE, make_app, news_store

EVIL_URL = "javascript://example.org/%0aalert('XSS')"
EVIL_ARTICLE = BASE + "id/article/evil"


@pytest.fixture(scope="module")
def client():
    store = news_store()
    store.update(f"""
        PREFIX schema: <https://schema.org/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        INSERT DATA {{ GRAPH <{BASE}graph/article/evil> {{
            <{EVIL_ARTICLE}> a schema:NewsArticle ; schema:headline "A harmless-looking article" ;
                schema:url <{EVIL_URL}> .
            <{BASE}graph/article/evil> prov:wasDerivedFrom <{EVIL_URL}> .
        }} }}""")
    return make_app(store).test_client()


def hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', page)


def test_a_javascript_url_of_an_article_is_text_not_a_link(client):
    r = client.get("/id/article/evil", headers={"Accept": "text/html"})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert not any("javascript" in h.lower() for h in hrefs(page))
    assert "javascript://example.org/%0aalert(&#39;XSS&#39;)" in page  # shown, as text
    assert "Read the article at its source" not in page


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)",
    "java\tscript:alert(1)", "jav\nascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "javascript%3Aalert(1)x:y", ""])
def test_only_web_and_relative_urls_become_links(url):
    assert link_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org/", "HTTPS://EXAMPLE.ORG/",
                                 "/id/actor/nato", "?page=2", "#top", "page/2", "//example.org/x"])
def test_web_and_relative_urls_stay_links(url):
    assert link_url(url) == url


SECURITY_HEADERS = {"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"}


@pytest.mark.parametrize("path, headers", [
    ("/", {"Accept": "text/html"}),
    ("/id/article/evil", {"Accept": "text/html"}),
    ("/id/article/evil", {"Accept": "text/turtle"}),
    ("/id/actor/nobody", {"Accept": "text/html"}),
    ("/sparql", {"Accept": "text/html"}),
    ("/sparql", {"Accept": "text/turtle"}),
    ("/sparql?query=ASK%7B%7D", {}),
    ("/sparql?query=ASK%7B%7D", {}),  # the second time from the cache, before Flask
    ("/sparql?query=ASK%7B", {}),
    ("/static/query.js", {}),
    ("/.well-known/void", {}),
    ("/no/such/page", {}),
])
def test_every_kind_of_response_carries_the_security_headers(client, path, headers):
    r = client.get(path, headers=headers)
    assert SECURITY_HEADERS <= set(r.headers.keys()), (path, r.status_code)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_errors_and_writes_carry_the_security_headers_too(client):
    for r in (client.post("/sparql", data="INSERT DATA {}", content_type="application/sparql-update"),
              client.delete("/sparql"), client.put("/rdf-graph-store?default", data=b"x")):
        assert r.status_code >= 400 and SECURITY_HEADERS <= set(r.headers.keys())


def test_pages_have_no_inline_script(client):
    for path in ("/", "/sparql", "/id/article/evil", "/ontology", "/shapes", "/.well-known/void"):
        page = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
            # a data block (JSON, JSON-LD) is never run; a script must come from a file
            assert "src=" in attributes or re.search(r'type="application/(ld\+)?json"', attributes), path
            assert "src=" not in attributes or not body.strip()
        assert not re.search(r"\son[a-z]+\s*=", page), path


@pytest.mark.parametrize("path", ["/id/actor/%00", "/id/actor/a%00b", "/id/article/%ff%fe", "/id/%ff/x",
                                  "/graph/article/%ff", "/graph/article/%00", "/graph-page/%ff%fe",
                                  "/id/actor/%", "/id/actor/%zz", "/%ff", "/static/%00"])
def test_malformed_paths_are_client_errors(client, path):
    for accept in ("text/html", "text/turtle"):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code in (400, 404), (path, accept, r.status_code)
        assert b"Traceback" not in r.data


# ---- SERVICE and LOAD, however they are hidden ------------------------------------------

import threading
import time

from server import query_guard
from tests.test_server_safety import Listener

QUERY, UPDATE = "application/sparql-query", "application/sparql-update"
AUTH = {"Authorization": "Bearer test-update-token"}


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def counted_runs(monkeypatch):
    """How many jobs reached the query runner (a child)."""
    runs = []
    original = query_guard.ForkingRunner.run

    def run(self, job):
        runs.append(job)
        return original(self, job)
    monkeypatch.setattr(query_guard.ForkingRunner, "run", run)
    return runs


def bypass_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ ?s ?p 0.85.SERVICE <{url}x> {{ ?a ?b ?c }} }}",
        f'SELECT * WHERE {{ ?s ?p "\\u0022" . SERVICE <{url}x> {{ ?a ?b ?c }} ?s ?p """x""" }}',
        f"SELECT * WHERE {{ ?s ?p 1.SERVICE <{url}x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p 1e0.SERVICE SILENT <{url}x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p '\\u0027' . SERVICE <{url}x> {{ ?a ?b ?c }} ?s ?p '''x''' }}",
        f"SELECT * WHERE {{ ?s ?p ?o #\\u000a SERVICE <{url}x> {{ ?a ?b ?c }} \n}}",
        f"SELECT * WHERE {{ ?s ?p <http://e/\\u003E> . SERVICE <{url}x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}x> {{ ?a ?b ?c }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}x> {{ ?a ?b ?c }} }} }}",
    ]


def bypass_updates(url: str) -> list[str]:
    return [
        f'INSERT DATA {{ <http://e/s> <http://e/p> "\\u0022" }} ; LOAD SILENT <{url}> ; '
        f'INSERT DATA {{ <http://e/s> <http://e/p> """x""" }}',
        f"INSERT DATA {{ <http://e/s> <http://e/p> 0.5 }} ; LOAD <{url}> INTO GRAPH <http://e/g>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ ?s ?p 0.85.SERVICE <{url}x> {{ ?s ?p ?o }} }}",
        f"DELETE WHERE {{ ?s ?p ?o }} ; lOaD <{url}>",
    ]


def test_hidden_service_in_queries_is_refused_before_any_child_runs(client, listener, counted_runs):
    for query in bypass_queries(listener.url):
        r = client.get("/sparql", query_string={"query": query})
        assert r.status_code == 400, (query, r.data)
        r = client.post("/sparql", data=query, content_type=QUERY)
        assert r.status_code == 400, (query, r.data)
    assert counted_runs == []
    listener.close()
    assert listener.connections == 0


def test_hidden_load_and_service_in_updates_are_refused(client, listener, counted_runs):
    for update in bypass_updates(listener.url):
        r = client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH)
        assert r.status_code == 400, (update, r.data)
        assert b"LOAD" in r.data or b"SERVICE" in r.data
    assert counted_runs == []
    r = client.get("/sparql", query_string={"query": "ASK { <http://e/s> ?p ?o }"})
    assert b"false" in r.data  # the updates' other operations did not run either
    listener.close()
    assert listener.connections == 0


def test_the_words_service_and_load_in_strings_names_and_comments_are_fine(client):
    for query in ('SELECT * WHERE { ?s ?p "customer SERVICE, LOAD" } # SERVICE <http://x/>',
                  "PREFIX load: <http://e/load#> SELECT ?service WHERE { ?service load:SERVICE ?download }",
                  'SELECT * WHERE { ?s ?p "\\u0053ERVICE" }'):
        r = client.get("/sparql", query_string={"query": query})
        assert r.status_code == 200, (query, r.data)


@pytest.mark.parametrize("make", [
    lambda n: "SELECT * WHERE " + "{ " * n + "?s ?p ?o " + "} " * n,
    lambda n: "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
    lambda n: "SELECT * WHERE { FILTER(" + "!" * n + "true) }",
    lambda n: "SELECT * WHERE { FILTER(" + "! " * n + "true) }",
    lambda n: "SELECT * WHERE { FILTER(" + "-(" * n + "1" + ")" * n + " < 0) }",
    lambda n: "SELECT * WHERE { ?s " + "(" * n + "<http://e/p>" + ")" * n + " ?o }",
])
def test_queries_nested_thousands_deep_are_400_and_the_server_answers_on(client, make, counted_runs):
    r = client.get("/sparql", query_string={"query": make(10_000)})
    assert r.status_code == 400 and b"nested" in r.data
    assert counted_runs == []
    assert client.get("/sparql", query_string={"query": make(20)}).status_code == 200


def test_an_update_nested_100000_deep_is_400(client):
    update = "INSERT DATA { <http://e/s> <http://e/p> " + "(" * 100_000 + "1" + ")" * 100_000 + " }"
    r = client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH)
    assert r.status_code == 400 and b"nested" in r.data
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize("pool_size", ["0", "2"])
def test_a_child_that_cannot_drop_its_network_runs_nothing(monkeypatch, tmp_path, pool_size):
    monkeypatch.setattr(query_guard, "_drop_network", lambda: False)
    monkeypatch.setenv("NEWSKG_QUERY_PROCESSES", pool_size)
    marker = tmp_path / "ran"
    app = make_app()
    ctx = app.extensions["newskg"]

    def job(out) -> str:
        marker.write_text("the job ran")
        out.write(b"x")
        return "text/plain"
    with pytest.raises(query_guard.QueryError, match="network"):
        ctx.runner.run(job)
    assert not marker.exists()
    r = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 500 and b"network" in r.data
    ctx.runner.close()


# ---- updates: isolated, bounded, one writer ---------------------------------------------

# a cartesian product of the store's quads, nine times over (the data is in named graphs)
ENDLESS_UPDATE = ("DELETE { GRAPH ?g1 { ?a ?b ?c } } WHERE { "
                  + " ".join(f"GRAPH ?g{i} {{ ?s{i} ?p{i} ?o{i} }}" for i in range(1, 10))
                  + " BIND(?s1 AS ?a) BIND(?p1 AS ?b) BIND(?o1 AS ?c)"
                  + " FILTER(CONCAT(" + ", ".join(f"STR(?o{i})" for i in range(1, 10)) + ") = 'x') }")


def all_quads(store) -> set:
    return set(store.oxigraph.quads_for_pattern(None, None, None, None))


def test_an_endless_update_is_stopped_at_the_timeout_changing_nothing_while_queries_go_on():
    store = news_store()
    before = all_quads(store)
    app = make_app(store, update_timeout=2)
    answered = []

    def ask_meanwhile():
        with app.test_client() as other:
            for i in range(5):
                r = other.get("/sparql", query_string={"query": f"ASK {{ ?s ?p ?o }} # {i}"})
                answered.append(r.status_code)
    reader = threading.Timer(0.3, ask_meanwhile)
    reader.start()
    r = app.test_client().post("/sparql", data=ENDLESS_UPDATE, content_type=UPDATE, headers=AUTH)
    reader.join()
    assert r.status_code == 503 and b"nothing was changed" in r.data
    assert answered == [200] * 5
    assert all_quads(store) == before
    # the writer is free again
    r = app.test_client().post("/sparql", data="INSERT DATA { <http://e/s> <http://e/p> 1 }",
                               content_type=UPDATE, headers=AUTH)
    assert r.status_code == 204
    app.extensions["newskg"].runner.close()


def test_an_update_that_reads_the_store_changes_exactly_what_it_says():
    store = news_store()
    store.update("INSERT DATA { GRAPH <http://e/g> { _:b <http://e/p> 1 . _:b <http://e/q> 2 } }")
    store.update("INSERT DATA { GRAPH <http://e/g2> { <http://e/other> <http://e/p> 3 } }")
    app = make_app(store)
    client = app.test_client()
    update = ("DELETE { GRAPH <http://e/g> { ?b <http://e/q> ?v } } INSERT { GRAPH <http://e/g> { ?b <http://e/r> ?v } } "
              "WHERE { GRAPH <http://e/g> { ?b <http://e/q> ?v } } ; CREATE GRAPH <http://e/empty> ; "
              "DELETE WHERE { GRAPH ?g { <http://e/other> ?p ?o } }")
    asked = {"query": "ASK { <http://e/other> ?p ?o }"}
    assert b"true" in client.get("/sparql", query_string=asked).data  # now in the cache
    r = client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH)
    assert r.status_code == 204, r.data
    ox_store = store.oxigraph
    (p, v), = [(q.predicate.value, q.object.value) for q in ox_store.quads_for_pattern(None, None, None, None)
               if q.graph_name.value == "http://e/g" and q.predicate.value != "http://e/p"]
    assert (p, v) == ("http://e/r", "2")
    # the same blank node as before: the one with <p> 1
    subjects = {q.subject for q in ox_store.quads_for_pattern(None, None, None, None) if q.graph_name.value == "http://e/g"}
    assert len(subjects) == 1
    assert "http://e/empty" in store.graph_names()
    assert b"false" in client.get("/sparql", query_string=asked).data  # the cached answer is gone
    app.extensions["newskg"].runner.close()


def test_a_failing_update_changes_nothing():
    store = news_store()
    before = all_quads(store)
    client = make_app(store).test_client()
    r = client.post("/sparql", data="CLEAR ALL ; CREATE GRAPH <" + BASE + "graph/shared>",
                    content_type=UPDATE, headers=AUTH)
    assert r.status_code in (400, 500) and b"Traceback" not in r.data
    assert all_quads(store) == before



# ---- writes keep article graphs valid ---------------------------------------------------

@pytest.fixture
def seed_app(seed_dump):
    from kg.store import OxigraphStore
    store = OxigraphStore()
    store.oxigraph.load(path=str(seed_dump), format=ox.RdfFormat.N_QUADS)
    article_graph = next(g for g in store.graph_names() if "/graph/article/" in g)
    base = article_graph.split("graph/article/")[0]
    app = make_app(store, base=base)
    yield app, store, base, article_graph
    app.extensions["newskg"].runner.close()


def test_an_update_that_breaks_an_article_is_refused_with_the_report(seed_app):
    app, store, base, graph = seed_app
    client = app.test_client()
    before = all_quads(store)
    for update in (f"DELETE WHERE {{ GRAPH <{graph}> {{ ?a <https://schema.org/headline> ?h }} }}",
                   f"DELETE DATA {{ GRAPH <{graph}> {{ {first_position_stance(store, graph)} }} }}",
                   f"INSERT DATA {{ GRAPH <{graph}> {{ <{base}id/position/x> a <https://w3id.org/newskg/ns#Position> }} }}"):
        r = client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH)
        assert r.status_code == 422, (update, r.data)
        assert graph.encode() in r.data and b"violat" in r.data.lower()
    assert all_quads(store) == before
    # a change that keeps it valid goes through
    r = client.post("/sparql", data=f"INSERT DATA {{ GRAPH <{graph}> {{ <{base}id/actor/x> "
                                    "<http://www.w3.org/2000/01/rdf-schema#comment> \"a note\" } }",
                    content_type=UPDATE, headers=AUTH)
    assert r.status_code == 204, r.data


def test_a_graph_store_put_of_an_invalid_article_graph_is_refused(seed_app):
    app, store, base, graph = seed_app
    before = all_quads(store)
    r = app.test_client().put("/rdf-graph-store", query_string={"graph": graph}, headers=AUTH,
                              data=f"<{base}id/position/x> a <https://w3id.org/newskg/ns#Position> .",
                              content_type="text/turtle")
    assert r.status_code == 422 and b"violat" in r.data.lower()
    assert all_quads(store) == before


def first_position_stance(store, graph: str) -> str:
    row = next(iter(store.query(f"SELECT ?p ?s WHERE {{ GRAPH <{graph}> {{ ?p <https://w3id.org/newskg/ns#stance> ?s }} }}")))
    return f"{row['p']} <https://w3id.org/newskg/ns#stance> {row['s']}"


@pytest.mark.parametrize("make", [
    lambda n: "SELECT * {" + " UNION ".join(["{ ?s ?p ?o }"] * n) + "}",
    lambda n: "ASK { FILTER(" + " && ".join(["true"] * n) + ") }",
    lambda n: "ASK { ?s " + "|".join(["<http://e/p>"] * n) + " ?o }",
    lambda n: "SELECT * { " + " ".join(f"BIND({i} AS ?x{i})" for i in range(n)) + " }",
    lambda n: "SELECT * { ?s ?p ?o " + " ".join(["MINUS { ?s ?p 2 }"] * n) + " }",
])
def test_operations_with_thousands_of_elements_in_a_row_are_400(client, make, counted_runs):
    """(20,000 UNIONs, ANDs or alternatives, 5,000 BINDs or MINUSes crash Oxigraph's evaluation)"""
    r = client.get("/sparql", query_string={"query": make(20_000)})
    assert r.status_code == 400 and b"split it" in r.data
    assert counted_runs == []
    assert client.get("/sparql", query_string={"query": make(50)}).status_code == 200
