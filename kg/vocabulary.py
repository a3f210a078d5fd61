"""The ontology and the shapes as readable documentation data, and labels for the
vocabulary terms the pages show (so a page says "stance", not nkg:stance)."""
from __future__ import annotations

from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from . import resources
from .namespaces import bind_prefixes
from .terms import curie, humanise, local_name

SH = "http://www.w3.org/ns/shacl#"
DCTERMS = "http://purl.org/dc/terms/"


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    g = bind_prefixes(Graph())
    for path in resources.ontology_files():
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = bind_prefixes(Graph())
    for path in resources.shapes_files():
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_triples() -> tuple:
    """The ontology as written in its files (lexical forms kept), for RDF answers."""
    return _file_triples(tuple(resources.ontology_files()))


@lru_cache(maxsize=1)
def shapes_triples() -> tuple:
    return _file_triples(tuple(resources.shapes_files()))


def _file_triples(paths) -> tuple:
    import pyoxigraph as ox
    out = []
    for path in paths:
        with open(path, "rb") as f:
            out += [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(f, ox.RdfFormat.TURTLE)]
    return tuple(out)


def _text(g: Graph, node, *predicates) -> str | None:
    """The first English (or untagged) literal of the first predicate that has one."""
    for p in predicates:
        values = [o for o in g.objects(node, p) if isinstance(o, Literal)]
        for o in values:
            if o.language in (None, "en"):
                return " ".join(str(o).split())
        if values:
            return " ".join(str(values[0]).split())
    return None


@lru_cache(maxsize=1)
def term_labels() -> dict[str, str]:
    """rdfs:label / skos:prefLabel of every IRI the ontology names."""
    g = ontology_graph()
    out = {}
    for s in set(g.subjects()):
        if isinstance(s, URIRef):
            label = _text(g, s, SKOS.prefLabel, RDFS.label)
            if label:
                out[str(s)] = label
    return out


def term_label(iri: str) -> str:
    """A readable name for a vocabulary term: the ontology's label, else the humanised local name."""
    return term_labels().get(iri) or humanise(local_name(iri))


def _class_expression(g: Graph, node) -> list[str]:
    """The named classes of a class or of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [str(node)]
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return [str(m) for m in Collection(g, union) if isinstance(m, URIRef)]
    return []


def _term(g: Graph, node) -> dict:
    iri = str(node)
    return {"iri": iri, "curie": curie(iri), "anchor": local_name(iri),
            "label": _text(g, node, RDFS.label, SKOS.prefLabel) or local_name(iri),
            "comment": _text(g, node, RDFS.comment, SKOS.definition),
            "note": _text(g, node, SKOS.scopeNote)}


def _related(g: Graph, node, *predicates) -> list[str]:
    out = []
    for p in predicates:
        for o in g.objects(node, p):
            out += _class_expression(g, o)
    return sorted(set(out))


def ontology_doc() -> dict:
    """Classes, properties and concept schemes of the NewsKG ontology, for its page."""
    g = ontology_graph()
    onto = next(g.subjects(RDF.type, OWL.Ontology), None)
    info = {"iri": str(onto) if onto else None,
            "title": _text(g, onto, URIRef(DCTERMS + "title"), RDFS.label) if onto else "Ontology",
            "description": _text(g, onto, RDFS.comment, URIRef(DCTERMS + "description")) if onto else None,
            "version": _text(g, onto, OWL.versionInfo) if onto else None,
            "version_iri": str(g.value(onto, OWL.versionIRI)) if onto and g.value(onto, OWL.versionIRI) else None}
    classes = []
    for c in sorted({c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}, key=str):
        t = _term(g, c)
        t["superclasses"] = _related(g, c, RDFS.subClassOf)
        t["equivalent"] = _related(g, c, OWL.equivalentClass)
        t["matches"] = _related(g, c, SKOS.closeMatch, SKOS.exactMatch, SKOS.relatedMatch)
        classes.append(t)
    properties = []
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    props = {p for kind in kinds for p in g.subjects(RDF.type, kind) if isinstance(p, URIRef)}
    for p in sorted(props, key=str):
        t = _term(g, p)
        t["kind"] = "object" if (p, RDF.type, OWL.ObjectProperty) in g else "datatype"
        t["functional"] = (p, RDF.type, OWL.FunctionalProperty) in g
        t["domain"] = _related(g, p, RDFS.domain)
        t["range"] = _related(g, p, RDFS.range)
        t["superproperties"] = _related(g, p, RDFS.subPropertyOf)
        t["equivalent"] = _related(g, p, OWL.equivalentProperty)
        t["matches"] = _related(g, p, SKOS.closeMatch, SKOS.exactMatch, SKOS.relatedMatch)
        properties.append(t)
    schemes = []
    for s in sorted({s for s in g.subjects(RDF.type, SKOS.ConceptScheme)}, key=str):
        t = _term(g, s)
        concepts = []
        for node in set(g.subjects(SKOS.inScheme, s)):
            c = _term(g, node)
            c["alt"] = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
            concepts.append(c)
        t["concepts"] = sorted(concepts, key=lambda c: c["label"].lower())
        schemes.append(t)
    return {"ontology": info, "classes": classes, "properties": properties, "schemes": schemes}


def _shape_value(g: Graph, node) -> str:
    if isinstance(node, URIRef):
        return curie(str(node))
    if isinstance(node, BNode):
        items = list(Collection(g, node)) if g.value(node, RDF.first) is not None else []
        if items:
            return "one of " + ", ".join(_shape_value(g, i) for i in items)
        path = g.value(node, URIRef(SH + "inversePath"))
        if path is not None:
            return "^" + _shape_value(g, path)
        return "[…]"
    return str(node)


def shapes_doc() -> dict:
    """The SHACL node shapes with their property constraints, for the shapes page."""
    g = shapes_graph()
    sh = lambda name: URIRef(SH + name)  # noqa: E731
    shapes = []
    nodes = {s for s in g.subjects(RDF.type, sh("NodeShape"))}
    for node in sorted(nodes, key=str):
        shape = {"iri": str(node) if isinstance(node, URIRef) else None,
                 "name": local_name(str(node)) if isinstance(node, URIRef) else "(anonymous shape)",
                 "anchor": local_name(str(node)),
                 "targets": [curie(str(t)) for p in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
                             for t in g.objects(node, sh(p))],
                 "comment": _text(g, node, RDFS.comment, sh("description"), sh("message")),
                 "properties": []}
        for prop in g.objects(node, sh("property")):
            row = {"path": _shape_value(g, g.value(prop, sh("path"))),
                   "name": _text(g, prop, sh("name")),
                   "message": _text(g, prop, sh("message"), sh("description")),
                   "constraints": []}
            for p, o in sorted(g.predicate_objects(prop), key=lambda po: str(po[0])):
                name = str(p)
                if name.startswith(SH) and name[len(SH):] not in ("path", "name", "message", "description", "severity", "order"):
                    row["constraints"].append((name[len(SH):], _shape_value(g, o)))
            shape["properties"].append(row)
        shape["properties"].sort(key=lambda r: r["path"])
        shapes.append(shape)
    return {"shapes": shapes}
