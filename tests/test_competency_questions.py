"""The contract's competency questions, asked by SPARQL over the running server."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import REPO, SEED, newskg

import kg

PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX wd: <http://www.wikidata.org/entity/>
"""
SEED_URL = "https://euromaidanpress.com/2024/12/04/us-germany-not-ready-to-invite-ukraine-to-nato-alliance-source-says"
EARLIER = REPO / "tests" / "fixtures" / "articles" / "hungary-summer.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = tmp_path_factory.mktemp("cq") / "store"
    done = newskg("ingest", SEED, EARLIER, "--store", store)
    assert done.returncode == 0, done.stderr
    port = free_port()
    env = {**os.environ, "NEWSKG_BASE": f"http://127.0.0.1:{port}/"}
    env.pop("NEWSKG_UPDATE_TOKEN", None)
    exe = Path(sys.executable).with_name("newskg")
    server = subprocess.Popen([str(exe), "serve", "--store", str(store), "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(150):
            try:
                if requests.get(url, timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(10)


def select(endpoint, body):
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(PREFIXES + body)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def test_cq1_actors_of_an_article_with_types_and_wikidata(endpoint):
    rows = select(endpoint, f"""
        SELECT ?name ?type ?wd WHERE {{
            ?a a schema:NewsArticle ; schema:url <{SEED_URL}> ; schema:mentions ?x .
            ?x schema:name ?name ; a ?type . FILTER(?type != nkg:Actor)
            OPTIONAL {{ ?x owl:sameAs ?wd }} }}""")
    found = {(r["name"], r["type"].rsplit("/", 1)[-1], r.get("wd", "").rsplit("/", 1)[-1]) for r in rows}
    for expected in [("Hungary", "Country", "Q28"), ("NATO", "Organization", "Q7184"),
                     ("Reuters", "NewsMediaOrganization", "Q130879"), ("Mark Rutte", "Person", "Q57792"),
                     ("United States", "Country", "Q30")]:
        assert expected in found
    assert any(name == "Péter Szijjártó" and kind == "Person" for name, kind, _ in found)
    assert not any(name in ("Cookie Policies", "Ctrl + Enter") for name, _, _ in found)


def test_cq2_stances_on_ukraine_in_nato_with_article_and_source(endpoint):
    rows = select(endpoint, """
        SELECT ?holder ?stance ?article ?source WHERE {
            ?p a nkg:Position ; nkg:holder/schema:name ?holder ; nkg:stance ?stance ;
               nkg:proposition ?prop ; nkg:reportedIn ?article .
            ?prop nkg:involves/owl:sameAs wd:Q212, wd:Q7184 .
            OPTIONAL { ?p nkg:attributedTo/schema:name ?source } }""")
    by_holder = {}
    for r in rows:
        by_holder.setdefault(r["holder"], set()).add((r["stance"].rsplit("#", 1)[-1], r.get("source")))
    assert ("Opposes", "NATO source") in by_holder["Hungary"]
    assert ("Opposes", "NATO source") in by_holder["Slovakia"]
    assert {s for s, _ in by_holder["United States"]} & {"Hesitant", "Opposes"}
    assert any(src == "Reuters" for _, src in by_holder["Péter Szijjártó"])
    assert {s for s, _ in by_holder["Ukraine"]} == {"Supports"}


def test_cq3_events_between_two_dates_with_places_and_participants(endpoint):
    rows = select(endpoint, """
        SELECT ?e ?start ?type ?place ?who WHERE {
            ?e a nkg:Event ; schema:startDate ?start ; nkg:eventType ?type .
            FILTER(?start >= "2024-10-01"^^xsd:date && ?start <= "2024-12-31"^^xsd:date)
            OPTIONAL { ?e schema:location/schema:name ?place }
            OPTIONAL { ?e nkg:participant/schema:name ?who } }""")
    starts = {r["start"] for r in rows}
    assert {"2024-10-01", "2024-10-16", "2024-12-03"} <= starts
    assert not any(s < "2024-10-01" or s > "2024-12-31" for s in starts)
    meeting = [r for r in rows if r["start"] == "2024-12-03" and r["type"].endswith("#Meeting")]
    assert meeting and {r.get("place") for r in meeting} == {"Brussels"}
    assert any(r.get("who") == "Volodymyr Zelenskyy" for r in rows if r["start"] == "2024-10-16")


def test_cq4_what_a_person_said_and_where_it_was_reported(endpoint):
    rows = select(endpoint, """
        SELECT ?text ?headline ?carrier WHERE {
            ?q a schema:Quotation ; schema:creator ?who ; schema:text ?text ; nkg:reportedIn ?a .
            ?who schema:name "Péter Szijjártó" . ?a schema:headline ?headline .
            OPTIONAL { ?q nkg:attributedTo/schema:name ?carrier } }""")
    assert any("cannot contribute to the security of the alliance" in r["text"] for r in rows)
    assert all("not ready" in r["headline"] for r in rows)
    assert any(r.get("carrier") == "Reuters" for r in rows)


def test_cq5_roles_an_article_gives_a_person(endpoint):
    rows = select(endpoint, f"""
        SELECT ?name ?org WHERE {{
            ?a schema:url <{SEED_URL}> .
            ?r a nkg:Role ; nkg:reportedIn ?a ; nkg:holder/schema:name "Péter Szijjártó" ;
               nkg:roleName ?name . OPTIONAL {{ ?r nkg:roleIn/schema:name ?org }} }}""")
    assert ("Foreign Minister", "Hungary") in {(r["name"], r.get("org")) for r in rows}


def test_cq6_countries_opposing_a_proposition_since_when(endpoint):
    rows = select(endpoint, """
        SELECT ?country ?label (MIN(?date) AS ?since) WHERE {
            ?p nkg:holder ?c ; nkg:stance nkg:Opposes ; nkg:proposition ?prop ; nkg:reportedIn ?a .
            ?c a schema:Country ; schema:name ?country . ?prop rdfs:label ?label .
            ?a schema:datePublished ?date }
        GROUP BY ?country ?label""")
    since = {r["country"]: r["since"] for r in rows if "invit" in r["label"].lower()}
    # the earlier article (June 2024) and the seed (December 2024) name the same proposition
    assert since["Hungary"].startswith("2024-06-14")
    assert since["Slovakia"].startswith("2024-12-04")


def test_cq7_timeline_of_events_involving_one_actor(endpoint):
    rows = select(endpoint, """
        SELECT ?e ?start ?name WHERE {
            ?e a nkg:Event ; nkg:participant/owl:sameAs wd:Q7184 ; schema:startDate ?start ; schema:name ?name }
        ORDER BY ?start""")
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)
    # the Vilnius summit (seed article) comes before the June 2024 ministers' meeting (the other article)
    assert "2023-07-11" in starts and "2024-06-13" in starts


def test_cq8_everything_derived_from_an_article_with_provenance(endpoint):
    rows = select(endpoint, f"""
        SELECT ?g ?source ?time ?version (COUNT(*) AS ?triples) WHERE {{
            ?g prov:wasDerivedFrom ?source ; prov:generatedAtTime ?time ;
               prov:wasGeneratedBy/schema:softwareVersion ?version .
            FILTER(?source = <{SEED_URL}>)
            GRAPH ?g {{ ?s ?p ?o }} }}
        GROUP BY ?g ?source ?time ?version""")
    assert len(rows) == 1
    row = rows[0]
    assert row["version"] == kg.__version__
    assert int(row["triples"]) > 100
    kinds = select(endpoint, f"""
        SELECT DISTINCT ?type WHERE {{ GRAPH <{row['g']}> {{ ?s a ?type }} }}""")
    types = {r["type"].rsplit("/", 1)[-1].rsplit("#", 1)[-1] for r in kinds}
    assert {"NewsArticle", "Position", "Event", "Quotation", "Role"} <= types


def test_a_second_independent_client_gets_the_same_answers(endpoint):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    query = f"""SELECT ?name ?type WHERE {{
        ?a schema:url <{SEED_URL}> ; schema:mentions ?x . ?x schema:name ?name ; a ?type }}"""
    by_wrapper = {(r["name"], r["type"]) for r in select(endpoint, query)}
    graph = Graph(SPARQLStore(endpoint, returnFormat="xml"))
    by_rdflib = {(str(row.name), str(row.type)) for row in graph.query(PREFIXES + query)}
    assert by_rdflib == by_wrapper and len(by_rdflib) > 20
