"""Benchmark: the tokenizer backends on real text — speed (MB/s) and exact equality.

Text: the bundled issue and the PFR articles (title + body). Backends, same run, same text:
jieba precise mode HMM off (the reference, searchapp.analysis.tokenizer.reference_words), rjieba through
searchapp.analysis.tokenizer.words, and stock `jieba.tokenize(mode="search")` (what ChineseAnalyzer runs).
Equality: token lists with offsets compared article by article, with the product's user
dictionary loaded (both backends).

    python -m bench.tokenizer [--limit 3148]
"""
from __future__ import annotations

import sys
import time

from bench.common import ROOT, emit, parser, ratio
from bench.pfr import articles


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "tokenizer.json")
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args(argv)
    from searchapp.analysis import tokenizer as T
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts += [x["title"] + "\n\n" + x["body"] for x in articles(limit=a.limit)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    T.warm()
    ref = T.load_jieba()
    res: dict = {"benchmark": "tokenizer", "texts": len(texts), "mb": round(mb, 2),
                 "backend": T.backend_name(), "userdict_entries": len(T.userdict_entries())}
    t0 = time.perf_counter()
    fast = [T.words(t) for t in texts]
    tf = time.perf_counter() - t0
    t0 = time.perf_counter()
    slow = [T.reference_words(t) for t in texts]
    tr = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        list(ref.tokenize(t, mode="search"))
    ts = time.perf_counter() - t0
    diff = [i for i, (x, y) in enumerate(zip(fast, slow)) if x != y]
    res.update(words_mb_s=round(mb / tf, 2), reference_jieba_mb_s=round(mb / tr, 2),
               stock_search_mode_mb_s=round(mb / ts, 2), speedup_vs_reference=ratio(tr, tf),
               identical=not diff, differing_texts=len(diff),
               tokens=sum(len(x) for x in fast))
    emit(res, a.out)
    return 0 if not diff else 1


if __name__ == "__main__":
    sys.exit(main())
