"""Benchmark: full index build, searchapp vs the stock jieba + Whoosh setup, same run.

Corpus: bench/pfr.py's People's Daily articles (3,148 real; ×10 = 31,480 repeated under new ids).
Stock: `jieba.analyse.ChineseAnalyzer` on title + body (stored), one default `writer()`
(bench/common.py). searchapp: `searchapp.index.build([jsonl], dir, rebuild=True)` — the product's
full analysis (normalisation, word fields, the literal-match column, facets, topics, dedupe),
with its default writers (two processes from 2,000 articles on a multi-core machine).
Each run is a fresh process (jieba dictionary load included), stock and searchapp interleaved;
figures are medians over --runs; peak RSS is the child's own (bench/common.peak_rss_mb).

    python -m bench.build [--times 1 10] [--runs 3] [--runs-big 1]

Prints one JSON object: per size {articles, mb_text, stock: {...}, searchapp: {...},
speedup (searchapp articles/s ÷ stock articles/s)}.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import OUT, emit, median, parser, progress, ratio, run_child
from bench.pfr import make_corpus


def _summary(runs: list[dict], n: int, mb: float) -> dict:
    secs = [r["seconds"] for r in runs]
    s = median(secs)
    return {"runs": len(runs), "seconds_median": s, "seconds_all": secs,
            "articles_per_s": round(n / s, 1), "mb_per_s": round(mb / s, 3),
            "index_mb": round(median([r["index_bytes"] for r in runs]) / 1e6, 1),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "cpu_s_median": median([r["cpu_s"] for r in runs]),
            "articles_per_cpu_s": round(n / median([r["cpu_s"] for r in runs]), 1),
            "process_wall_s": median([r["wall_s"] for r in runs])}


def bench_size(times: int, runs: int, work: Path) -> dict:
    """Build `runs` stock and `runs` searchapp indexes of the ×`times` corpus; summary dict."""
    path, st = make_corpus(times)
    n, mb = st["articles"], st["bytes"] / 1e6
    stock, prod = [], []
    for i in range(runs):
        for kind, acc, job in (("stock", stock, "stock_build"), ("searchapp", prod, "product_build")):
            d = work / f"{kind}-{times}-{i}"
            args = {"jsonl": str(path), "index_dir": str(d), "rebuild": True}
            acc.append(run_child(job, args, timeout=3600))
            keep = OUT / f"ix-{kind}-x{times}"  # reused by bench.query / bench.server
            if i == runs - 1 and not keep.exists():
                shutil.move(str(d), str(keep))
            shutil.rmtree(d, ignore_errors=True)
    out = {"articles": n, "mb_text": round(mb, 2), "corpus": st["note"],
           "stock": _summary(stock, n, mb), "searchapp": _summary(prod, n, mb)}
    out["speedup"] = ratio(out["searchapp"]["articles_per_s"], out["stock"]["articles_per_s"])
    out["speedup_cpu"] = ratio(out["searchapp"]["articles_per_cpu_s"], out["stock"]["articles_per_cpu_s"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "build.json")
    ap.add_argument("--times", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--runs", type=int, default=3, help="runs per setup at x1")
    ap.add_argument("--runs-big", type=int, default=1, help="runs per setup at x>1 (time-bound)")
    a = ap.parse_args(argv)
    res: dict = {"benchmark": "build", "targets": {"speedup_31k": ">= 2.0", "peak_rss_mb_31k": "<= 1536"}}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for t in a.times:
            res[f"x{t}"] = bench_size(t, a.runs if t == 1 else a.runs_big, Path(tmp))
            progress(f"x{t}", res[f"x{t}"])
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
