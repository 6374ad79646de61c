"""Record and compare the answers of a fixed set of real requests: a speed change must change
no answer (issue 19).

    python -m bench.answers record OUT.jsonl [--index DIR] [--keep]
    python -m bench.answers compare BEFORE.jsonl AFTER.jsonl     exit 1 when any answer differs

The index: the 3,148 People's Daily articles (bench/pfr.py) as one JSONL file per day plus the
bundled magazine issue (corpus/), built in two writers (two segments), then updated
incrementally (one day's file loses 12 articles and 3 change their body: a third segment and
deleted documents). Built afresh by `record` unless --index names one to reuse.

The requests (~1,900): real queries (PFR headline fragments and names, bench/common
.real_queries; headlines and names as bench/bulk makes them), very common words, the query
language's forms over real words (phrases, exclusions, OR, fields, dates, topics), zero-result
strings, browsing with filters; every fifth query also with a facet filter or a date range;
each under the three sorts and on pages 1 and 3, with facets and snippets. Recorded per
request: total, page, pages, hits (id, score, rank, title/snippet HTML), every facet value
and count, notices, suggestions (everything of `SearchResponse.to_dict` but `took_ms`).
Scores compare within 1e-6, everything else exactly.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, real_queries
from bench.scale import COMMON

SORTS = ("relevance", "newest", "oldest")
PAGES = (1, 3)
FILTERS = [{"sources": ("人民日报",)}, {"months": ("1998-01",)}, {"topics": ("AI",)},
           {"date_from": "1998-01-05", "date_to": "1998-01-12"}, {"topics": ("5G",)},
           {"sources": ("人民邮电报",)}, {"date_from": "2020-09-01"}, {"lineages": ("original",)},
           {"lineages": ("reprint",)}]


def _forms(words: list[str]) -> list[str]:
    """Query-language forms over real words (fixed order)."""
    out = []
    for i in range(0, len(words) - 1, 2):
        a, b = words[i], words[i + 1]
        k = (i // 2) % 8
        out.append([f'"{a}"', f"{a} -{b}", f"{a} OR {b}", f"title:{a}", f"source:人民日报 {a}",
                    f"date:1998-01-0{1 + i % 9} {a}", f"{a} {b}", f"topic:AI {a}"][k])
    return out


def requests() -> list[dict]:
    """The fixed request list: dicts of SearchRequest keyword arguments."""
    from bench.bulk import make_queries, pfr_names
    from bench.pfr import articles

    titles = [a["title"] for a in articles()]
    qs = real_queries(150, seed=1998)
    qs += make_queries(60, titles, pfr_names(), seed=7)
    qs += COMMON + ["5G", "网络安全", '"数字经济"', "source:人民邮电报 5G", "河南 互联网", "人工智能"]
    words = [w for q in real_queries(80, seed=19) for w in q.split()][:80]
    qs += _forms(words)
    qs += ["zzqxv", "qqq 中国", "😀", "中國 經濟", "５Ｇ", "page:1 经济", "版面:第2版", "page:头版 中国"]
    qs = list(dict.fromkeys(qs))
    rng = random.Random(19)
    reqs: list[dict] = []
    for i, q in enumerate(qs + [""] * len(FILTERS)):
        filt = FILTERS[i % len(FILTERS)] if (i % 5 == 4 or not q) else {}
        if not q:
            filt = FILTERS[len(reqs) % len(FILTERS)]
        for sort in SORTS:
            for page in PAGES:
                reqs.append({"q": q, "sort": sort, "page": page, **filt})
    rng.shuffle(reqs)  # an order that mixes warm and cold use of every structure
    return reqs


def build_index(index: Path) -> dict:
    """The answers index (see module docstring); returns the second build's report."""
    from bench.incremental import split_by_day
    from bench.pfr import make_corpus
    from searchapp.index import build

    src, _ = make_corpus(1)
    days = index.parent / "answers-days"
    shutil.rmtree(days, ignore_errors=True)
    files = split_by_day(src, days)
    build([days, ROOT / "corpus"], index, rebuild=True, workers=2)
    f = sorted(files)[4]
    rows = f.read_text(encoding="utf-8").splitlines()
    kept = [json.loads(x) for x in rows[12:]]
    for r in kept[:3]:
        r["body"] += "\n\n更正：本文有一处数字已改正。"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    return build([days, ROOT / "corpus"], index).to_dict()


def record(out: Path, index: Path | None, keep: bool) -> int:
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    tmp = Path(tempfile.mkdtemp(prefix="bench-answers-"))
    try:
        ix = index or tmp / "index"
        if index is None or not (index / "CURRENT").exists():
            rep = build_index(ix)
            print(f"index: {rep['articles']} articles, {rep['removed']} removed, "
                  f"{rep['updated']} updated", file=sys.stderr)
        h = open_index(ix)
        out.parent.mkdir(parents=True, exist_ok=True)
        n = 0
        with open(out, "w", encoding="utf-8") as f:
            for kw in requests():
                r = search(h, SearchRequest(size=10, **kw)).to_dict()
                r.pop("took_ms", None)
                f.write(json.dumps({"request": kw, "response": r}, ensure_ascii=False,
                                   sort_keys=True) + "\n")
                n += 1
        h.close()
        print(f"recorded {n} answers into {out}", file=sys.stderr)
        return 0
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def _same(a, b, path: str, diffs: list[str]) -> None:
    if isinstance(a, float) and isinstance(b, float):
        if abs(a - b) > 1e-6:
            diffs.append(f"{path}: {a} != {b}")
    elif isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _same(a.get(k), b.get(k), f"{path}.{k}", diffs)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]", diffs)
    elif a != b:
        diffs.append(f"{path}: {json.dumps(a, ensure_ascii=False)[:200]} != "
                     f"{json.dumps(b, ensure_ascii=False)[:200]}")


def compare(before: Path, after: Path) -> int:
    a = [json.loads(x) for x in before.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in after.read_text(encoding="utf-8").splitlines()]
    bad = 0
    shown = 0
    if len(a) != len(b):
        print(f"{len(a)} answers before, {len(b)} after")
        return 1
    for x, y in zip(a, b):
        diffs: list[str] = []
        _same(x, y, "", diffs)
        if diffs:
            bad += 1
            if shown < 10:
                shown += 1
                print(json.dumps(x["request"], ensure_ascii=False), *diffs[:5], sep="\n  ")
    print(json.dumps({"answers": len(a), "differing": bad,
                      "with_hits": sum(1 for x in a if x["response"]["total"])}))
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("out", type=Path)
    r.add_argument("--index", type=Path, default=None, help="reuse (or build and keep) this index")
    r.add_argument("--keep", action="store_true")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    a = ap.parse_args(argv)
    if a.cmd == "record":
        return record(a.out, a.index, a.keep)
    return compare(a.before, a.after)


if __name__ == "__main__":
    sys.exit(main())
