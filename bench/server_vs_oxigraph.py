"""Our SPARQL server against Oxigraph's own, on the same data, in the same run.

    python -m bench.server_vs_oxigraph [--target-quads 300000] [--rounds 3] [--seconds 5]

1. ingests bench/devset and examples/articles (`newskg ingest`, once; kept in the work
   folder), multiplies the article graphs to about --target-quads (bench.synthetic_dataset)
   and dumps the result as N-Quads;
2. loads that dump three times: a store for `newskg serve`, one for `oxigraph
   serve-read-only --union-default-graph` (the `oxigraph` command of the PyPI package
   `oxigraph`), and one that pyoxigraph queries in this process;
3. point lookups (`SELECT ?p ?o WHERE { <iri> ?p ?o }` over a fixed set of 50 IRIs,
   repeated) against both servers at the same concurrency, rounds interleaved: requests
   per second;
4. heavy aggregate queries, run after run interleaved: our server (each run made unique by
   a comment, so that it is evaluated, not served from the cache), pyoxigraph in-process on
   the same contents, and Oxigraph's server for reference: median latencies;
5. prints the ratios (ours / theirs) and writes them to bench/results/server.json.

Both servers listen on loopback only and are stopped at the end, whatever happens.
Our server runs with NEWSKG_ACCESS_LOG=0 (Oxigraph's server logs no requests either)."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox

from .http_load import run_load
from .synthetic_dataset import write_multiplied_dump

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
BIN = Path(sys.executable).parent
SOURCES = [REPO / "bench" / "devset", REPO / "examples" / "articles"]
LOOKUP = "SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"
JSON_RESULTS = "application/sparql-results+json"
PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
HEAVY = {
    "positions per holder and stance": PREFIXES + """SELECT ?holder ?stance (COUNT(?position) AS ?positions) WHERE {
  ?position a nkg:Position ; nkg:holder ?holder ; nkg:stance ?stance .
} GROUP BY ?holder ?stance ORDER BY DESC(?positions) ?holder ?stance""",
    "... with holder names, articles, first date": PREFIXES + """SELECT ?holder ?name ?stance
  (COUNT(DISTINCT ?position) AS ?positions) (COUNT(DISTINCT ?article) AS ?articles) (MIN(?date) AS ?since)
WHERE {
  ?position a nkg:Position ; nkg:holder ?holder ; nkg:stance ?stance ; nkg:reportedIn ?article .
  ?article schema:datePublished ?date .
  ?holder rdfs:label ?name .
} GROUP BY ?holder ?name ?stance ORDER BY DESC(?positions) ?holder ?stance""",
}
TARGETS = {"lookup_rps_ratio_min": 0.25, "heavy_latency_ratio_max": 1.2}


# ---- data --------------------------------------------------------------------------------

def build_dataset(work: Path, target_quads: int, rebuild: bool) -> Path:
    seed = work / "seed-store"
    if rebuild or not seed.exists():
        shutil.rmtree(seed, ignore_errors=True)
        print(f"ingesting {', '.join(str(s.relative_to(REPO)) for s in SOURCES)} ...", flush=True)
        subprocess.run([str(BIN / "newskg"), "ingest", *map(str, SOURCES), "--store", str(seed)], check=True,
                       stdout=subprocess.DEVNULL)
    dump = work / f"dump-{target_quads}.nq"
    if rebuild or not dump.exists():
        copies = write_multiplied_dump(seed, dump.with_suffix(".tmp"), target_quads)
        dump.with_suffix(".tmp").rename(dump)
        print(f"dataset: the articles and {copies} renamed copies of each -> {dump}", flush=True)
    return dump


def load_stores(work: Path, dump: Path, rebuild: bool) -> dict[str, Path]:
    """The dump loaded into three store folders (each loaded once per dump)."""
    folders = {name: work / f"{name}-{dump.stem}" for name in ("ours", "theirs", "inproc")}
    for name, folder in folders.items():
        done = folder / ".loaded"
        if not rebuild and done.exists():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        print(f"loading {dump.name} into {folder.name} ...", flush=True)
        if name == "theirs":
            subprocess.run([str(oxigraph_command()), "load", "--location", str(folder), "--file", str(dump)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            store = ox.Store(str(folder))
            store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store
        done.write_text("ok\n")
    return folders


def oxigraph_command() -> Path:
    found = BIN / "oxigraph"
    if found.exists():
        return found
    which = shutil.which("oxigraph")
    if which:
        return Path(which)
    raise SystemExit("the `oxigraph` command is missing: pip install oxigraph (into this virtualenv)")


def lookup_iris(store: ox.Store, count: int = 50) -> list[str]:
    """`count` subject IRIs spread evenly over the sorted subjects: articles, actors,
    positions, events, quotes alike."""
    rows = store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) } ORDER BY ?s")
    subjects = [row["s"].value for row in rows]
    step = max(1, len(subjects) // count)
    return subjects[::step][:count]


# ---- servers -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name: str, command: list[str], port: int, query_path: str, env: dict | None = None):
        self.name, self.port, self.query_path = name, port, query_path
        self.log = open(RESULTS / f"{name}-server.log", "wb")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def url(self, query: str) -> str:
        return f"http://127.0.0.1:{self.port}{self.path(query)}"

    def path(self, query: str) -> str:
        return f"{self.query_path}?query={urllib.parse.quote(query)}"

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited; see {self.log.name}")
            try:
                get(self.url("ASK {}"))
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} server did not start; see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def get(url: str) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept": JSON_RESULTS})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read(), dict(response.headers)


def start_servers(folders: dict[str, Path], stack: ExitStack) -> tuple[Server, Server]:
    theirs = Server("oxigraph", [str(oxigraph_command()), "serve-read-only", "--location", str(folders["theirs"]),
                                 "--bind", f"127.0.0.1:{(port := free_port())}", "--union-default-graph"],
                    port, "/query")
    stack.callback(theirs.stop)
    env = dict(os.environ, NEWSKG_ACCESS_LOG="0")
    env.pop("NEWSKG_UPDATE_TOKEN", None)
    ours = Server("newskg", [str(BIN / "newskg"), "serve", "--store", str(folders["ours"]), "--host", "127.0.0.1",
                             "--port", str(port := free_port())], port, "/sparql", env)
    stack.callback(ours.stop)
    theirs.wait_ready()
    ours.wait_ready()
    return ours, theirs


# ---- measurements ------------------------------------------------------------------------

def solutions(body: bytes) -> list:
    rows = json.loads(body)["results"]["bindings"]
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def check_same_answers(ours: Server, theirs: Server, store: ox.Store, iris: list[str]) -> None:
    for iri in iris[:10]:
        query = LOOKUP.format(iri=iri)
        assert solutions(get(ours.url(query))[0]) == solutions(get(theirs.url(query))[0]), iri
    for name, query in HEAVY.items():
        ours_rows = solutions(get(ours.url(query))[0])
        assert ours_rows == solutions(get(theirs.url(query))[0]), name
        assert len(ours_rows) == len(list(store.query(query, use_default_graph_as_union=True))), name


def measure_lookups(ours: Server, theirs: Server, iris: list[str], rounds: int, seconds: float,
                    connections: int, tool: str | None) -> dict:
    queries = [LOOKUP.format(iri=iri) for iri in iris]
    for server in (ours, theirs):  # one pass first: our cache fills, their OS and block caches warm
        for query in queries:
            get(server.url(query))
    rates = {"ours": [], "theirs": []}
    used = None
    for r in range(rounds):
        order = [(ours, "ours"), (theirs, "theirs")] if r % 2 == 0 else [(theirs, "theirs"), (ours, "ours")]
        for server, name in order:
            result = run_load("127.0.0.1", server.port, [server.path(q) for q in queries],
                              {"Accept": JSON_RESULTS}, seconds=seconds, connections=connections, tool=tool)
            if result.errors:
                raise RuntimeError(f"{server.name}: {result.errors} failed requests during the load")
            rates[name].append(result.per_second)
            used = result.tool
            print(f"  lookups round {r + 1}: {name:6s} {result.per_second:8.0f} req/s", flush=True)
    ratios = [o / t for o, t in zip(rates["ours"], rates["theirs"])]
    return {"tool": used, "connections": connections, "seconds_per_run": seconds, "iris": len(iris),
            "ours_rps": rates["ours"], "theirs_rps": rates["theirs"], "ratios": ratios,
            "ratio": statistics.median(ratios)}


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure_heavy(ours: Server, theirs: Server, store: ox.Store, runs: int) -> dict:
    results = {}
    for name, query in HEAVY.items():
        times = {"ours": [], "inproc": [], "theirs": []}

        def ours_once(run: int) -> None:
            body, headers = get(ours.url(f"{query}\n# run {run} {time.time_ns()}"))  # unique: never a cache hit
            assert headers.get("X-Cache") != "hit"

        steps = {"ours": ours_once,
                 "inproc": lambda run: list(store.query(query, use_default_graph_as_union=True)),
                 "theirs": lambda run: get(theirs.url(query))}
        for side in steps:  # one warm-up run each
            steps[side](-1)
        for run in range(runs):
            order = list(steps) if run % 2 == 0 else list(reversed(steps))
            for side in order:
                times[side].append(timed(lambda: steps[side](run)))
        medians = {side: statistics.median(values) for side, values in times.items()}
        results[name] = {"median_seconds": medians, "runs": runs,
                         "ratio_ours_vs_inproc": medians["ours"] / medians["inproc"],
                         "ratio_oxigraph_server_vs_inproc": medians["theirs"] / medians["inproc"],
                         "seconds": times}
        print(f"  heavy '{name}': ours {medians['ours'] * 1000:.0f} ms, in-process {medians['inproc'] * 1000:.0f} ms,"
              f" oxigraph server {medians['theirs'] * 1000:.0f} ms", flush=True)
    return results


def table(report: dict) -> str:
    lookups = report["lookups"]
    lines = ["| measurement | ours | theirs | ratio ours/theirs | target |", "|---|---|---|---|---|",
             f"| point lookups, req/s ({lookups['connections']} connections, {lookups['tool']}) "
             f"| {statistics.median(lookups['ours_rps']):.0f} | {statistics.median(lookups['theirs_rps']):.0f} (Oxigraph server) "
             f"| {lookups['ratio']:.2f} | >= {TARGETS['lookup_rps_ratio_min']} |"]
    for name, heavy in report["heavy"].items():
        m = heavy["median_seconds"]
        lines.append(f"| {name}, median ms | {m['ours'] * 1000:.0f} | {m['inproc'] * 1000:.0f} (pyoxigraph in-process; "
                     f"Oxigraph server {m['theirs'] * 1000:.0f}) | {heavy['ratio_ours_vs_inproc']:.2f} "
                     f"| <= {TARGETS['heavy_latency_ratio_max']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.server_vs_oxigraph", description=__doc__.split("\n")[0])
    parser.add_argument("--target-quads", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved lookup rounds per server")
    parser.add_argument("--seconds", type=float, default=5, help="duration of one lookup run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--heavy-runs", type=int, default=9)
    parser.add_argument("--tool", choices=("wrk", "python"), help="load generator (default: wrk when installed)")
    parser.add_argument("--work", type=Path, default=RESULTS / "work", help="where stores and dumps are kept")
    parser.add_argument("--rebuild", action="store_true", help="ingest, dump and load again")
    args = parser.parse_args(argv)

    RESULTS.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    dump = build_dataset(args.work, args.target_quads, args.rebuild)
    folders = load_stores(args.work, dump, args.rebuild)
    store = ox.Store.read_only(str(folders["inproc"]))
    iris = lookup_iris(store)
    report = {"quads": len(store), "cores": os.cpu_count(), "targets": TARGETS}
    with ExitStack() as stack:
        ours, theirs = start_servers(folders, stack)
        check_same_answers(ours, theirs, store, iris)
        print(f"{report['quads']} quads; both servers give the same answers. Measuring ...", flush=True)
        report["lookups"] = measure_lookups(ours, theirs, iris, args.rounds, args.seconds, args.connections, args.tool)
        report["heavy"] = measure_heavy(ours, theirs, store, args.heavy_runs)
    text = table(report)
    print()
    print(text)
    (RESULTS / "server.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {(RESULTS / 'server.json').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
