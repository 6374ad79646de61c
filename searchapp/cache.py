"""BoundedCache: the one in-process cache shape searchapp uses (per-segment data, bulk records).

Segments never change once written, so what is derived from one (decoded texts, posting arrays,
field lengths, literal hits, ranks) can be kept under a key naming the segment (id, size, live
count: `engine.match.keys`) and never goes stale; only memory bounds it. Used by the engine's
matching, search's ordering and bulk's memo of repeated requests; each names its budget and
unit. `Tally` counts work for the ski-rental rule; `kept_on` keeps a value on the object it is
derived from.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

__all__ = ["BoundedCache", "Tally", "kept_on"]


class BoundedCache:
    """A thread-safe map holding at most `budget` units, least recently used out first.

    get(key) -> value | None       (marks it recently used)
    put(key, value, size=1) -> the value kept: an existing entry wins (another thread may have
                                   computed it meanwhile), else `value`, then evicts to budget
    grow(key, delta)               the entry's size grew by `delta` units (a value filled in
                                   place); evicts older entries to budget, never `key` itself
    clear()                        forget every entry
    A value larger than `budget` is returned by put but not kept."""

    def __init__(self, budget: int):
        self.budget = budget
        self.size = 0
        self._items: "OrderedDict[Hashable, tuple[Any, int]]" = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            got = self._items.get(key)
            if got is None:
                return None
            self._items.move_to_end(key)
            return got[0]

    def put(self, key: Hashable, value: Any, size: int = 1) -> Any:
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                return got[0]
            if size > self.budget:
                return value
            self._items[key] = (value, size)
            self.size += size
            self._evict(key)
            return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._items.clear()
            self.size = 0

    def grow(self, key: Hashable, delta: int) -> None:
        with self._lock:
            got = self._items.get(key)
            if got is None:
                return
            self._items[key] = (got[0], got[1] + delta)
            self.size += delta
            self._evict(key)

    def _evict(self, keep: Hashable) -> None:
        while self.size > self.budget and len(self._items) > 1:
            old_key, (old, n) = self._items.popitem(last=False)
            if old_key == keep:  # the newest entry stays; put it back at the end
                self._items[old_key] = (old, n)
                continue
            self.size -= n


def kept_on(obj, attr: str, compute: Callable[[], Any]) -> Any:
    """compute() kept as attribute `attr` of `obj` (a reader or searcher: what is derived from
    it lives and dies with it); computed each time for an object that takes no attributes."""
    got = getattr(obj, attr, _UNSET)
    if got is _UNSET:
        got = compute()
        try:
            setattr(obj, attr, got)
        except AttributeError:  # a class with __slots__
            pass
    return got


_UNSET = object()


class Tally:
    """Running totals per key, for the ski-rental rule (build a shared structure once the work
    it would have saved has added up to what it costs: Karlin et al. 1988). Thread-safe; keeps
    at most `keys` keys (all are forgotten past that: they name segments or index states long
    gone)."""

    def __init__(self, keys: int = 4096):
        self.keys = keys
        self._totals: dict[Hashable, int] = {}
        self._lock = threading.Lock()

    def add(self, key: Hashable, n: int = 1) -> int:
        """Add `n` to `key`'s total; returns the new total."""
        with self._lock:
            if key not in self._totals and len(self._totals) >= self.keys:
                self._totals.clear()
            self._totals[key] = got = self._totals.get(key, 0) + n
            return got

    def clear(self) -> None:
        with self._lock:
            self._totals.clear()
