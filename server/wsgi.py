"""The production server: the app under gunicorn.

Arrangement: ONE worker process with several threads. The embedded store is a RocksDB
folder that only one process may open read-write, and pyoxigraph documents that opening
it read-only while another process writes is undefined behaviour; so a single process
owns the store, and SPARQL updates and graph-store writes go straight to it (serialised
by a lock). Parallelism does not suffer: every query runs in a child process forked from
the worker (a warm pool of them, see query_pool; NEWSKG_QUERY_PROCESSES sets its size),
so queries use all cores and a runaway query's child is killed at the deadline. The
gunicorn master never opens the store (the app is loaded in the worker)."""
from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from gunicorn.app.base import BaseApplication

log = logging.getLogger(__name__)


class _Gunicorn(BaseApplication):
    def __init__(self, app_factory, options: dict):
        self.app_factory, self.options = app_factory, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.app_factory()


def access_log_from_env() -> bool:
    return os.environ.get("NEWSKG_ACCESS_LOG", "1").strip().lower() not in ("0", "off", "false", "no")


def serve(host: str = "127.0.0.1", port: int = 8080, store_path: str | Path | None = None, *,
          workers: int = 1, threads: int = 8, query_timeout: float | None = None,
          base: str | None = None, update_token: str | None = None, access_log: bool | None = None) -> None:
    """Runs the server until it is stopped (SIGINT/SIGTERM). store_path: the store folder
    (default NEWSKG_STORE) or the URL of a remote SPARQL store. access_log: one line per
    request on standard output (default: on unless NEWSKG_ACCESS_LOG is 0/off/false; it
    costs about a third of the throughput of cached answers)."""
    if access_log is None:
        access_log = access_log_from_env()
    from kg import config
    location = str(store_path or config.store_dir())
    remote = location.startswith(("http://", "https://"))
    if workers > 1 and not remote:
        log.warning("an embedded store is owned by one process: using 1 worker with %d threads", threads)
        workers = 1

    def app_factory():
        from kg.store import open_store
        from .app import create_app
        return create_app(open_store(location), base=base, update_token=update_token, query_timeout=query_timeout)

    from .app import query_timeout_from_env
    timeout = query_timeout if query_timeout is not None else query_timeout_from_env()
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": int(timeout) + 30,
        "graceful_timeout": 10,
        "preload_app": False,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
    }
    _Gunicorn(app_factory, options).run()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m server.wsgi", description="Run the NewsKG server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--store", default=None)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--query-timeout", type=float, default=None)
    parser.add_argument("--base", default=None)
    args = parser.parse_args(argv)
    serve(args.host, args.port, args.store, threads=args.threads, query_timeout=args.query_timeout, base=args.base,
          update_token=os.environ.get("NEWSKG_UPDATE_TOKEN"))


if __name__ == "__main__":
    main()
