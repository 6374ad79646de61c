"""Relevance benchmark: searchapp vs the stock jieba/Whoosh baseline on the same segmentation.

    .venv/bin/python -m bench.relevance [--queries ../shared/eval/queries_dev.jsonl]
                                        [--qrels ../shared/eval/qrels_dev.txt] [--out DIR]

Builds a temporary index from corpus/ with `searchapp.index.build`, runs every query through
`searchapp.search.search` (top 100), and writes RESULTS.jsonl ({"id": qid, "hits": [{"id"}]})
and ARTICLES.jsonl ({"id", "body"}) to --out (default bench/out/relevance). The baseline indexes
the very same articles with jieba's stock `jieba.analyse.ChineseAnalyzer` on title + body and
queries them with Whoosh's default (AND) `MultifieldParser`. The four baselines of issue 14
(`bench.baselines`: stock AND, stock OR, BM25 on jieba tokens, character-bigram BM25) run on the
same articles too. All are scored by `../shared/eval/score_relevance.py`; prints one JSON
object: {"searchapp": scores, "baseline": scores (stock AND), "baselines": {name: scores},
"best_baseline": {group: {"name", "ndcg@10"}}, "delta_ndcg@10": ..., "build_seconds": ...}.
Exit status 0.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def export_articles(handle) -> list:
    """Every Article in the index (stored fields)."""
    from searchapp import engine

    with handle.searcher() as s:
        return list(engine.all_articles(s))


def run_searchapp(handle, queries: list[dict]) -> list[dict]:
    from searchapp.request import SearchRequest
    from searchapp.search import search

    out = []
    for q in queries:
        resp = search(handle, SearchRequest(q=q["query"], size=100, snippets=False, facets=False))
        out.append({"id": q["qid"], "hits": [{"id": h.id} for h in resp.hits]})
    return out


def run_baseline(articles: list, queries: list[dict], tmp: Path) -> list[dict]:
    """Stock jieba ChineseAnalyzer on title+body, Whoosh default AND MultifieldParser."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import logging

        import jieba
        jieba.setLogLevel(logging.WARNING)
        from jieba.analyse import ChineseAnalyzer
    from whoosh import fields, index
    from whoosh.qparser import MultifieldParser

    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(analyzer=ChineseAnalyzer(), stored=True),
                           body=fields.TEXT(analyzer=ChineseAnalyzer(), stored=True))
    d = tmp / "baseline"
    d.mkdir()
    ix = index.create_in(str(d), schema)
    w = ix.writer()
    for a in articles:
        w.add_document(id=a.id, title=a.title or "", body=a.body or "")
    w.commit()
    parser = MultifieldParser(["title", "body"], schema=ix.schema)
    out = []
    with ix.searcher() as s:
        for q in queries:
            res = s.search(parser.parse(q["query"]), limit=100)
            out.append({"id": q["qid"], "hits": [{"id": h["id"]} for h in res]})
    return out


def score(results: list[dict], articles_path: Path, out_dir: Path, name: str,
          queries: Path, qrels: Path) -> dict:
    rp = out_dir / f"RESULTS_{name}.jsonl" if name != "searchapp" else out_dir / "RESULTS.jsonl"
    rp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), "utf-8")
    cmd = [sys.executable, str(EVAL / "score_relevance.py"), "--anchors",
           str(EVAL / "seed_anchors.jsonl"), "--articles", str(articles_path), "--results", str(rp),
           "--qrels", str(qrels), "--queries", str(queries)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--queries", type=Path, default=EVAL / "queries_dev.jsonl")
    ap.add_argument("--qrels", type=Path, default=EVAL / "qrels_dev.txt")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "relevance")
    args = ap.parse_args(argv)
    from searchapp.index import build, open_index

    args.out.mkdir(parents=True, exist_ok=True)
    queries = load_jsonl(args.queries)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        t0 = time.perf_counter()
        build([args.corpus], tmp / "index")
        build_s = time.perf_counter() - t0
        handle = open_index(tmp / "index")
        articles = export_articles(handle)
        ap_ = args.out / "ARTICLES.jsonl"
        ap_.write_text("".join(json.dumps({"id": a.id, "body": a.body}, ensure_ascii=False) + "\n"
                               for a in articles), "utf-8")
        t0 = time.perf_counter()
        ours = run_searchapp(handle, queries)
        query_s = time.perf_counter() - t0
        base = run_baseline(articles, queries, tmp)
        from bench.baselines import run_all
        more = run_all([{"id": a.id, "title": a.title, "body": a.body} for a in articles],
                       queries, tmp / "baselines")
        handle.close() if hasattr(handle, "close") else None
    s_ours = score(ours, ap_, args.out, "searchapp", args.queries, args.qrels)
    s_base = score(base, ap_, args.out, "baseline", args.queries, args.qrels)
    s_more = {name: score(res, ap_, args.out, name, args.queries, args.qrels)
              for name, res in more.items()}
    groups = [g for g in s_ours if isinstance(s_ours[g], dict) and "ndcg@10" in s_ours[g]]
    best = {}
    for g in groups:
        name = max(s_more, key=lambda n: s_more[n].get(g, {}).get("ndcg@10", 0.0))
        best[g] = {"name": name, "ndcg@10": s_more[name][g]["ndcg@10"]}
    report = {
        "searchapp": s_ours,
        "baseline": s_base,
        "baselines": s_more,
        "best_baseline": best,
        "delta_ndcg@10": round(s_ours["all"]["ndcg@10"] - s_base["all"]["ndcg@10"], 4),
        "articles": len(articles),
        "build_seconds": round(build_s, 2),
        "query_ms_mean": round(1000 * query_s / max(1, len(queries)), 2),
    }
    print(json.dumps(report, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
