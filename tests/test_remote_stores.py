"""NewsKG over real remote stores: Oxigraph's server (default settings) and Virtuoso 7 give
the same answers as the embedded store, stop a runaway query at the timeout, write a batch
all or nothing and replace a re-ingested article. Each store is started here on loopback;
a test is skipped only where the store's program is not installed (.ci/run installs both)."""
from __future__ import annotations

import io
import json
import os
import re
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from conftest import SEED, newskg
from remote_servers import SERVERS

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
EARLIER = REPO / "tests" / "fixtures" / "articles" / "hungary-summer.txt"
BASE = "http://newskg.test/"
GENERATED_AT = "http://www.w3.org/ns/prov#generatedAtTime"
KINDS = sorted(SERVERS)


def env_for(base=BASE) -> dict:
    env = dict(os.environ, NEWSKG_BASE=base)
    env.pop("NEWSKG_UPDATE_TOKEN", None)
    return env


def started(kind, folder):
    server_class, binary = SERVERS[kind]
    if not binary():
        if os.environ.get("NEWSKG_REQUIRE_REMOTE_STORES"):      # set by .ci/run: CI must run these
            pytest.fail(f"{kind} is not installed")
        pytest.skip(f"{kind} is not installed here (.ci/run installs it)")
    return server_class(folder).start()


@pytest.fixture(scope="module", params=KINDS)
def remote(request, tmp_path_factory):
    """A fresh store of one kind, with the articles ingested through `newskg ingest --store URL`."""
    server = started(request.param, tmp_path_factory.mktemp(request.param))
    try:
        done = newskg("ingest", EXAMPLES, SEED, EARLIER, "--store", server.query_url,
                      "--store-update", server.update_url, env=env_for())
        assert done.returncode == 0, done.stderr
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embedded") / "store"
    done = newskg("ingest", EXAMPLES, SEED, EARLIER, "--store", folder, env=env_for())
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def monkey_base(monkeypatch):
    monkeypatch.setenv("NEWSKG_BASE", BASE)


def remote_store(server, **options):
    from kg.store import SparqlStore
    return SparqlStore(server.query_url, server.update_url, **options)


def is_ingest_time(line: str) -> bool:
    """A statement of when a graph was made (its activity's times): differs between two ingests."""
    return line.startswith(f"<{BASE}graph/") and "XMLSchema#dateTime>" in line


def exported(store_location) -> set[str]:
    """The store's N-Quads, one statement a line, the ingest times left out."""
    done = newskg("export", "--store", *store_location, "--format", "nquads", env=env_for())
    assert done.returncode == 0, done.stderr
    return {line for line in done.stdout.splitlines() if line.strip() and not is_ingest_time(line)}


def test_export_gives_the_same_quads_as_the_embedded_store(remote, embedded):
    ours = exported([str(embedded)])
    theirs = exported([remote.query_url, "--store-update", remote.update_url])
    assert len(ours) > 500
    assert theirs == ours


def test_validate_passes_on_the_remote_store(remote):
    done = newskg("validate", "--store", remote.query_url, env=env_for())
    assert done.returncode == 0, done.stdout + done.stderr


def rows_of(result, stamps) -> list[tuple]:
    """Rows as sorted tuples of their values; an ingest timestamp reads `<generated>`, and a
    GROUP_CONCAT's parts are sorted (SPARQL leaves their order to the store)."""
    rows = []
    for solution in result:
        values = []
        for variable in result.variables:
            term = solution[variable]
            text = "" if term is None else term.value
            text = "<generated>" if text in stamps else ", ".join(sorted(text.split(", ")))
            values.append((variable.value, text))
        rows.append(tuple(values))
    return sorted(rows)


def stamps_of(store) -> set[str]:
    """The times of the ingest: every dateTime a graph or its activity states."""
    return {r["t"].value for r in store.query(
        "SELECT ?t WHERE { GRAPH ?g { ?x ?p ?t FILTER(isLiteral(?t) && DATATYPE(?t) = "
        "<http://www.w3.org/2001/XMLSchema#dateTime> && STRSTARTS(STR(?x), STR(?g))) } }")}


def test_the_eight_example_queries_give_the_same_answers(remote, embedded, monkey_base):
    from kg.example_queries import examples
    from kg.store import OxigraphStore
    here = OxigraphStore(embedded, read_only=True)
    there = remote_store(remote)
    try:
        ours_stamps, theirs_stamps = stamps_of(here), stamps_of(there)
        answered = 0
        for example in examples():
            ours = rows_of(here.query(example["query"]), ours_stamps)
            theirs = rows_of(there.query(example["query"]), theirs_stamps)
            assert theirs == ours, example["title"]
            answered += bool(ours)
        assert answered >= 6      # the questions have answers in these articles
    finally:
        here.close()


def page_paths(store) -> list[str]:
    """The home page, every article's page and the pages of the actors with most positions."""
    articles = [r["a"].value for r in store.query(
        "SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> } ORDER BY ?a")]
    actors = [r["h"].value for r in store.query(
        "SELECT ?h (COUNT(?p) AS ?n) WHERE { ?p <https://w3id.org/newskg/ns#holder> ?h } "
        "GROUP BY ?h ORDER BY DESC(?n) ?h LIMIT 3")]
    propositions = [r["x"].value for r in store.query(
        "SELECT DISTINCT ?x WHERE { ?p <https://w3id.org/newskg/ns#proposition> ?x } ORDER BY ?x LIMIT 2")]
    return ["/"] + [iri[len(BASE) - 1:] for iri in articles + actors + propositions]


def page_text(client, path: str) -> tuple[int, str]:
    r = client.get(path, headers={"Accept": "text/html"})
    return r.status_code, r.get_data(as_text=True)


def description(client, path: str) -> set[str]:
    r = client.get(path, query_string={"format": "nt"})
    assert r.status_code == 200, path
    return {line for line in r.get_data(as_text=True).splitlines() if line.strip() and not is_ingest_time(line)}


def visible_text(html: str) -> str:
    """A page's words and links, without what differs between two ingests (times, ETags)."""
    html = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "<time>", html)
    html = re.sub(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC\b", "<time>", html)   # when it was ingested, as read
    # when the store last changed: known for the embedded store only (server/http_caching.py)
    html = re.sub(r'<meta property="og:updated_time" content="<time>">', "", html)
    return re.sub(r"\s+", " ", JSON_LD.sub("", html))


def page_parts(html: str) -> Counter:
    """The page's tags and texts, each counted: what the page shows, in whichever order the
    store gave values that have no order of their own (two sources of one position)."""
    html = re.sub(r'\b(c?[xy]\d?|width|height)="[\d.]+"', r'\1="#"', visible_text(html))  # where a chart puts a dot
    return Counter(part.strip() for part in re.split(r"(<[^>]+>)", html) if part.strip())


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def unordered(value):
    """JSON with every array sorted: JSON-LD arrays of values are sets."""
    if isinstance(value, dict):
        return {k: unordered(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((unordered(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def json_ld_nodes(html: str) -> list[str]:
    """The page's JSON-LD nodes, in an order of their own (the store's order may differ)."""
    nodes = []
    for block in JSON_LD.findall(html):
        data = json.loads(block)
        for node in data.get("@graph", [data]):
            node.pop("schema:dateModified", None)      # known for the embedded store only
            nodes.append(json.dumps(unordered(node), sort_keys=True))
    return sorted(re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)?", "<time>", n) for n in nodes)


def test_pages_show_the_same_as_over_the_embedded_store(remote, embedded, monkey_base):
    from kg.store import OxigraphStore
    from server.app import create_app
    here = OxigraphStore(embedded, read_only=True)
    ours = create_app(here, base=BASE, update_token="")
    theirs = create_app(remote_store(remote), base=BASE, update_token="")
    try:
        paths = page_paths(here)
        assert len(paths) >= 8
        ours_client, theirs_client = ours.test_client(), theirs.test_client()
        for path in paths:
            status, html = page_text(theirs_client, path)
            assert status == 200, path
            theirs_text, ours_text = page_parts(html), page_parts(page_text(ours_client, path)[1])
            theirs_nodes, ours_nodes = set(json_ld_nodes(html)), set(json_ld_nodes(page_text(ours_client, path)[1]))
            assert theirs_nodes == ours_nodes, (path, theirs_nodes - ours_nodes, ours_nodes - theirs_nodes)
            assert theirs_text == ours_text, (path, theirs_text - ours_text, ours_text - theirs_text)
            if path != "/":
                assert description(theirs_client, path) == description(ours_client, path), path
    finally:
        ours.extensions["newskg"].runner.close()
        here.close()


def write_article(folder: Path, headline: str, sentence: str) -> Path:
    path = folder / "harbour.json"
    path.write_text(json.dumps({
        "url": "https://news.example.org/2025/harbour-fees", "headline": headline,
        "datePublished": "2025-03-04", "publisher": "Example Gazette",
        "text": f"{sentence} The port authority of Rotterdam said on Monday it would review the plan."}))
    return path


def test_reingest_replaces_the_article(remote, tmp_path, monkey_base):
    store = remote_store(remote)
    before = len(store.graph_names())
    article = write_article(tmp_path, "Harbour fees to rise", "Germany supports higher harbour fees.")
    assert newskg("ingest", article, "--store", remote.query_url, "--store-update", remote.update_url,
                  env=env_for()).returncode == 0
    article = write_article(tmp_path, "Harbour fees to stay", "Germany opposes higher harbour fees.")
    assert newskg("ingest", article, "--store", remote.query_url, "--store-update", remote.update_url,
                  env=env_for()).returncode == 0
    headlines = {r["h"].value for r in store.query(
        "SELECT ?h WHERE { ?a <https://schema.org/url> ?u ; <https://schema.org/headline> ?h . "
        "FILTER(STR(?u) = 'https://news.example.org/2025/harbour-fees') }")}
    assert headlines == {"Harbour fees to stay"}
    assert len(store.graph_names()) == before + 1


SLOW_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
              "?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s . ?t ?u ?v } }")


@pytest.fixture
def big_graph(remote, monkey_base):
    """60 statements in a graph of their own, whose 7-fold product no store finishes soon."""
    store = remote_store(remote)
    graph = BASE + "graph/timeout-test"
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ " +
                 " ".join(f"<http://x/s{i}> <http://x/p> \"{i}\" ." for i in range(60)) + " } }")
    yield graph
    store.update(f"DROP SILENT GRAPH <{graph}>")


def test_a_runaway_query_is_stopped_at_the_timeout(remote, big_graph):
    from kg.remote_store import RemoteQueryTimeout
    store = remote_store(remote, timeout=2)
    with pytest.raises(RemoteQueryTimeout, match="within 2 s"):
        store.query(SLOW_QUERY % big_graph)
    assert bool(store.query("ASK { ?s ?p ?o }"))      # and the store still answers


def test_the_server_over_a_remote_store_answers_a_runaway_query_with_the_timeout(remote, big_graph):
    from server.app import create_app
    from kg.store import open_store
    os.environ["NEWSKG_QUERY_TIMEOUT"] = "2"
    try:
        app = create_app(open_store(remote.query_url, update_endpoint=remote.update_url), base=BASE, update_token="")
    finally:
        del os.environ["NEWSKG_QUERY_TIMEOUT"]
    r = app.test_client().get("/sparql", query_string={"query": SLOW_QUERY % big_graph})
    assert r.status_code >= 500
    assert "did not finish within 2 s" in r.get_data(as_text=True)
    r = app.test_client().get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.get_json()["boolean"] is True


# ---- a batch is all or nothing, even when the store dies in the middle of it ---------------

GRAPHS, STATEMENTS = 30, 2000


def big_batch(graphs=GRAPHS, statements=STATEMENTS):
    """About 6 MB of update: big enough to take the store a while, under Virtuoso's 10 MB."""
    from kg.store import Replacement
    batch = []
    for g in range(graphs):
        subject = URIRef(f"{BASE}id/article/batch-{g}")
        triples = [(subject, URIRef(f"http://x/p{i % 50}"), Literal(f"statement {i} of article {g}"))
                   for i in range(statements)]
        batch.append(Replacement(f"{BASE}graph/article/batch-{g}", triples,
                                 {f"{BASE}graph/shared": [(subject, URIRef("http://x/in"), Literal(g))]}))
    return batch


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.mark.parametrize("kind", KINDS)
def test_a_store_stopped_mid_batch_keeps_no_partial_article(kind, tmp_path, monkey_base):
    server = started(kind, tmp_path / kind)
    try:
        store = remote_store(server)
        batch = big_batch()
        outcome = {}

        def write():
            try:
                store.replace_graphs(batch)
                outcome["error"] = None
            except Exception as e:
                outcome["error"] = e

        before = cpu_ticks(server.pid)
        writer = threading.Thread(target=write)
        writer.start()
        while writer.is_alive() and cpu_ticks(server.pid) - before < 30:   # the store is at work on it
            time.sleep(0.02)
        server.kill()
        writer.join(60)
        assert outcome["error"] is not None, "the batch finished before the store was stopped: make it bigger"
        assert "answered" not in str(outcome["error"])         # the store went away; it did not refuse
        server.start()
        counts = {r["g"].value: int(r["n"].value) for r in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        assert not any(g.startswith(BASE + "graph/article/batch-") for g in counts), counts
        assert counts.get(BASE + "graph/shared", 0) == 0
        store.replace_graphs(batch)                      # and the same batch, written again, is whole
        counts = {r["g"].value: int(r["n"].value) for r in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        assert all(counts[f"{BASE}graph/article/batch-{g}"] == STATEMENTS for g in range(GRAPHS))
    finally:
        server.stop()


# ---- NewsKG's own server as the remote store ---------------------------------------------

def test_ingest_through_newskgs_own_server_with_the_token(tmp_path):
    from kg.store import OxigraphStore
    from server_helpers import TOKEN, RunningServer
    folder = tmp_path / "store"
    OxigraphStore(folder).close()
    server = RunningServer(folder)
    try:
        env = dict(env_for(), NEWSKG_UPDATE_TOKEN=TOKEN)
        done = newskg("ingest", EARLIER, "--store", server.url + "/sparql", env=env)
        assert done.returncode == 0, done.stderr
        done = newskg("export", "--store", server.url + "/sparql", env=env)
        assert done.returncode == 0 and "graph/article/" in done.stdout
        refused = newskg("ingest", EARLIER, "--store", server.url + "/sparql", env=env_for())
        assert refused.returncode == 1 and "403" in refused.stderr
    finally:
        server.stop()
