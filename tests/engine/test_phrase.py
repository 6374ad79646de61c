"""A phrase is checked on position tables gathered from the posting arrays (`match/phrase.py`)
with exactly the documents Whoosh's own phrase matcher finds, and the stored positions gathered
for many postings at once are each posting's own."""
from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as Q

from helpers import build_pfr_index
from searchapp import engine
from searchapp.analysis import word_tokens
from searchapp.engine.match import phrase
from searchapp.engine.store import postarrays
from searchapp.index import open_index

pytestmark = pytest.mark.slow

#: Low enough that the small corpus has long lists (stored positions) of many words.
MIN_DOCS = 8


@pytest.fixture(scope="module")
def index(tmp_path_factory, shared_dir):
    """300 real People's Daily articles (two writers: two segments), and their titles."""
    ix, arts = build_pfr_index(tmp_path_factory.mktemp("phrase"), 300, min_docs=MIN_DOCS)
    return ix, [a["title"] for a in arts]


def _phrases(titles: list[str]) -> list[list[str]]:
    """Runs of 2-4 consecutive words of real titles, and the same words out of order (which
    mostly do not match)."""
    out = []
    for t in titles:
        toks = word_tokens(t)
        for n in (2, 3, 4):
            for i in range(0, max(0, len(toks) - n + 1), 3):
                run = toks[i:i + n]
                out += [run, run[::-1]]
    return out


def test_array_check_finds_what_whoosh_finds(index, monkeypatch):
    ix, titles = index
    phrases = _phrases(titles)
    assert len(phrases) > 300
    monkeypatch.setattr(phrase, "ARRAY_MIN", 0)  # every phrase on position tables
    before = engine.match_counts().get("posting_arrays", 0)
    found = 0
    with open_index(ix) as h, h.searcher() as s:
        ref = h._ix.searcher("whoosh")
        try:
            for words in phrases:
                for field in ("title", "body"):
                    q = Q.Phrase(field, words)
                    got = engine.matching_set(s, q)
                    assert got == engine.matching_set(ref, q), (field, words)
                    found += bool(got)
        finally:
            ref.close()
    assert found > 200  # most runs are phrases of the texts
    assert engine.match_counts().get("posting_arrays", 0) > before  # stored positions read


def test_sets_and_tables_agree_at_every_size(index, monkeypatch):
    ix, titles = index
    phrases = _phrases(titles)[:400]
    with open_index(ix) as h, h.searcher() as s:
        for field in ("title", "body"):
            got = {}
            for limit in (0, 10**9):  # tables always, sets always
                monkeypatch.setattr(phrase, "ARRAY_MIN", limit)
                got[limit] = [engine.matching_set(s, Q.Phrase(field, w)) for w in phrases]
            assert got[0] == got[10**9]


def test_gathered_positions_are_each_postings_own(index):
    ix, _ = index
    with open_index(ix) as h, h.searcher() as s:
        leaves = s.reader().leaf_readers()
        checked = 0
        for reader, _ in leaves:
            pa = postarrays.load(reader, engine.generation_folder(s))
            assert pa is not None
            for row in range(len(pa.keys)):
                vals = pa.values(row)
                if vals is None or not vals.kind:
                    continue
                n = len(vals)
                idx = np.arange(0, n, 2)  # every other posting
                owner, pos = phrase.gather(vals, idx)
                want = [vals.positions(int(i), None) for i in idx]
                assert owner.tolist() == [k for k, p in enumerate(want) for _ in p]
                assert pos.tolist() == [x for p in want for x in p]
                checked += 1
        assert checked > 100
        with pytest.raises(IndexError):
            phrase.gather(vals, np.array([len(vals)]))


def test_phrase_keys_are_the_distinct_sorted_keys_and_a_sorted_table_is_not_sorted_again():
    """`phrase._keys` equals the definition (`sortedsets.distinct` of owner << 32 | start) for
    tables in any order, with repeats or not; an ascending one (what `gather` gives) is taken
    as built."""
    from searchapp.sortedsets import distinct

    rng = np.random.default_rng(19)
    for n in (0, 1, 2, 5, 100, 3000):
        owner = np.sort(rng.integers(0, max(1, n // 3), n)).astype(np.int64)
        start = rng.integers(0, 50, n).astype(np.int64)
        for o, st in ((owner, start), (owner[::-1].copy(), start)):
            want = distinct((o << 32) | st)
            got = phrase._keys(o, st)
            assert got.dtype == np.int64 and got.tolist() == want.tolist()
        # ascending positions within each owner: the table as gathered
        k = distinct((owner << 32) | start)
        before = phrase._presorted[0]
        got = phrase._keys(k >> 32, k & 0xFFFFFFFF)
        assert got.tolist() == k.tolist() and phrase._presorted[0] == before + 1


def test_later_words_are_gathered_only_for_the_candidates_left(index, monkeypatch):
    """The rarest word of a phrase goes first and the others' positions are gathered only for
    the candidates a start is left for: Whoosh's answer for every phrase, and the narrowing is
    what runs."""
    ix, titles = index
    phrases = [w for w in _phrases(titles) if len(w) >= 3][:200]
    monkeypatch.setattr(phrase, "ARRAY_MIN", 0)
    before = phrase._narrowed[0]
    with open_index(ix) as h, h.searcher() as s:
        ref = h._ix.searcher("whoosh")
        try:
            for words in phrases:
                q = Q.Phrase("body", words)
                assert engine.matching_set(s, q) == engine.matching_set(ref, q), words
        finally:
            ref.close()
    assert phrase._narrowed[0] > before
