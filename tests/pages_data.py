"""A store of real ingested articles for the page, VoID and browser tests, built once per
test run with the `newskg ingest` command: the seed article, an earlier article, and an
invented one whose headline and publisher carry markup that must never reach a page raw."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from conftest import REPO, SEED

BASE = "http://newskg.test/"
EARLIER = REPO / "tests" / "fixtures" / "articles" / "hungary-summer.txt"
SCRIPT_HEADLINE = "Hungary blocks <script>alert(1)</script> NATO invitation for Ukraine"
SCRIPT_URL = "https://news.example.org/2024/12/03/hungary-blocks-nato-invitation"
SCRIPT_TEXT = """Hungary blocks NATO invitation for Ukraine

Hungary opposes inviting Ukraine to join NATO, Hungarian Foreign Minister Péter Szijjártó said on Tuesday in Brussels.

"A country at war cannot contribute to the security of the alliance," Szijjártó told reporters, Reuters reported.

Slovakia also opposes a NATO invitation for Ukraine, while Germany is not ready to invite Ukraine to NATO.
"""
SCRIPT_META = {"url": SCRIPT_URL, "publisher": "Example <b>News</b> Wire", "datePublished": "2024-12-03",
               "headline": SCRIPT_HEADLINE, "inLanguage": "en"}

_built: dict[str, Path] = {}


def write_script_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / "script-headline.txt"
    article.write_text(SCRIPT_TEXT, encoding="utf-8")
    (folder / "script-headline.meta.json").write_text(json.dumps(SCRIPT_META), encoding="utf-8")
    return article


def ingested_store(root: Path) -> Path:
    """The folder of a store holding the three articles, ingested once per run under BASE."""
    if "store" not in _built:
        store = root / "store"
        article = write_script_article(root / "articles")
        env = {**os.environ, "NEWSKG_BASE": BASE}
        exe = Path(sys.executable).with_name("newskg")
        done = subprocess.run([str(exe), "ingest", str(SEED), str(EARLIER), str(article), "--store", str(store)],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        _built["store"] = store
    return _built["store"]


def rebased_copy(store_dir: Path, target: Path, new_base: str) -> Path:
    """A copy of the store with every IRI under BASE moved under new_base (for a server
    that runs on another host and port and must link its own pages)."""
    source = ox.Store.read_only(str(store_dir))  # read-only: the page tests may still hold it open
    nquads = source.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    del source
    copy = ox.Store(str(target))
    copy.bulk_load(nquads.replace("<" + BASE, "<" + new_base).encode("utf-8"), ox.RdfFormat.N_QUADS)
    copy.flush()
    del copy
    return target
