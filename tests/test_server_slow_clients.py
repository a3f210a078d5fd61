"""The real server (`python -m server.wsgi`) against slow, idle and greedy clients: they
hold sockets, never the threads that answer everybody else."""
from __future__ import annotations

import socket
import time

import pytest
import requests

from bench.slow_clients import measure, slow_sockets
from server_helpers import RunningServer, NEWS_DATA
from kg.store import OxigraphStore


def store_folder(tmp_path):
    folder = tmp_path / "store"
    store = OxigraphStore(folder)
    store.update(NEWS_DATA)
    store.close()
    return folder


@pytest.fixture
def server_with(tmp_path, monkeypatch):
    servers = []

    def start(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        server = RunningServer(store_folder(tmp_path / str(len(servers))))
        servers.append(server)
        return server
    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    server = RunningServer(store_folder(tmp_path_factory.mktemp("plain")))
    yield server
    server.stop()


def port_of(server) -> int:
    return int(server.url.rsplit(":", 1)[1])


def test_100_slow_connections_do_not_keep_50_queries_from_being_answered(plain_server):
    server = plain_server
    baseline, loaded = measure("127.0.0.1", port_of(server), slow=100, queries=50, timeout=10)
    assert baseline.answered == 50
    assert loaded.answered == 50 and loaded.failed == 0
    # (bench.slow_clients reports the latencies: p99 about 5 ms here, as without slow clients)


def test_a_request_that_never_finishes_arriving_is_cut_off(server_with):
    server = server_with(NEWSKG_REQUEST_TIMEOUT="1")
    (half_header, half_body) = slow_sockets("127.0.0.1", port_of(server), 2)
    trickle = socket.create_connection(("127.0.0.1", port_of(server)))
    trickle.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")
    for s in (half_header, half_body, trickle):
        s.settimeout(15)
    for _ in range(4):  # a byte now and then keeps it from ever being idle
        time.sleep(0.7)
        try:
            trickle.sendall(b"X")
        except OSError:
            break
    for s in (half_header, half_body, trickle):
        try:
            assert s.recv(1024) == b""  # closed by the server, without an answer
        except ConnectionResetError:
            pass
        s.close()
    assert requests.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200


def test_one_client_cannot_hold_more_than_its_share_of_connections(server_with):
    server = server_with(NEWSKG_CONNECTIONS_PER_CLIENT="5")
    held = [socket.create_connection(("127.0.0.1", port_of(server))) for _ in range(5)]
    time.sleep(0.5)
    extra = socket.create_connection(("127.0.0.1", port_of(server)))
    extra.settimeout(10)
    answer = b""
    try:
        while chunk := extra.recv(1024):
            answer += chunk
    except ConnectionResetError:
        pass
    assert answer.startswith(b"HTTP/1.1 503")
    for s in held + [extra]:
        s.close()
    time.sleep(0.5)
    assert requests.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200


@pytest.mark.parametrize("raw", [
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nzz\r\nASK {}\r\n0\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n-5\r\nASK {}\r\n0\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\nASK {}",
    b"GET /id/actor/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /id/article/%ff%fe HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\n\r\n",
    b"GET /id/actor/\xff HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 100_000 + b"\r\n\r\n",
    b"GARBAGE\r\n\r\n",
])
def test_malformed_requests_get_a_client_error_from_the_real_server(plain_server, raw):
    server = plain_server
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=10) as s:
        s.sendall(raw)
        answer = s.recv(65536)
    status = int(answer.split(b" ", 2)[1])
    assert 400 <= status < 500, answer[:200]
    assert b"Traceback" not in answer
    assert requests.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200


def serving_children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def test_a_crashed_serving_process_is_started_again(server_with):
    import os
    import signal
    server = server_with()
    (serving,) = serving_children(server.process.pid)
    os.kill(serving, signal.SIGSEGV)
    for _ in range(100):  # until the supervisor has started a new one and it answers
        try:
            if requests.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                break
        except requests.RequestException:
            pass
        time.sleep(0.2)
    else:
        pytest.fail("the server did not come back")
    (again,) = serving_children(server.process.pid)
    assert again != serving
    server.stop()
    assert server.process.returncode == 0
