"""The knowledge base: the read-only SQLite index that `python -m kg.registry.build` writes
(kg/registry/data/kb.sqlite), opened on first use, one connection per process.

Every entry has a type, a name, a source and, where its source gives one, a Wikidata id;
`forms` holds the folded surface forms (names and aliases) that point to entries."""
from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

KB_FILE = Path(__file__).parent / "data" / "kb.sqlite"
KB_ENV = "NEWSKG_KB"      # another knowledge-base file; "none": the curated list alone
SCHEMA = """
CREATE TABLE entry (id INTEGER PRIMARY KEY, qid TEXT, name TEXT NOT NULL, type TEXT NOT NULL,
                    source TEXT NOT NULL, country TEXT, weight INTEGER NOT NULL DEFAULT 1,
                    confident INTEGER NOT NULL DEFAULT 1);
CREATE TABLE form (key TEXT NOT NULL, entry INTEGER NOT NULL REFERENCES entry(id),
                   kind TEXT NOT NULL, cased TEXT);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""
INDEXES = "CREATE INDEX form_key ON form(key);"
PLACE = "Place"       # entries that are places (cities), not actors


@dataclass(frozen=True)
class Entry:
    qid: str | None
    name: str
    type: str            # an actor type (kg.nlp.model.ACTOR_TYPES) or "Place"
    source: str
    country: str | None  # ISO 3166-1 alpha-2, where the source says
    weight: int          # how strongly the source attests it (items naming it); ranks candidates
    confident: int       # 0: its label names a product or brand ("Coca-Cola" the drink), which
                         # an actor of that name is not quite: at most a weaker candidate
    kind: str            # the kind of the form that matched: "name" or "alias"
    cased: str | None    # for acronyms: the only spelling that matches


def configured() -> Path | None:
    chosen = os.environ.get(KB_ENV)
    if chosen is None:
        return KB_FILE
    return None if chosen.strip().lower() in ("", "none") else Path(chosen)


class KnowledgeBase:
    def __init__(self, path: Path | None = KB_FILE):
        self.path = Path(path) if path is not None else None
        self._local = threading.local()
        self._cache: dict[str, tuple[Entry, ...]] = {}

    def exists(self) -> bool:
        return self.path is not None and self.path.exists()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None or self._local.pid != os.getpid():     # a forked worker opens its own
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
            self._local.db, self._local.pid = db, os.getpid()
        return db

    def candidates(self, key: str) -> tuple[Entry, ...]:
        """Every entry a folded surface form (kg.registry.fold) names."""
        if key in self._cache:
            return self._cache[key]
        rows = self._db().execute(
            "SELECT e.qid, e.name, e.type, e.source, e.country, e.weight, e.confident, f.kind, f.cased "
            "FROM form f JOIN entry e ON e.id = f.entry WHERE f.key = ?", (key,)).fetchall()
        found = tuple(Entry(*row) for row in rows)
        if len(self._cache) < 100_000:
            self._cache[key] = found
        return found

    def meta(self) -> dict[str, str]:
        return dict(self._db().execute("SELECT k, v FROM meta"))

    def sizes(self) -> dict[str, int]:
        """Entries by type."""
        return dict(self._db().execute("SELECT type, count(*) FROM entry GROUP BY type ORDER BY type"))

    def entries(self, source: str | None = None):
        sql = "SELECT qid, name, type, source, country, weight FROM entry"
        args: tuple = ()
        if source:
            sql, args = sql + " WHERE source = ?", (source,)
        return self._db().execute(sql + " ORDER BY id", args).fetchall()
