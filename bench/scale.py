"""Scale figures (bench, not a test). So far: ingest on a Dask cluster with 1 and 2 workers
over the bench corpus (bench/devset), as a ratio. Each cluster first ingests the corpus once
unmeasured, so the workers have loaded the model; then the same ingest is timed.

    python -m bench.scale dask [--repeat N]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "devset"


def timed_cluster_ingest(workers: int, repeat: int) -> float:
    from distributed import LocalCluster

    from kg.ingest import ingest
    from kg.store import OxigraphStore
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        with tempfile.TemporaryDirectory() as folder:
            ingest([CORPUS], OxigraphStore(Path(folder) / "warm"), scheduler=cluster.scheduler_address, batch=4)
            best = float("inf")
            for i in range(repeat):
                store = OxigraphStore(Path(folder) / f"run{i}")
                started = time.perf_counter()
                outcomes = ingest([CORPUS], store, scheduler=cluster.scheduler_address, batch=4)
                best = min(best, time.perf_counter() - started)
                store.close()
            return best, len(outcomes)


def dask_ratio(repeat: int) -> None:
    one, n = timed_cluster_ingest(1, repeat)
    two, _ = timed_cluster_ingest(2, repeat)
    print(f"| workers | seconds ({n} articles) | articles/s |\n|---|---|---|")
    print(f"| 1 | {one:.1f} | {n / one:.2f} |\n| 2 | {two:.1f} | {n / two:.2f} |")
    print(f"2 workers / 1 worker: {one / two:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["dask"])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if args.what == "dask":
        dask_ratio(args.repeat)


if __name__ == "__main__":
    main()
