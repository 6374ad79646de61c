"""Ordering a query's matches: relevance (score, then newest, then id), newest, oldest.

    order(searcher, docs, sort, scores, limit=None, tiers=None) -> list[(docnum, score)]

Ties are broken by date (newest first; undated last) then id, so pages never shift: each
document's place in "newest first" and "oldest first" order is an array over the generation
(`engine.sort_ranks`, written with the index), so ordering a query's matches is a selection
on arrays. Only the first `limit` are sorted: the `limit` best scores (all documents tied with
the last of them included) are picked out without sorting the rest (`numpy.partition`), which is
what keeps a very common word's query from touching each of its tens of thousands of matches in
Python.
"""
from __future__ import annotations

import numpy as np

from searchapp import engine

__all__ = ["order", "top"]


def top(ranks: np.ndarray, scores: np.ndarray | None, limit: int | None,
        tiers: np.ndarray | None = None) -> np.ndarray:
    """Positions (into `ranks`, the rank of each match) of the first `limit` matches (None:
    all) ordered by (-tier, -score, rank) when `scores` (aligned with `ranks`) is given (`tiers`:
    the coverage of each match, or None), else by rank. Ranks are distinct, so the order is
    total."""
    n = len(ranks)
    k = n if limit is None else max(0, min(limit, n))
    if k == 0:
        return np.empty(0, dtype=np.int64)
    if scores is None:
        if k < n:
            part = np.argpartition(ranks, k - 1)[:k]
            return part[np.argsort(ranks[part], kind="stable")]
        return np.argsort(ranks, kind="stable")
    pos = np.arange(n)
    if tiers is None:
        if k < n:
            kth = np.partition(scores, n - k)[n - k]  # the k-th best score
            pos = np.flatnonzero(scores >= kth)  # every match that can be among the first k
        return pos[np.lexsort((ranks[pos], -scores[pos]))[:k]]
    if k < n:  # tiers first: every match of the tiers above the k-th's, then in the k-th's
        kth = np.partition(tiers, n - k)[n - k]  # tier only those that can fill the rest
        above, tied = np.flatnonzero(tiers > kth), np.flatnonzero(tiers == kth)
        need = k - len(above)
        if need < len(tied):  # by score, as without tiers (one word: every match is tied)
            sc = scores[tied]
            tied = tied[sc >= np.partition(sc, len(tied) - need)[len(tied) - need]]
        pos = np.concatenate([above, tied])
    return pos[np.lexsort((ranks[pos], -scores[pos], -tiers[pos]))[:k]]


def order(searcher, docs: np.ndarray, sort: str, scores: np.ndarray | None,
          limit: int | None = None, tiers: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The first `limit` (None = all) of `docs` (docnums) as (docnum, score) in the order of
    `sort`: relevance = coverage desc (`tiers`, aligned with `docs`, when given: best match,
    `search.bestmatch`), then score desc (`scores`, aligned with `docs`), then newest;
    newest/oldest by date (undated last), ties by id. Scores are 0.0 when `scores` is None or
    the sort is by date."""
    docs = np.asarray(docs, dtype=np.int64)
    newest, oldest = engine.sort_ranks(searcher)
    ranks = (oldest if sort == "oldest" else newest)[docs]
    use = sort == "relevance" and scores is not None
    pos = top(ranks, scores if use else None, limit, tiers if use else None)
    picked = docs[pos].tolist()
    if not use:
        return [(d, 0.0) for d in picked]
    return [(d, sc if sc else 0.0) for d, sc in zip(picked, scores[pos].tolist())]
