"""ordering.order: the first `limit` items are the first `limit` of the whole ordering, for every
sort, with many tied scores (the relevance shortcut reads tie-breaks only for the documents
that can reach the first `limit`), with and without the shared ranks."""
from __future__ import annotations

import random

import pytest

from searchapp import engine
from searchapp.search import ordering


@pytest.mark.parametrize("with_ranks", [False, True])
def test_limit_is_a_prefix_of_the_whole_order(handle, with_ranks, monkeypatch):
    rng = random.Random(11)
    if not with_ranks:  # stay on the direct path (it would switch to ranks once paid off)
        monkeypatch.setattr(ordering, "_paid_off", lambda searcher, n: False)
    with handle.searcher() as s:
        every = sorted(engine.live_docs(s))
        assert len(every) > 20
        if with_ranks:
            ordering._ranks(s, build=True)
        else:
            s.__dict__.pop("_searchapp_ranks", None)
            ordering._RANKS.clear()
        for trial in range(60):
            docs = set(rng.sample(every, rng.randint(1, len(every))))
            # few distinct scores: long runs of ties that the limit cuts through
            scores = {d: float(rng.choice([0.5, 1.25, 2.0, 3.0])) for d in docs
                      if rng.random() < 0.9}
            for sort in ("relevance", "newest", "oldest"):
                whole = ordering.order(s, docs, sort, scores)
                assert sorted(d for d, _ in whole) == sorted(docs)
                for limit in (1, 3, 10, len(docs) + 5):
                    assert ordering.order(s, docs, sort, scores, limit=limit) == whole[:limit], \
                        (trial, sort, limit)
            best = [sc for _, sc in ordering.order(s, docs, "relevance", scores)]
            assert best == sorted(best, reverse=True)


def test_ranks_are_built_once_direct_reads_add_up_to_the_index(handle):
    """Ski-rental: direct ordering is used until its date/id reads reach the document count;
    then the shared ranks are built and the same order comes from them."""
    with handle.searcher() as s:
        s.__dict__.pop("_searchapp_ranks", None)
        ordering._RANKS.clear()
        ordering._READS.clear()
        every = sorted(engine.live_docs(s))
        few = set(every[:5])
        scores = {d: 1.0 for d in few}
        first = ordering.order(s, few, "relevance", scores, limit=3)
        assert ordering._ranks(s, build=False) is None  # 5 reads: not paid off yet
        for _ in range(len(every) // 5 + 1):
            again = ordering.order(s, few, "relevance", scores, limit=3)
            assert again == first
        assert ordering._ranks(s, build=False) is not None
