"""Running a query so that it can really be stopped.

pyoxigraph cannot cancel a query, so each query runs in a child process forked from the
server process: the child sees the store exactly as it was at the fork (copy-on-write,
in-memory or on-disk store alike), evaluates the query and serialises the result into a
pipe. The parent waits for the pipe with a deadline and kills the child with SIGKILL
when the deadline passes: the work stops at once and the request gets a clear error,
while other requests (other threads, other children) carry on.

The children are long-lived (query_pool): a few stay alive across queries, so that
RocksDB's block cache warms in them, and each query is sent to an idle one; a child
forked before a write never answers a query after it (it would not see the write). A job
that cannot be sent to a pooled child, or a query that finds them all busy, gets a child
of its own that exits after it (a one-shot child).

The child also drops its network access (a new, empty network namespace) where the
kernel allows it, so that nothing a query does can reach another host.

A fork copies only the forking thread: a lock another thread held at that moment stays
held forever in the child. Our own writers and forks share one lock (`store_lock`), but
RocksDB's background threads (flush, compaction) take the database mutex at moments we
cannot control, and a child forked then blocks in its first read. Such a child sleeps
without using any CPU, which a working child never does; the parent notices it within a
fraction of a second, kills it and forks again (`STALL_SECONDS`, `MAX_FORKS`).

The answer ends with a terminal frame (the media type, or an error); the parent answers
the request as soon as it has read that frame. A one-shot child still takes a few
milliseconds to exit (the kernel tears down its copy of the server's memory): a
background reaper kills and collects it meanwhile, so no finished child lingers and no
request waits; killed pooled children are collected the same way."""
from __future__ import annotations

import ctypes
import json
import os
import queue
import resource
import select
import signal
import struct
import threading
import time
from dataclasses import dataclass
from typing import BinaryIO, Callable

from .query_pool import JobCodec, QueryPool, close_inherited_channels, message, read_message

# status of a finished evaluation, as the child reports it
OK, SYNTAX, NOT_ACCEPTABLE, TOO_LARGE, FAILED = "ok", "syntax", "not-acceptable", "too-large", "failed"


class QueryError(Exception):
    kind = FAILED


class QuerySyntaxError(QueryError):
    kind = SYNTAX


class NotAcceptable(QueryError):
    kind = NOT_ACCEPTABLE


class ResultTooLarge(QueryError):
    kind = TOO_LARGE


class QueryTimeout(QueryError):
    kind = "timeout"


_ERRORS = {cls.kind: cls for cls in (QueryError, QuerySyntaxError, NotAcceptable, ResultTooLarge)}


@dataclass
class Evaluation:
    media_type: str
    body: bytes


# A job writes the result to `out` and returns its media type; it raises SyntaxError for
# a malformed query and one of the QueryError classes above.
Job = Callable[[BinaryIO], str]


class CappedBuffer:
    """A write-only sink that refuses to hold more than `limit` bytes."""

    def __init__(self, limit: int, sink: Callable[[bytes], None] | None = None):
        self.limit, self.size, self.sink, self.chunks = limit, 0, sink, []

    def write(self, data) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge(f"the result is larger than {self.limit} bytes; narrow the query or add a LIMIT")
        if self.sink:
            self.sink(data)
        else:
            self.chunks.append(data)
        return len(data)

    def flush(self):
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def _run_job(job: Job, out: CappedBuffer) -> str:
    try:
        return job(out)
    except QueryError:
        raise
    except SyntaxError as e:
        raise QuerySyntaxError(str(e)) from None
    except Exception as e:  # anything the engine raises is a failed query, never a crash
        raise QueryError(f"{type(e).__name__}: {e}") from None


class InlineRunner:
    """Runs the job in the calling thread: for stores that cannot be forked (a remote
    SPARQL store, which has its own limits). The timeout is not enforced."""

    enforces_timeout = False

    def __init__(self, max_result_bytes: int):
        self.max_result_bytes = max_result_bytes

    def run(self, job: Job) -> Evaluation:
        out = CappedBuffer(self.max_result_bytes)
        media_type = _run_job(job, out)
        return Evaluation(media_type, out.getvalue())


_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def _drop_network() -> bool:
    """Moves the calling (single-threaded) process into an empty network namespace."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _limit_memory(extra: int) -> None:
    """Caps the child's address space at what it has now plus `extra` bytes: a query that
    would eat the machine's memory fails instead."""
    try:
        with open("/proc/self/status") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    except (OSError, ValueError, StopIteration):
        pass


def _frame(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack(">I", len(payload)) + payload


STALL_SECONDS = 0.3
MAX_FORKS = 5


class _Stalled(Exception):
    """The child sleeps without working (hung at fork), or it is gone: try another."""


class _Unusable(Exception):
    """A pooled child could not take the job (see query_pool): run it in a one-shot child."""


def _cpu_and_state(pid: int) -> tuple[int, str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]), fields[0]
    except (OSError, IndexError, ValueError):
        return None


def default_pool_size() -> int:
    """NEWSKG_QUERY_PROCESSES (0: no pool, a child per query), else the number of cores."""
    value = os.environ.get("NEWSKG_QUERY_PROCESSES", "").strip()
    try:
        return max(0, int(value)) if value else (os.cpu_count() or 2)
    except ValueError:
        return os.cpu_count() or 2


class ForkingRunner:
    """Runs each job in a child process that is killed at the deadline: one of a pool of
    long-lived children forked from the server (see query_pool), or, when the job cannot
    be sent to one or every pooled child is busy, a child forked for this job alone."""

    enforces_timeout = True

    def __init__(self, timeout: float, max_result_bytes: int, store_lock,
                 isolate_network: bool = True, memory_limit: int | None = 2 << 30,
                 pool_size: int | None = None):
        self.timeout = timeout
        self.max_result_bytes = max_result_bytes
        # a context.StoreLock (forks take its reading side) or a plain lock
        self.store_lock = store_lock
        self._fork_guard = getattr(store_lock, "for_reading", lambda: store_lock)
        self.isolate_network = isolate_network
        self.memory_limit = memory_limit  # bytes a child may allocate beyond what it inherits
        self.codec = JobCodec()
        size = default_pool_size() if pool_size is None else pool_size
        self.pool = QueryPool(size, self._fork_guard, self._generation, self._pooled_child,
                              _reaper.kill_later) if size > 0 else None

    # -- the server's side --

    def share(self, *objects) -> None:
        """Objects jobs refer to that every child holds already (the store): sent by
        reference. Call before the children are forked (before `start`)."""
        self.codec.share(*objects)

    def start(self) -> None:
        """Fills the pool (best at start, before the request threads exist)."""
        if self.pool is not None:
            self.pool.fill()

    def store_changed(self) -> None:
        """Called after every write (the store lock held): idle children are retired."""
        if self.pool is not None:
            self.pool.store_changed()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def _generation(self) -> int:
        return getattr(self.store_lock, "generation", 0)

    def run(self, job: Job) -> Evaluation:
        deadline = time.monotonic() + self.timeout
        attempt = 0
        payload = self.codec.encode(job) if self.pool is not None else None
        if payload is not None:
            while attempt < MAX_FORKS:
                child = self.pool.acquire()
                if child is None:
                    break  # every place busy: a one-shot child, never a wait
                try:
                    return self._run_pooled(child, payload, deadline, watch_stall=attempt < MAX_FORKS - 1)
                except _Stalled:
                    attempt += 1
                except _Unusable:
                    break
        while attempt < MAX_FORKS:
            try:
                return self._run_once(job, deadline, watch_stall=attempt < MAX_FORKS - 1)
            except _Stalled:
                attempt += 1
        raise QueryError("the query process could not be started")

    def _run_pooled(self, child, payload: bytes, deadline: float, watch_stall: bool) -> Evaluation:
        try:
            if not _send(child.requests, message(payload), deadline):
                raise QueryTimeout(f"the query did not finish within {self.timeout:g} s and was stopped")
            frames = self._read_answer(child.pid, child.answers, deadline, watch_stall)
        except BrokenPipeError:
            self.pool.discard(child)
            raise _Stalled() from None  # it died while idle: another one
        except BaseException:
            self.pool.discard(child)
            raise
        if not frames.finished:
            self.pool.discard(child)  # it died during the query (e.g. the memory cap)
        else:
            child.queries += 1
            self.pool.release(child)
        return _decode(bytes(frames.buffer))

    def run_exclusive(self, job: Job, timeout: float) -> Evaluation:
        """Runs the job in a one-shot child of its own, killed after `timeout` seconds (a
        write being prepared: the child computes what the write changes)."""
        deadline = time.monotonic() + timeout
        for attempt in range(MAX_FORKS):
            try:
                return self._run_once(job, deadline, watch_stall=attempt < MAX_FORKS - 1, limit=timeout)
            except _Stalled:
                continue
        raise QueryError("the process could not be started")

    def _run_once(self, job: Job, deadline: float, watch_stall: bool, limit: float | None = None) -> Evaluation:
        with self._fork_guard():
            read_fd, write_fd = os.pipe()  # made under the guard: no other child inherits it
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(read_fd)
                self._child(job, write_fd)
            os.close(write_fd)
        try:
            try:
                frames = self._read_answer(pid, read_fd, deadline, watch_stall, limit)
            except BaseException:
                _kill(pid)
                raise
            if frames.finished:
                _reaper.kill_later(pid)
            else:
                _reap(pid)
            return _decode(bytes(frames.buffer))
        finally:
            os.close(read_fd)

    def _read_answer(self, pid: int, fd: int, deadline: float, watch_stall: bool,
                     limit: float | None = None) -> "_FrameReader":
        """The child's frames up to the terminal one (or to the end of the pipe)."""
        frames = _FrameReader()
        idle_since, last_cpu = time.monotonic(), None
        while not frames.finished:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                what = "the query" if limit is None else "it"
                raise QueryTimeout(f"{what} did not finish within {limit or self.timeout:g} s and was stopped")
            ready, _, _ = select.select([fd], [], [], min(remaining, 0.1))
            if not ready:
                if watch_stall and not frames.size:
                    sample = _cpu_and_state(pid)
                    if sample is None or sample[1] != "S" or sample[0] != last_cpu:
                        idle_since, last_cpu = time.monotonic(), sample and sample[0]
                    elif time.monotonic() - idle_since > STALL_SECONDS:
                        raise _Stalled()
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break  # the child ended without a terminal frame: _decode says so
            frames.feed(chunk)
            if frames.size > self.max_result_bytes + (1 << 16):
                raise ResultTooLarge(f"the result is larger than {self.max_result_bytes} bytes")
        return frames

    # -- the children's side --

    def _prepare_child(self, keep: tuple[int, ...]) -> str | None:
        """Readies a new child; returns why it must not run any job (None: it may)."""
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1):
            signal.signal(sig, signal.SIG_DFL)
        close_inherited_channels(keep)
        isolated = not self.isolate_network or _drop_network()
        if self.memory_limit:
            _limit_memory(self.memory_limit)
        if not isolated:
            # fail closed: without the second wall behind the SERVICE/LOAD check, nothing runs
            return ("the query process could not drop its network access (no network namespace), "
                    "so the query was not run")
        return None

    def _evaluate(self, job: Job, fd: int, refusal: str | None = None) -> None:
        """Runs the job in this (child) process and writes its frames to `fd`; with a
        refusal, answers with that error instead of running it."""
        if refusal is not None:
            _write_all(fd, _frame(b"E", json.dumps({"kind": FAILED, "message": refusal}).encode()))
            return

        def send(data: bytes) -> None:
            for start in range(0, len(data), 1 << 20):
                _write_all(fd, _frame(b"D", data[start:start + (1 << 20)]))

        try:
            media_type = _run_job(job, CappedBuffer(self.max_result_bytes, send))
            _write_all(fd, _frame(b"M", media_type.encode()))
        except QueryError as e:
            _write_all(fd, _frame(b"E", json.dumps({"kind": e.kind, "message": str(e)}).encode()))

    def _child(self, job: Job, fd: int) -> None:
        """A one-shot child: one job, then exit."""
        code = 0
        try:
            self._evaluate(job, fd, self._prepare_child((fd,)))
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # no atexit, no destructors: the store belongs to the parent

    def _pooled_child(self, requests: int, answers: int) -> None:
        """A pooled child: jobs one after the other until the server closes the pipe or
        is gone."""
        code = 0
        try:
            parent = os.getppid()
            refusal = self._prepare_child((requests, answers))
            while True:
                payload = read_message(requests, parent)
                if payload is None:
                    break
                try:
                    job = self.codec.decode(payload)
                except Exception as e:
                    _write_all(answers, _frame(b"U", f"{type(e).__name__}: {e}".encode()))
                    continue
                self._evaluate(job, answers, refusal)
                del job
        except BaseException:
            code = 1
        finally:
            os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _send(fd: int, data: bytes, deadline: float) -> bool:
    """Writes all of `data` to a pooled child's request pipe; False at the deadline."""
    view = memoryview(data)
    while view:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        _, ready, _ = select.select([], [fd], [], min(remaining, 0.1))
        if ready:
            view = view[os.write(fd, view[:select.PIPE_BUF]):]
    return True


class _FrameReader:
    """Collects the child's frames and notices the terminal one (M or E)."""

    def __init__(self):
        self.buffer = bytearray()
        self.next_frame = 0  # where the next unread frame header starts
        self.finished = False

    @property
    def size(self) -> int:
        return len(self.buffer)

    def feed(self, chunk: bytes) -> None:
        self.buffer += chunk
        while self.next_frame + 5 <= len(self.buffer):
            kind = self.buffer[self.next_frame:self.next_frame + 1]
            (length,) = struct.unpack_from(">I", self.buffer, self.next_frame + 1)
            end = self.next_frame + 5 + length
            if end > len(self.buffer):
                return
            self.next_frame = end
            if kind in (b"M", b"E", b"U"):
                self.finished = True
                return


class _Reaper:
    """Kills and collects, in a background thread, children that have sent their whole
    answer (they are only exiting)."""

    def __init__(self):
        self._pids: queue.SimpleQueue[int] = queue.SimpleQueue()
        self._owner = None  # the pid of the process the thread runs in
        self._start_lock = threading.Lock()

    def kill_later(self, pid: int) -> None:
        if self._owner != os.getpid():
            with self._start_lock:
                if self._owner != os.getpid():  # none yet, or inherited across a fork
                    self._pids = queue.SimpleQueue()
                    threading.Thread(target=self._run, args=(self._pids,), name="query-reaper", daemon=True).start()
                    self._owner = os.getpid()
        self._pids.put(pid)

    @staticmethod
    def _run(pids: queue.SimpleQueue) -> None:
        while True:
            _kill(pids.get())


_reaper = _Reaper()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _reap(pid)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _decode(stream: bytes) -> Evaluation:
    body, media_type, pos = [], None, 0
    while pos + 5 <= len(stream):
        kind = stream[pos:pos + 1]
        (length,) = struct.unpack(">I", stream[pos + 1:pos + 5])
        payload = stream[pos + 5:pos + 5 + length]
        pos += 5 + length
        if kind == b"D":
            body.append(payload)
        elif kind == b"M":
            media_type = payload.decode()
        elif kind == b"E":
            error = json.loads(payload)
            raise _ERRORS.get(error["kind"], QueryError)(error["message"])
        elif kind == b"U":
            raise _Unusable(payload.decode(errors="replace"))
    if media_type is None:
        raise QueryError("the query process ended without a result")
    return Evaluation(media_type, b"".join(body))


def can_fork() -> bool:
    return hasattr(os, "fork")
