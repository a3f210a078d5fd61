"""What other knowledge graphs, search engines and link previews read: the licence, the
Wikidata linksets and subsets in VoID, and each page's head (OpenGraph, canonical link,
description) and embedded JSON-LD."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import rdflib
from rdflib import Namespace, URIRef

from pages_data import BASE

VOID = Namespace("http://rdfs.org/ns/void#")
DCT = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")
DATASET = URIRef(f"{BASE}.well-known/void#dataset")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def void(client) -> rdflib.Graph:
    return rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")


def count(store, sparql) -> int:
    return int(next(iter(store.query(sparql)))[0].value)


def test_void_states_the_licence_of_the_dataset_and_of_the_dump(client):
    graph = void(client)
    assert graph.value(DATASET, DCT.license) == CC_BY
    assert graph.value(URIRef(f"{BASE}dump.nq.gz"), DCT.license) == CC_BY
    dump = client.get("/dump.nq.gz")
    assert f'<{CC_BY}>; rel="license"' in dump.headers["Link"]


def test_the_licence_is_configurable(monkeypatch):
    from server_helpers import make_app
    monkeypatch.setenv("NEWSKG_LICENSE", "https://example.org/our-licence")
    client = make_app().test_client()
    graph = rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    assert graph.value(URIRef("http://newskg.test/.well-known/void#dataset"), DCT.license) == \
        URIRef("https://example.org/our-licence")
    page = client.get("/", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert '<link rel="license" href="https://example.org/our-licence">' in page


def test_void_has_a_linkset_to_wikidata_with_the_right_count(client, store):
    graph = void(client)
    linksets = {graph.value(ls, VOID.linkPredicate): ls for ls in graph.subjects(rdflib.RDF.type, VOID.Linkset)}
    same_as = linksets[rdflib.OWL.sameAs]
    assert (DATASET, VOID.subset, same_as) in graph
    assert graph.value(same_as, VOID.subjectsTarget) == DATASET
    wikidata = graph.value(same_as, VOID.objectsTarget)
    assert str(graph.value(wikidata, VOID.uriSpace)) == "http://www.wikidata.org/entity/"
    expected = count(store, """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE {
        ?s <http://www.w3.org/2002/07/owl#sameAs> ?o FILTER(STRSTARTS(STR(?o), "http://www.wikidata.org/entity/")) } }""")
    assert int(graph.value(same_as, VOID.triples)) == expected > 0
    page = client.get("/.well-known/void", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert f"{expected:,} <code>owl:sameAs</code>" in page and str(CC_BY) in page


def test_void_subsets_add_up_to_the_store(client, store):
    graph = void(client)
    subsets = [s for s in graph.objects(DATASET, VOID.subset) if (s, rdflib.RDF.type, VOID.Linkset) not in graph]
    assert len(subsets) >= 2
    assert sum(int(graph.value(s, VOID.triples)) for s in subsets) == len(store)
    articles = count(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }")
    article_subset = next(s for s in subsets if graph.value(s, VOID.uriSpace) is not None)
    assert int(graph.value(article_subset, VOID.documents)) == articles


def test_void_entities_count_every_iri_its_pattern_matches(client, store):
    graph = void(client)
    pattern = re.compile(str(graph.value(DATASET, VOID.uriRegexPattern)))
    subjects = {row[0].value for row in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")}
    matching = {s for s in subjects if pattern.search(s)}
    assert any("#char=" in s for s in matching)
    assert int(graph.value(DATASET, VOID.entities)) == len(matching)


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links = {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        if tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href")


def head_of(client, path) -> Head:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 200, path
    head = Head()
    head.feed(response.get_data(as_text=True))
    return head


def page_paths(store) -> list[str]:
    paths = ["/", "/sparql", "/ontology", "/shapes", "/.well-known/void"]
    for kind in ("NewsArticle", "Person", "Country"):
        iri = next(iter(store.query(f"SELECT ?x WHERE {{ ?x a <https://schema.org/{kind}> }} ORDER BY ?x LIMIT 1")))[0]
        paths.append("/" + iri.value[len(BASE):])
    for kind in ("Position", "Proposition", "Event"):
        iri = next(iter(store.query(f"SELECT ?x WHERE {{ ?x a <https://w3id.org/newskg/ns#{kind}> }} ORDER BY ?x LIMIT 1")))[0]
        paths.append("/" + iri.value[len(BASE):])
    return paths


def test_every_page_has_opengraph_canonical_description_and_licence(client, store):
    for path in page_paths(store):
        head = head_of(client, path)
        canonical = BASE + path.lstrip("/")
        assert head.links["canonical"] == canonical, path
        assert head.links["license"] == str(CC_BY), path
        for name in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card",
                     "twitter:title", "description"):
            assert head.meta.get(name), (path, name)
        assert head.meta["og:url"] == canonical


def test_an_article_page_describes_itself_by_the_abstract_and_points_to_the_article(client, store):
    from pages_data import SCRIPT_HEADLINE, SCRIPT_URL
    iri, abstract = [t.value for t in next(iter(store.query(
        f"SELECT ?a ?abs WHERE {{ ?a <https://schema.org/url> <{SCRIPT_URL}> ; <https://schema.org/abstract> ?abs }}")))]
    path = "/" + iri[len(BASE):]
    head = head_of(client, path)
    description = head.meta["description"]
    assert description.rstrip("…") and abstract.startswith(description.rstrip("…")) and len(description) <= 200
    assert head.meta["og:title"] == SCRIPT_HEADLINE  # the markup in the headline arrives as text

    page = client.get(path, headers={"Accept": BROWSER}).get_data(as_text=True)
    text = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[0]
    json.loads(text)
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    pages = list(graph.subjects(rdflib.RDF.type, SCHEMA.ItemPage))
    assert len(pages) == 1
    item = pages[0]
    assert item != URIRef(iri)
    assert graph.value(item, SCHEMA.about) == URIRef(iri)
    assert (item, rdflib.RDF.type, SCHEMA.NewsArticle) not in graph
    publisher = graph.value(item, SCHEMA.publisher)
    assert str(graph.value(publisher, SCHEMA.name)) == "NewsKG"
    generated = next(iter(store.query(f"SELECT ?t WHERE {{ GRAPH ?g {{ ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t ; "
                                      f"<http://www.w3.org/ns/prov#wasDerivedFrom> <{SCRIPT_URL}> }} }}")))[0].value
    assert graph.value(item, SCHEMA.dateModified).toPython() == rdflib.Literal(
        generated, datatype=rdflib.XSD.dateTime).toPython()
    assert graph.value(item, SCHEMA.license) == CC_BY


def test_an_image_the_source_gives_reaches_the_preview_tags_and_the_json_ld():
    from server_helpers import ARTICLE_GRAPH, make_app, news_store
    store = news_store()        # written to the store directly: the fixture's hand-made article
    image = "https://news.example.org/img/talks.jpg"   # graph would not pass an HTTP write's shape check
    store.update(f"INSERT DATA {{ GRAPH <{ARTICLE_GRAPH}> {{ <{BASE}id/article/alpha> <https://schema.org/image> <{image}> }} }}")
    client = make_app(store).test_client()
    response = client.get("/id/article/alpha", headers={"Accept": BROWSER})
    head = Head()
    head.feed(response.get_data(as_text=True))
    assert head.meta["og:image"] == image and head.meta["twitter:card"] == "summary_large_image"
    text = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.get_data(as_text=True), re.S)[0]
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    item = next(graph.subjects(rdflib.RDF.type, SCHEMA.ItemPage))
    assert graph.value(item, SCHEMA.image) == URIRef(image)
