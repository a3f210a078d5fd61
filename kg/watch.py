"""`newskg watch DIR...`: ingests article files as they appear or change, one line per article.

What has been ingested is kept in a state file beside the store (`STORE.watch.json`): each
file's content hash, so a restart resumes where it stopped and an unchanged file costs
nothing. A changed file is ingested again, which replaces its article (the article's graph
is named after its URL)."""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Callable

from .reading import iter_article_files


def default_state_path(store_location: str) -> Path:
    if str(store_location).startswith(("http://", "https://")):
        return Path("newskg-watch.json")
    folder = Path(store_location)
    return folder.with_name(folder.name + ".watch.json")


def load_state(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def save_state(path: Path, state: dict[str, str]) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(state, indent=0, sort_keys=True))
    os.replace(partial, path)             # never a half-written state file


def fingerprint(path: Path) -> str:
    """The file's content and its metadata sidecar's: either changing is a change."""
    from .reading.metadata import sidecar_path
    digest = hashlib.sha256(path.read_bytes())
    sidecar = sidecar_path(path)
    if sidecar.exists():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


def changed_files(folders: list[Path], state: dict[str, str]) -> list[tuple[Path, str]]:
    found = []
    for path in iter_article_files(folders):
        try:
            mark = fingerprint(path)
        except OSError:                   # gone, or still being written: next round
            continue
        if state.get(str(path.resolve())) != mark:
            found.append((path, mark))
    return found


def watch_once(folders: list[Path], store, state_path: Path, report: Callable, **options) -> list:
    """Ingests the new and changed files once; the outcomes."""
    from .ingest import ingest
    state = load_state(state_path)
    todo = changed_files(folders, state)
    if not todo:
        return []
    marks = {str(path): mark for path, mark in todo}
    outcomes = ingest([path for path, _ in todo], store, report=report, **options)
    for outcome in outcomes:
        if outcome.ok and str(outcome.path) in marks:
            state[str(Path(outcome.path).resolve())] = marks[str(outcome.path)]
    save_state(state_path, state)
    return outcomes


def watch(folders: list[Path], store, state_path: Path, report: Callable, *, interval: float = 2.0,
          once: bool = False, **options) -> bool:
    """Watches until interrupted (or one round with once); whether every article was stored."""
    all_ok = True
    while True:
        outcomes = watch_once(folders, store, state_path, report, **options)
        all_ok = all_ok and all(o.ok for o in outcomes)
        if once:
            return all_ok
        time.sleep(interval)
