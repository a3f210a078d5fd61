"""A bounded HTTP load on loopback: GET requests cycling through a fixed list of paths on
keep-alive connections, for a fixed duration, at a fixed concurrency. Uses `wrk` when it
is installed (Debian package `wrk`), else a Python client (threads, one keep-alive
connection each), which is slower itself and so measures a lower ceiling."""
from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int   # non-2xx answers and socket errors
    tool: str

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run_load(host: str, port: int, paths: list[str], headers: dict[str, str], *, seconds: float,
             connections: int, tool: str | None = None) -> LoadResult:
    tool = tool or ("wrk" if shutil.which("wrk") else "python")
    if tool == "wrk":
        return _wrk(host, port, paths, headers, seconds, connections)
    return _python_client(host, port, paths, headers, seconds, connections)


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(host, port, paths, headers, seconds, connections) -> LoadResult:
    script = "local paths = {" + ", ".join(_lua_string(p) for p in paths) + "}\n"
    script += "".join(f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}\n" for k, v in headers.items())
    script += ("local i = 0\n"
               "request = function()\n"
               "  i = i % #paths + 1\n"
               "  return wrk.format('GET', paths[i])\n"
               "end\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        threads = max(1, min(2, connections))
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                              "-s", f.name, f"http://{host}:{port}/"],
                             capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        Path(f.name).unlink(missing_ok=True)
    m = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out)
    if not m:
        raise RuntimeError("unexpected wrk output:\n" + out)
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0}[m[3]]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return LoadResult(int(m[1]), float(m[2]) * scale, errors, "wrk")


def _python_client(host, port, paths, headers, seconds, connections) -> LoadResult:
    deadline = time.monotonic() + seconds
    counts, errors, lock = [0], [0], threading.Lock()

    def client(offset: int) -> None:
        done = failed = 0
        conn = http.client.HTTPConnection(host, port, timeout=30)
        i = offset
        while time.monotonic() < deadline:
            try:
                conn.request("GET", paths[i % len(paths)], headers=headers)
                response = conn.getresponse()
                response.read()
                done += 1
                failed += not 200 <= response.status < 300
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
            i += 1
        conn.close()
        with lock:
            counts[0] += done
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LoadResult(counts[0], time.monotonic() - started, errors[0], "python")
