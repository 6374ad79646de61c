"""The four lexical baselines searchapp's ranking is compared with, on the same articles and
queries in the same run (issue 14):

  stock_and     Whoosh with jieba's stock `jieba.analyse.ChineseAnalyzer` on title + body and
                Whoosh's default `MultifieldParser(["title", "body"])` (every word must match)
  stock_or      the same index, the parser with `group=OrGroup` (any word may match)
  bm25_jieba    Okapi BM25 over jieba precise-mode tokens of title + body (OR semantics)
  bm25_bigram   Okapi BM25 over overlapping character bigrams of title + body (OR semantics)

The two BM25 baselines normalise text the way any search engine would (Unicode NFKC, so
full-width `ＷＴＯ` = `WTO`, and case folding) and drop whitespace and punctuation tokens. BM25 is
Robertson & Zaragoza (2009), "The Probabilistic Relevance Framework: BM25 and Beyond", with
k1 = 1.2, b = 0.75 and Lucene's non-negative idf ln(1 + (N - df + 0.5) / (df + 0.5)); a query
token repeated in the query counts once per occurrence (as in Lucene's BooleanQuery of SHOULD
clauses). Ties go by article order (stable).

    run_all(articles, queries, tmp_dir, limit=100) -> {name: [{"id": qid, "hits": [{"id"}]}]}

`articles`: iterable of dicts with `id`, `title`, `body`; `queries`: dicts with `qid`, `query`.
"""
from __future__ import annotations

import logging
import math
import re
import unicodedata
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

__all__ = ["NAMES", "run_all", "BM25", "jieba_tokens", "bigram_tokens"]

NAMES = ("stock_and", "stock_or", "bm25_jieba", "bm25_bigram")

K1 = 1.2
B = 0.75


def _jieba():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        jieba.setLogLevel(logging.WARNING)
    return jieba


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").casefold()


def jieba_tokens(text: str) -> list[str]:
    """jieba precise-mode (HMM on, jieba's defaults) tokens of NFKC-casefolded `text`, without
    whitespace/punctuation tokens."""
    return [t for t in _jieba().cut(_norm(text)) if any(c.isalnum() for c in t)]


_RUN = re.compile(r"[^\W_]+")


def bigram_tokens(text: str) -> list[str]:
    """Overlapping character bigrams of each run of letters/digits/ideographs of the
    NFKC-casefolded `text` (a run of one character is its own unigram)."""
    out: list[str] = []
    for m in _RUN.finditer(_norm(text)):
        r = m.group(0)
        if len(r) == 1:
            out.append(r)
        else:
            out.extend(r[i:i + 2] for i in range(len(r) - 1))
    return out


class BM25:
    """Okapi BM25 over tokenised documents (see the module docstring for the formula).

    `BM25(docs_tokens)`: list of token lists. `search(query_tokens, limit)` -> list of document
    positions, best first, only documents sharing at least one token with the query."""

    def __init__(self, docs_tokens: list[list[str]]):
        self.n = len(docs_tokens)
        self.lengths = np.array([len(d) for d in docs_tokens], dtype=np.float64)
        self.avgdl = float(self.lengths.mean()) if self.n else 0.0
        post: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, d in enumerate(docs_tokens):
            for t, tf in Counter(d).items():
                post[t].append((i, tf))
        self.postings = {t: (np.array([p[0] for p in ps], dtype=np.int64),
                             np.array([p[1] for p in ps], dtype=np.float64))
                         for t, ps in post.items()}

    def idf(self, term: str) -> float:
        df = len(self.postings[term][0]) if term in self.postings else 0
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def search(self, query_tokens: list[str], limit: int = 100) -> list[int]:
        scores = np.zeros(self.n)
        hit = np.zeros(self.n, dtype=bool)
        norm = K1 * (1 - B + B * self.lengths / (self.avgdl or 1.0))
        for t in query_tokens:
            if t not in self.postings:
                continue
            docs, tf = self.postings[t]
            scores[docs] += self.idf(t) * tf * (K1 + 1) / (tf + norm[docs])
            hit[docs] = True
        cand = np.flatnonzero(hit)
        order = cand[np.lexsort((cand, -scores[cand]))]  # score desc, then article order
        return order[:limit].tolist()


def _bm25_run(articles: list[dict], queries: list[dict], tok: Callable[[str], list[str]],
              limit: int) -> list[dict]:
    ix = BM25([tok(a["title"] + "\n" + a["body"]) for a in articles])
    return [{"id": q["qid"], "hits": [{"id": articles[i]["id"]}
                                      for i in ix.search(tok(q["query"]), limit)]}
            for q in queries]


def _stock_runs(articles: list[dict], queries: list[dict], tmp: Path, limit: int) -> dict:
    _jieba()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from jieba.analyse import ChineseAnalyzer
    from whoosh import fields, index
    from whoosh.qparser import MultifieldParser, OrGroup

    an = ChineseAnalyzer()
    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(analyzer=an, stored=True),
                           body=fields.TEXT(analyzer=an, stored=True))
    d = tmp / "stock"
    d.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(d), schema)
    w = ix.writer()
    for a in articles:
        w.add_document(id=a["id"], title=a["title"] or "", body=a["body"] or "")
    w.commit()
    out = {}
    with ix.searcher() as s:
        for name, kw in (("stock_and", {}), ("stock_or", {"group": OrGroup})):
            parser = MultifieldParser(["title", "body"], schema=ix.schema, **kw)
            out[name] = [{"id": q["qid"], "hits": [{"id": h["id"]} for h in
                                                   s.search(parser.parse(q["query"]), limit=limit)]}
                         for q in queries]
    ix.close()
    return out


def run_all(articles: Iterable[dict], queries: list[dict], tmp: Path, limit: int = 100,
            names: Iterable[str] = NAMES) -> dict[str, list[dict]]:
    """Results of each baseline in `names` (default all four) as score_*.py reads them:
    {name: [{"id": qid, "hits": [{"id": article id}, ...]}]}, at most `limit` hits per query.
    `tmp`: a folder for the stock Whoosh index (created)."""
    arts = [{"id": a["id"], "title": a.get("title") or "", "body": a.get("body") or ""}
            for a in articles]
    names = tuple(names)
    out: dict[str, list[dict]] = {}
    if {"stock_and", "stock_or"} & set(names):
        out.update({k: v for k, v in _stock_runs(arts, queries, Path(tmp), limit).items()
                    if k in names})
    if "bm25_jieba" in names:
        out["bm25_jieba"] = _bm25_run(arts, queries, jieba_tokens, limit)
    if "bm25_bigram" in names:
        out["bm25_bigram"] = _bm25_run(arts, queries, bigram_tokens, limit)
    return {k: out[k] for k in names}
