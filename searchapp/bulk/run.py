"""Running a bulk batch: every Item answered, in input order, never a crash mid-batch.

    run_batch(items, options, *, handle=None, index_dir=None, jobs=1) -> iterator of records
    answer(handle, item, options) -> record

Each line's record (its shapes): `bulk.records`; the worker pool (jobs > 1): `bulk.pool`.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from searchapp.bulk.items import Item
from searchapp.bulk.options import BulkOptions
from searchapp.bulk.pool import run_pool
from searchapp.bulk.records import Pinned, Record, answer, key, repeat
from searchapp.cache import BoundedCache
from searchapp.index import open_index

__all__ = ["run_batch", "answer", "Pinned", "BLOCK_ITEMS", "MEMO_RECORDS"]

#: Items sent to the worker pool at a time (jobs > 1): repeats inside a block are answered
#: from its first occurrence; the workers idle only at block ends.
BLOCK_ITEMS = 512
#: Distinct requests whose records a batch keeps for repeats (a record is ~1-5 KB): the last
#: used (`cache.BoundedCache`, one unit a record). Bulk input often repeats a line (a name, a
#: headline). A batch holds one index state, so a kept record stays right for the batch.
MEMO_RECORDS = 16_384


def run_batch(items: Iterable[Item], options: BulkOptions, *, handle: Any = None,
              index_dir: Any = None, jobs: int = 1, chunksize: int = 8) -> Iterator[Record]:
    """Answer `items` → records, lazily and in input order. A request repeated in the batch
    (same query, filters, page, limit, snippets) is searched once and its record repeated
    with the line's own `id` and `took_ms` 0.0 (MEMO_RECORDS).

    jobs == 1: in this process, over one searcher of `handle` (or of one `open_index(index_dir)`)
    held for the whole batch: every line sees the same index state, even while a new generation
    is indexed.
    jobs > 1: a pool of `jobs` worker processes (`bulk.pool`), each opening the index once
    and holding one searcher for the batch (the state when it started); items are sent in
    blocks of `BLOCK_ITEMS`, repeats answered in this process; order is kept. Once a line
    meets a damaged index, it and every later line get that failure, as with one job.
    Raises IndexMissing (before the first record) when the index cannot be opened; ValueError
    (at the first record) for jobs > 1 without `index_dir`.
    """
    memo = BoundedCache(MEMO_RECORDS)
    if jobs <= 1:
        return _run_here(items, options, handle, index_dir, memo)
    return run_pool(items, options, index_dir, jobs, chunksize, memo, BLOCK_ITEMS)


def _run_here(items: Iterable[Item], options: BulkOptions, handle: Any, index_dir: Any,
              memo: BoundedCache) -> Iterator[Record]:
    own = handle is None
    if own:
        handle = open_index(index_dir)
    try:
        with handle.searcher() as s:  # one index state for the whole batch
            pinned = Pinned(s, handle)
            for item in items:
                k = key(item)
                got = memo.get(k) if k is not None and pinned.known_damage() is None else None
                if got is None:
                    got = answer(pinned, item, options)
                    if k is not None:
                        memo.put(k, got)
                    yield got
                else:
                    yield repeat(got, item)
    finally:
        if own:
            handle.close()
