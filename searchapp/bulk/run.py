"""Bulk lookups: many queries in, one record per query out, in input order, never a crash mid-batch.

Shared by `searchapp bulk` (CLI) and `POST /api/bulk` (searchapp.web.bulk). Views and commands
only translate their input into `Item`s (`parse_line` / `parse_value`), call `run_batch`, and write
the records with `JsonlWriter` or `CsvWriter`.

Input, per line (auto-detected): a line whose first non-blank character is `{` is a JSON object
`{"id": any (echoed back), "q": str, "source": str|[str], "topic": str|[str], "month", "from",
"to", "sort", "page", "limit": 1..MAX_PAGE_SIZE, "snippets": bool or "1/true/yes/on/0/false/no/off"}`;
any other line is one plain-text query.

Output records (dicts, JSON-serialisable):
  answered  {"id", "query", "total": int, "hits": [{field: value}], "took_ms": float}
  failed    {"id", "query", "error": {"message": str, "param": str|None[, "valid": [str]]}}
`id` is the line's own `id` when it has one (any JSON value, echoed unchanged: a list or object
too), else its 1-based line (or array) position.
A blank line, invalid JSON, an empty query, an unknown parameter, a bad value or an over-long
query (> config.MAX_QUERY_CHARS) gives a failed record for that line only. A line repeating an
earlier line's request is not searched again: it gets that record with its own `id` and
`took_ms` 0.0.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from searchapp.cache import BoundedCache
from searchapp.config import MAX_PAGE_SIZE
from searchapp.errors import BadRequest, SearchAppError
from searchapp.request import SearchRequest, parse_bool, parse_int, parse_q
from searchapp.results import Hit
from searchapp.analysis.text import no_lone_surrogates

#: Hit fields a caller may ask for with --fields / ?fields= (those of results.Hit).
HIT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Hit))
#: Hit fields in every record unless --fields says otherwise (issue 6).
DEFAULT_FIELDS: tuple[str, ...] = ("id", "title", "source", "date", "score")
#: Keys a JSON input line may carry besides the SearchRequest parameters.
EXTRA_KEYS = ("id", "limit", "snippets")
#: Default hits per query (bulk callers usually want a short list; --limit raises it to 100).
DEFAULT_LIMIT = 10
#: Longest query echoed back in a failed record, in characters (a 100,000-character query is cut).
ECHO_CHARS = 200


@dataclass(frozen=True)
class BulkOptions:
    """Batch-wide settings: `limit` hits per query (1..MAX_PAGE_SIZE; a line's own `limit`
    overrides it), `fields` hit fields to output (subset of HIT_FIELDS), `snippets` add a
    plain-text `snippet` to each hit (costs a highlighter pass per hit; on whenever `fields`
    names `snippet` or `snippet_html`)."""

    limit: int = DEFAULT_LIMIT
    fields: tuple[str, ...] = DEFAULT_FIELDS
    snippets: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise BadRequest(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {self.limit}",
                             param="limit")
        bad = [f for f in self.fields if f not in HIT_FIELDS]
        if bad:
            raise BadRequest(f"unknown field {bad[0]!r}", param="fields", valid=HIT_FIELDS)
        if self.snippets and "snippet" not in self.fields:
            object.__setattr__(self, "fields", self.fields + ("snippet",))
        if not self.snippets and {"snippet", "snippet_html"} & set(self.fields):
            object.__setattr__(self, "snippets", True)  # asked for: computed (not left "")

    @classmethod
    def parse(cls, *, limit: Any = None, fields: Any = None, snippets: Any = None) -> "BulkOptions":
        """From strings (URL args / CLI): fields comma-separated (None = DEFAULT_FIELDS; given
        but empty, e.g. `--fields ''`, is an error); snippets via `request.parse_bool`.
        Raises BadRequest naming the parameter and listing the valid values."""
        lim = parse_int(limit, "limit", 1, MAX_PAGE_SIZE, DEFAULT_LIMIT)
        fl = DEFAULT_FIELDS
        if fields is not None:
            parts = fields if isinstance(fields, (list, tuple)) else str(fields).split(",")
            fl = tuple(dict.fromkeys(str(p).strip() for p in parts if str(p).strip()))
            if not fl:
                raise BadRequest("no fields given: name at least one hit field", param="fields",
                                 valid=HIT_FIELDS)
        sn = parse_bool(snippets, "snippets", False)
        return cls(limit=lim, fields=fl, snippets=sn)


@dataclass
class Item:
    """One parsed input line. `n` 1-based position; `id` echoed back; `query` the query text
    (for the record); exactly one of `request` (ready to search) and `error` (a failed record's
    error dict) is set."""

    n: int
    id: Any
    query: str
    request: SearchRequest | None = None
    error: dict[str, Any] | None = None


def _error(e: SearchAppError) -> dict[str, Any]:
    d: dict[str, Any] = {"message": e.message, "param": e.param}
    if e.valid is not None:
        d["valid"] = e.valid
    return d


def _echo(q: Any) -> str:
    s = q if isinstance(q, str) else ("" if q is None else json.dumps(q, ensure_ascii=False))
    return s if len(s) <= ECHO_CHARS else s[:ECHO_CHARS] + "…"


def parse_value(value: Any, n: int, options: BulkOptions) -> Item:
    """A decoded JSON value (an object, or a string taken as a plain query) → Item. Never raises."""
    if isinstance(value, str):
        return parse_text(value, n, options)
    if not isinstance(value, dict):
        return Item(n, n, "", error={"message": "each query must be a JSON object or a string",
                                     "param": None})
    qid = value["id"] if "id" in value else n  # any JSON value, echoed unchanged (docs/cli.md)
    q = value.get("q")
    item = Item(n, qid, _echo(q))
    try:
        if q is None:
            raise BadRequest("missing query: each object needs a non-empty 'q'", param="q")
        req = SearchRequest.from_params(value, allowed_extra=EXTRA_KEYS)
        default = req.size if value.get("size") not in (None, "") else options.limit
        size = parse_int(value.get("limit"), "limit", 1, MAX_PAGE_SIZE, default)
        snip = parse_bool(value.get("snippets"), "snippets", options.snippets)
        item.request = _finish(req, size, options).with_(snippets=snip)
        item.query = req.q
    except SearchAppError as e:
        item.error = _error(e)
    return item


def parse_text(text: str, n: int, options: BulkOptions) -> Item:
    """A plain-text query line → Item. Never raises."""
    item = Item(n, n, _echo(text.strip()))
    try:
        q = parse_q(text)
        item.query = q
        item.request = _finish(SearchRequest(q=q), options.limit, options)
    except SearchAppError as e:
        item.error = _error(e)
    return item


def _finish(req: SearchRequest, size: int, options: BulkOptions) -> SearchRequest:
    if not req.q:
        raise BadRequest("empty query", param="q")
    return req.with_(size=size, snippets=options.snippets, facets=False,
                     highlight="title_html" in options.fields)


def parse_line(line: str | bytes, n: int, options: BulkOptions) -> Item:
    """One input line (str, or bytes in UTF-8 / GB18030) → Item; JSON when it starts with `{`.
    Never raises: undecodable bytes and invalid JSON become a failed Item."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line = line.decode("gb18030")
            except UnicodeDecodeError:
                return Item(n, n, "", error={"message": "line is not UTF-8 or GB18030 text",
                                             "param": None})
    if n == 1:
        line = line.lstrip("\ufeff")
    line = line.rstrip("\r\n")
    if line.lstrip().startswith("{"):
        try:
            value = loads_strict(line)
        except ValueError as e:
            return Item(n, n, _echo(line.strip()),
                        error={"message": f"invalid JSON: {e}", "param": None})
        return parse_value(no_lone_surrogates(value), n, options)
    if not line.strip():
        return Item(n, n, "", error={"message": "empty query (blank line)", "param": "q"})
    return parse_text(line, n, options)


def loads_strict(text: str) -> Any:
    """json.loads for standard JSON only. Raises ValueError for invalid JSON, for NaN /
    Infinity and numbers out of float range (they would be echoed back as output that is not
    JSON), and for nesting deeper than the parser's recursion limit (json.loads raises
    RecursionError, which ended a whole batch: found by a fresh tester)."""
    def number(s: str) -> float:
        v = float(s)
        if not math.isfinite(v):
            raise ValueError(f"number out of range: {s[:40]}")
        return v

    def constant(s: str):
        raise ValueError(f"{s} is not standard JSON")

    try:
        return json.loads(text, parse_float=number, parse_constant=constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_items(lines: Iterable[str | bytes], options: BulkOptions) -> Iterator[Item]:
    """Input lines (a file object opened in binary or text mode, a list) → Items, lazily."""
    for n, line in enumerate(lines, 1):
        yield parse_line(line, n, options)


def answer(handle: Any, item: Item, options: BulkOptions) -> dict[str, Any]:
    """Search one Item against an open IndexHandle → its output record. Never raises: a
    SearchAppError becomes that line's error; any other exception an "internal error" record."""
    if item.error is not None or item.request is None:
        return {"id": item.id, "query": item.query, "error": item.error}
    from searchapp.search import search

    t0 = time.perf_counter()
    try:
        resp = search(handle, item.request)
    except SearchAppError as e:
        return {"id": item.id, "query": item.query, "error": _error(e)}
    except Exception as e:  # noqa: BLE001 - one bad query must not end the batch
        return {"id": item.id, "query": item.query,
                "error": {"message": f"internal error: {type(e).__name__}: {e}", "param": None}}
    fields = options.fields
    if item.request.snippets and "snippet" not in fields:  # the line's own "snippets": true
        fields = fields + ("snippet",)
    hits = []
    for h in resp.hits:
        d = {f: getattr(h, f) for f in fields}
        if "score" in d and isinstance(d["score"], float):
            d["score"] = round(d["score"], 4)
        hits.append(d)
    return {"id": item.id, "query": item.query, "total": resp.total, "hits": hits,
            "took_ms": round((time.perf_counter() - t0) * 1000, 2)}


# --- running a batch ----------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(index_dir: str, options: BulkOptions) -> None:
    from searchapp.index import open_index
    from searchapp.search.suggest import Borrowed

    handle = open_index(index_dir)
    lent = handle.searcher()  # this worker's one index state for the whole batch
    _worker["lent"] = lent
    _worker["handle"] = Borrowed(lent.__enter__())
    _worker["options"] = options


def _work(item: Item) -> dict[str, Any]:
    return answer(_worker["handle"], item, _worker["options"])


def run_batch(items: Iterable[Item], options: BulkOptions, *, handle: Any = None,
              index_dir: Any = None, jobs: int = 1, chunksize: int = 8) -> Iterator[dict[str, Any]]:
    """Answer `items` → records, lazily and in input order. A request repeated in the batch
    (same query, filters, page, limit, snippets) is searched once and its record repeated
    with the line's own `id` and `took_ms` 0.0 (MEMO_RECORDS).

    jobs == 1: in this process, over one searcher of `handle` (or of one `open_index(index_dir)`)
    held for the whole batch: every line sees the same index state, even while a new generation
    is indexed.
    jobs > 1: a pool of `jobs` worker processes (see _start_method), each opening the index once
    and holding one searcher for the batch (the state when it started);
    items are sent in blocks of `BLOCK_ITEMS`, repeats answered in this process; order is kept.
    Raises IndexMissing (before the first record) when the index cannot be opened.
    """
    memo = BoundedCache(MEMO_RECORDS)
    if jobs <= 1:
        from searchapp.search.suggest import Borrowed

        own = handle is None
        if own:
            from searchapp.index import open_index

            handle = open_index(index_dir)
        try:
            with handle.searcher() as s:  # one index state for the whole batch
                pinned = Borrowed(s)
                for item in items:
                    k = _key(item)
                    got = memo.get(k) if k is not None else None
                    if got is None:
                        got = answer(pinned, item, options)
                        if k is not None:
                            memo.put(k, got)
                        yield got
                    else:
                        yield _repeat(got, item)
        finally:
            if own and hasattr(handle, "close"):
                handle.close()
        return
    import multiprocessing as mp

    from searchapp.index import open_index

    if index_dir is None:
        raise ValueError("run_batch(jobs > 1) needs index_dir")
    # The first item is answered here: it fails fast with IndexMissing in the caller's process
    # and loads jieba's dictionary before the fork, so forked workers do not each load it again.
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    probe = open_index(index_dir)
    try:
        got = answer(probe, first, options)
    finally:
        if hasattr(probe, "close"):
            probe.close()
    if _key(first) is not None:
        memo.put(_key(first), got)
    yield got
    ctx = mp.get_context(_start_method())
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(str(index_dir), options)) as pool:
        while True:
            block = list(itertools.islice(items, BLOCK_ITEMS))
            if not block:
                return
            # first occurrences go to the workers; repeats take the record of their first
            # (`kept`: this block's requests → their record, None until answered)
            plan, todo, kept = [], [], {}
            for item in block:
                k = _key(item)
                if k is None:
                    fresh = True
                elif k in kept:
                    fresh = False
                else:
                    kept[k] = memo.get(k)
                    fresh = kept[k] is None
                plan.append((item, k, fresh))
                if fresh:
                    todo.append(item)
            results = pool.imap(_work, todo, chunksize=chunksize)
            for item, k, fresh in plan:
                if fresh:
                    got = next(results)
                    if k is not None:
                        kept[k] = got
                        memo.put(k, got)
                    yield got
                else:
                    yield _repeat(kept[k], item)


#: Items sent to the worker pool at a time (jobs > 1): repeats inside a block are answered
#: from its first occurrence; the workers idle only at block ends (~1 query of 512).
BLOCK_ITEMS = 512
#: Distinct requests whose records a batch keeps for repeats (a record is ~1-5 KB): the last
#: used (`cache.BoundedCache`, one unit a record). Bulk input often repeats a line (a name, a
#: headline; the bench's 10,000 real lines hold 7,634 distinct requests). A batch holds one
#: index state, so a kept record stays right for the batch.
MEMO_RECORDS = 16_384


def _key(item: Item):
    """What makes two lines the same search: the request (None for a line that failed to
    parse: its error record is its own)."""
    return item.request if item.error is None and item.request is not None else None


def _repeat(record: dict[str, Any], item: Item) -> dict[str, Any]:
    """The record of an earlier identical request, for `item`: its own id; no search time."""
    out = dict(record, id=item.id)
    if "took_ms" in out:
        out["took_ms"] = 0.0
    return out


def _start_method() -> str:
    """"fork" when this process has one thread (cheap: the workers inherit loaded modules and
    jieba's dictionary), else "forkserver" (a clean process: forking a threaded process can
    copy a lock held by another thread and hang); measured in docs/cli.md: ~0.3 s vs ~3 s of
    worker start-up per batch."""
    import multiprocessing as mp
    import threading

    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else methods[0]


@dataclass
class BulkStats:
    """Counts for the one-line summary: queries answered, failures (error records), seconds."""

    queries: int = 0
    failures: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, record: dict[str, Any]) -> None:
        self.queries += 1
        self.failures += "error" in record

    def summary(self) -> str:
        secs = max(time.perf_counter() - self.started, 1e-9)
        return (f"bulk: {self.queries} queries, {self.failures} failures, "
                f"{self.queries / secs:.1f} queries/s ({secs:.1f} s)")
