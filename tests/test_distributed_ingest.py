"""`newskg ingest --scheduler`: a Dask cluster's workers analyse and validate, one process
writes; the store ends up as a single-process ingest leaves it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SEED, newskg

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
EARLIER = REPO / "tests" / "fixtures" / "articles" / "hungary-summer.txt"
BASE = "http://newskg.test/"


def env() -> dict:
    values = dict(os.environ, NEWSKG_BASE=BASE)
    values.pop("NEWSKG_UPDATE_TOKEN", None)
    return values


def quads(store: Path) -> set[str]:
    """The store's N-Quads, without the times of the ingest (they differ from run to run)."""
    done = newskg("export", "--store", store, "--format", "nquads", env=env())
    assert done.returncode == 0, done.stderr
    return {line for line in done.stdout.splitlines()
            if line.strip() and not (line.startswith(f"<{BASE}graph/") and "XMLSchema#dateTime>" in line)}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local.scheduler_address


def test_a_cluster_of_two_workers_gives_the_same_store_as_one_process(cluster, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for source in [*EXAMPLES.iterdir(), SEED, EARLIER, EARLIER.with_name("hungary-summer.meta.json")]:
        (articles / source.name).write_bytes(source.read_bytes())
    (articles / "broken.json").write_text("{ this is not JSON")

    alone, spread = tmp_path / "alone", tmp_path / "spread"
    one = newskg("ingest", articles, "--store", alone, env=env())
    many = newskg("ingest", articles, "--store", spread, "--scheduler", cluster, env=env())

    assert many.returncode == one.returncode == 1          # the broken file, and only it
    assert many.stderr.count("error") == 1 and "broken.json" in many.stderr
    assert sorted(many.stdout.splitlines()) == sorted(one.stdout.splitlines()) and len(many.stdout.splitlines()) == 5
    ours = quads(alone)
    assert len(ours) > 500
    assert quads(spread) == ours


def test_an_unreachable_scheduler_is_one_error_line(tmp_path):
    from remote_servers import free_port
    address = f"tcp://127.0.0.1:{free_port()}"
    done = newskg("ingest", EARLIER, "--store", tmp_path / "store", "--scheduler", address,
                  env=dict(env(), DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and f"error: scheduler {address}: " in done.stderr
