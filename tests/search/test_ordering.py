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
