"""`newskg watch DIR`: new files are ingested once, changed ones replaced, and a restart
resumes from the state file beside the store."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import newskg

BASE = "http://newskg.test/"


def env() -> dict:
    values = dict(os.environ, NEWSKG_BASE=BASE)
    values.pop("NEWSKG_UPDATE_TOKEN", None)
    return values


def write_article(folder: Path, name: str, url: str, headline: str) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"url": url, "headline": headline, "datePublished": "2025-05-06",
                                "publisher": "Example Gazette",
                                "text": f"{headline}. The mayor of Lyon said on Tuesday that the city would wait."}))
    return path


def headlines(store: Path) -> list[str]:
    from kg.store import OxigraphStore
    s = OxigraphStore(store, read_only=True)
    try:
        return sorted(r["h"].value for r in s.query(
            "SELECT ?h WHERE { ?a a <https://schema.org/NewsArticle> ; <https://schema.org/headline> ?h }"))
    finally:
        s.close()


def test_new_files_once_changed_files_replaced_and_a_restart_resumes(tmp_path):
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    write_article(inbox, "bridge", "https://news.example.org/bridge", "Lyon delays the bridge vote")
    first = newskg("watch", inbox, "--store", store, "--once", env=env())
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("ok ") == 1 and "bridge.json" in first.stdout
    assert (tmp_path / "store.watch.json").exists()

    again = newskg("watch", inbox, "--store", store, "--once", env=env())    # a restart: nothing new
    assert again.returncode == 0 and again.stdout == ""

    write_article(inbox, "bridge", "https://news.example.org/bridge", "Lyon approves the bridge")
    write_article(inbox, "tram", "https://news.example.org/tram", "Lyon extends the tram line")
    third = newskg("watch", inbox, "--store", store, "--once", env=env())
    assert third.returncode == 0, third.stderr
    assert third.stdout.count("ok ") == 2
    assert headlines(store) == ["Lyon approves the bridge", "Lyon extends the tram line"]


def test_watching_picks_up_a_file_that_appears_later(tmp_path):
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    exe = Path(sys.executable).with_name("newskg")
    watcher = subprocess.Popen([str(exe), "watch", str(inbox), "--store", str(store), "--interval", "0.5"],
                               env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1)
        write_article(inbox, "port", "https://news.example.org/port", "Marseille widens the port")
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(watcher.stdout.readline()), daemon=True).start()
        line = lines.get(timeout=120)              # the line the watcher prints for the article
        assert line.startswith("ok ") and "port.json" in line
    finally:
        watcher.terminate()
        watcher.wait(30)


def test_a_missing_folder_is_an_error_line(tmp_path):
    done = newskg("watch", tmp_path / "nowhere", "--store", tmp_path / "store", "--once", env=env())
    assert done.returncode == 1 and "no such folder" in done.stderr
