"""A writer's posting pool that spills its sorted runs in chunks, not one posting at a time.

    chunked_runs(writer) -> writer     the SegmentWriter, its pool now a ChunkedRunPool

Whoosh's posting pool (`whoosh.writing.PostingPool`, an external merge sort) keeps postings
in memory up to the writer's `limitmb`, then sorts them and writes them to a temporary run
file; at the end of the segment it merges the runs. It writes and reads each posting with its
own `pickle.dump` / `pickle.load` call: once a pool has spilled, every posting of the segment
goes through two Python-level calls and a file-object call each way, which profiles as about
a fifth of a large build's CPU time (docs/performance.md, "Build CPU").

`ChunkedRunPool` writes the same sorted postings as `marshal`led lists of CHUNK postings and
reads a chunk back at a time, so the merge sees exactly the same sorted stream of
(fieldname, term bytes, docnum, weight, value bytes) tuples: the segment written is the same.
Memory: the merge holds one chunk per run (CHUNK postings, a few hundred kB) instead of one
posting; the pool's in-memory limit is unchanged. The run files are the writer's temporary
files (never part of an index), so their format is free.
"""
from __future__ import annotations

import marshal
from itertools import islice
from typing import Any, Iterable, Iterator

from whoosh.writing import PostingPool

__all__ = ["ChunkedRunPool", "chunked_runs", "CHUNK"]

#: Postings per marshalled chunk of a run file (a chunk of real postings is ~100-300 kB in
#: memory; the merge holds one per run).
CHUNK = 1024


class ChunkedRunPool(PostingPool):
    """`PostingPool` whose run files hold marshalled lists of up to CHUNK postings."""

    def _write_run(self, f, items: Iterable[tuple]) -> None:
        # items: the sorted in-memory list, or a merge of runs (PostingPool.reduce_to)
        it = iter(items)
        try:
            while True:
                chunk = list(islice(it, CHUNK))
                if not chunk:
                    break
                marshal.dump(chunk, f)
        finally:
            f.close()

    def _read_run(self, path: str) -> Iterator[tuple]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = marshal.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def chunked_runs(writer: Any) -> Any:
    """Make `writer`'s posting pool (a fresh `PostingPool`, before anything is added) a
    ChunkedRunPool; returns the writer. A pool of another class is left alone."""
    pool = getattr(writer, "pool", None)
    if type(pool) is PostingPool:
        pool.__class__ = ChunkedRunPool
    return writer
