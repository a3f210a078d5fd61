"""What the request handlers share: the store, the settings, the query runner, the
store lock and the cache of query answers."""
from __future__ import annotations

import hmac
import importlib
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

from flask import current_app, request

from kg.store import Store

from .query_guard import ForkingRunner, InlineRunner
from .result_cache import ResultCache


# the modules whose functions run as jobs in query processes
JOB_MODULES = (".sparql_endpoint", ".graph_store", ".serialization", ".sparql_update")


class StoreLock:
    """The one lock around the store.

    Writers take it with `with lock:` (or prepare a write under `preparing_write()`, which
    keeps other writers out but lets queries be forked); when a writer lets go, `generation` is raised and
    `on_write` runs, while the lock is still held (whether the write succeeded or not): no
    answer computed before the write can be served after it, and no query process forked
    before it answers a query (it holds the store as it was at its fork). Forking a query
    process takes `lock.for_reading()`, which changes nothing."""

    def __init__(self, on_write: Callable[[], object] = lambda: None):
        self._lock = threading.Lock()
        self._writers = threading.RLock()  # one writer at a time, whether applying or preparing
        self.on_write = on_write
        self.generation = 0  # raised by every write; read under the lock by forks

    def __enter__(self) -> "StoreLock":
        self._writers.acquire()
        self._lock.acquire()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.generation += 1
            self.on_write()
        finally:
            self._lock.release()
            self._writers.release()

    @contextmanager
    def preparing_write(self) -> Iterator[None]:
        """Holds off other writers, not readers, while a write is computed (in a child that
        sees the store as it is now); `with lock:` inside it applies the result, and no
        other write can have come in between."""
        with self._writers:
            yield

    @contextmanager
    def for_reading(self) -> Iterator[None]:
        with self._lock:
            yield


@dataclass
class ServerContext:
    store: Store
    base: str
    update_token: str | None
    runner: ForkingRunner | InlineRunner
    store_lock: StoreLock
    query_timeout: float
    cache: ResultCache = field(default_factory=lambda: ResultCache(0))
    # an HTML page for browsers that open /sparql without a query (set by the pages code)
    query_page: Callable[[], object] | None = None
    # extra["generation"]: the store generation (raised by every write), for other caches
    extra: dict = field(default_factory=dict)
    update_timeout: float = 30.0  # seconds a SPARQL Update may take (sparql_update)

    def __post_init__(self) -> None:
        self.extra["generation"] = self.cache.generation
        self.store_lock.on_write = self.store_written
        # pooled query processes (query_guard.ForkingRunner): jobs refer to the store,
        # which every child holds already; the pool is filled now, before request threads
        if hasattr(self.runner, "share"):
            for module in JOB_MODULES:  # the children run their jobs: imported before the fork
                importlib.import_module(module, __package__)
            self.runner.share(*(obj for obj in (self.store, getattr(self.store, "oxigraph", None)) if obj is not None))
            self.runner.start()

    def store_written(self) -> None:
        """Called by the store lock at the end of every write."""
        self.extra["generation"] = self.cache.invalidate()
        if hasattr(self.runner, "store_changed"):
            self.runner.store_changed()  # query processes forked before the write retire

    def may_write(self) -> bool:
        """True when the request carries `Authorization: Bearer <the update token>`."""
        if not self.update_token:
            return False
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            credentials.strip().encode("utf-8", "surrogateescape"), self.update_token.encode())


def server_context() -> ServerContext:
    return current_app.extensions["newskg"]


def cors(response):
    """Reads may be made from any web page; writes never get CORS headers."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "Content-Type, Content-Length, X-Cache"
    return response
