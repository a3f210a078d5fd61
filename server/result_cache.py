"""Serialised query answers kept in memory, so that a repeated query costs no evaluation.

An entry is one response body (with its media type) under the key the endpoint builds:
the query text as evaluated, the dataset parameters and the chosen media types. The
cache is a least-recently-used list bounded by bytes, and it is tied to the store's
*generation*: a counter that every write through the server raises while it still holds
the store lock (see `context.StoreLock`). An answer carries the generation read before
its evaluation started; it is stored only if no write happened meanwhile, and it is
served only while the generation is unchanged. Raising the generation also empties the
cache, so a write never leaves a stale answer behind, nor its memory."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Hashable

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
ENTRY_OVERHEAD = 256  # bytes counted for an entry besides its body and key text


@dataclass(frozen=True)
class CachedAnswer:
    media_type: str   # the media type the answer was serialised in
    body: bytes
    generation: int   # the store generation it was computed at


def key_size(key: Hashable) -> int:
    """What a key's text weighs (the query text dominates)."""
    if isinstance(key, (str, bytes)):
        return len(key)
    if isinstance(key, tuple):
        return sum(key_size(part) for part in key)
    return 16


class ResultCache:
    """A byte-bounded LRU of query answers, invalidated by store writes.

    max_bytes: the most the bodies and keys may weigh together; max_entry_bytes: larger
    answers are not kept (default: an eighth of max_bytes), so one big answer cannot
    flush everything else. max_bytes=0 disables caching."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, max_entry_bytes: int | None = None):
        self.max_bytes = max(0, max_bytes)
        self.max_entry_bytes = max_entry_bytes if max_entry_bytes is not None else self.max_bytes // 8
        self._entries: OrderedDict[Hashable, tuple[CachedAnswer, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0
        self.size = 0  # bytes held now
        self.hits = self.misses = self.evictions = self.invalidations = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, count_miss: bool = True) -> CachedAnswer | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0].generation != self.generation:
                self.misses += count_miss
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, answer: CachedAnswer) -> bool:
        """Keeps the answer unless it is too large or the store changed since it was computed."""
        weight = len(answer.body) + key_size(key) + ENTRY_OVERHEAD
        if not self.enabled or weight > self.max_entry_bytes or weight > self.max_bytes:
            return False
        with self._lock:
            if answer.generation != self.generation:
                return False  # a write happened while it was being computed
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (answer, weight)
            self.size += weight
            while self.size > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped
                self.evictions += 1
            return True

    def invalidate(self) -> int:
        """Raises the generation and forgets every answer; returns the new generation."""
        with self._lock:
            self.generation += 1
            self._entries.clear()
            self.size = 0
            self.invalidations += 1
            return self.generation

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self.size, "max_bytes": self.max_bytes,
                    "hits": self.hits, "misses": self.misses, "evictions": self.evictions,
                    "invalidations": self.invalidations, "generation": self.generation}
