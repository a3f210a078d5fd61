"""Slow and idle clients against a running server: N connections that send half a request
header or half a body and then wait, while one client sends ordinary queries one after
the other. Reports how many queries were answered and their latency (p50, p99), and the
same queries' latency with no slow client (the baseline of the same run).

    python -m bench.slow_clients [--slow 100] [--queries 50] [--store DIR]

With no --store it makes a small store in a temporary folder and serves it with
`python -m server.wsgi` on a free loopback port."""
from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

QUERY_PATH = "/sparql?query=ASK%7B%7D%23"  # + a counter: each query is new (no cached answer)
REPO = Path(__file__).resolve().parents[1]


def slow_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` connections left half-way: even ones inside the header, odd ones inside a body."""
    opened = []
    for i in range(count):
        s = socket.create_connection((host, port), timeout=5)
        if i % 2 == 0:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX: ")
        else:
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: 1000\r\n\r\nASK {")
        opened.append(s)
    return opened


@dataclass
class Latencies:
    answered: int
    failed: int
    seconds: list[float]

    def percentile(self, p: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("inf")


def ordinary_queries(host: str, port: int, count: int, timeout: float = 10) -> Latencies:
    """`count` queries, each on a connection of its own (as new visitors come)."""
    answered, failed, seconds = 0, 0, []
    for _ in range(count):
        ordinary_queries.made += 1
        start = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
            conn.request("GET", f"{QUERY_PATH}{ordinary_queries.made}", headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            body = response.read()
            conn.close()
            ok = response.status == 200 and b"true" in body
        except OSError:
            ok = False
        seconds.append(time.perf_counter() - start)
        answered += ok
        failed += not ok
    return Latencies(answered, failed, seconds)


ordinary_queries.made = 0


def measure(host: str, port: int, slow: int, queries: int, timeout: float = 10) -> tuple[Latencies, Latencies]:
    """(baseline with no slow client, with `slow` slow clients held open)."""
    baseline = ordinary_queries(host, port, queries, timeout)
    held = slow_sockets(host, port, slow)
    try:
        time.sleep(0.5)  # let the server take them in
        loaded = ordinary_queries(host, port, queries, timeout)
    finally:
        for s in held:
            s.close()
    return baseline, loaded


def start_server(store_dir: Path, port: int, extra: list[str] = ()) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "server.wsgi", "--host", "127.0.0.1", "--port", str(port),
                                "--store", str(store_dir), *extra], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.slow_clients")
    parser.add_argument("--slow", type=int, default=100)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--store", default=None)
    args = parser.parse_args(argv)
    from kg.store import OxigraphStore
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            store = OxigraphStore(store_dir)
            store.update("INSERT DATA { <http://e/s> <http://e/p> 1 }")
            store.close()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        process = start_server(store_dir, port)
        try:
            baseline, loaded = measure("127.0.0.1", port, args.slow, args.queries)
        finally:
            process.terminate()
            process.wait(15)
    for name, result in (("no slow client", baseline), (f"{args.slow} slow clients", loaded)):
        print(f"{name:>18}: {result.answered}/{result.answered + result.failed} answered, "
              f"p50 {result.percentile(50) * 1000:.1f} ms, p99 {result.percentile(99) * 1000:.1f} ms")
    if baseline.seconds and loaded.answered:
        print(f"p99 ratio (slow clients / none): {loaded.percentile(99) / baseline.percentile(99):.2f}")


if __name__ == "__main__":
    main()
