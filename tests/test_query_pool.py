"""The pool of long-lived query processes (server/query_pool.py, query_guard.ForkingRunner):
children are reused, never stale after a write, killed at the deadline, replaced, and
the pool keeps answering."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from server.query_guard import QueryTimeout, ResultTooLarge, can_fork
from server_helpers import AUTH, make_app, news_store, select_rows

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")

LABELS = "SELECT ?label WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
UPDATE = "application/sparql-update"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def labels(client, tag: str = "") -> list[str]:
    # a comment makes each query text new, so the answer is computed, not taken from the cache
    r = client.get("/sparql", query_string={"query": f"{LABELS} # {tag} {time.time_ns()}"})
    assert r.status_code == 200, r.data
    return [row["label"]["value"] for row in select_rows(r)]


def pid_job(out) -> str:
    out.write(str(os.getpid()).encode())
    return "text/plain"


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pid: int, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def app():
    app = make_app(news_store(), query_timeout=5)
    yield app
    app.extensions["newskg"].runner.close()


def runner_of(app):
    runner = app.extensions["newskg"].runner
    assert runner.pool is not None
    return runner


def test_a_child_answers_consecutive_queries(app):
    runner = runner_of(app)
    first = int(runner.run(pid_job).body)
    second = int(runner.run(pid_job).body)
    assert first == second and first != os.getpid()
    assert first in runner.pool.pids()
    forks = runner.pool.forks
    client = app.test_client()
    for i in range(5):
        assert labels(client, str(i)) == ["NATO", "Ukraine"]
    assert runner.pool.forks == forks  # no fork per query


def test_a_write_is_seen_by_the_next_query(app):
    runner, client = runner_of(app), app.test_client()
    assert labels(client) == ["NATO", "Ukraine"]
    before = int(runner.run(pid_job).body)
    r = client.post("/sparql", data='INSERT DATA { <http://a/x> <http://www.w3.org/2000/01/rdf-schema#label> "Xenia" }',
                    content_type=UPDATE, headers=AUTH)
    assert r.status_code == 204
    assert labels(client) == ["NATO", "Ukraine", "Xenia"]
    assert int(runner.run(pid_job).body) != before  # the child forked before the write is retired
    assert wait_gone(before)
    r = client.delete("/rdf-graph-store", query_string={"graph": "http://newskg.test/graph/shared"}, headers=AUTH)
    assert r.status_code in (200, 204)
    assert labels(client) == ["Xenia"]  # NATO and Ukraine were in the shared graph; Xenia in the default one


def test_a_write_during_a_query_retires_its_child_when_it_ends(app):
    runner = runner_of(app)
    ctx = app.extensions["newskg"]
    holder = {}

    def slow_pid_job(out) -> str:
        busy_until = time.monotonic() + 0.8
        while time.monotonic() < busy_until:  # working (not asleep): never taken for a hung child
            pass
        out.write(str(os.getpid()).encode())
        return "text/plain"

    thread = threading.Thread(target=lambda: holder.update(pid=int(runner.run(slow_pid_job).body)))
    thread.start()
    time.sleep(0.3)
    with ctx.store_lock:
        ctx.store.update('INSERT DATA { <http://a/y> <http://www.w3.org/2000/01/rdf-schema#label> "Yann" }')
    thread.join(10)
    assert wait_gone(holder["pid"])
    assert holder["pid"] not in runner.pool.pids()
    assert "Yann" in labels(app.test_client())


def test_a_query_past_the_timeout_is_killed_and_the_pool_still_answers():
    store = news_store()
    store.update("INSERT DATA { GRAPH <http://x/big> { " +
                 " ".join(f"<http://x/s{i}> <http://x/p> {i} ." for i in range(60)) + " } }")
    app = make_app(store, query_timeout=1.5)
    runner, client = runner_of(app), app.test_client()
    try:
        pids_before = runner.pool.pids()
        started = time.monotonic()
        r = client.get("/sparql", query_string={"query": SLOW_QUERY})
        assert r.status_code == 503 and b"did not finish within 1.5 s" in r.data
        assert 1.4 < time.monotonic() - started < 3.5
        killed = pids_before - runner.pool.pids()
        assert len(killed) == 1 and wait_gone(killed.pop())
        for i in range(3):
            r = client.get("/sparql", query_string={"query": f"ASK {{ ?s ?p 7 }} # {i}"})
            assert r.status_code == 200 and r.json["boolean"] is True
        assert runner.pool.live <= runner.pool.size
    finally:
        runner.close()


def test_concurrent_queries_are_answered(app):
    runner, client = runner_of(app), app.test_client()
    results, errors = [], []

    def ask(i: int) -> None:
        try:
            results.append(labels(app.test_client(), f"thread {i}"))
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(3 * runner.pool.size + 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert results == [["NATO", "Ukraine"]] * len(threads)
    assert runner.pool.live <= runner.pool.size
    assert labels(client) == ["NATO", "Ukraine"]


def test_a_busy_pool_does_not_make_a_query_wait(app):
    runner = runner_of(app)
    done = threading.Event()

    def spin_job(out) -> str:
        while True:  # busy until killed at the deadline
            pass

    spinners = [threading.Thread(target=lambda: pytest.raises(QueryTimeout, runner.run, spin_job) and done.set())
                for _ in range(runner.pool.size)]
    for thread in spinners:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    pid = int(runner.run(pid_job).body)  # every place is busy: a one-shot child answers
    assert time.monotonic() - started < 2 and pid not in runner.pool.pids()
    for thread in spinners:
        thread.join(15)
    assert done.is_set()


def test_a_child_hung_at_its_fork_is_replaced(app, tmp_path):
    """A child blocked on a lock another thread held at the fork sleeps without working:
    it is killed within a fraction of a second and the query runs in another child."""
    runner = runner_of(app)
    marker = str(tmp_path / "hung")

    def hangs_once(out) -> str:
        if not os.path.exists(marker):
            Path(marker).write_text(str(os.getpid()))
            time.sleep(60)  # asleep without using the CPU, like a child stuck on a lock
        out.write(str(os.getpid()).encode())
        return "text/plain"

    started = time.monotonic()
    answered_by = int(runner.run(hangs_once).body)
    hung = int(Path(marker).read_text())
    assert time.monotonic() - started < 3
    assert answered_by != hung and wait_gone(hung)


def test_errors_and_caps_in_a_pooled_child(app):
    runner, client = runner_of(app), app.test_client()
    pid = int(runner.run(pid_job).body)
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400 and b"line 1" in r.data
    small = make_app(news_store(), max_result_bytes=300)
    try:
        r = small.test_client().get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert r.status_code == 422 and b"larger than 300 bytes" in r.data

        def too_large(out) -> str:
            out.write(b"x" * 1000)
            return "text/plain"

        with pytest.raises(ResultTooLarge):
            small.extensions["newskg"].runner.run(too_large)
    finally:
        small.extensions["newskg"].runner.close()
    assert int(runner.run(pid_job).body) == pid  # an error does not cost the child


def test_pooled_children_have_no_network(app):
    runner = runner_of(app)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]

    def connect(out) -> str:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            out.write(b"connected")
        except OSError as e:
            out.write(f"refused: {e}".encode())
        return "text/plain"

    try:
        pid = int(runner.run(pid_job).body)
        body = runner.run(connect).body
        assert int(runner.run(pid_job).body) == pid  # the job ran in the pooled child
        if body == b"connected":
            pytest.skip("this kernel does not allow a private network namespace")
        assert body.startswith(b"refused")
    finally:
        listener.close()


def test_pooled_children_hold_no_sockets_or_other_pipes():
    """Sockets and pipes the server held when a child was forked (client connections,
    the other children's pipes) are closed in the child."""
    server_socket = socket.socket()
    server_socket.bind(("127.0.0.1", 0))
    server_socket.listen(1)
    other_read, other_write = os.pipe()
    app = make_app(news_store())  # its children are forked now, with the socket and pipe open here
    runner = runner_of(app)

    def channels(out) -> str:
        kinds = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                kinds.append(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                pass
        out.write("\n".join(kinds).encode())
        return "text/plain"

    try:
        pid = int(runner.run(pid_job).body)
        held = runner.run(channels).body.decode().split("\n")
        assert int(runner.run(pid_job).body) == pid  # all in the same pooled child
        assert not any(target.startswith("socket:") for target in held)
        standard = {os.readlink(f"/proc/self/fd/{fd}") for fd in (0, 1, 2)}
        assert len([t for t in held if t.startswith("pipe:") and t not in standard]) <= 2  # its own two
    finally:
        runner.close()
        server_socket.close()
        os.close(other_read)
        os.close(other_write)


def test_a_job_that_cannot_be_sent_runs_in_a_one_shot_child(app):
    runner = runner_of(app)
    unpicklable = threading.Lock()

    def job(out) -> str:
        with unpicklable:
            out.write(str(os.getpid()).encode())
        return "text/plain"

    pid = int(runner.run(job).body)
    assert pid != os.getpid() and pid not in runner.pool.pids()


def test_closing_the_pool_ends_its_children():
    app = make_app(news_store())
    runner = runner_of(app)
    labels(app.test_client())
    pids = runner.pool.pids()
    assert pids
    runner.close()
    assert all(wait_gone(pid) for pid in pids)
    assert int(runner.run(pid_job).body) not in pids  # still answers, one-shot
