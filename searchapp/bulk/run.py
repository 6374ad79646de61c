"""Running a bulk batch: every Item answered, in input order, never a crash mid-batch.

    run_batch(items, options, *, handle=None, index_dir=None, jobs=1) -> iterator of records
    answer(handle, item, options) -> record

Records (dicts, JSON-serialisable):
  answered  {"id", "query", "ok": true, "total": int, "page": int, "pages": int,
             "hits": [{field: value}], "relaxed": bool, "also_searched": [{"word", "variants"}],
             "did_you_mean": {"q", "total", "words"} | null, "notices": [{"code", "text"}],
             "took_ms": float}
            `page` as asked: past the last of `pages` it has no hits and the notice
            `page_past_end` (a script paging until no hits stops)
            `relaxed`: some hits lack query words (best match); each hit's `missing` (a default
            field) names them
            `also_searched`: the thesaurus variants searched with the query's words,
            [{"word", "variants"}] (`thesaurus` off: [])
            `did_you_mean`: a spelling suggestion when the query finds (almost) nothing
            (`search.spelling`; the notice `did_you_mean` says it too), else null; the
            record's hits stay those of the query as written
            `notices` say how the query was read (`searchapp.messages` codes: e.g. date and page
            words applied as filters, `calendar_words`), so a script never gets a silent
            change of meaning
  failed    {"id", "query", "ok": false, "error": str, "status": int, "code": str,
             "error_zh": str, "param"?: str, "valid"?: [str]}    (the one error shape)
            a damaged index file met while searching: "index_damaged" (503, the repair
            hint), for that line and every line after it
`id` is the line's own `id` when it has one (any JSON value, echoed unchanged: a list or object
too), else its 1-based line (or array) position. A line repeating an earlier line's request is
not searched again: it gets that record with its own `id` and `took_ms` 0.0.
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import signal
import threading
import time
from typing import Any, Iterable, Iterator

from searchapp.bulk.items import Item
from searchapp.bulk.options import BulkOptions
from searchapp.cache import BoundedCache
from searchapp.errors import SearchAppError
from searchapp.index import open_index
from searchapp.messages import error
from searchapp.search import Borrowed, search

__all__ = ["run_batch", "answer", "Pinned", "BLOCK_ITEMS", "MEMO_RECORDS"]

#: Items sent to the worker pool at a time (jobs > 1): repeats inside a block are answered
#: from its first occurrence; the workers idle only at block ends.
BLOCK_ITEMS = 512
#: Distinct requests whose records a batch keeps for repeats (a record is ~1-5 KB): the last
#: used (`cache.BoundedCache`, one unit a record). Bulk input often repeats a line (a name, a
#: headline). A batch holds one index state, so a kept record stays right for the batch.
MEMO_RECORDS = 16_384

Record = dict[str, Any]
#: The code of IndexDamaged's records (errors.IndexDamaged).
_DAMAGED = "index_damaged"


def _failed(item: Item, e: SearchAppError) -> Record:
    return {"id": item.id, "query": item.query, **e.to_dict()}


class Pinned(Borrowed):
    """One searcher of `owner` (an IndexHandle) held for a whole batch, which still reports
    damage as the handle does (`known_damage`, `damage_behind`)."""

    def __init__(self, searcher: Any, owner: Any):
        super().__init__(searcher)
        self.owner = owner

    def known_damage(self) -> SearchAppError | None:
        return self.owner.known_damage()

    def damage_behind(self, e: Exception) -> SearchAppError | None:
        return self.owner.damage_behind(e)


def answer(handle: Any, item: Item, options: BulkOptions) -> Record:
    """Search one Item against an open IndexHandle (or a `Pinned` searcher of one) → its output
    record. Never raises: a SearchAppError becomes that line's error; an engine failure the
    handle finds to be a damaged index becomes IndexDamaged ("index_damaged", 503, the repair
    hint), for that line and every later one; any other exception an internal error (500)."""
    if item.error is not None or item.request is None:
        return _failed(item, item.error)
    known = getattr(handle, "known_damage", None)
    damage = known() if known is not None else None
    if damage is not None:
        return _failed(item, damage)
    t0 = time.perf_counter()
    try:
        resp = search(handle, item.request)
    except SearchAppError as e:
        return _failed(item, e)
    except Exception as e:  # noqa: BLE001 - one bad query must not end the batch
        behind = getattr(handle, "damage_behind", None)
        damage = behind(e) if behind is not None else None
        if damage is not None:
            return _failed(item, damage)
        reason = f"{type(e).__name__}: {e}"
        return _failed(item, error(SearchAppError, "bulk_internal", reason=reason))
    fields = options.fields
    if item.request.snippets and "snippet" not in fields:  # the line's own "snippets": true
        fields = fields + ("snippet",)
    hits = []
    for h in resp.hits:
        d = {f: getattr(h, f) for f in fields}
        if "score" in d and isinstance(d["score"], float):
            d["score"] = round(d["score"], 4)
        hits.append(d)
    notices = [{"code": n["code"], "text": n["text"]} for n in resp.query.notice_items]
    return {"id": item.id, "query": item.query, "ok": True, "total": resp.total,
            "page": resp.page, "pages": resp.pages, "hits": hits,
            "relaxed": resp.query.relaxed, "also_searched": resp.query.also_searched,
            "did_you_mean": resp.query.did_you_mean, "notices": notices,
            "took_ms": round((time.perf_counter() - t0) * 1000, 2)}


def run_batch(items: Iterable[Item], options: BulkOptions, *, handle: Any = None,
              index_dir: Any = None, jobs: int = 1, chunksize: int = 8) -> Iterator[Record]:
    """Answer `items` → records, lazily and in input order. A request repeated in the batch
    (same query, filters, page, limit, snippets) is searched once and its record repeated
    with the line's own `id` and `took_ms` 0.0 (MEMO_RECORDS).

    jobs == 1: in this process, over one searcher of `handle` (or of one `open_index(index_dir)`)
    held for the whole batch: every line sees the same index state, even while a new generation
    is indexed.
    jobs > 1: a pool of `jobs` worker processes (see _start_method), each opening the index once
    and holding one searcher for the batch (the state when it started); items are sent in
    blocks of `BLOCK_ITEMS`, repeats answered in this process; order is kept. Once a line
    meets a damaged index, it and every later line get that failure, as with one job.
    Raises IndexMissing (before the first record) when the index cannot be opened; ValueError
    (at the first record) for jobs > 1 without `index_dir`.
    """
    memo = BoundedCache(MEMO_RECORDS)
    if jobs <= 1:
        return _run_here(items, options, handle, index_dir, memo)
    return _run_pool(items, options, index_dir, jobs, chunksize, memo)


def _run_here(items: Iterable[Item], options: BulkOptions, handle: Any, index_dir: Any,
              memo: BoundedCache) -> Iterator[Record]:
    own = handle is None
    if own:
        handle = open_index(index_dir)
    try:
        with handle.searcher() as s:  # one index state for the whole batch
            pinned = Pinned(s, handle)
            for item in items:
                k = _key(item)
                got = memo.get(k) if k is not None and pinned.known_damage() is None else None
                if got is None:
                    got = answer(pinned, item, options)
                    if k is not None:
                        memo.put(k, got)
                    yield got
                else:
                    yield _repeat(got, item)
    finally:
        if own:
            handle.close()


def _run_pool(items: Iterable[Item], options: BulkOptions, index_dir: Any, jobs: int,
              chunksize: int, memo: BoundedCache) -> Iterator[Record]:
    if index_dir is None:
        raise ValueError("run_batch(jobs > 1) needs index_dir")
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    damage = _answer_first(first, options, index_dir, memo)
    yield damage
    if damage.get("code") != _DAMAGED:
        damage = None
    ctx = mp.get_context(_start_method())
    with _sigint_held():  # Ctrl-C is the parent's to handle: workers start with it ignored
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(str(index_dir), options))
    with pool:
        while block := list(itertools.islice(items, BLOCK_ITEMS)):
            if damage is not None:  # nothing more is sent to the workers
                yield from (_damaged(item, damage) for item in block)
                continue
            for item, got in zip(block, _answer_block(pool, block, memo, chunksize)):
                if damage is not None:
                    got = _damaged(item, damage)
                elif got.get("code") == _DAMAGED:
                    damage = got
                yield got


def _damaged(item: Item, damage: Record) -> Record:
    """`item`'s record once a line before it met a damaged index (`damage`, its record): the
    same failure with this line's id, as one process gives every later line (`answer`); the
    workers hold a searcher each and learn of damage only when they meet it themselves, so
    the parent applies the rule in input order. A line that did not parse keeps its own
    error."""
    if item.error is not None or item.request is None:
        return _failed(item, item.error)
    return {**damage, "id": item.id, "query": item.query}


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
    if _key(first) is not None:
        memo.put(_key(first), got)
    return got


def _answer_block(pool, block: list[Item], memo: BoundedCache, chunksize: int) -> Iterator[Record]:
    """One block's records in order: first occurrences of a request go to the workers,
    repeats (in the block or in the memo) take the record of their first."""
    steps, todo, kept = [], [], {}  # kept: this block's requests → their record (None: pending)
    for item in block:
        k = _key(item)
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
            yield _repeat(kept[k], item)


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


def _key(item: Item):
    """What makes two lines the same search: the request (None for a line that failed to
    parse: its error record is its own)."""
    return item.request if item.error is None and item.request is not None else None


def _repeat(record: Record, item: Item) -> Record:
    """The record of an earlier identical request, for `item`: its own id; no search time."""
    out = dict(record, id=item.id)
    if "took_ms" in out:
        out["took_ms"] = 0.0
    return out


def _start_method() -> str:
    """"fork" when this process has one thread (cheap: the workers inherit loaded modules and
    jieba's dictionary), else "forkserver" (a clean process: forking a threaded process can
    copy a lock held by another thread and hang; its worker start-up is slower: docs/cli.md)."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else methods[0]
