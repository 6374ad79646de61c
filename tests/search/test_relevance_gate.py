"""Relevance gate on a newspaper month (issue 14): on the judged PFR dev sample
(`../shared/eval/pfr_dev/`, 16 queries in four groups over the 3,148 People's Daily articles of
January 1998), searchapp's nDCG@10 must not fall below the best of the four lexical baselines
(`bench.baselines`: stock Whoosh AND/OR, BM25 on jieba tokens, character-bigram BM25) in any
query group, measured in the same run by the collection's own scorer, and exact-string lookups
(group C) must keep recall@100 = 1.0. The articles are indexed and queried exactly as the
held-back scoring does: JSONL with `date` and `page`, each query answered with its first 100 hits.

This test ranks; it does not tune: nothing in searchapp names a query, title or person of the
sample (docs/search.md, "Best match"). About two minutes on two cores (indexing, the baselines'
own indexes). Figures: `python -m bench.relevance_pfr`."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _jsonl(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def scored(tmp_path_factory, shared_dir):
    from bench import baselines, pfr
    from searchapp.index import build, open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    dev = shared_dir / "eval" / "pfr_dev"
    src = shared_dir / "data" / "pfr-199801" / "199801.txt.xz"
    if not (dev / "score_pfr.py").exists() or not src.exists():
        pytest.skip("the PFR dev sample is not in ../shared")
    tmp = tmp_path_factory.mktemp("gate")
    arts = pfr.articles(src)
    pfr.write_jsonl(tmp / "pfr.jsonl", arts)
    build([tmp / "pfr.jsonl"], tmp / "ix")
    queries = _jsonl(dev / "queries_dev.jsonl")
    h = open_index(tmp / "ix")
    try:
        ours = [{"id": q["qid"], "hits": [{"id": x.id} for x in search(
            h, SearchRequest(q=q["query"], size=100, facets=False, snippets=False)).hits]}
            for q in queries]
    finally:
        h.close()
    runs = {"searchapp": ours, **baselines.run_all(arts, queries, tmp / "baselines")}
    out = {}
    for name, res in runs.items():
        rp = tmp / f"{name}.jsonl"
        rp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in res), "utf-8")
        cmd = [sys.executable, str(dev / "score_pfr.py"), "--qrels", str(dev / "qrels_dev.txt"),
               "--queries", str(dev / "queries_dev.jsonl"), "--results", str(rp),
               "--pooled", str(dev / "pooled_dev.txt")]
        out[name] = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                              text=True).stdout)
    return out


@pytest.mark.parametrize("group", ["A", "B", "C", "D"])
def test_never_below_the_best_baseline_in_any_group(scored, group):
    ours = scored["searchapp"]["groups"][group]["nDCG@10"]
    best = max(baselines_of(scored), key=lambda n: scored[n]["groups"][group]["nDCG@10"])
    figure = scored[best]["groups"][group]["nDCG@10"]
    assert ours >= figure, f"group {group}: searchapp {ours:.4f} < {best} {figure:.4f}"


def test_exact_lookups_find_every_article_with_the_string(scored):
    assert scored["searchapp"]["groups"]["C"]["recall@100"] == 1.0


def baselines_of(scored) -> list[str]:
    return [n for n in scored if n != "searchapp"]
