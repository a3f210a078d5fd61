"""The cost of server.operation_check on real queries: the hot path (no SERVICE/LOAD
mentioned: the nesting count only) and the parse a mention costs, against evaluating the
query on an empty in-process Oxigraph store (the least any query costs)."""
from __future__ import annotations

import statistics
import time

import pyoxigraph as ox

from kg.example_queries import examples
from server import operation_check


def per_call(fn, text: str, rounds: int = 7, number: int = 20) -> float:
    best = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn(text)
        best.append((time.perf_counter() - start) / number)
    return min(best)


def main() -> None:
    queries = [e["query"] for e in examples()]
    store = ox.Store()
    rows = []
    for text in queries:
        hot = per_call(lambda q: operation_check.refusal(q, "query"), text)
        parsed = per_call(lambda q: operation_check.refusal(q + "\n# service", "query"), text, rounds=3, number=3)
        engine = per_call(lambda q: list(store.query(q)), text)
        rows.append((hot, parsed, engine))
    print(f"{len(queries)} competency queries; medians per query")
    print(f"  check, no mention (hot path): {statistics.median(r[0] for r in rows) * 1e6:8.0f} µs")
    print(f"  check with a parse:           {statistics.median(r[1] for r in rows) * 1e6:8.0f} µs")
    print(f"  Oxigraph on an empty store:   {statistics.median(r[2] for r in rows) * 1e6:8.0f} µs")
    print(f"  hot path / engine:            {statistics.median(r[0] / r[2] for r in rows):8.2f}x")


if __name__ == "__main__":
    main()
