"""Long-lived query processes: a small pool of children forked from the server.

A child forked for one query starts with RocksDB's block cache as cold as the server's,
and what it reads dies with it. A pooled child stays alive across queries, so its block
cache warms; each query is sent to an idle child over a pipe. The rules that keep it
correct and safe:

* A child sees the store as it was when it was forked (its memory is a copy of the
  server's: tested, for in-memory and on-disk stores alike, a write in the server is not
  seen by a child forked before it). So every child carries the store generation it was
  forked at (`StoreLock.generation`, raised by every write while the lock is held); a
  child whose generation is not the current one is never given another query: idle ones
  are retired at the write, busy ones when their query ends, and a fresh child is forked
  when a query needs one.
* Children are forked only under the store lock's reading side (no write in progress);
  the pipes of a new child are made inside the same critical section, and every child
  closes, first thing, the sockets and pipes it inherited (the other children's pipes,
  the server's connections), so that no child keeps another's pipe or a client
  connection open, and a child sees the end of its request pipe when the server is gone.
* At most `size` children live at once. A query that finds none idle and no free place
  does not wait: it runs in a one-shot child, as before the pool.
* A child that is killed (deadline, result too large, hang at fork) or dies is dropped
  and its place is filled again on demand.

Jobs are closures made per request, after the children were forked, so they are sent as
bytes: pickle, with nested functions carried as their code (marshal) and closure cells,
and objects the child already holds (the store, registered with `share`) carried as a
reference to the child's own copy. A job that cannot be carried this way runs in a
one-shot child."""
from __future__ import annotations

import io
import marshal
import os
import pickle
import select
import struct
import sys
import threading
import types
import weakref
from functools import lru_cache
from typing import Callable, Iterable

MAX_QUERIES_PER_CHILD = 1000  # a child is replaced after this many queries (bounds heap growth)


# ---- jobs as bytes -------------------------------------------------------------------------

class JobCodec:
    """Turns a job (usually a closure) into bytes in the server and back in a child."""

    def __init__(self):
        self._shared: dict[int, int] = {}  # id(object) -> token
        self._objects: list[object] = []    # token -> object (kept alive: ids stay unique)

    def share(self, *objects: object) -> None:
        """Objects every child forked from now on holds (its copy): sent by reference."""
        for obj in objects:
            if id(obj) not in self._shared:
                self._shared[id(obj)] = len(self._objects)
                self._objects.append(obj)

    def encode(self, job: object) -> bytes | None:
        """The job as bytes, or None when it cannot be carried to a child."""
        out = io.BytesIO()
        try:
            _JobPickler(out, self._shared).dump(job)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
            return None
        return out.getvalue()

    def decode(self, data: bytes) -> object:
        return _JobUnpickler(io.BytesIO(data), self._objects).load()


class _JobPickler(pickle.Pickler):
    def __init__(self, file, shared: dict[int, int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared

    def persistent_id(self, obj):
        token = self._shared.get(id(obj))
        return None if token is None else ("shared", token)

    def reducer_override(self, obj):
        kind = type(obj)
        if kind is types.FunctionType and not _importable(obj):
            module = obj.__globals__.get("__name__")
            if not module:
                raise pickle.PicklingError("a function without a module")
            return (_make_function, (_code_bytes(obj.__code__), module, obj.__name__, obj.__qualname__,
                                     obj.__defaults__, obj.__kwdefaults__, obj.__closure__))
        if kind is types.CellType:
            try:
                contents = (obj.cell_contents,)
            except ValueError:  # an empty cell
                contents = ()
            # the cell is created empty and memoised first, then filled: cycles work
            return (_new_cell, (), contents, None, None, _fill_cell)
        return NotImplemented


class _JobUnpickler(pickle.Unpickler):
    def __init__(self, file, objects: list[object]):
        super().__init__(file)
        self._objects = objects

    def persistent_load(self, pid):
        kind, token = pid
        if kind != "shared" or token >= len(self._objects):
            raise pickle.UnpicklingError("an object this process does not hold")
        return self._objects[token]


def _importable(fn: types.FunctionType) -> bool:
    """True when pickle can refer to the function by module and name."""
    if fn.__name__ == "<lambda>" or "<locals>" in fn.__qualname__:
        return False
    target = sys.modules.get(fn.__module__)
    for part in fn.__qualname__.split("."):
        target = getattr(target, part, None)
    return target is fn


_code_bytes = lru_cache(maxsize=512)(marshal.dumps)
_code_object = lru_cache(maxsize=512)(marshal.loads)


def _make_function(code: bytes, module: str, name: str, qualname: str, defaults, kwdefaults, closure):
    if module not in sys.modules:
        __import__(module)
    fn = types.FunctionType(_code_object(code), sys.modules[module].__dict__, name, defaults, closure)
    fn.__qualname__ = qualname
    fn.__kwdefaults__ = kwdefaults
    return fn


def _new_cell():
    return types.CellType()


def _fill_cell(cell, contents: tuple) -> None:
    if contents:
        cell.cell_contents = contents[0]


# ---- messages over a pipe ------------------------------------------------------------------

def message(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def read_message(fd: int, parent: int, poll_seconds: float = 5.0) -> bytes | None:
    """The next length-prefixed message, or None when the pipe ends or the parent is gone."""
    header = _read_exact(fd, 4, parent, poll_seconds)
    if header is None:
        return None
    (length,) = struct.unpack(">I", header)
    return _read_exact(fd, length, parent, poll_seconds) if length else b""


def _read_exact(fd: int, size: int, parent: int, poll_seconds: float) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        ready, _, _ = select.select([fd], [], [], poll_seconds)
        if not ready:
            if os.getppid() != parent:
                return None
            continue
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def close_inherited_channels(keep: Iterable[int]) -> None:
    """In a new child: closes the sockets and pipes it inherited, except `keep` and the
    standard streams. Files (RocksDB's tables, its log) stay open: the store needs them."""
    keep = set(keep) | {0, 1, 2}
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return
    for name in names:
        fd = int(name)
        if fd in keep:
            continue
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the fd of the listing itself, already closed
        if target.startswith(("socket:", "pipe:")):
            try:
                os.close(fd)
            except OSError:
                pass


# ---- the pool ------------------------------------------------------------------------------

class PooledChild:
    __slots__ = ("pid", "requests", "answers", "generation", "queries")

    def __init__(self, pid: int, requests: int, answers: int, generation: int):
        self.pid, self.requests, self.answers, self.generation = pid, requests, answers, generation
        self.queries = 0

    def close_fds(self) -> None:
        for fd in (self.requests, self.answers):
            try:
                os.close(fd)
            except OSError:
                pass


class QueryPool:
    """Bookkeeping of the pooled children; thread-safe.

    fork_guard: a context manager held while forking (the store lock's reading side);
    generation: the current store generation (read under the guard when forking);
    child_main(requests_fd, answers_fd): what a new child runs (never returns);
    retire(pid): kills and collects a child without making the caller wait."""

    def __init__(self, size: int, fork_guard: Callable, generation: Callable[[], int],
                 child_main: Callable[[int, int], None], retire: Callable[[int], None]):
        self.size = max(1, size)
        self._fork_guard, self._generation = fork_guard, generation
        self._child_main, self._retire = child_main, retire
        self._lock = threading.Lock()
        self._idle: list[PooledChild] = []  # most recently used last: its cache is the warmest
        self._state = _PoolState()
        self._reserved = 0  # places taken by forks under way
        self._finalizer = weakref.finalize(self, self._state.close)
        self.forks = 0  # children forked so far (for tests and statistics)

    @property
    def live(self) -> int:
        """Children alive now (idle or busy)."""
        return len(self._state.children) + self._reserved

    def pids(self) -> set[int]:
        return set(self._state.children)

    def fill(self) -> None:
        """Forks children until the pool is full (at start, before any request thread).
        A fork that fails leaves the place to be filled on demand."""
        while True:
            with self._lock:
                if self._state.closed or self.live >= self.size:
                    return
                self._reserved += 1
            try:
                child = self._fork_reserved()
            except OSError:
                return
            if child is None:
                return
            self.release(child)

    def acquire(self) -> PooledChild | None:
        """An idle child of the current generation (a new one if there is room), or None
        when every place is taken by a busy child."""
        stale = []
        try:
            with self._lock:
                if self._state.closed:
                    return None
                current = self._generation()
                while self._idle:
                    child = self._idle.pop()
                    if child.generation == current:
                        return child
                    stale.append(child)
                    self._state.children.pop(child.pid, None)
                if self.live >= self.size:
                    return None
                self._reserved += 1  # until the fork is done
        finally:
            for child in stale:
                self._drop(child)
        return self._fork_reserved()

    def release(self, child: PooledChild) -> None:
        """Gives back a child that answered: idle again, unless the store changed since it
        was forked or it has served its share of queries."""
        with self._lock:
            if (not self._state.closed and child.generation == self._generation()
                    and child.queries < MAX_QUERIES_PER_CHILD and child.pid in self._state.children):
                self._idle.append(child)
                return
            self._state.children.pop(child.pid, None)
        self._drop(child)

    def discard(self, child: PooledChild) -> None:
        """Kills a child (deadline passed, hung, result too large, died) and frees its place."""
        with self._lock:
            self._state.children.pop(child.pid, None)
        self._drop(child)

    def store_changed(self) -> None:
        """After a write: the idle children hold an old view of the store; retire them now
        (busy ones are retired when their query ends). New ones are forked on demand."""
        with self._lock:
            current = self._generation()
            stale = [child for child in self._idle if child.generation != current]
            self._idle = [child for child in self._idle if child.generation == current]
            for child in stale:
                self._state.children.pop(child.pid, None)
        for child in stale:
            self._drop(child)

    def close(self) -> None:
        """Ends every child: idle ones at once; busy ones are killed, and the threads
        waiting for them get an error and let go of their pipes."""
        with self._lock:
            self._state.closed = True
            idle, self._idle = self._idle, []
            for child in idle:
                self._state.children.pop(child.pid, None)
            busy = list(self._state.children.values())
            self._state.children.clear()
        for child in busy:
            try:
                os.kill(child.pid, 9)
            except ProcessLookupError:
                pass
        self._state.children.update((child.pid, child) for child in idle)
        self._finalizer()  # closes the idle children's pipes, kills and collects them

    # -- internals --

    def _fork_reserved(self) -> PooledChild | None:
        """Forks a child into a place reserved by the caller (under self._lock)."""
        try:
            child = self._fork()
        except BaseException:
            with self._lock:
                self._reserved -= 1
            raise
        with self._lock:
            self._reserved -= 1
            if self._state.closed:
                closed = True
            else:
                closed = False
                self._state.children[child.pid] = child
        if closed:
            self._drop(child)
            return None
        return child

    def _fork(self) -> PooledChild:
        with self._fork_guard():
            generation = self._generation()
            requests_read, requests_write = os.pipe()
            answers_read, answers_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(requests_write)
                os.close(answers_read)
                self._child_main(requests_read, answers_write)
                os._exit(1)
            os.close(requests_read)
            os.close(answers_write)
        self.forks += 1
        return PooledChild(pid, requests_write, answers_read, generation)

    def _drop(self, child: PooledChild) -> None:
        child.close_fds()
        self._retire(child.pid)


class _PoolState:
    """What the pool's finalizer needs (it must not hold the pool itself)."""

    def __init__(self):
        self.children: dict[int, PooledChild] = {}  # pid -> child, idle or busy
        self.closed = False

    def close(self) -> None:
        self.closed = True
        children = list(self.children.values())
        for child in children:
            child.close_fds()
            try:
                os.kill(child.pid, 9)
            except ProcessLookupError:
                pass
        for child in children:
            try:
                os.waitpid(child.pid, 0)
            except ChildProcessError:
                pass
        self.children.clear()
