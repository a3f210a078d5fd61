"""The production server: the app under waitress (server.http_server), in one process.

The embedded store is a RocksDB folder that only one process may open read-write, and
pyoxigraph documents that opening it read-only while another process writes is undefined
behaviour; so one process owns the store and its writes (serialised by the store lock).
Parallelism does not suffer: every query runs in a child process forked from the server
(a warm pool of them, see query_pool; NEWSKG_QUERY_PROCESSES sets its size), so queries
use all cores and a runaway query's child is killed at the deadline. The pool is filled
when the app is made, before the HTTP layer starts its threads.

`newskg serve` runs the serving process as a child of a small supervisor that starts it again
if it dies of a signal (a crash), as gunicorn's master did.

The HTTP layer reads requests whole before a request thread sees them (slow clients hold
a socket, not a thread) and applies the limits of http_server.Limits; NEWSKG_REQUEST_TIMEOUT,
NEWSKG_IDLE_TIMEOUT and NEWSKG_CONNECTIONS_PER_CLIENT change three of them."""
from __future__ import annotations

import argparse
import ctypes
import logging
import os
import signal
import sys
import time
from pathlib import Path

from .http_server import Limits, make_server

log = logging.getLogger(__name__)


def access_log_from_env() -> bool:
    return os.environ.get("NEWSKG_ACCESS_LOG", "1").strip().lower() not in ("0", "off", "false", "no")


def _number_from_env(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
        return value if value > 0 else default
    except ValueError:
        return default


def limits_from_env(threads: int) -> Limits:
    defaults = Limits()
    return Limits(threads=threads,
                  request_timeout=_number_from_env("NEWSKG_REQUEST_TIMEOUT", defaults.request_timeout),
                  idle_timeout=_number_from_env("NEWSKG_IDLE_TIMEOUT", defaults.idle_timeout),
                  per_client=int(_number_from_env("NEWSKG_CONNECTIONS_PER_CLIENT", defaults.per_client)))


class AccessLog:
    """WSGI middleware: one line per request on standard output (method, path, status, ms)."""

    def __init__(self, app, stream=sys.stdout):
        self.app, self.stream = app, stream

    def __call__(self, environ, start_response):
        start = time.perf_counter()
        status = []

        def start_logged(code, headers, exc_info=None):
            status.append(code.split(" ", 1)[0])
            return start_response(code, headers, exc_info)
        try:
            return self.app(environ, start_logged)
        finally:
            path = environ.get("PATH_INFO", "") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
            line = (f'{environ.get("REMOTE_ADDR", "-")} "{environ.get("REQUEST_METHOD")} {path[:2000]!r}" '
                    f'{status[0] if status else "-"} {(time.perf_counter() - start) * 1000:.1f}ms\n')
            try:
                self.stream.write(line)
                self.stream.flush()
            except (OSError, ValueError):
                pass


RESTART_PAUSE = 1.0  # seconds before a crashed serving process is started again


def serve(host: str = "127.0.0.1", port: int = 8080, store_path: str | Path | None = None, *,
          workers: int = 1, threads: int = 8, query_timeout: float | None = None,
          update_timeout: float | None = None, base: str | None = None, update_token: str | None = None,
          access_log: bool | None = None, supervise: bool = True) -> None:
    """Runs the server until it is stopped (SIGINT/SIGTERM). store_path: the store folder
    (default NEWSKG_STORE) or the URL of a remote SPARQL store. access_log: one line per
    request on standard output (default: on unless NEWSKG_ACCESS_LOG is 0/off/false).
    `workers` is accepted for compatibility: there is one serving process. supervise: the
    serving process is a child of this one, started again if it dies of a signal (a crash)."""
    options = dict(host=host, port=port, store_path=store_path, workers=workers, threads=threads,
                   query_timeout=query_timeout, update_timeout=update_timeout, base=base,
                   update_token=update_token, access_log=access_log)
    if not supervise or not hasattr(os, "fork"):
        _serve(**options)
        return
    _supervise(lambda: _serve(**options))


def _supervise(run) -> None:
    """Runs `run` in a child process; starts a new one when it dies of a signal it was not
    sent by us; passes SIGTERM/SIGINT on and returns when it has ended."""
    stopping = False
    child = 0

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        if child:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        child = os.fork()
        if child == 0:
            code = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor passes it on as SIGTERM
                _end_with_parent()
                run()
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0
            except BaseException:
                log.exception("the server failed")
                code = 1
            finally:
                os._exit(code)
        while True:
            try:
                _, status = os.waitpid(child, 0)
                break
            except InterruptedError:
                continue
        child = 0
        if stopping or not os.WIFSIGNALED(status):
            return
        print(f"NewsKG: the serving process died of signal {os.WTERMSIG(status)}; starting it again",
              file=sys.stderr, flush=True)
        time.sleep(RESTART_PAUSE)


def _end_with_parent() -> None:
    """Linux: this process gets SIGTERM when its parent (the supervisor) dies, even of SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(host: str, port: int, store_path, workers: int, threads: int, query_timeout, update_timeout,
           base, update_token, access_log) -> None:
    if access_log is None:
        access_log = access_log_from_env()
    if workers > 1:
        log.warning("one serving process owns the store: using 1 process with %d threads", threads)
    from kg import config
    from kg.store import open_store
    from .app import create_app
    location = str(store_path or config.store_dir())
    store = open_store(location)
    app = create_app(store, base=base, update_token=update_token, query_timeout=query_timeout,
                     update_timeout=update_timeout)
    application = AccessLog(app) if access_log else app
    server = make_server(application, host, port, limits_from_env(threads))

    def stop(signum, frame):
        raise SystemExit(0)
    signal.signal(signal.SIGTERM, stop)
    print(f"NewsKG serving on http://{host}:{port}/", flush=True)
    try:
        server.run()  # returns on SystemExit / KeyboardInterrupt, after its threads stopped
    finally:
        server.close()
        runner = app.extensions["newskg"].runner
        if hasattr(runner, "close"):
            runner.close()
        close = getattr(store, "close", None)
        if close:
            close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m server.wsgi", description="Run the NewsKG server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--store", default=None)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--query-timeout", type=float, default=None)
    parser.add_argument("--update-timeout", type=float, default=None)
    parser.add_argument("--base", default=None)
    args = parser.parse_args(argv)
    serve(args.host, args.port, args.store, threads=args.threads, query_timeout=args.query_timeout,
          update_timeout=args.update_timeout, base=args.base,
          update_token=os.environ.get("NEWSKG_UPDATE_TOKEN"))


if __name__ == "__main__":
    main()
