"""Linked data as a crawler or another knowledge graph takes it in: bounded descriptions
(what points to a resource), default-graph TriG/N-Quads, rapper, CORS preflight on every
GET route, HEAD lengths, ETags and 304s, and N3 for SPARQLWrapper."""
from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from pages_data import BASE
from server_helpers import running_server  # noqa: F401  (fixture)

NKG, SCHEMA = "https://w3id.org/newskg/ns#", "https://schema.org/"
RDF_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
             "application/trig", "application/n-quads"]
RDFLIB = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
          "application/rdf+xml": "xml", "application/trig": "trig", "application/n-quads": "nquads"}
VOCABULARY = ["/ontology", "/shapes", "/.well-known/void"]


def rows(store, sparql):
    return [[t.value if t is not None else None for t in row] for row in store.query(sparql)]


def local(iri: str) -> str:
    return "/" + iri[len(BASE):]


@pytest.fixture(scope="module")
def speaker(store) -> str:
    """An actor that holds a position and said something."""
    found = rows(store, f"""SELECT ?a WHERE {{ ?p <{NKG}holder> ?a ; a <{NKG}Position> .
                             ?q <{SCHEMA}creator> ?a }} ORDER BY ?a LIMIT 1""")
    assert found
    return found[0][0]


@pytest.fixture(scope="module")
def article(store) -> str:
    return rows(store, f"SELECT ?a WHERE {{ ?a a <{SCHEMA}NewsArticle> }} ORDER BY ?a LIMIT 1")[0][0]


@pytest.fixture(scope="module")
def resource_paths(store, speaker, article) -> list[str]:
    position = rows(store, f"SELECT ?p WHERE {{ ?p a <{NKG}Position> }} ORDER BY ?p LIMIT 1")[0][0]
    return [local(speaker), local(article), local(position)]


def test_an_actors_turtle_holds_its_positions_and_quotes(client, store, speaker):
    response = client.get(local(speaker), headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    me = rdflib.URIRef(speaker)
    positions = rows(store, f"SELECT DISTINCT ?p ?stance ?label WHERE {{ ?p <{NKG}holder> <{speaker}> ; "
                            f"<{NKG}stance> ?stance ; <{NKG}proposition>/<http://www.w3.org/2000/01/rdf-schema#label> ?label }}")
    quotes = rows(store, f"SELECT DISTINCT ?q ?text WHERE {{ ?q <{SCHEMA}creator> <{speaker}> ; <{SCHEMA}text> ?text }}")
    assert positions and quotes
    for position, stance, label in positions:
        p = rdflib.URIRef(position)
        assert (p, rdflib.URIRef(NKG + "holder"), me) in graph
        assert (p, rdflib.URIRef(NKG + "stance"), rdflib.URIRef(stance)) in graph
        proposition = graph.value(p, rdflib.URIRef(NKG + "proposition"))
        assert label in {str(o) for o in graph.objects(proposition, rdflib.RDFS.label)}
    for quote, text in quotes:
        assert (rdflib.URIRef(quote), rdflib.URIRef(SCHEMA + "creator"), me) in graph
        assert text in {str(o) for o in graph.objects(rdflib.URIRef(quote), rdflib.URIRef(SCHEMA + "text"))}
    mentioning = rows(store, f"SELECT DISTINCT ?a WHERE {{ ?a <{SCHEMA}mentions> <{speaker}> }}")
    for (a,) in mentioning:  # the articles that mention it, with their headlines
        assert (rdflib.URIRef(a), rdflib.URIRef(SCHEMA + "mentions"), me) in graph
        assert graph.value(rdflib.URIRef(a), rdflib.URIRef(SCHEMA + "headline")) is not None


def test_pointing_statements_come_in_pages(client, store, speaker, monkeypatch):
    from kg import describe
    pointing = rows(store, f"SELECT DISTINCT ?s WHERE {{ ?s ?p <{speaker}> FILTER(?s != <{speaker}>) }}")
    assert len(pointing) >= 2
    seen = set()
    for page in range(1, len(pointing) + 1):
        subjects, more = describe.pointing_subjects(store, speaker, page, 1)
        assert len(subjects) == 1 and more == (page < len(pointing))
        seen |= set(subjects)
    assert seen == {s for (s,) in pointing}
    monkeypatch.setattr(describe, "PAGE_SIZE", 1)
    first = client.get(local(speaker), headers={"Accept": "application/n-triples"})
    assert f'<{local(speaker)}?page=2>; rel="next"' in first.headers["Link"]
    last = client.get(f"{local(speaker)}?page={len(pointing)}", headers={"Accept": "application/n-triples"})
    assert 'rel="next"' not in last.headers["Link"]


@pytest.mark.parametrize("media,fmt", [("application/n-quads", ox.RdfFormat.N_QUADS),
                                       ("application/trig", ox.RdfFormat.TRIG)])
def test_dataset_formats_give_the_description_in_the_default_graph(client, store, resource_paths, media, fmt):
    """What Comunica or rapper reads with no option: the default graph."""
    for path in resource_paths:
        iri = BASE + path[1:]
        quads = list(ox.parse(client.get(path, headers={"Accept": media}).data, fmt))
        default = {(q.subject, q.predicate, q.object) for q in quads if isinstance(q.graph_name, ox.DefaultGraph)}
        own = {(ox.NamedNode(iri), r["p"], r["o"]) for r in store.query(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")}
        assert own and own <= default, path
        named = {(q.subject, q.predicate, q.object) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert named <= default  # the named graphs say where each statement comes from, nothing more


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) is installed by .ci/run")
def test_rapper_parses_every_trig_answer(client, resource_paths):
    for path in resource_paths + VOCABULARY:
        body = client.get(path, headers={"Accept": "application/trig"}).data
        done = subprocess.run(["rapper", "-q", "-i", "trig", "-o", "nquads", "-", BASE], input=body,
                              capture_output=True, timeout=60)
        assert done.returncode == 0 and not done.stderr, (path, done.stderr.decode(errors="replace"))
        read = set(ox.parse(done.stdout, ox.RdfFormat.N_QUADS))
        expected = set(ox.parse(body, ox.RdfFormat.TRIG))
        assert len(read) == len(expected) > 0, path
        assert {q for q in read if isinstance(q.graph_name, ox.DefaultGraph)}, path


@pytest.mark.parametrize("path", VOCABULARY)
def test_vocabulary_documents_are_the_default_graph_and_isomorphic_in_every_format(client, path):
    graphs = {}
    for media in RDF_TYPES:
        response = client.get(path, headers={"Accept": media})
        assert response.status_code == 200 and response.mimetype == media
        if media in ("application/trig", "application/n-quads"):
            fmt = ox.RdfFormat.TRIG if media == "application/trig" else ox.RdfFormat.N_QUADS
            assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in ox.parse(response.data, fmt))
            dataset = rdflib.Dataset()
            dataset.parse(data=response.data, format=RDFLIB[media])
            graph = rdflib.Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = rdflib.Graph().parse(data=response.data, format=RDFLIB[media])
        graphs[media] = graph
    reference = graphs.pop("text/turtle")
    assert len(reference) > 0
    for media, graph in graphs.items():
        if media == "application/rdf+xml" or media == "application/ld+json":
            # both may write an xsd:string literal without its datatype
            graph = _strings_typed(graph)
            ref = _strings_typed(reference)
        else:
            ref = reference
        assert isomorphic(ref, graph), media


def _strings_typed(graph):
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype is None and o.language is None:
            o = rdflib.Literal(str(o), datatype=rdflib.XSD.string)
        out.add((s, p, o))
    return out


def get_routes(app) -> list[str]:
    """One concrete path for every GET route of the app."""
    fill = {"kind": "actor", "key": "hungary", "name": "shared", "rest": "shared", "filename": "site.css"}
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        path = rule.rule
        for arg in rule.arguments:
            path = re.sub(r"<(?:[a-z]+:)?%s>" % arg, fill[arg], path)
        paths.append(path + ("?default" if path == "/rdf-graph-store" else ""))  # it names a graph
    return sorted(set(paths))


def test_every_get_route_answers_a_cors_preflight(client):
    routes = get_routes(client.application)
    assert {"/id/actor/hungary", "/.well-known/void", "/ontology", "/dump.nq.gz", "/reconcile", "/sparql"} <= set(routes)
    for path in routes:
        response = client.options(path, headers={
            "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept, authorization, if-none-match"})
        assert response.status_code in (200, 204), path
        assert response.headers.get("Access-Control-Allow-Origin") == "*", path
        assert "GET" in response.headers.get("Access-Control-Allow-Methods", ""), path
        if not path.startswith(("/sparql", "/rdf-graph-store", "/graph/")):  # their own preflight
            allowed = response.headers["Access-Control-Allow-Headers"].lower()
            assert {"accept", "authorization", "if-none-match"} <= {h.strip() for h in allowed.split(",")}, path


def test_reads_expose_link_and_content_location(client, resource_paths):
    for path in resource_paths + VOCABULARY:
        response = client.get(path, headers={"Accept": "text/turtle", "Origin": "https://elsewhere.example"})
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        exposed = {h.strip().lower() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
        assert {"link", "content-location", "etag", "last-modified"} <= exposed, path
        assert response.headers["Content-Location"] == f"{path}?format=ttl"
        assert client.get(response.headers["Content-Location"]).data == response.data


def test_head_gives_the_length_of_get(client, resource_paths):
    for path in resource_paths + VOCABULARY + ["/", "/dump.nq.gz", "/reconcile"]:
        for accept in ["text/html"] + RDF_TYPES:
            got = client.get(path, headers={"Accept": accept})
            head = client.head(path, headers={"Accept": accept})
            assert head.status_code == got.status_code == 200, (path, accept)
            assert head.data == b""
            assert int(head.headers["Content-Length"]) == len(got.data) > 0, (path, accept)
            assert head.headers.get("ETag") == got.headers.get("ETag"), (path, accept)


def test_if_none_match_gives_304_on_every_cacheable_resource(client, resource_paths):
    for path in resource_paths + VOCABULARY + ["/", "/dump.nq.gz", "/reconcile", "/id/actor/hungary?format=html"]:
        got = client.get(path, headers={"Accept": "text/turtle"})
        etag, modified = got.headers["ETag"], got.headers["Last-Modified"]
        again = client.get(path, headers={"Accept": "text/turtle", "If-None-Match": etag})
        assert again.status_code == 304 and again.data == b"", path
        assert again.headers["ETag"] == etag
        assert client.get(path, headers={"Accept": "text/turtle", "If-None-Match": '"other"'}).status_code == 200
        assert client.get(path, headers={"Accept": "text/turtle", "If-Modified-Since": modified}).status_code == 304
    turtle = client.get(resource_paths[0], headers={"Accept": "text/turtle"}).headers["ETag"]
    ntriples = client.get(resource_paths[0], headers={"Accept": "application/n-triples"}).headers["ETag"]
    assert turtle != ntriples  # each representation has its own tag


def test_a_write_changes_the_etag_of_the_dump(tmp_path):
    from server_helpers import AUTH, make_app
    client = make_app().test_client()
    before = client.get("/dump.nq.gz")
    assert before.status_code == 200 and before.headers["ETag"]
    assert client.get("/dump.nq.gz", headers={"If-None-Match": before.headers["ETag"]}).status_code == 304
    update = "INSERT DATA { GRAPH <http://newskg.test/graph/x> { <http://x/s> <http://x/p> 1 } }"
    assert client.post("/sparql", data={"update": update}, headers=AUTH).status_code == 204
    after = client.get("/dump.nq.gz", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]


def test_writes_get_no_cors_headers():
    from server_helpers import AUTH, make_app
    client = make_app().test_client()
    response = client.post("/sparql", data={"update": "CLEAR GRAPH <http://x/g>"}, headers=AUTH)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_n3_is_served_as_turtle(client, resource_paths):
    for accept in ("text/n3", "text/rdf+n3", "application/n3"):
        response = client.get(resource_paths[0], headers={"Accept": accept})
        assert response.status_code == 200 and response.mimetype == "text/turtle"
    response = client.get(resource_paths[0] + "?format=n3")
    assert response.mimetype == "text/turtle"
    assert len(rdflib.Graph().parse(data=response.data, format="turtle")) > 0


def test_sparqlwrapper_asks_for_n3(running_server):
    from SPARQLWrapper import N3, SPARQLWrapper
    wrapper = SPARQLWrapper(running_server.url + "/sparql")
    wrapper.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    wrapper.setReturnFormat(N3)
    triples = list(ox.parse(wrapper.query().convert(), ox.RdfFormat.TURTLE))
    assert len(triples) == 10

