"""Child-process jobs of bench/scale.py (dispatched by `python -m bench.common <job> <json>`).

    first_queries({"kind", "index", "queries"})   a fresh process: each query once, no warm cache
    warm_queries({"prod", "stock", "queries", "common", "rounds"})   p50/p95/p99 once warm
    profile({"what", "index", "queries", "out"})   pyinstrument text profile of one phase

searchapp requests are what the web page asks: top 10, facets and highlighted snippets
(`SearchRequest(q, size=10)`); stock is `MultifieldParser(["title", "body"])` + `search(q,
limit=10)` on the `ChineseAnalyzer` index (bench/common.stock_schema), plain.
"""
from __future__ import annotations

import time
from pathlib import Path

from bench.common import median, pct


def _searchapp(index: str):
    """(answer(q) -> total, close()) over a searchapp index; the analyzers' dictionaries
    (rjieba, OpenCC) are loaded first, outside any timing: that is cold start's cost, which
    bench.scale measures on its own."""
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search
    from searchapp.analysis.tokenizer import words

    words("预热词典")
    t0 = time.perf_counter()
    h = open_index(index)
    opened = time.perf_counter() - t0

    def answer(q: str) -> int:
        return search(h, SearchRequest(q=q, size=10, facets=True, snippets=True)).total

    return answer, h.close, opened


def _stock(index: str):
    """(answer(q) -> hits on the page, close(), open seconds) over the stock index; jieba's
    dictionary is loaded first (jieba.initialize), outside any timing."""
    from whoosh import index as windex
    from whoosh.qparser import MultifieldParser

    from bench.common import stock_schema

    stock_schema()
    import jieba
    jieba.initialize()
    t0 = time.perf_counter()
    ix = windex.open_dir(index)
    s = ix.searcher()
    parser = MultifieldParser(["title", "body"], ix.schema)
    opened = time.perf_counter() - t0

    def answer(q: str) -> int:
        return len(s.search(parser.parse(q), limit=10))

    def close() -> None:
        s.close()
        ix.close()

    return answer, close, opened


def first_queries(a: dict) -> dict:
    """Latency (ms) of each query asked once in this fresh process, in order; the first one
    pays for whatever the engine loads on first use."""
    answer, close, opened = (_searchapp if a["kind"] == "searchapp" else _stock)(a["index"])
    lat, hits = [], 0
    for q in a["queries"]:
        t0 = time.perf_counter()
        hits += answer(q) > 0
        lat.append(round((time.perf_counter() - t0) * 1000, 3))
    close()
    return {"open_ms": round(opened * 1000, 2), "lat_ms": lat, "with_hits": hits}


def _rounds(answer, qs: list[str], rounds: int) -> dict:
    """One warm-up pass over `qs`, then `rounds` timed passes: medians over rounds of each
    round's p50/p95/p99/max, and CPU ms per query (time.process_time, all timed rounds)."""
    for q in qs:
        answer(q)
    stats: dict[str, list[float]] = {"p50": [], "p95": [], "p99": [], "max": []}
    c0 = time.process_time()
    for _ in range(rounds):
        ts = []
        for q in qs:
            t0 = time.perf_counter()
            answer(q)
            ts.append((time.perf_counter() - t0) * 1000)
        for p in (50, 95, 99):
            stats[f"p{p}"].append(pct(ts, p))
        stats["max"].append(max(ts))
    cpu = (time.process_time() - c0) * 1000 / max(1, rounds * len(qs))
    out = {f"{k}_ms": round(median(v), 2) for k, v in stats.items()}
    out["cpu_ms_per_query"] = round(cpu, 2)
    return out


def _per_query(answer, qs: list[str], reps: int = 5) -> dict:
    """Median warm latency (ms) of each query over `reps` runs (after one untimed run)."""
    out = {}
    for q in qs:
        answer(q)
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            answer(q)
            ts.append((time.perf_counter() - t0) * 1000)
        out[q] = round(median(ts), 2)
    return out


def warm_queries(a: dict) -> dict:
    """searchapp and stock in this one process, same queries: `_rounds` over the real queries
    and `_per_query` over the very common words."""
    out = {}
    for kind, make, idx in (("searchapp", _searchapp, a["prod"]), ("stock_plain", _stock, a["stock"])):
        answer, close, _ = make(idx)
        out[kind] = _rounds(answer, a["queries"], a["rounds"])
        out[kind]["common_words_ms"] = _per_query(answer, a["common"])
        close()
    return out


def profile(a: dict) -> dict:
    """pyinstrument profile of one phase, written as text to a["out"]:
    first     a fresh process answering the queries once each (open included)
    warm      the queries again after a warm-up pass
    common    the very common words, warm, 5 times each"""
    from pyinstrument import Profiler

    what, qs = a["what"], a["queries"]
    prof = Profiler(interval=0.0005)
    if what == "first":
        prof.start()
        answer, close, _ = _searchapp(a["index"])
        for q in qs:
            answer(q)
        prof.stop()
    else:
        answer, close, _ = _searchapp(a["index"])
        for q in qs:
            answer(q)
        prof.start()
        for _ in range(5 if what == "common" else 1):
            for q in qs:
                answer(q)
        prof.stop()
    close()
    text = prof.output_text(unicode=True, color=False, show_all=False)
    Path(a["out"]).write_text(text, encoding="utf-8")
    return {"out": a["out"], "profiled_s": round(prof.last_session.duration, 3)}
