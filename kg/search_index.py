"""The search index: actors, propositions, events and articles by their names, in SQLite FTS5.

pyoxigraph has no full-text index, so the names live in a side index beside the store
(`index.sqlite` in an embedded store's folder, in memory for a remote store). Every name and
alias is indexed normalised (accents, case and punctuation removed: 'Szijjártó' is found by
'szijjarto'), each word by its prefixes, so a partly typed name finds it. Hits are ranked by
how many articles mention the resource, then by how well a name matches.

Ingest keeps the index current (`keep_current`, after each stored batch); a server rebuilds it
from the store when the store changed behind it (`current_index`)."""
from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from . import views
from .reconciliation import normalised
from .terms import sparql_iri

log = logging.getLogger(__name__)
KINDS = ("actor", "proposition", "event", "article")
INDEX_FILE = "index.sqlite"
EXACT, STARTS, WORDS = 2, 1, 0
LEADING_ARTICLES = {"the", "a", "an"}      # how well the best name of a hit matches the query

# per kind: each resource's names (?name: its label, ?alias: other names) and how many articles mention it
QUERIES = {
    "actor": ("""SELECT ?r ?name ?alias WHERE { ?r a nkg:Actor . {
                   ?r schema:name ?name } UNION { ?r rdfs:label ?name } UNION { ?r skos:altLabel ?alias } }""",
              "SELECT ?r (COUNT(DISTINCT ?art) AS ?n) WHERE { ?art schema:mentions ?r } GROUP BY ?r"),
    "proposition": ("SELECT ?r ?name ?alias WHERE { ?r a nkg:Proposition ; rdfs:label ?name }",
                    """SELECT ?r (COUNT(DISTINCT ?art) AS ?n) WHERE {
                         ?pos nkg:proposition ?r ; nkg:reportedIn ?art } GROUP BY ?r"""),
    "event": ("SELECT ?r ?name ?alias WHERE { ?r a nkg:Event ; schema:name ?name }",
              "SELECT ?r (COUNT(DISTINCT ?art) AS ?n) WHERE { ?r a nkg:Event ; nkg:reportedIn ?art } GROUP BY ?r"),
    "article": ("SELECT ?r ?name ?alias WHERE { ?r a schema:NewsArticle ; schema:headline ?name }",
                "SELECT ?r (1 AS ?n) WHERE { ?r a schema:NewsArticle }"),
}

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS entry (iri TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL,
                                  mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS form (iri TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS form_iri ON form (iri);
CREATE VIRTUAL TABLE IF NOT EXISTS form_text USING fts5(text, content='form', content_rowid='rowid',
                                                       tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE TRIGGER IF NOT EXISTS form_added AFTER INSERT ON form BEGIN
  INSERT INTO form_text (rowid, text) VALUES (new.rowid, new.text); END;
CREATE TRIGGER IF NOT EXISTS form_removed AFTER DELETE ON form BEGIN
  INSERT INTO form_text (form_text, rowid, text) VALUES ('delete', old.rowid, old.text); END;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass
class Entry:
    iri: str
    kind: str
    label: str
    mentions: int = 0
    forms: set[str] = field(default_factory=set)     # every name and alias, as written


@dataclass
class Hit:
    iri: str
    label: str
    kind: str
    mentions: int
    match: int          # EXACT, STARTS or WORDS

    def json(self) -> dict:
        return {"id": self.iri, "label": self.label, "type": self.kind, "mentions": self.mentions}


def entries(store, iris: set[str] | None = None) -> list[Entry]:
    """The index entries of the store's resources (only those among `iris` when given)."""
    restrict = f"VALUES ?r {{ {' '.join(sparql_iri(i) for i in sorted(iris))} }}" if iris is not None else ""
    if iris is not None and not iris:
        return []
    found: dict[str, Entry] = {}
    for kind, (names_query, mentions_query) in QUERIES.items():
        for row in views.select(store, names_query.replace("WHERE {", "WHERE { " + restrict, 1)):
            iri = row["r"].value
            entry = found.setdefault(iri, Entry(iri, kind, ""))
            if entry.kind != kind:
                continue
            name, alias = row.get("name"), row.get("alias")
            if name is not None:
                entry.forms.add(name.value)
                if not entry.label or (len(name.value), name.value) < (len(entry.label), entry.label):
                    entry.label = name.value
            if alias is not None:
                entry.forms.add(alias.value)
        for row in views.select(store, mentions_query.replace("WHERE {", "WHERE { " + restrict, 1)):
            entry = found.get(row["r"].value)
            if entry is not None and entry.kind == kind:
                entry.mentions = int(row["n"].value)
    aliases = registry_aliases()
    for entry in found.values():
        if entry.kind == "actor":
            entry.forms |= aliases.get(entry.iri.rsplit("/id/actor/", 1)[-1], set())
        if not entry.label:
            entry.label = min(entry.forms, key=lambda f: (len(f), f), default=entry.iri.rsplit("/", 1)[-1])
    return [e for e in found.values() if e.forms]


@functools.lru_cache(maxsize=1)
def registry_aliases() -> dict[str, set[str]]:
    """actor key -> the other names the curated registry knows it by ('Budapest' for Hungary's
    government), so a name the articles never used still finds the actor."""
    from .registry import default
    out: dict[str, set[str]] = {}
    for form in default().forms:
        if form.kind in ("alias", "short", "capital"):
            out.setdefault(form.key, set()).add(form.text)
    return out


def fingerprint(store) -> str:
    """Changes when graphs are added or removed (an ingest run without the hook, a copied store)."""
    return hashlib.sha256("\n".join(sorted(store.graph_names())).encode()).hexdigest()


def match_expression(query: str) -> str | None:
    """'Péter Szij' -> '"peter"* "szij"*' (every word, as a prefix); None when nothing is left."""
    words = normalised(query).split()
    if len(words) > 1 and words[0] in LEADING_ARTICLES:   # 'the Kremlin' finds 'Kremlin'
        words = words[1:]
    return " ".join(f'"{w}"*' for w in words) if words else None


def _without_article(text: str) -> str:
    words = normalised(text).split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in LEADING_ARTICLES else words)


def match_quality(query: str, forms: list[str]) -> int:
    q = _without_article(query)
    normal = [_without_article(f) for f in forms]
    if q in normal:
        return EXACT
    return STARTS if any(f.startswith(q) for f in normal) else WORDS


def ranked(hits: list[Hit]) -> list[Hit]:
    """Most mentioned first; among equals the better match, then the shorter label."""
    return sorted(hits, key=lambda h: (-h.mentions, -h.match, len(h.label), h.label.casefold(), h.iri))


class SearchIndex:
    def __init__(self, path: str | Path = ":memory:"):
        self.path = str(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.executescript(SCHEMA_SQL)

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM entry").fetchone()[0]

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _remove(self, iris) -> None:
        for iri in iris:
            self._db.execute("DELETE FROM form WHERE iri = ?", (iri,))
            self._db.execute("DELETE FROM entry WHERE iri = ?", (iri,))

    def _add(self, found: list[Entry]) -> None:
        for e in found:
            self._db.execute("INSERT INTO entry (iri, kind, label, mentions) VALUES (?, ?, ?, ?)",
                             (e.iri, e.kind, e.label, e.mentions))
            self._db.executemany("INSERT INTO form (iri, text) VALUES (?, ?)",
                                 [(e.iri, f"{normalised(f)}\t{f}") for f in sorted(e.forms)])

    def rebuild(self, store) -> None:
        """Everything again from the store."""
        found = entries(store)
        with self._lock, self._db:
            self._db.execute("DELETE FROM form")
            self._db.execute("DELETE FROM entry")
            self._add(found)
            self._set_meta("fingerprint", fingerprint(store))

    def refresh(self, store, iris: set[str]) -> None:
        """The entries of these resources again (a resource the store no longer has leaves the index)."""
        found = entries(store, set(iris))
        with self._lock, self._db:
            self._remove(iris)
            self._add(found)
            self._set_meta("fingerprint", fingerprint(store))

    def search(self, query: str, kind: str | None = None, limit: int = 10) -> list[Hit]:
        expression = match_expression(query)
        if expression is None:
            return []
        sql = ("SELECT e.iri, e.label, e.kind, e.mentions, f.text FROM form_text "
               "JOIN form f ON f.rowid = form_text.rowid JOIN entry e ON e.iri = f.iri "
               "WHERE form_text MATCH ?" + (" AND e.kind = ?" if kind else ""))
        with self._lock:
            rows = self._db.execute(sql, (expression, kind) if kind else (expression,)).fetchall()
        forms: dict[str, list[str]] = {}
        found: dict[str, tuple] = {}
        for iri, label, k, mentions, text in rows:
            found[iri] = (label, k, mentions)
            forms.setdefault(iri, []).append(text.split("\t", 1)[-1])
        hits = [Hit(iri, label, k, mentions, match_quality(query, forms[iri]))
                for iri, (label, k, mentions) in found.items()]
        return ranked(hits)[:max(1, limit)]


# --- where the index lives, and keeping it current ----------------------------------------

def location(store) -> Path | None:
    """The index file of an embedded store kept in a folder; None for other stores."""
    folder = getattr(store, "path", None)
    return Path(folder) / INDEX_FILE if folder else None


def open_index(store) -> SearchIndex:
    path = location(store)
    return SearchIndex(path) if path is not None else SearchIndex()


def touched(graphs) -> set[str]:
    """The IRIs an ingested batch's graphs describe or point to: the entries that may have changed."""
    out = set()
    for graph in graphs:
        for s, _, o in graph:
            out.add(str(s))
            if isinstance(o, URIRef):
                out.add(str(o))
    return out


def keep_current(store, graphs) -> None:
    """Ingest's hook: after a batch is stored, the entries it may have changed are read again.
    Only an embedded store in a folder has an index file; a server over any store builds its own."""
    path = location(store)
    if path is None or not graphs or getattr(store, "read_only", False):
        return
    try:
        index = SearchIndex(path)
        try:
            if index.meta("fingerprint") is None:
                index.rebuild(store)
            else:
                index.refresh(store, touched(graphs))
        finally:
            index.close()
    except (sqlite3.Error, OSError) as exc:  # the store is written: a server will rebuild the index
        log.warning("the search index %s could not be updated: %s", path, exc)


def current_index(index: SearchIndex | None, store, generation) -> SearchIndex:
    """A server's index for the store at this write generation: the file ingest keeps current when
    it matches the store, otherwise rebuilt from the store."""
    if index is not None and index.meta("generation") == str(generation):
        return index
    if index is None:
        index = open_index(store)
    if index.meta("fingerprint") != fingerprint(store) or index.meta("generation") not in (None, str(generation)):
        index.rebuild(store)
    with index._db:
        index._set_meta("generation", str(generation))
    return index
