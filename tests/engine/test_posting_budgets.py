"""Posting lists kept between queries (`engine.match.postings`): lists parsed from Whoosh's
blocks (short ones, costly per posting) and lists read from the posting arrays (long ones,
cheap per posting) have budgets of their own, so a query mix whose long lists outgrow theirs
does not re-parse every short list on each pass (an LRU under cyclic use keeps nothing)."""
from __future__ import annotations

import numpy as np
import pytest

from helpers import build_pfr_index
from searchapp.cache import BoundedCache
from searchapp.engine.match import arrays as A
from searchapp.engine.match import postings as P
from searchapp.index import open_index

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pfr_ix(tmp_path_factory, shared_dir):
    return build_pfr_index(tmp_path_factory.mktemp("budgets"), 300)[0]


def test_long_lists_cycling_past_their_budget_leave_the_short_lists_kept(pfr_ix, monkeypatch):
    h = open_index(pfr_ix)
    try:
        with h.searcher() as s:
            leaf = A._leaves(s)[0]
            short, long_ = [], []
            for bt, _ in zip(leaf.reader.lexicon("body"), range(3000)):
                if P._span(leaf, "body", bt) is not None:
                    long_.append(bt)
                elif (ti := P.term_info(leaf, "body", bt)) is not None and not ti.is_inlined():
                    short.append(bt)
            short, long_ = short[:40], sorted(long_, key=lambda b: -P.term_info(
                leaf, "body", b).doc_frequency())[:40]
            assert len(short) == 40 and len(long_) == 40
            want = {b: P._parse(leaf, "body", b, False)[:2] for b in short + long_}
            sizes = sum(len(want[b][0]) + 8 for b in long_)
            # the long lists hold twice their budget: cycling over them keeps none of them
            monkeypatch.setattr(P, "_postings", BoundedCache(sizes // 2))
            monkeypatch.setattr(P, "_parsed", BoundedCache(250_000), raising=False)
            parsed = []
            blocks = P._blocks
            monkeypatch.setattr(P, "_blocks", lambda lf, f, b: parsed.append(b) or blocks(lf, f, b))
            for _ in range(3):
                for b in short + long_:
                    ids, tf = P.posting_arrays(leaf, "body", b)
                    assert np.array_equal(ids, want[b][0]) and np.array_equal(tf, want[b][1])
            assert sorted(parsed) == sorted(short)  # each short list parsed once
    finally:
        h.close()
