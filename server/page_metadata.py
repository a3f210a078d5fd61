"""What a page says about itself to search engines and link previews: its canonical URL,
a description (an article's abstract), an image where the source has one, when its data
last changed, the licence; and the JSON-LD node of the page itself, which is NewsKG's page
*about* a resource (schema:ItemPage), never the publisher's article."""
from __future__ import annotations

import pyoxigraph as ox
from flask import request

from kg import config

from .context import server_context

SITE_NAME = "NewsKG"
SITE_DESCRIPTION = ("NewsKG publishes who said what, and who stands where, as reported in news articles: "
                    "a knowledge graph with a SPARQL endpoint and linked-data pages.")
DESCRIPTION_LENGTH = 200
SCHEMA = "https://schema.org/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def web_url(value: str | None) -> str | None:
    return value if value and value.lower().startswith(("http://", "https://")) else None


def canonical_url() -> str:
    """The page's public URL: under NEWSKG_BASE, without the query string."""
    return server_context().base + request.path.lstrip("/")


def default_head() -> dict:
    return {"canonical": canonical_url(), "description": SITE_DESCRIPTION, "image": None, "modified": None}


def resource_description(kind: str, data: dict) -> str:
    if kind == "article":
        if data.get("abstract"):
            return shorten(data["abstract"])
        publisher = ", ".join(p["label"] for p in data.get("publisher", []))
        source = f" ({publisher})" if publisher else ""
        return shorten(f"What the article “{data.get('headline')}”{source} reports: its actors, positions, "
                       "events, quotes and roles, each with the sentence it comes from.")
    label = data.get("name") or data.get("label") or data.get("headline") or ""
    if kind == "actor":
        return shorten(f"{label}: the positions, quotes and roles the news attributes to it, "
                       "with the articles that report them.")
    if kind == "proposition":
        return shorten(f"Who supports or opposes “{label}”, as reported in news articles, and since when.")
    if kind == "event":
        return shorten(f"{label}: when and where it took place, who took part, and which articles report it.")
    return shorten(f"{label}: what NewsKG’s news articles say about it." if label else SITE_DESCRIPTION)


def resource_head(kind: str, iri: str, data: dict, modified: str | None) -> dict:
    return {"canonical": iri, "description": resource_description(kind, data),
            "image": web_url(data.get("image")), "modified": modified}


def page_node(iri: str, title: str, head: dict) -> list[ox.Triple]:
    """The page as schema:ItemPage about `iri`: a node of its own, published by NewsKG."""
    base = server_context().base
    page, site, publisher = ox.NamedNode(f"{iri}?format=html"), ox.NamedNode(base), ox.NamedNode(f"{base}#newskg")

    def s(name: str) -> ox.NamedNode:
        return ox.NamedNode(SCHEMA + name)

    triples = [
        ox.Triple(page, RDF_TYPE, s("ItemPage")),
        ox.Triple(page, s("url"), page),
        ox.Triple(page, s("name"), ox.Literal(title)),
        ox.Triple(page, s("description"), ox.Literal(head["description"])),
        ox.Triple(page, s("about"), ox.NamedNode(iri)),
        ox.Triple(page, s("mainEntity"), ox.NamedNode(iri)),
        ox.Triple(page, s("isPartOf"), site),
        ox.Triple(page, s("publisher"), publisher),
        ox.Triple(page, s("license"), ox.NamedNode(config.license_iri())),
        ox.Triple(page, s("inLanguage"), ox.Literal("en")),
        ox.Triple(site, RDF_TYPE, s("WebSite")),
        ox.Triple(site, s("name"), ox.Literal(SITE_NAME)),
        ox.Triple(publisher, RDF_TYPE, s("Organization")),
        ox.Triple(publisher, s("name"), ox.Literal(SITE_NAME)),
    ]
    if head.get("modified"):
        triples.append(ox.Triple(page, s("dateModified"), ox.Literal(head["modified"], datatype=XSD_DATETIME)))
    if head.get("image"):
        try:
            triples.append(ox.Triple(page, s("image"), ox.NamedNode(head["image"])))
        except ValueError:  # not an IRI after all: no image
            pass
    return triples
