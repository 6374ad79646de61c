"""Raw little-endian array files read by slices (`os.pread`), never memory-mapped: what a
query reads of a large per-segment file (a gram's documents, a posting list, a few documents'
texts) is copied into a small array it owns, and the process keeps no mapping of the file.

    FileArray(path, dtype, length)     the first `length` items of `path`
    a[i] -> scalar; a[i:j] -> new ndarray; len(a); bytes(a), a.copy() (the whole file)
    a.take(idx) -> ndarray             items at ascending indexes, in few reads
    a.window(byte_at, dtype, count) -> FileArray      a typed part of the same file
    a.ranges(lo, hi) -> iterator of bytes             items [lo[k], hi[k]) for each k
    searchsorted(a, value) -> int      over a FileArray or an ndarray (ascending)
    find_key(keys, key) -> int | None  its place when present

Why not a memory map: the page cache of a large file is kept in large folios (up to 2 MiB on
Linux 6.x ext4), and touching one byte of a mapped file maps its whole folio into the process:
a query that reads a few hundred bytes of a gram list or of one document's text then holds
megabytes of the file in its resident set, and a server that answers varied queries ends up
holding most of every mapped file (docs/performance.md, "Server memory, eighth stop"). A read
copies the bytes asked for and nothing else; the file's pages stay in the page cache, shared by
every process and reclaimable, as Whoosh's own files are (read the same way).

Reads are positional (`os.pread`), so threads share one descriptor safely. A file that became
shorter than `length` after it was opened (changed on disk) raises `FileChanged` (an OSError)
on a read past its end, never returns short data.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import numpy as np

__all__ = ["FileArray", "FileChanged", "searchsorted", "find_key", "GAP_BYTES", "CHUNK_BYTES"]

#: Bytes between two wanted pieces below which `take` and `ranges` read both in one call (one
#: system call costs about as much as copying a few KiB).
GAP_BYTES = 4096
#: Most bytes one coalesced read of `ranges` spans.
CHUNK_BYTES = 1 << 20
#: Items below which a binary search reads its remaining range in one piece.
_SEARCH_BLOCK_BYTES = 4096


class FileChanged(OSError):
    """A read past the end of a file that was longer when it was opened: the file changed on
    disk under the reader."""


class _File:
    """An open file descriptor, closed when the last array over it is gone."""

    __slots__ = ("fd", "path")

    def __init__(self, path: Path):
        self.path = path
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))

    def read(self, at: int, size: int) -> bytes:
        got = os.pread(self.fd, size, at) if size else b""
        if len(got) != size:
            raise FileChanged(f"{self.path}: {size} bytes at {at} asked, {len(got)} read "
                          "(the file is shorter than when it was opened)")
        return got

    def __del__(self):
        try:
            os.close(self.fd)
        except (OSError, AttributeError):
            pass


class FileArray:
    """`length` items of `dtype` starting at byte `at` of a file, read when asked (module
    docstring). Raises OSError on open (a missing file) and on a read past the file's end."""

    __slots__ = ("_file", "dtype", "at", "length", "_fence")

    def __init__(self, path: str | os.PathLike, dtype, length: int, *, _file: _File | None = None,
                 at: int = 0):
        self._file = _file if _file is not None else _File(Path(path))
        self.dtype = np.dtype(dtype)
        self.at, self.length = at, int(length)
        self._fence: np.ndarray | None = None

    def __len__(self) -> int:
        return self.length

    @property
    def nbytes(self) -> int:
        return self.length * self.dtype.itemsize

    def _read(self, i: int, j: int) -> np.ndarray:
        size = self.dtype.itemsize
        raw = self._file.read(self.at + i * size, (j - i) * size)
        return np.frombuffer(raw, dtype=self.dtype)

    def __getitem__(self, key):
        """Item `key` (int: a numpy scalar) or items key.start:key.stop (a slice of step 1: a
        new read-only ndarray). Raises IndexError (an int out of range), ValueError (a step)."""
        if isinstance(key, slice):
            i, j, step = key.indices(self.length)
            if step != 1:
                raise ValueError("FileArray slices have step 1")
            return self._read(i, max(i, j))
        k = int(key)
        if not -self.length <= k < self.length:
            raise IndexError(k)
        k %= self.length
        return self._read(k, k + 1)[0]

    def copy(self) -> np.ndarray:
        """Every item, as a new writable ndarray."""
        return self[:].copy()

    def __bytes__(self) -> bytes:
        return self._file.read(self.at, self.nbytes)

    def window(self, byte_at: int, dtype, count: int) -> "FileArray":
        """`count` items of `dtype` from byte `byte_at` of this array (same file, nothing read).
        Raises ValueError when they do not lie within it."""
        dt = np.dtype(dtype)
        if byte_at < 0 or count < 0 or byte_at + count * dt.itemsize > self.nbytes:
            raise ValueError("window outside the array")
        return FileArray("", dt, count, _file=self._file, at=self.at + byte_at)

    def fence(self, block: int) -> np.ndarray:
        """Every `block`-th item (a copy kept on this array: len / block items), read once in
        pieces of `CHUNK_BYTES`, for `searchsorted`."""
        f = self._fence
        if f is None or len(f) != -(-self.length // block):
            step = max(block, (CHUNK_BYTES // self.dtype.itemsize) // block * block)
            f = np.concatenate([self[i:min(self.length, i + step)][::block].copy()
                                for i in range(0, self.length, step)] or
                               [np.empty(0, dtype=self.dtype)])
            self._fence = f
        return f

    def take(self, idx) -> np.ndarray:
        """Items at `idx` (ascending ints in range; repeats allowed), read in runs whose gaps
        are below `GAP_BYTES`. Raises IndexError for an index out of range."""
        idx = np.asarray(idx, dtype=np.int64)
        if not len(idx):
            return np.empty(0, dtype=self.dtype)
        if int(idx[0]) < 0 or int(idx[-1]) >= self.length:
            raise IndexError("index out of range")
        gap = max(1, GAP_BYTES // self.dtype.itemsize)
        cut = np.flatnonzero(np.diff(idx) > gap) + 1
        parts = []
        for run in np.split(idx, cut) if len(cut) else (idx,):
            a = int(run[0])
            parts.append(self._read(a, int(run[-1]) + 1)[run - a])
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def ranges(self, lo, hi) -> Iterator[bytes]:
        """The bytes of items [lo[k], hi[k]) for each k (`lo` ascending, hi[k] >= lo[k]), read
        in pieces of at most `CHUNK_BYTES` that join ranges less than `GAP_BYTES` apart."""
        size = self.dtype.itemsize
        lo, hi = list(lo), list(hi)
        k, n = 0, len(lo)
        while k < n:
            a, end, m = lo[k], hi[k], k + 1
            while m < n and lo[m] - end < GAP_BYTES // size and hi[m] - a <= CHUNK_BYTES // size:
                end = max(end, hi[m])
                m += 1
            buf = self._file.read(self.at + a * size, (end - a) * size)
            for r in range(k, m):
                yield buf[(lo[r] - a) * size:(hi[r] - a) * size]
            k = m


def searchsorted(a, value) -> int:
    """Leftmost place of `value` in the ascending `a` (an ndarray, or a FileArray: its fence
    keys, then one block of `_SEARCH_BLOCK_BYTES` read)."""
    if not isinstance(a, FileArray):
        return int(np.searchsorted(a, value))
    block = max(1, _SEARCH_BLOCK_BYTES // a.dtype.itemsize)
    fence = a.fence(block)
    # items [lo, hi) hold the answer: fence[j] = a[j * block] are the only items known
    j = int(np.searchsorted(fence, value))  # fence[j - 1] < value <= fence[j]
    if j == 0:
        return 0
    lo, hi = (j - 1) * block + 1, min(len(a), j * block)
    return lo + int(np.searchsorted(a[lo:hi], value))


def find_key(keys, key) -> int | None:
    """The place of `key` in the ascending `keys` (ndarray or FileArray), None when absent."""
    i = searchsorted(keys, key)
    return i if i < len(keys) and int(keys[i]) == int(key) else None
