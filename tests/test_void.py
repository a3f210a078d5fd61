"""The dataset description at /.well-known/void and the dump it points to."""
from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Namespace, URIRef

from kg.store import OxigraphStore
from pages_data import BASE

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef(f"{BASE}.well-known/void#dataset")




def void_graph(client, **headers) -> rdflib.Graph:
    response = client.get("/.well-known/void", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    return rdflib.Graph().parse(data=response.data, format="turtle")


def number(graph, prop) -> int:
    return int(graph.value(DATASET, prop))


def test_void_is_turtle_by_default_and_counts_the_store(client, store):
    graph = void_graph(client)
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in graph
    assert number(graph, VOID.triples) == len(store) > 0
    assert graph.value(DATASET, URIRef("http://purl.org/dc/terms/title"))
    for prop in (VOID.entities, VOID.distinctSubjects, VOID.distinctObjects, VOID.classes, VOID.properties):
        assert number(graph, prop) > 0, prop
    assert graph.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{BASE}sparql")
    assert graph.value(DATASET, VOID.dataDump) == URIRef(f"{BASE}dump.nq.gz")
    assert str(graph.value(DATASET, VOID.uriSpace)) == f"{BASE}id/"
    assert URIRef("https://schema.org/") in set(graph.objects(DATASET, VOID.vocabulary))


def test_void_partitions_match_the_data(client, store):
    graph = void_graph(client)
    classes = {graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))
               for p in graph.objects(DATASET, VOID.classPartition)}
    articles = len(list(store.query("SELECT DISTINCT ?a WHERE { ?a a <https://schema.org/NewsArticle> }")))
    assert classes[URIRef("https://schema.org/NewsArticle")] == articles
    properties = {graph.value(p, VOID.property): int(graph.value(p, VOID.triples))
                  for p in graph.objects(DATASET, VOID.propertyPartition)}
    assert sum(properties.values()) == len(store)
    assert len(classes) == number(graph, VOID.classes)
    assert len(properties) == number(graph, VOID.properties)


@pytest.mark.parametrize("media,parser", [("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
                                          ("application/rdf+xml", "xml")])
def test_void_in_other_formats(client, store, media, parser):
    response = client.get("/.well-known/void", headers={"Accept": media})
    assert response.mimetype == media and response.headers["Vary"] == "Accept"
    graph = rdflib.Graph().parse(data=response.data, format=parser)
    assert int(graph.value(DATASET, VOID.triples)) == len(store)


def test_browsers_get_a_readable_page(client):
    page = client.get("/.well-known/void", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.mimetype == "text/html" and b"Classes" in page.data


def test_the_dump_holds_every_quad(client, store):
    response = client.get("/dump.nq.gz")
    assert response.status_code == 200
    nquads = gzip.decompress(response.data)
    quads = list(ox.parse(nquads, ox.RdfFormat.N_QUADS))
    assert len(quads) == len(store)
    assert all(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads)


def test_the_dump_is_rebuilt_when_the_store_changes(tmp_path):
    from server.app import create_app
    store = OxigraphStore()
    store.update(f'INSERT DATA {{ GRAPH <{BASE}graph/a> {{ <{BASE}id/actor/a> <https://schema.org/name> "A" }} }}')
    client = create_app(store, base=BASE, update_token="").test_client()
    first = gzip.decompress(client.get("/dump.nq.gz").data)
    assert first.count(b"\n") == 1
    assert gzip.decompress(client.get("/dump.nq.gz").data) == first
    store.update(f'INSERT DATA {{ GRAPH <{BASE}graph/b> {{ <{BASE}id/actor/b> <https://schema.org/name> "B" }} }}')
    second = gzip.decompress(client.get("/dump.nq.gz").data)
    assert second.count(b"\n") == 2
    void = rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    assert number(void, VOID.triples) == 2
