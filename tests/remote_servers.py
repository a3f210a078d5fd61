"""Real remote SPARQL stores on loopback for the tests (and bench/): Oxigraph's server and
Virtuoso 7, each in its own temporary folder on free ports, started and stopped here."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

START_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


class RemoteServer:
    """A store server process over a data folder: start, stop, kill (as a crash would), restart."""
    kind = ""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None
        self.log = self.folder / "server.log"

    @property
    def pid(self) -> int:
        return self.process.pid

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> "RemoteServer":
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(self.command(), cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited: " + self.log.read_text(errors="replace")[-2000:])
            try:
                request = urllib.request.Request(self.query_url, data=b"query=ASK%7B%7D", method="POST",
                                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                                          "Accept": "application/sparql-results+json"})
                urllib.request.urlopen(request, timeout=2).read()
                self.after_start()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.kind} did not start within {START_SECONDS} s")

    def after_start(self) -> None:
        pass

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """Stops the store at once, with no chance to finish what it is doing."""
        self.process.kill()
        self.process.wait()


class OxigraphServer(RemoteServer):
    """`oxigraph serve` with its default settings (its default graph is not the union)."""
    kind = "oxigraph"

    def __init__(self, folder):
        super().__init__(folder)
        self.port = free_port()
        self.query_url = f"http://127.0.0.1:{self.port}/query"
        self.update_url = f"http://127.0.0.1:{self.port}/update"

    def command(self):
        return [oxigraph_binary(), "serve", "--location", str(self.folder / "data"),
                "--bind", f"127.0.0.1:{self.port}"]


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .
CheckpointInterval = 60
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 8
MaxClientConnections = 8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


class VirtuosoServer(RemoteServer):
    """Debian's Virtuoso 7 (`virtuoso-t`), SPARQL_UPDATE granted to the SPARQL user."""
    kind = "virtuoso"

    def __init__(self, folder):
        super().__init__(folder)
        self.sql_port, self.http_port = free_port(), free_port()
        self.query_url = self.update_url = f"http://127.0.0.1:{self.http_port}/sparql"
        (self.folder / "virtuoso.ini").write_text(
            VIRTUOSO_INI.format(d=self.folder, sql_port=self.sql_port, http_port=self.http_port))

    def command(self):
        return [virtuoso_binary(), "-c", str(self.folder / "virtuoso.ini"), "+foreground"]

    def after_start(self):
        isql = shutil.which("isql-vt") or shutil.which("isql")
        subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)

    def stop(self):
        if self.process and self.process.poll() is None:
            isql = shutil.which("isql-vt") or shutil.which("isql")
            try:   # a checkpoint and a clean shutdown
                subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", "exec=shutdown;"],
                               capture_output=True, timeout=60)
                self.process.wait(60)
            except (subprocess.TimeoutExpired, OSError):
                pass
        super().stop()


SERVERS = {"oxigraph": (OxigraphServer, oxigraph_binary), "virtuoso": (VirtuosoServer, virtuoso_binary)}
