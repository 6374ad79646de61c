"""A segment's literal forms and their gram index at query time: what the literal clause reads.

    segment_text(reader) -> SegmentText        the segment's files (store/segtext.py), read
                                               by slices, kept on the reader; for a segment
                                               written without them, its `literal` column
                                               decoded into memory once per process
    SegmentText.docs_with(needle) -> int64 array   ascending local docnums whose text contains
                                               `needle` at Latin word edges (deleted
                                               documents included)
    GramIndex(keys, bounds, docs).candidates(needle) -> (docnums, exact)

With a gram index (store/grams.py) a needle of one or two characters is answered by one list;
a longer one by intersecting its pairs' lists and checking each candidate within its own text
(`find` between its start and its NUL). A needle with Latin word edges (`analysis.literal.
has_edges`) has every candidate checked, at its edges (`literal_find_utf8`). Without one, one `find` runs over the whole segment's
text, jumping to the next document after each hit. Both give the documents whose text contains
the needle, by construction (tests/engine/test_textindex.py checks them against each other and
against brute force).

A segment without files (an index written before they existed) builds its gram index in memory
once it has been scanned `BUILD_AFTER` times in this process: building costs about as much as
100–200 full scans, so a one-shot search never pays for it and a long-running process pays at
most about twice the best choice (the ski-rental rule: Karlin, Manasse, Rudolph & Sleator 1988).
"""
from __future__ import annotations

import bisect
import threading

import numpy as np

from searchapp.analysis.literal import has_edges, literal_find_utf8
from searchapp.cache import BoundedCache, Tally, kept_on
from searchapp.engine.match.docarrays import intersect
from searchapp.engine.match.keys import segment_key, storage_folder
from searchapp.engine.store import segtext
from searchapp.engine.store.budget import release_free_memory
from searchapp.engine.store.fileslices import FileArray, find_key
from searchapp.engine.store.grams import MAX_BLOCK_DOCS, build_block, gram_keys, merge_blocks
from searchapp.sortedsets import distinct

__all__ = ["GramIndex", "SegmentText", "segment_text", "BUILD_AFTER"]

#: Full scans of a segment without files after which its gram index is built in memory.
BUILD_AFTER = 128
#: Segments whose texts decoded from the column stay in memory (few segments per index).
CACHE_SEGMENTS = 32
#: Gram postings (4 bytes each) of in-memory indexes kept.
CACHE_POSTINGS = 100_000_000
_texts = BoundedCache(CACHE_SEGMENTS)
_built = BoundedCache(CACHE_POSTINGS)
_scans = Tally()
_building: set[str] = set()
_lock = threading.Lock()
_EMPTY = np.empty(0, dtype=np.int64)


class GramIndex:
    """A segment's gram index over arrays (in memory, or files read by slices:
    `store.fileslices.FileArray`): see store/grams.py."""

    __slots__ = ("keys", "bounds", "docs")

    def __init__(self, keys: np.ndarray, bounds: np.ndarray, docs: np.ndarray):
        self.keys, self.bounds, self.docs = keys, bounds, docs

    def __len__(self) -> int:
        """Distinct (gram, document) pairs."""
        return len(self.docs)

    def docs_of(self, key: int) -> np.ndarray:
        """Ascending local docnums (int32) holding gram `key`: its key, bounds and documents
        read alone (a few small reads when the arrays are files)."""
        i = find_key(self.keys, np.uint64(key))
        if i is None:
            return np.empty(0, dtype=np.int32)
        a, b = (int(x) for x in self.bounds[i:i + 2])
        return self.docs[a:b]

    def candidates(self, needle: str) -> tuple[np.ndarray, bool]:
        """(ascending local docnums (int64) holding every gram of `needle`, exact): exact when
        they are the documents containing it (`grams.gram_keys`)."""
        keys, exact = gram_keys(needle)
        lists = []
        for k in keys:
            got = self.docs_of(k)
            if not len(got):
                return _EMPTY, True
            lists.append(got)
        return intersect(lists), exact


class SegmentText:
    """One segment's texts: `text` (bytes, or the segment's text file read by slices:
    `FileArray`; UTF-8 texts, each followed by NUL; a file's candidates are read alone),
    `starts` (int64 [docs + 1]: byte offset of each text), `grams` (GramIndex or None) and
    `key` (the segment's key, for the in-memory build; None when it has files)."""

    __slots__ = ("text", "starts", "grams", "key", "_starts_list")

    def __init__(self, text, starts: np.ndarray, grams: GramIndex | None, key: str | None):
        self.text, self.starts, self.grams, self.key = text, starts, grams, key
        self._starts_list: list[int] | None = None

    @property
    def ndocs(self) -> int:
        return len(self.starts) - 1

    def docs_with(self, needle: str, in_number: bool = False) -> np.ndarray:
        """Ascending local docnums (int64) whose text contains `needle` at Latin word edges
        (`analysis.literal.literal_find`; "" matches nothing); `in_number`: also inside a
        longer number (`literal_find`'s `in_number`)."""
        if not needle:
            return _EMPTY
        edges = has_edges(needle)
        grams = self.grams if self.grams is not None else _in_memory_grams(self)
        if grams is None:
            return self._scan_all(needle, edges, in_number)
        cand, exact = grams.candidates(needle)
        if (exact and not edges) or not len(cand):
            return np.asarray(cand, dtype=np.int64)
        if isinstance(self.text, FileArray):
            return self._check_read(np.asarray(cand, dtype=np.int64), needle, edges, in_number)
        lo = self.starts[cand].tolist()
        hi = (self.starts[cand + 1] - 1).tolist()
        if edges:
            text = self.text
            keep = np.fromiter((literal_find_utf8(text, needle, a, b, in_number) >= 0
                                for a, b in zip(lo, hi)),
                               dtype=bool, count=len(cand))
        else:
            find, data = self.text.find, needle.encode("utf-8")
            keep = np.fromiter((find(data, a, b) >= 0 for a, b in zip(lo, hi)), dtype=bool,
                               count=len(cand))
        return np.asarray(cand, dtype=np.int64)[keep]

    def _check_read(self, cand: np.ndarray, needle: str, edges: bool,
                    in_number: bool) -> np.ndarray:
        """The candidates whose own text (read from the file: only theirs) holds `needle`."""
        edges_at = distinct(np.concatenate([cand, cand + 1]))  # np.union1d imports numpy.ma
        bounds = self.starts.take(edges_at)
        at = np.searchsorted(edges_at, cand)
        lo, hi = bounds[at].tolist(), (bounds[at + 1] - 1).tolist()
        texts = self.text.ranges(lo, hi)
        if edges:
            keep = np.fromiter((literal_find_utf8(t, needle, 0, None, in_number) >= 0
                                for t in texts), dtype=bool, count=len(cand))
        else:
            data = needle.encode("utf-8")
            keep = np.fromiter((t.find(data) >= 0 for t in texts), dtype=bool, count=len(cand))
        return cand[keep]

    def _scan_all(self, needle: str, edges: bool, in_number: bool = False) -> np.ndarray:
        """One pass over the whole text, jumping past each hit's document."""
        if self._starts_list is None:
            self._starts_list = np.asarray(self.starts).tolist()
        st, n, text = self._starts_list, self.ndocs, self.text
        if edges:
            def find(start: int) -> int:
                return literal_find_utf8(text, needle, start, None, in_number)
        else:
            data = needle.encode("utf-8")

            def find(start: int) -> int:
                return text.find(data, start)
        out: list[int] = []
        pos = find(0)
        while pos >= 0:
            d = bisect.bisect_right(st, pos) - 1
            out.append(d)
            if d + 1 >= n:
                break
            pos = find(st[d + 1])
        return np.asarray(out, dtype=np.int64)


def segment_text(reader) -> SegmentText:
    """The SegmentText of an atomic reader (see the module docstring)."""
    def from_files():
        folder = storage_folder(reader)
        files = segtext.load(reader, folder) if folder is not None else None
        if files is None:
            return None
        return SegmentText(files.text, files.starts,
                           GramIndex(files.gkeys, files.gbounds, files.gdocs), None)

    got = kept_on(reader, "_searchapp_segtext", from_files)
    if got is not None:
        return got
    key = segment_key(reader)
    if key is not None:
        kept = _texts.get(key)
        if kept is not None:
            return kept
    texts = list(segtext.column_texts(reader))
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    if texts:
        starts[1:] = np.cumsum(np.fromiter((len(t) + 1 for t in texts), dtype=np.int64,
                                           count=len(texts)))
    value = SegmentText(b"\x00".join(texts) + b"\x00" if texts else b"", starts, None, key)
    return value if key is None else _texts.put(key, value)


def _in_memory_grams(st: SegmentText) -> GramIndex | None:
    """The in-memory gram index of a segment without files once it has paid for itself (counts
    this call as one full scan); None: scan the whole text this time."""
    key = st.key
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
        built = build_in_memory(st.text, st.starts)
        return _built.put(key, built, len(built) + 64)
    finally:
        with _lock:
            _building.discard(key)


def build_in_memory(text: bytes, starts: np.ndarray, budget_bytes: int = segtext.BUDGET_BYTES,
                    block_chars: int | None = None) -> GramIndex:
    """The gram index of texts held in memory (`text`, `starts` as in SegmentText), built in
    blocks of about `block_chars` bytes of text (default `segtext.block_chars(budget_bytes)`)
    and merged as at index time."""
    n = len(starts) - 1
    max_chars = block_chars or segtext.block_chars(budget_bytes)
    blocks, d0 = [], 0
    while d0 < n:
        d1 = max(d0 + 1, int(np.searchsorted(starts, starts[d0] + max_chars, side="right")) - 1)
        d1 = min(d1, n, d0 + MAX_BLOCK_DOCS)
        data = bytes(text[int(starts[d0]):int(starts[d1])])
        codes = np.frombuffer(data.decode("utf-8", "replace").encode("utf-32-le"), dtype=np.uint32)
        blocks.append(build_block(codes, d1 - d0, d0))
        d0 = d1
    keys, counts, docs = [], [], []
    merge_blocks(blocks, lambda k, c, d: (keys.append(k), counts.append(c), docs.append(d)),
                 budget_bytes)
    del blocks
    if not keys:
        return GramIndex(np.empty(0, np.uint64), np.zeros(1, np.int64), np.empty(0, np.int32))
    bounds = np.concatenate([[0], np.cumsum(np.concatenate(counts))]).astype(np.int64)
    got = GramIndex(np.concatenate(keys).astype(np.uint64), bounds,
                    np.concatenate(docs).astype(np.int32))
    release_free_memory()  # the build's temporary arrays: not kept resident in a server
    return got
