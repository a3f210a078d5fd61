"""The VoID description of the dataset (computed from the store) and its gzipped N-Quads dump."""
from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import config, ids
from .namespaces import NKG, SCHEMA, bind_prefixes
from .store import OxigraphStore, Store

VOID = Namespace("http://rdfs.org/ns/void#")
WIKIDATA = "http://www.wikidata.org/entity/"
LINK_PREDICATES = {"sameAs": str(OWL.sameAs), "closeMatch": str(SKOS.closeMatch)}
SUBSETS = {"articles": "The article graphs: everything one article says, with its provenance",
           "shared": "The shared graph: actors, places and propositions with their names and Wikidata links",
           "other": "Other named graphs"}
VOCABULARIES = [str(NKG).rstrip("#"), str(SCHEMA), str(PROV), str(SKOS), str(OWL), str(RDFS)]


def _number(store: Store, query: str) -> int:
    rows = list(store.query(query))
    return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0


def size(store: Store) -> int:
    """The number of quads in the store."""
    if isinstance(store, OxigraphStore):
        return len(store)
    return _number(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


def statistics(store: Store, base: str) -> dict:
    """Counts VoID reports, and the class and property partitions."""
    space = f"{base}id/"
    stats = {
        "triples": size(store),
        # every described IRI the uriRegexPattern matches, evidence excerpts (#char=) included
        "entities": _number(store, f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o
            FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{space}")) }}"""),
        "subjects": _number(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        "objects": _number(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        "graphs": _number(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
    }
    stats["classes"] = [(r["c"].value, int(r["n"].value)) for r in store.query(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c")]
    stats["properties"] = [(r["p"].value, int(r["n"].value)) for r in store.query(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p ORDER BY DESC(?n) ?p")]
    modified = list(store.query(
        "SELECT (MAX(?t) AS ?m) WHERE { GRAPH ?g { ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t } }"))
    stats["modified"] = modified[0]["m"].value if modified and modified[0]["m"] is not None else None
    stats["links"] = {name: _number(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{
                          ?s <{predicate}> ?o FILTER(STRSTARTS(STR(?o), "{WIKIDATA}")) }} }}""")
                      for name, predicate in LINK_PREDICATES.items()}
    stats["subsets"] = graph_kinds(store, base)
    return stats


def graph_kinds(store: Store, base: str) -> dict[str, dict]:
    """Quads and graphs per kind of named graph: article graphs, the shared graph, others."""
    articles, shared = f"{base}graph/article/", f"{base}graph/shared"
    out = {kind: {"triples": 0, "graphs": 0} for kind in SUBSETS}
    for row in store.query(f"""SELECT ?kind (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{
            GRAPH ?g {{ ?s ?p ?o }}
            BIND(IF(STRSTARTS(STR(?g), "{articles}"), "articles", IF(STR(?g) = "{shared}", "shared", "other")) AS ?kind)
        }} GROUP BY ?kind"""):
        out[row["kind"].value] = {"triples": int(row["n"].value), "graphs": int(row["graphs"].value)}
    return out


def dataset_iri(base: str) -> URIRef:
    return URIRef(f"{base}.well-known/void#dataset")


def partition_iri(base: str, kind: str, term: str) -> URIRef:
    """A partition's own IRI (not a blank node: the same store gives the same description,
    byte for byte, so its ETag holds)."""
    return URIRef(f"{dataset_iri(base)}-{kind}-{ids.digest(term, length=10)}")


def void_graph(store: Store, base: str, stats: dict | None = None, license: str | None = None) -> Graph:
    """void:Dataset with its size, partitions, endpoint, dump, URI space, vocabularies,
    licence, subsets per kind of graph and linksets to Wikidata."""
    stats = stats or statistics(store, base)
    license = license or config.license_iri()
    g = bind_prefixes(Graph())
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    d = dataset_iri(base)
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, DCTERMS.title, Literal("NewsKG", lang="en")))
    g.add((d, DCTERMS.description, Literal(
        "Actors, positions, propositions, events, quotes and roles reported in news articles, "
        "each traced to the article that reports it.", lang="en")))
    g.add((d, FOAF.homepage, URIRef(base)))
    g.add((d, DCTERMS.license, URIRef(license)))
    dump = URIRef(f"{base}dump.nq.gz")
    g.add((dump, DCTERMS.license, URIRef(license)))
    g.add((dump, DCTERMS["format"], URIRef("http://www.w3.org/ns/formats/N-Quads")))
    g.add((dump, DCTERMS.description, Literal("Every quad of the dataset as gzipped N-Quads.", lang="en")))
    if stats["modified"]:
        g.add((d, DCTERMS.modified, Literal(stats["modified"], datatype=XSD.dateTime)))
    g.add((d, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    g.add((d, VOID.dataDump, URIRef(f"{base}dump.nq.gz")))
    g.add((d, VOID.uriSpace, Literal(f"{base}id/")))
    g.add((d, VOID.uriRegexPattern, Literal(f"^{_regex_escape(base)}id/")))
    g.add((d, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")))
    g.add((d, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    for vocabulary in VOCABULARIES:
        g.add((d, VOID.vocabulary, URIRef(vocabulary)))
    for name, prop in (("triples", VOID.triples), ("entities", VOID.entities),
                       ("subjects", VOID.distinctSubjects), ("objects", VOID.distinctObjects)):
        g.add((d, prop, Literal(stats[name], datatype=XSD.integer)))
    g.add((d, VOID.classes, Literal(len(stats["classes"]), datatype=XSD.integer)))
    g.add((d, VOID.properties, Literal(len(stats["properties"]), datatype=XSD.integer)))
    for cls, n in stats["classes"]:
        part = partition_iri(base, "class", cls)
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in stats["properties"]:
        part = partition_iri(base, "property", prop)
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    _subsets(g, d, base, stats["subsets"])
    _linksets(g, d, base, stats["links"])
    return g


def _subsets(g: Graph, d: URIRef, base: str, subsets: dict) -> None:
    for kind, counts in subsets.items():
        if not counts["graphs"]:
            continue
        subset = URIRef(f"{d}-{kind}")
        g.add((d, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, DCTERMS.description, Literal(SUBSETS[kind], lang="en")))
        g.add((subset, VOID.triples, Literal(counts["triples"], datatype=XSD.integer)))
        g.add((subset, VOID.documents, Literal(counts["graphs"], datatype=XSD.integer)))
        if kind == "articles":
            g.add((subset, VOID.uriSpace, Literal(f"{base}graph/article/")))


def _linksets(g: Graph, d: URIRef, base: str, links: dict) -> None:
    wikidata = URIRef("http://www.wikidata.org/entity/")
    target = URIRef(f"{dataset_iri(base)}-wikidata")
    g.add((target, RDF.type, VOID.Dataset))
    g.add((target, DCTERMS.title, Literal("Wikidata", lang="en")))
    g.add((target, FOAF.homepage, URIRef("https://www.wikidata.org/")))
    g.add((target, VOID.uriSpace, Literal(str(wikidata))))
    for name, predicate in LINK_PREDICATES.items():
        linkset = URIRef(f"{dataset_iri(base)}-wikidata-{name}")
        g.add((d, VOID.subset, linkset))
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((linkset, VOID.subjectsTarget, d))
        g.add((linkset, VOID.objectsTarget, target))
        g.add((linkset, VOID.linkPredicate, URIRef(predicate)))
        g.add((linkset, VOID.triples, Literal(links[name], datatype=XSD.integer)))


def _regex_escape(text: str) -> str:
    return "".join("\\" + c if c in ".^$*+?()[]{}|\\" else c for c in text)


def state_key(store: Store, generation: object = None) -> tuple:
    """Changes whenever the store's content does, as far as we can tell cheaply: its size,
    the latest generation time of its graphs, and a write counter when the caller keeps one."""
    latest = list(store.query("SELECT (MAX(STR(?t)) AS ?m) WHERE "
                              "{ GRAPH ?g { ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t } }"))
    stamp = latest[0]["m"].value if latest and latest[0]["m"] is not None else None
    return size(store), stamp, generation


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:32]


class DumpCache:
    """One gzipped N-Quads file of the whole store, rebuilt when the store's state changes."""

    def __init__(self, folder: Path | None = None):
        if folder is None:
            folder = tempfile.mkdtemp(prefix="newskg-dump-")
            weakref.finalize(self, shutil.rmtree, folder, True)
        self.folder = Path(folder)
        self.lock = threading.Lock()
        self.key = None
        self.path: Path | None = None
        self.etag: str | None = None   # a hash of the file: the same content gives the same tag

    def get_with_etag(self, store: Store, generation: object = None) -> tuple[Path, str]:
        path = self.get(store, generation)
        with self.lock:
            return path, self.etag

    def get(self, store: Store, generation: object = None) -> Path:
        key = state_key(store, generation)
        with self.lock:
            if self.path is None or key != self.key or not self.path.exists():
                self.path = self._write(store)
                self.key = key
                self.etag = _file_hash(self.path)
            return self.path

    def _write(self, store: Store) -> Path:
        fd, tmp = tempfile.mkstemp(prefix="dump-", suffix=".nq.gz", dir=self.folder)
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
            store.dump(out, "nquads")
        final = self.folder / "dump.nq.gz"
        shutil.move(tmp, final)
        return final
