"""Ingest on a Dask cluster: the workers read, analyse, map and validate shards of articles;
the finished batches come back to the one process that writes them to the store.

A shard travels with its files' bytes (and their `NAME.meta.json` sidecars), so the workers
need no view of the client's file system: on a worker they are written to a temporary folder
under the same names and read from there. Batches are written in file order, so a run gives
what a single-process ingest of the same files gives."""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Iterator

from .reading.metadata import sidecar_path

SHARD = 32   # files a worker analyses and validates as one batch


@functools.lru_cache(maxsize=1)
def _worker_pipeline():
    from .nlp import pipeline
    return pipeline.default()


def _packed(path: Path) -> tuple[str, bytes, bytes | None]:
    sidecar = sidecar_path(path)
    return str(path), path.read_bytes(), sidecar.read_bytes() if sidecar and sidecar.exists() else None


def _analyse_shard(shard: list[tuple[str, bytes, bytes | None]], meta: tuple[str, bytes] | None,
                   base: str | None, store_text: bool, limits=None):
    """On a worker: the shard's outcomes, analysed and validated, naming the client's paths."""
    from .ingest import Outcome, analyse_files, validate_batch
    from .limits import DEFAULT
    with tempfile.TemporaryDirectory(prefix="newskg-shard-") as folder:
        local, originals = [], {}
        for i, (name, data, sidecar) in enumerate(shard):
            original = Path(name)
            here = Path(folder) / str(i) / original.name      # a folder each: two files may share a name
            here.parent.mkdir()
            here.write_bytes(data)
            if sidecar is not None:
                sidecar_path(here).write_bytes(sidecar)
            local.append(here)
            originals[str(here)] = name
        meta_path = None
        if meta is not None:
            meta_path = Path(folder) / Path(meta[0]).name
            meta_path.write_bytes(meta[1])
        outcomes = validate_batch(analyse_files(local, meta_path, _worker_pipeline(), base=base,
                                                store_text=store_text, limits=limits or DEFAULT))
        named = []
        for here, outcome in zip(local, outcomes):
            error = outcome.error
            if error is not None:
                error = error.replace(str(here), originals[str(here)])
            named.append(Outcome(Path(originals[str(here)]), outcome.mapped, error))
        return named


def validated_on_cluster(scheduler: str, files: list[Path], *, meta: Path | None = None,
                         base: str | None = None, store_text: bool = False,
                         shard: int = SHARD, limits=None) -> Iterator[list]:
    """Batches of validated outcomes, in file order, from the cluster at `scheduler`
    (`tcp://host:8786`, or a `distributed.Client`/cluster address object)."""
    from distributed import Client

    from . import config
    if not files:
        return
    base = base or config.base()      # the workers' environment need not know it
    packed_meta = (str(meta), Path(meta).read_bytes()) if meta else None
    with Client(scheduler) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shard = max(1, min(shard, -(-len(files) // workers)))          # every worker gets a shard
        shards = [files[i:i + shard] for i in range(0, len(files), shard)]
        futures = [client.submit(_analyse_shard, [_packed(p) for p in s], packed_meta, base, store_text,
                                 limits, pure=False, key=f"newskg-shard-{i}-{id(shards)}")
                   for i, s in enumerate(shards)]
        try:
            for future in futures:       # in order: one writer, batches as they are ready
                yield future.result()
        finally:
            client.cancel(futures)
