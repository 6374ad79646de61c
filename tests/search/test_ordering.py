"""ordering.order: every sort equals its definition over the stored articles (relevance: score
desc, then date desc with undated last, then id; newest/oldest: date, undated last, then id),
and the first `limit` items are the first `limit` of the whole ordering, with many tied scores
(the relevance selection keeps every document tied with the limit-th best)."""
from __future__ import annotations

import random

import numpy as np

from searchapp import engine
from searchapp.search import ordering


def _definition(s, docs, sort, scores):
    """The order of `sort` by Python tuple sorts over each document's stored date and id."""
    arts = {d: engine.stored_article(s, d) for d in docs}
    sc = dict(zip(docs, scores)) if scores is not None else {}
    items = sorted(docs, key=lambda d: arts[d].id)
    if sort == "oldest":
        items.sort(key=lambda d: (arts[d].date is None, arts[d].date or ""))
    else:
        items.sort(key=lambda d: arts[d].date or "", reverse=True)
    if sort == "relevance" and scores is not None:
        items.sort(key=lambda d: -sc[d])
    return items


def test_every_sort_is_its_definition_and_limits_are_prefixes(handle):
    rng = random.Random(11)
    with handle.searcher() as s:
        every = engine.live_docs(s).tolist()
        assert len(every) > 20
        for trial in range(60):
            docs = sorted(rng.sample(every, rng.randint(1, len(every))))
            # few distinct scores: long runs of ties that the limit cuts through
            scores = np.array([rng.choice([0.0, 0.5, 1.25, 2.0, 3.0]) for _ in docs])
            for sort in ("relevance", "newest", "oldest"):
                whole = ordering.order(s, np.array(docs), sort, scores)
                assert [d for d, _ in whole] == _definition(s, docs, sort, scores), (trial, sort)
                for limit in (1, 3, 10, len(docs) + 5):
                    assert ordering.order(s, np.array(docs), sort, scores, limit=limit) == \
                        whole[:limit], (trial, sort, limit)
            best = [sc for _, sc in ordering.order(s, np.array(docs), "relevance", scores)]
            assert best == sorted(best, reverse=True)
            assert all(type(x) is float for x in best)


def test_without_scores_relevance_is_newest_first(handle):
    with handle.searcher() as s:
        docs = engine.live_docs(s)
        got = ordering.order(s, docs, "relevance", None, limit=7)
        assert got == ordering.order(s, docs, "newest", None, limit=7)
        assert all(sc == 0.0 for _, sc in got)
        assert [d for d, _ in got] == _definition(s, docs.tolist(), "newest", None)[:7]


def test_tiers_then_scores_then_ranks_and_only_the_contenders_are_sorted(monkeypatch):
    """`ordering.top` with tiers (best match's coverage) is (-tier, -score, rank) over random
    ties, for every limit; and only the matches that can be among the first k are sorted: in a
    one-tier answer (a one-word query: tens of thousands of matches) those whose score reaches
    the k-th best, as without tiers."""
    rng = np.random.default_rng(3)
    sorted_sizes = []
    real = np.lexsort
    monkeypatch.setattr(np, "lexsort", lambda keys: sorted_sizes.append(len(keys[0])) or
                        real(keys))
    for trial in range(200):
        n = int(rng.integers(1, 400))
        ranks = rng.permutation(n).astype(np.int64)
        scores = rng.choice([0.0, 0.5, 1.25, 2.0, 3.0], n) + rng.choice([0.0, 1e-3], n)
        tiers = rng.choice([1.0, 0.5, 0.25] if trial % 2 else [1.0], n)
        want = sorted(range(n), key=lambda i: (-tiers[i], -scores[i], ranks[i]))
        for limit in (1, 3, 10, n, None):
            sorted_sizes.clear()
            got = ordering.top(ranks, scores, limit, tiers).tolist()
            assert got == want[:limit], (trial, limit)
            k = n if limit is None else min(limit, n)
            if trial % 2 == 0 and k < n:  # one tier: the contenders are those of the scores
                kth = np.sort(scores)[n - k]
                assert sorted_sizes == [int((scores >= kth).sum())], (trial, limit)
