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

from . import ids
from .namespaces import NKG, SCHEMA, bind_prefixes
from .store import OxigraphStore, Store

VOID = Namespace("http://rdfs.org/ns/void#")
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
        "entities": _number(store, f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o
            FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{space}") && !CONTAINS(STR(?s), "#")) }}"""),
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
    return stats


def dataset_iri(base: str) -> URIRef:
    return URIRef(f"{base}.well-known/void#dataset")


def partition_iri(base: str, kind: str, term: str) -> URIRef:
    """A partition's own IRI (not a blank node: the same store gives the same description,
    byte for byte, so its ETag holds)."""
    return URIRef(f"{dataset_iri(base)}-{kind}-{ids.digest(term, length=10)}")


def void_graph(store: Store, base: str, stats: dict | None = None) -> Graph:
    """void:Dataset with its size, partitions, endpoint, dump, URI space and vocabularies."""
    stats = stats or statistics(store, base)
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
    return g


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
