"""Reusable pieces for the server tests: small stores, the app, a real running server."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
import requests

from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
TOKEN = "test-update-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://newskg.test/"
ARTICLE_GRAPH = BASE + "graph/article/alpha"
SHARED_GRAPH = BASE + "graph/shared"

NEWS_DATA = f"""
PREFIX schema: <https://schema.org/>
PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA {{
  GRAPH <{ARTICLE_GRAPH}> {{
    <{BASE}id/article/alpha> a schema:NewsArticle ;
        schema:headline "NATO & Ukraine: <talks> \\"resume\\"" ;
        schema:mentions <{BASE}id/actor/nato>, <{BASE}id/actor/ukraine> .
  }}
  GRAPH <{SHARED_GRAPH}> {{
    <{BASE}id/actor/nato> a nkg:Actor, schema:Organization ; rdfs:label "NATO" .
    <{BASE}id/actor/ukraine> a nkg:Actor, schema:Country ; rdfs:label "Ukraine" .
  }}
}}"""


def news_store() -> OxigraphStore:
    """An in-memory store with two named graphs: one article's graph and the shared graph."""
    store = OxigraphStore()
    store.update(NEWS_DATA)
    return store


def make_app(store=None, **options):
    from server import create_app
    options.setdefault("base", BASE)
    options.setdefault("update_token", TOKEN)
    return create_app(store if store is not None else news_store(), **options)


@pytest.fixture
def store():
    return news_store()


@pytest.fixture
def app(store):
    return make_app(store)


@pytest.fixture
def client(app):
    return app.test_client()


def results_boolean(response) -> bool:
    """The value of an ASK result in JSON or XML."""
    media = response.mimetype
    if media.endswith("json"):
        return json.loads(response.data)["boolean"]
    root = ElementTree.fromstring(response.data)
    node = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    return node.text.strip() == "true"


def select_rows(response) -> list[dict]:
    data = json.loads(response.data)
    return data["results"]["bindings"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """`python -m server.wsgi` (waitress) on a free loopback port, over a store folder."""

    def __init__(self, store_dir: Path, query_timeout: float = 30, token: str | None = TOKEN):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, NEWSKG_BASE=BASE)
        env.pop("NEWSKG_UPDATE_TOKEN", None)
        if token:
            env["NEWSKG_UPDATE_TOKEN"] = token
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.wsgi", "--host", "127.0.0.1", "--port", str(self.port),
             "--store", str(store_dir), "--threads", "4", "--query-timeout", str(query_timeout)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + self.process.stdout.read().decode(errors="replace"))
            try:
                requests.get(self.url + "/sparql", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def running_server(tmp_path):
    """A real server over a store folder holding the news data."""
    store_dir = tmp_path / "store"
    store = OxigraphStore(store_dir)
    store.update(NEWS_DATA)
    store.close()
    server = RunningServer(store_dir)
    yield server
    server.stop()
