"""Which documents of a segment contain each character: narrows the literal scan.

    CharIndex(big, starts)                 built from `literal.segment_texts` (joined texts, starts)
    CharIndex.candidates(needle) -> int64 array   ascending local docnums holding every character
                                                   of `needle` (a superset of those containing it)
    for_segment(key, big, starts) -> CharIndex | None    kept per segment once it pays for itself

A literal lookup scans every squeezed text of a segment with one `str.find` (literal.py). With
this index only the documents holding every character of the needle are scanned, each within
its own text, so the answer is the same by construction. Building costs one sort of
(character, document) pairs, about as much as 100–200 full scans, so `for_segment` builds it
only after a segment has been scanned `BUILD_AFTER` times in this process (the ski-rental rule:
a process that never pays back the build never builds, one that does pays at most about twice
the best choice; Karlin, Manasse, Rudolph & Sleator 1988). One-shot CLI searches stay as they
were; a server or a bulk run switches over after its first ~100 queries.

Memory: 4 bytes per distinct (character, document) pair; the build works in chunks of
`CHUNK_CHARS` characters and needs ~3× the kept size in temporary arrays, handed back after.
Measured costs: docs/performance.md, "Figures behind the code".
"""
from __future__ import annotations

import ctypes
import threading

import numpy as np

from searchapp.cache import BoundedCache, Tally
from searchapp.engine.match.docarrays import intersect

__all__ = ["CharIndex", "for_segment", "BUILD_AFTER", "CHUNK_CHARS"]

#: Full scans of a segment after which its index is built (a build costs 100–200 scans).
BUILD_AFTER = 128
#: Characters handled per step of the build (~4 MB of temporary arrays each).
CHUNK_CHARS = 500_000
_STEP = 1 << 20
#: Segments whose index is kept, in distinct (character, document) pairs (4 bytes each).
CACHE_PAIRS = 50_000_000
_built = BoundedCache(CACHE_PAIRS)
_scans = Tally()
_building: set[str] = set()
_lock = threading.Lock()


class CharIndex:
    """For each distinct character of a segment's texts, the ascending docnums holding it.

    `big` is the segment's texts joined by one separator character each and `starts[d]` the
    offset of docnum d's text in it (`literal.segment_texts`)."""

    __slots__ = ("chars", "bounds", "docs")

    def __init__(self, big: str, starts: list[int]):
        n = max(len(starts), 1)
        st = np.asarray(starts, dtype=np.int64)
        ends = np.append(st[1:], len(big) + 1)  # each text's end + its separator
        parts, d0 = [], 0
        while d0 < len(starts):
            # whole documents, about CHUNK_CHARS characters: pairs of two chunks never repeat
            d1 = max(d0 + 1, int(np.searchsorted(st, st[d0] + CHUNK_CHARS)))
            lo, hi = int(st[d0]), min(int(ends[d1 - 1]), len(big))
            codes = np.frombuffer(big[lo:hi].encode("utf-32-le"), dtype=np.uint32)
            docs = np.repeat(np.arange(d0, d1, dtype=np.int64), ends[d0:d1] - st[d0:d1])
            k = codes.astype(np.int64) * n + docs[:len(codes)]
            k.sort()
            if len(k):
                keep = np.empty(len(k), dtype=bool)
                keep[0] = True
                np.not_equal(k[1:], k[:-1], out=keep[1:])
                parts.append(k[keep])
            d0 = d1
        # one (character × n + document) key per pair, sorted in place; the parts are moved in
        # one by one and the docnums and character bounds read in steps, so the build's
        # temporary memory stays ~3× the kept index (the kept index is 4 bytes per pair)
        key = np.empty(sum(len(p) for p in parts), dtype=np.int64)
        pos = 0
        while parts:
            p = parts.pop(0)
            key[pos:pos + len(p)] = p
            pos += len(p)
        key.sort()
        self.docs = np.empty(len(key), dtype=np.int32)
        firsts, chars, prev = [], [], None
        for i in range(0, len(key), _STEP):
            blk = key[i:i + _STEP]
            self.docs[i:i + len(blk)] = blk % n
            ch = blk // n
            new = np.flatnonzero(ch[1:] != ch[:-1]) + 1
            if prev is None or ch[0] != prev:
                new = np.concatenate([[0], new])
            firsts.append(new + i)
            chars.append(ch[new])
            prev = ch[-1]
        first = np.concatenate(firsts) if firsts else np.empty(0, dtype=np.int64)
        self.chars = np.concatenate(chars).astype(np.int64) if chars else np.empty(0, dtype=np.int64)
        self.bounds = np.append(first, len(key)).astype(np.int64)
        del key
        _release_free_memory()

    def __len__(self) -> int:
        """Distinct (character, document) pairs."""
        return len(self.docs)

    def docs_with(self, c: str) -> np.ndarray:
        """Ascending docnums (int32) whose text holds character `c`."""
        i = int(np.searchsorted(self.chars, ord(c)))
        if i == len(self.chars) or self.chars[i] != ord(c):
            return self.docs[:0]
        return self.docs[self.bounds[i]:self.bounds[i + 1]]

    def candidates(self, needle: str) -> np.ndarray:
        """Ascending docnums (int64) holding every character of `needle`, rarest first."""
        return intersect([self.docs_with(c) for c in set(needle)])


def _release_free_memory() -> None:
    """Give the build's freed temporary arrays back to the OS (glibc's `malloc_trim`; a no-op
    elsewhere): without it the freed heap stays resident in a server."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def for_segment(key: str | None, big: str, starts: list[int]) -> CharIndex | None:
    """The segment's CharIndex when kept; counts this call as one full scan of the segment
    and builds the index at the BUILD_AFTER-th. None: scan the whole segment this time."""
    if key is None:
        return None
    got = _built.get(key)
    if got is not None:
        return got
    if _scans.add(key) < BUILD_AFTER:
        return None
    with _lock:
        if key in _building:
            return None  # another thread is building it: scan meanwhile
        _building.add(key)
    try:
        built = CharIndex(big, starts)
        return _built.put(key, built, len(built) + 64)
    finally:
        with _lock:
            _building.discard(key)
