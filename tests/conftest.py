import os
from pathlib import Path

import pytest

# A graph that violates the shapes is a bug of NewsKG: in tests it refuses its article loudly
# (inherited by the `newskg` commands the tests run).
os.environ.setdefault("NEWSKG_STRICT_SHAPES", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSKG_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpus" / "seed-article.txt"
SEED_GOLD = SHARED / "corpus" / "seed-article.gold.json"
SCORE = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def nlp():
    """The full extraction pipeline, loaded once."""
    from kg.nlp import pipeline
    return pipeline.default()


def newskg(*args, env=None, check=False):
    """Runs the installed `newskg` command; returns the CompletedProcess."""
    import subprocess
    import sys
    exe = Path(sys.executable).with_name("newskg")
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, env=env, check=check)


def score(data_or_endpoint, gold=SEED_GOLD):
    """Scores a dump file (or a SPARQL endpoint URL) against a gold file with the shared scorer."""
    import json
    import subprocess
    import sys
    source = ["--endpoint" if str(data_or_endpoint).startswith("http") else "--data", str(data_or_endpoint)]
    done = subprocess.run([sys.executable, str(SCORE), "--gold", str(gold), *source, "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """A store holding the seed article, ingested through the command line."""
    store = tmp_path_factory.mktemp("seed") / "store"
    done = newskg("ingest", SEED, "--store", store)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="session")
def seed_dump(seed_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("dump") / "seed.nq"
    done = newskg("export", "--store", seed_store, "--format", "nquads", "--out", out)
    assert done.returncode == 0, done.stderr
    return out


# The page and VoID tests share one store of ingested articles and one app for the whole run
# (an open store holds its folder's lock).
@pytest.fixture(scope="session")
def store(tmp_path_factory):
    from kg.store import OxigraphStore
    from pages_data import ingested_store
    store = OxigraphStore(ingested_store(tmp_path_factory.getbasetemp() / "pages"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(store):
    from pages_data import BASE
    from server.app import create_app
    app = create_app(store, base=BASE, update_token="")
    yield app.test_client()
    app.extensions["newskg"].runner.close()
