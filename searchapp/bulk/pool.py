"""A bulk batch over a pool of worker processes (`run_batch(..., jobs > 1)`): each worker opens
the index once and holds one searcher for the batch; items go out in blocks, repeats are
answered in this process, records come back in input order.

    run_pool(items, options, index_dir, jobs, chunksize, memo, block_items) -> iterator of records

Ctrl-C is the parent's to handle (`_sigint_held`); the workers are forked when this process
has one thread, else started by a fork server (`_start_method`).
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import signal
import threading
from typing import Any, Iterable, Iterator

from searchapp.bulk.items import Item
from searchapp.bulk.options import BulkOptions
from searchapp.bulk.records import DAMAGED, Pinned, Record, answer, damaged, key, repeat
from searchapp.cache import BoundedCache
from searchapp.index import open_index

__all__ = ["run_pool"]


def run_pool(items: Iterable[Item], options: BulkOptions, index_dir: Any, jobs: int,
             chunksize: int, memo: BoundedCache, block_items: int) -> Iterator[Record]:
    """`run_batch` with jobs > 1 (its docstring): the first item answered here, then blocks of
    `block_items` items, each block's first occurrences of a request sent to the workers in
    chunks of `chunksize`; `memo` holds the records of requests seen. Raises ValueError (at the
    first record) without `index_dir`."""
    if index_dir is None:
        raise ValueError("run_batch(jobs > 1) needs index_dir")
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    damage = _answer_first(first, options, index_dir, memo)
    yield damage
    if damage.get("code") != DAMAGED:
        damage = None
    ctx = mp.get_context(_start_method())
    with _sigint_held():  # Ctrl-C is the parent's to handle: workers start with it ignored
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(str(index_dir), options))
    with pool:
        while block := list(itertools.islice(items, block_items)):
            if damage is not None:  # nothing more is sent to the workers
                yield from (damaged(item, damage) for item in block)
                continue
            for item, got in zip(block, _answer_block(pool, block, memo, chunksize)):
                if damage is not None:
                    got = damaged(item, damage)
                elif got.get("code") == DAMAGED:
                    damage = got
                yield got


def _answer_first(first: Item, options: BulkOptions, index_dir: Any,
                  memo: BoundedCache) -> Record:
    """The first item, answered in this process: it fails fast with IndexMissing in the
    caller's process and loads jieba's dictionary before the fork, so forked workers do not
    each load it again."""
    probe = open_index(index_dir)
    try:
        got = answer(probe, first, options)
    finally:
        probe.close()
    if key(first) is not None:
        memo.put(key(first), got)
    return got


def _answer_block(pool, block: list[Item], memo: BoundedCache, chunksize: int) -> Iterator[Record]:
    """One block's records in order: first occurrences of a request go to the workers,
    repeats (in the block or in the memo) take the record of their first."""
    steps, todo, kept = [], [], {}  # kept: this block's requests → their record (None: pending)
    for item in block:
        k = key(item)
        if k is None:
            fresh = True
        elif k in kept:
            fresh = False
        else:
            kept[k] = memo.get(k)
            fresh = kept[k] is None
        steps.append((item, k, fresh))
        if fresh:
            todo.append(item)
    results = pool.imap(_work, todo, chunksize=chunksize)
    for item, k, fresh in steps:
        if fresh:
            got = next(results)
            if k is not None:
                kept[k] = got
                memo.put(k, got)
            yield got
        else:
            yield repeat(kept[k], item)


_worker: dict[str, Any] = {}


@contextlib.contextmanager
def _sigint_held():
    """SIGINT blocked in this thread while the pool forks its workers (they inherit the mask,
    and `_init_worker` ignores SIGINT before unblocking it), delivered here after: Ctrl-C to the
    process group then ends the batch in the parent alone (the caller says where the output
    stops; the pool's exit terminates the workers) instead of a traceback per worker. Only the
    main thread handles signals; elsewhere (a web request's thread) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _init_worker(index_dir: str, options: BulkOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C (_sigint_held)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    handle = open_index(index_dir)
    lent = handle.searcher()  # this worker's one index state for the whole batch
    _worker["lent"] = lent
    _worker["handle"] = Pinned(lent.__enter__(), handle)
    _worker["options"] = options


def _work(item: Item) -> Record:
    return answer(_worker["handle"], item, _worker["options"])


def _start_method() -> str:
    """"fork" when this process has one thread (cheap: the workers inherit loaded modules and
    jieba's dictionary), else "forkserver" (a clean process: forking a threaded process can
    copy a lock held by another thread and hang; its worker start-up is slower: docs/cli.md)."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else methods[0]
