"""The Graph Store HTTP Protocol, following the cases of the W3C suite
(w3c/rdf-tests sparql/sparql11/http-rdf-update): PUT/GET/POST/DELETE/HEAD on a graph
named indirectly (/rdf-graph-store?graph=IRI, ?default) or directly ({base}graph/...)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from server_helpers import AUTH, BASE, ARTICLE_GRAPH, make_app
from server_helpers import app, client, store  # noqa: F401  (fixtures)

PERSON = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://$HOST$/$GRAPHSTORE$/person/1> a foaf:Person ;
   foaf:businessCard [ a v:VCard ; v:fn "John Doe" ] ."""
PERSON_RENAMED = PERSON.replace("John Doe", "Jane Doe")
PERSON_2 = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://$HOST$/$GRAPHSTORE$/person/2> a foaf:Person ; foaf:name "Alice" ."""
TURTLE = "text/turtle"
GRAPH = "http://example.org/graphs/person"


def indirect(graph: str | None = GRAPH) -> str:
    return "/rdf-graph-store?default" if graph is None else f"/rdf-graph-store?graph={graph}"


def triples(response):
    assert response.status_code == 200, (response.status_code, response.data)
    return {(t.subject.value if isinstance(t.subject, ox.NamedNode) else "_",
             t.predicate.value, t.object.value if not isinstance(t.object, ox.BlankNode) else "_")
            for t in ox.parse(response.data, ox.RdfFormat.from_media_type(response.mimetype))}


def test_put_initial_state_creates(client):
    r = client.put(indirect(), data=PERSON, content_type=TURTLE, headers=AUTH)
    assert r.status_code == 201
    got = triples(client.get(indirect(), headers={"Accept": TURTLE}))
    assert ("_", "http://www.w3.org/2006/vcard/ns#fn", "John Doe") in got and len(got) == 4


def test_put_graph_already_in_store_replaces(client):
    client.put(indirect(), data=PERSON, content_type=TURTLE, headers=AUTH)
    r = client.put(indirect(), data=PERSON_RENAMED, content_type=TURTLE, headers=AUTH)
    assert r.status_code == 204
    got = triples(client.get(indirect()))
    assert ("_", "http://www.w3.org/2006/vcard/ns#fn", "Jane Doe") in got
    assert not any(o == "John Doe" for _, _, o in got) and len(got) == 4


def test_put_default_graph(client, store):
    assert client.put(indirect(None), data=PERSON, content_type=TURTLE, headers=AUTH).status_code in (201, 204)
    got = triples(client.get(indirect(None)))
    assert len(got) == 4  # the store's own default graph, not the union of all graphs
    assert len(store.graph_names()) == 2  # named graphs untouched


def test_put_mismatched_payload_is_400(client):
    r = client.put(indirect(), data=PERSON, content_type="application/rdf+xml", headers=AUTH)
    assert r.status_code == 400
    assert client.get(indirect()).status_code == 404


def test_put_unsupported_media_type_is_415(client):
    assert client.put(indirect(), data=PERSON, content_type="image/png", headers=AUTH).status_code == 415


def test_delete_existing_graph(client):
    client.put(indirect(), data=PERSON, content_type=TURTLE, headers=AUTH)
    assert client.delete(indirect(), headers=AUTH).status_code in (200, 204)
    assert client.get(indirect()).status_code == 404


def test_delete_non_existent_graph_is_404(client):
    assert client.delete(indirect("http://example.org/graphs/none"), headers=AUTH).status_code == 404


def test_post_existing_graph_merges(client):
    client.put(indirect(), data=PERSON, content_type=TURTLE, headers=AUTH)
    assert client.post(indirect(), data=PERSON_2, content_type=TURTLE, headers=AUTH).status_code in (200, 204)
    got = triples(client.get(indirect()))
    assert ("http://localhost/$GRAPHSTORE$/person/2".replace("localhost", "$HOST$"), "http://xmlns.com/foaf/0.1/name",
            "Alice") in got and len(got) == 6


def test_post_to_a_missing_graph_creates_it(client):
    assert client.post(indirect(), data=PERSON_2, content_type=TURTLE, headers=AUTH).status_code == 201


def test_post_create_new_graph(client):
    r = client.post("/rdf-graph-store", data=PERSON_2, content_type=TURTLE, headers=AUTH)
    assert r.status_code == 201
    location = r.headers["Location"]
    assert location.startswith(BASE + "graph/")
    assert len(triples(client.get(indirect(location)))) == 2
    # the new graph is served on its own IRI too (direct identification)
    assert len(triples(client.get(location[len(BASE) - 1:]))) == 2


def test_head_existing_and_missing(client):
    client.put(indirect(), data=PERSON, content_type=TURTLE, headers=AUTH)
    r = client.head(indirect())
    assert r.status_code == 200 and r.data == b"" and r.mimetype == TURTLE
    assert client.head(indirect("http://example.org/graphs/none")).status_code == 404


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/rdf+xml",
                                    "application/ld+json", "application/n-quads", "application/trig"])
def test_get_by_accept(client, accept):
    r = client.get(indirect(ARTICLE_GRAPH), headers={"Accept": accept})
    assert r.mimetype == accept and len(triples(r)) == 4


def test_get_unacceptable_is_406(client):
    assert client.get(indirect(ARTICLE_GRAPH), headers={"Accept": "image/png"}).status_code == 406


def test_direct_identification(client):
    # (a graph that is not an article's: writes to article graphs must also pass the shapes,
    # which this fixture's minimal data does not; see test_server_hostile)
    path = ARTICLE_GRAPH[len(BASE) - 1:]  # /graph/article/alpha
    assert len(triples(client.get(path))) == 4
    assert client.put("/graph/notes/beta", data="<s> <p> <o> .", content_type=TURTLE, headers=AUTH).status_code == 201
    got = triples(client.get(indirect(BASE + "graph/notes/beta")))
    assert got == {(BASE + "graph/notes/s", BASE + "graph/notes/p", BASE + "graph/notes/o")}
    assert client.delete("/graph/notes/beta", headers=AUTH).status_code == 204
    assert client.get("/graph/notes/beta").status_code == 404


@pytest.mark.parametrize("media,body", [
    ("application/n-triples", '<http://a/s> <http://a/p> "x" .'),
    ("application/rdf+xml", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                            'xmlns:a="http://a/"><rdf:Description rdf:about="http://a/s"><a:p>x</a:p>'
                            '</rdf:Description></rdf:RDF>'),
    ("application/ld+json", '{"@context": {"p": "http://a/p"}, "@id": "http://a/s", "p": "x"}'),
])
def test_put_in_each_format(client, media, body):
    assert client.put(indirect(), data=body, content_type=media, headers=AUTH).status_code == 201
    assert triples(client.get(indirect())) == {("http://a/s", "http://a/p", "x")}


def test_a_body_with_its_own_graphs_is_refused(client):
    r = client.put(indirect(), data="<http://a/s> <http://a/p> <http://a/o> <http://a/g> .",
                   content_type="application/n-quads", headers=AUTH)
    assert r.status_code == 400


def test_writes_need_the_token(client, store):
    before = store.graph_names()
    assert client.put(indirect(), data=PERSON, content_type=TURTLE).status_code == 403
    assert client.post(indirect(), data=PERSON, content_type=TURTLE,
                       headers={"Authorization": "Bearer nope"}).status_code == 403
    assert client.delete(indirect(ARTICLE_GRAPH)).status_code == 403
    assert client.put("/graph/article/alpha", data=PERSON, content_type=TURTLE).status_code == 403
    assert store.graph_names() == before


def test_no_token_configured_means_no_writes(store):
    client = make_app(store, update_token="").test_client()
    assert client.delete(indirect(ARTICLE_GRAPH), headers={"Authorization": "Bearer "}).status_code == 403


def test_graph_parameter_errors(client):
    assert client.get("/rdf-graph-store").status_code == 400
    assert client.get("/rdf-graph-store?graph=http://a/1&graph=http://a/2").status_code == 400
    assert client.get("/rdf-graph-store?graph=http://a/1&default").status_code == 400
    assert client.get("/rdf-graph-store?graph=not%20an%20iri").status_code == 400
    assert client.patch(indirect(ARTICLE_GRAPH), headers=AUTH).status_code == 405


def test_cors_on_reads_only(client):
    assert client.get(indirect(ARTICLE_GRAPH)).headers["Access-Control-Allow-Origin"] == "*"
    r = client.put(indirect(), data=PERSON, content_type=TURTLE, headers=AUTH)
    assert "Access-Control-Allow-Origin" not in r.headers
