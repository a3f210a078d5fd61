"""Nothing a request carries reaches the network or the file system; runaway queries are
stopped; sizes are capped; bad requests never crash the server."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from server_helpers import AUTH, ARTICLE_GRAPH, make_app, news_store, select_rows
from server_helpers import app, client, store  # noqa: F401  (fixtures)

QUERY, UPDATE = "application/sparql-query", "application/sparql-update"


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self):
        time.sleep(0.3)  # let any late connection arrive before looking
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def assert_no_connection(listener):
    time.sleep(0.3)
    assert listener.connections == 0


# ---- nothing reaches the network -------------------------------------------------------

def test_service_is_refused(client, listener):
    r = client.get("/sparql", query_string={"query": f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 400 and b"SERVICE" in r.data
    r = client.get("/sparql", query_string={"query": f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 400
    assert_no_connection(listener)


def test_service_spelt_with_escapes_is_refused(client, listener):
    query = "SELECT * WHERE { \\u0053ERVICE <" + listener.url + "> { ?s ?p ?o } }"
    assert client.get("/sparql", query_string={"query": query}).status_code == 400
    assert_no_connection(listener)


def test_service_inside_an_update_is_refused(client, listener):
    update = f"INSERT {{ GRAPH <http://x/g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    assert client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH).status_code == 400
    assert_no_connection(listener)


def test_words_that_only_look_like_service_are_fine(client):
    query = ('SELECT ?service WHERE { BIND("SERVICE and LOAD" AS ?service) '
             '?s <http://example.org/LOAD#SERVICE> ?o } # SERVICE <http://x/>')
    assert client.get("/sparql", query_string={"query": query}).status_code == 200


def test_from_and_from_named_only_name_graphs_in_the_store(client, listener):
    for query in (f"SELECT * FROM <{listener.url}a> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{listener.url}b> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        r = client.get("/sparql", query_string={"query": query})
        assert r.status_code == 200 and select_rows(r) == []
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }",
                                            "default-graph-uri": listener.url + "c"})
    assert r.status_code == 200 and select_rows(r) == []
    assert_no_connection(listener)


def test_from_a_file_reads_nothing(client):
    for query in ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
                  "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }"):
        r = client.get("/sparql", query_string={"query": query})
        assert r.status_code == 200 and select_rows(r) == [] and b"root" not in r.data
    r = client.get("/sparql", query_string={"query": "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"},
                   headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.data.strip() == b""


def test_load_is_refused(client, store, listener):
    for update in (f"LOAD <{listener.url}data.ttl>", f"LOAD SILENT <{listener.url}data.ttl> INTO GRAPH <http://x/g>",
                   "LOAD <file:///etc/passwd>"):
        r = client.post("/sparql", data=update, content_type=UPDATE, headers=AUTH)
        assert r.status_code == 400 and b"LOAD" in r.data
    assert "http://x/g" not in store.graph_names()
    assert_no_connection(listener)


def test_query_children_have_no_network(app, listener):
    """Behind the refusal of SERVICE: the process a query runs in cannot connect anywhere."""
    runner = app.extensions["newskg"].runner
    if not getattr(runner, "enforces_timeout", False):
        pytest.skip("queries do not run in a child process here")

    def job(out):
        try:
            socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
            out.write(b"connected")
        except OSError as e:
            out.write(f"refused: {e}".encode())
        return "text/plain"

    result = runner.run(job)
    if result.body == b"connected":
        pytest.skip("this kernel does not allow a private network namespace (refusal of SERVICE still holds)")
    assert result.body.startswith(b"refused")


def test_jsonld_remote_context_is_never_fetched(client, listener):
    body = '{"@context": "%scontext.jsonld", "@id": "http://a/s", "name": "x"}' % listener.url
    r = client.put("/rdf-graph-store?graph=http://a/g", data=body, content_type="application/ld+json", headers=AUTH)
    assert r.status_code == 400
    body = '{"@context": [{"@import": "%sctx"}], "@id": "http://a/s"}' % listener.url
    r = client.put("/rdf-graph-store?graph=http://a/g", data=body, content_type="application/ld+json", headers=AUTH)
    assert r.status_code == 400
    assert_no_connection(listener)


def test_xml_external_entities_are_not_resolved(client, store, listener):
    for system_id in ("file:///etc/passwd", listener.url + "entity"):
        body = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "{system_id}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:a="http://a/">
  <rdf:Description rdf:about="http://a/s"><a:p>&ext;</a:p></rdf:Description>
</rdf:RDF>"""
        r = client.put("/rdf-graph-store?graph=http://a/g", data=body, content_type="application/rdf+xml",
                       headers=AUTH)
        assert r.status_code == 400
    r = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'root:')) }"})
    assert b"false" in r.data
    assert_no_connection(listener)


def test_xml_entity_expansion_bomb_is_refused(client):
    entities = '<!ENTITY a0 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    body = f"""<?xml version="1.0"?><!DOCTYPE rdf:RDF [{entities}]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:a="http://a/">
<rdf:Description rdf:about="http://a/s"><a:p>&a9;</a:p></rdf:Description></rdf:RDF>"""
    started = time.monotonic()
    r = client.put("/rdf-graph-store?graph=http://a/g", data=body, content_type="application/rdf+xml", headers=AUTH)
    assert r.status_code == 400 and time.monotonic() - started < 5


# ---- runaway queries -------------------------------------------------------------------

def cross_product_store(n: int = 60):
    store = news_store()
    store.update("INSERT DATA { GRAPH <http://x/big> { " +
                 " ".join(f"<http://x/s{i}> <http://x/p> {i} ." for i in range(n)) + " } }")
    return store


# 70^5 = 1.7e9 solutions to count: many minutes of work
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def child_processes() -> set[int]:
    children = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            children |= {int(pid) for pid in (task / "children").read_text().split()}
        except OSError:
            pass
    return children


def test_a_runaway_query_is_stopped_at_the_timeout_while_others_are_answered():
    app = make_app(cross_product_store(), query_timeout=2)
    client = app.test_client()
    before = child_processes()
    outcome = {}

    def slow():
        started = time.monotonic()
        r = client.get("/sparql", query_string={"query": SLOW_QUERY})
        outcome.update(status=r.status_code, body=r.data, seconds=time.monotonic() - started)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive()
    started = time.monotonic()
    r = client.get("/sparql", query_string={"query": "SELECT ?label WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label }"})
    quick = time.monotonic() - started
    assert r.status_code == 200 and len(select_rows(r)) == 2
    assert quick < 1.0
    assert thread.is_alive()  # the slow one is still running meanwhile
    thread.join(30)
    assert outcome["status"] == 503
    assert b"did not finish within 2 s" in outcome["body"]
    assert 1.9 < outcome["seconds"] < 4
    assert child_processes() <= before  # the query's process is gone, not left running


def test_timeout_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSKG_QUERY_TIMEOUT", "1.5")
    app = make_app(cross_product_store())
    assert app.extensions["newskg"].query_timeout == 1.5
    started = time.monotonic()
    r = app.test_client().get("/sparql", query_string={"query": SLOW_QUERY})
    assert r.status_code == 503 and time.monotonic() - started < 3.5


# ---- size caps -------------------------------------------------------------------------

def test_request_body_cap_is_413():
    client = make_app(max_body=1000).test_client()
    r = client.post("/sparql", data="ASK {} #" + "x" * 2000, content_type=QUERY)
    assert r.status_code == 413
    r = client.put("/rdf-graph-store?graph=http://a/g", data="<a> <b> <c> ." * 200, content_type="text/turtle",
                   headers=AUTH)
    assert r.status_code == 413


def test_result_size_cap():
    client = make_app(max_result_bytes=300).test_client()
    r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert r.status_code == 422 and b"larger than 300 bytes" in r.data
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


# ---- bad requests never crash the server -----------------------------------------------

NASTY_QUERY_STRINGS = [
    b"query=%FF%FE", b"query=ASK%20%7B%7D%00", b"query=%", b"query=%zz", b"default-graph-uri=%FF&query=ASK%7B%7D",
    b"query=ASK%20%7B%7D&default-graph-uri=javascript:alert(1)%3E", b"query=" + b"%7B" * 3000,
    b"query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D&format=%00", "query=ASK{}&x=\u00e9".encode(),
]


@pytest.mark.parametrize("raw", NASTY_QUERY_STRINGS)
def test_nasty_query_strings(client, raw):
    r = client.get("/sparql?" + raw.decode("latin-1"))
    assert r.status_code < 500


@pytest.mark.parametrize("accept", ["*/*;q=abc", ";;;,,,", "text/html;q=2", "/", "*", "a/b/c",
                                    "application/sparql-results+json;q=0," * 500, "\x00", "text/csv; q=0.5; q=0.1"])
def test_weird_accept_headers(client, accept):
    r = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 1"}, headers={"Accept": accept})
    assert r.status_code in (200, 406)
    assert client.get("/sparql", headers={"Accept": accept}).status_code in (200, 406)


def test_invalid_utf8_bodies(client):
    assert client.post("/sparql", data=b"ASK {\xff\xfe}", content_type=QUERY).status_code == 400
    assert client.post("/sparql", data=b"query=ASK%20%7B%FF%7D", content_type="application/x-www-form-urlencoded"
                       ).status_code == 400
    assert client.post("/sparql", data=b"\xff\xfe\x00", content_type=UPDATE, headers=AUTH).status_code == 400
    r = client.put("/rdf-graph-store?graph=http://a/g", data=b'<http://a/s> <http://a/p> "\xff" .',
                   content_type="text/turtle", headers=AUTH)
    assert r.status_code == 400


def test_huge_headers(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"X-Filler": "x" * 200_000,
                                                                         "Accept": "text/csv," * 10_000})
    assert r.status_code in (200, 406)


def test_binary_garbage_everywhere(client):
    garbage = bytes(range(256)) * 4
    for content_type in (QUERY, UPDATE, "application/x-www-form-urlencoded", "text/turtle", "", "multipart/form-data"):
        r = client.post("/sparql", data=garbage, content_type=content_type, headers=AUTH)
        assert 400 <= r.status_code < 500
        r = client.put("/rdf-graph-store?graph=http://a/g", data=garbage, content_type=content_type or "text/turtle",
                       headers=AUTH)
        assert 400 <= r.status_code < 500


def test_errors_are_plain_text_and_echo_no_markup(client):
    for r in (client.get("/sparql", query_string={"query": "<script>alert(1)</script>"}),
              client.get("/nowhere/<script>"),
              client.get("/rdf-graph-store?graph=<script>"),
              client.post("/sparql", data="<script>", content_type="text/html")):
        assert 400 <= r.status_code < 500
        assert r.mimetype == "text/plain"


def test_the_app_still_answers_after_all_that(client):
    test_binary_garbage_everywhere(client)
    r = client.get("/sparql", query_string={"query": f"ASK {{ GRAPH <{ARTICLE_GRAPH}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 200 and b"true" in r.data


def test_real_server_stops_a_runaway_query_and_keeps_answering(tmp_path):
    import requests
    from kg.store import OxigraphStore
    from server_helpers import RunningServer

    store_dir = tmp_path / "store"
    store = OxigraphStore(store_dir)
    store.update("INSERT DATA { GRAPH <http://x/big> { " +
                 " ".join(f"<http://x/s{i}> <http://x/p> {i} ." for i in range(60)) + " } }")
    store.close()
    server = RunningServer(store_dir, query_timeout=3)
    try:
        outcome = {}

        def slow():
            started = time.monotonic()
            r = requests.get(server.url + "/sparql", params={"query": SLOW_QUERY}, timeout=60)
            outcome.update(status=r.status_code, seconds=time.monotonic() - started, text=r.text)

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.5)
        quick = []
        for _ in range(5):
            started = time.monotonic()
            r = requests.get(server.url + "/sparql", params={"query": "ASK { ?s ?p 7 }"}, timeout=10)
            quick.append(time.monotonic() - started)
            assert r.status_code == 200 and r.json()["boolean"] is True
        assert thread.is_alive() and max(quick) < 1.0
        thread.join(60)
        assert outcome["status"] == 503 and "did not finish within 3 s" in outcome["text"]
        assert 2.9 < outcome["seconds"] < 6
    finally:
        server.stop()
