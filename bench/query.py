"""Benchmark: query latency, searchapp (top 10 + facets + highlighted snippets) vs stock plain
query, warm searchers, same run, same queries.

Queries: 200 real strings of 1-4 words (bench/common.real_queries: PFR headline fragments and
annotated person/organisation/place names, fixed seed). Indexes: the PFR corpus ×1 (3,148) and
×10 (31,480), built once per size into bench/out/ix-* and reused (delete the folder to rebuild).
searchapp: `searchapp.search.search(open_index(dir), SearchRequest(q, size=10))` (facets and
snippets on, as the web UI asks). Stock: `MultifieldParser(["title", "body"])` + `searcher.search
(q, limit=10)`, plain (no highlighting), and the same with `hit.highlights("body")` for reference.
Warm: 20 warm-up queries, then --rounds passes over all queries; p50/p95 are medians over rounds;\nthe first round's p95 and the mean CPU ms per query are reported beside them.

    python -m bench.query [--times 1 10] [--n 200] [--rounds 3]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.common import OUT, emit, median, parser, pct, progress, ratio, run_child
from bench.pfr import make_corpus


def ensure_indexes(times: int) -> tuple[Path, Path]:
    """(searchapp index dir, stock index dir) for the ×times corpus, built if missing."""
    path, _ = make_corpus(times)
    prod, stock = OUT / f"ix-searchapp-x{times}", OUT / f"ix-stock-x{times}"
    if not (prod / "CURRENT").exists():
        run_child("product_build", {"jsonl": str(path), "index_dir": str(prod), "rebuild": True},
                  timeout=3600)
    if not any(stock.glob("*.toc")):
        run_child("stock_build", {"jsonl": str(path), "index_dir": str(stock)}, timeout=3600)
    return prod, stock


def _lat(fn, qs: list[str], rounds: int) -> dict:
    """p50/p95/max per round (medians over rounds), the first round's p95 (caches that
    outlive a query, e.g. the literal scan's, are cold for it), and mean CPU ms per query
    (`time.process_time`, all rounds) which a busy machine distorts less than wall time."""
    for q in qs[:20]:
        fn(q)
    p50, p95, mx, hits = [], [], [], 0
    c0 = time.process_time()
    for _ in range(rounds):
        ts = []
        for q in qs:
            t0 = time.perf_counter()
            hits += fn(q) > 0
            ts.append((time.perf_counter() - t0) * 1000)
        p50.append(pct(ts, 50)), p95.append(pct(ts, 95)), mx.append(max(ts))
    cpu = (time.process_time() - c0) * 1000 / max(1, rounds * len(qs))
    return {"p50_ms": round(median(p50), 2), "p95_ms": round(median(p95), 2),
            "max_ms": round(median(mx), 1), "p95_first_round_ms": round(p95[0], 2),
            "cpu_ms_per_query": round(cpu, 2), "queries_with_hits": hits // rounds}


def job_query(a: dict) -> dict:
    """Child job: latency of both setups on the same queries (bench.common dispatches here)."""
    from whoosh import index as windex
    from whoosh.qparser import MultifieldParser

    from bench.common import stock_schema
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    qs, rounds = a["queries"], a["rounds"]
    out: dict = {}
    h = open_index(a["prod"])

    def prod(q: str) -> int:
        r = search(h, SearchRequest(q=q, size=10, facets=True, snippets=True))
        return r.total if hasattr(r, "total") else len(r.hits)

    out["searchapp"] = _lat(prod, qs, rounds)
    stock_schema()  # imports jieba.analyse so the pickled analyzer loads
    ix = windex.open_dir(a["stock"])
    s = ix.searcher()
    parser = MultifieldParser(["title", "body"], ix.schema)

    def plain(q: str) -> int:
        res = s.search(parser.parse(q), limit=10)
        return len(res)

    def hl(q: str) -> int:
        res = s.search(parser.parse(q), limit=10)
        for hit in res:
            hit.highlights("body")
        return len(res)

    out["stock_plain"] = _lat(plain, qs, rounds)
    out["stock_highlight"] = _lat(hl, qs, rounds)
    h.close()
    return out


def bench_size(times: int, n: int, rounds: int) -> dict:
    from bench.common import real_queries
    prod, stock = ensure_indexes(times)
    qs = real_queries(n)
    r = run_child("query", {"prod": str(prod), "stock": str(stock), "queries": qs, "rounds": rounds},
                  timeout=3600)
    r["queries"] = n
    r["examples"] = qs[:8]
    r["p95_ratio_searchapp_over_stock_plain"] = ratio(r["searchapp"]["p95_ms"], r["stock_plain"]["p95_ms"])
    return r


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "query.json")
    ap.add_argument("--times", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    res: dict = {"benchmark": "query", "targets": {"p95_ms_31k": "<= 50", "vs_stock_plain": "<= 1.0"}}
    for t in a.times:
        res[f"x{t}"] = bench_size(t, a.n, a.rounds)
        progress(f"x{t}", res[f"x{t}"])
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
