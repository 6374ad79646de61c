"""Ranking quality on the judged dev queries: nDCG@10 >= 0.97, literal lookups (group C) find
every relevant article in the top 100, and searchapp beats the stock jieba/Whoosh baseline
measured in the same run on the same articles."""
from __future__ import annotations

import pytest

from bench.relevance import EVAL, export_articles, load_jsonl, run_baseline, run_searchapp, score

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores(handle, shared_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("relevance")
    queries = load_jsonl(EVAL / "queries_dev.jsonl")
    articles = export_articles(handle)
    ap = out / "ARTICLES.jsonl"
    import json

    ap.write_text("".join(json.dumps({"id": a.id, "body": a.body}, ensure_ascii=False) + "\n"
                          for a in articles), "utf-8")
    ours = score(run_searchapp(handle, queries), ap, out, "searchapp",
                 EVAL / "queries_dev.jsonl", EVAL / "qrels_dev.txt")
    base = score(run_baseline(articles, queries, out), ap, out, "baseline",
                 EVAL / "queries_dev.jsonl", EVAL / "qrels_dev.txt")
    return ours, base


def test_ndcg_at_10(scores):
    ours, _ = scores
    assert ours["all"]["ndcg@10"] >= 0.97, ours


def test_literal_lookups_recall_everything(scores):
    ours, _ = scores
    assert ours["C"]["recall@100"] == 1.0, ours["C"]


def test_better_than_stock_baseline(scores):
    ours, base = scores
    assert ours["all"]["ndcg@10"] > base["all"]["ndcg@10"], (ours["all"], base["all"])
    assert ours["all"]["recall@100"] >= base["all"]["recall@100"]
    assert not ours["queries_missing_from_results"]
