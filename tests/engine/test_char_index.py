"""The character index that narrows the literal scan (searchapp/char_index.py): its candidates
are exactly the documents holding every character of a needle, and a literal lookup through it
gives the same documents as the full scan, on generated texts and on the bundled corpus."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.engine.match import char_index
from searchapp.engine.match.literal import LiteralQuery, segment_texts

_ALPHABET = st.sampled_from(list("中国人民经济发展ab1Z改革") + ["\U00020000", "é"])


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return "\x00".join(texts), starts


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(_ALPHABET, max_size=30), max_size=12),
       needle=st.text(_ALPHABET, min_size=1, max_size=4), chunk=st.integers(1, 40),
       step=st.integers(1, 9))
def test_candidates_hold_every_character(texts, needle, chunk, step):
    big, starts = _joined(texts)
    old = char_index.CHUNK_CHARS, char_index._STEP
    # documents split over many chunks, and pairs read in many steps, give the same index
    char_index.CHUNK_CHARS, char_index._STEP = chunk, step
    try:
        ix = char_index.CharIndex(big, starts)
    finally:
        char_index.CHUNK_CHARS, char_index._STEP = old
    want = [d for d, t in enumerate(texts) if set(needle) <= set(t)]
    assert ix.candidates(needle).tolist() == want
    assert len(ix) == sum(len(set(t)) for t in texts) + (len(texts) - 1 if texts else 0)


def test_literal_lookup_same_with_and_without_index(handle, monkeypatch):
    """Every needle cut from the corpus: the indexed lookup (built at the first scan here) finds
    the same documents as the full scan."""
    with handle.searcher() as s:
        readers = [sub.reader() for sub, _ in s.leaf_searchers()]
        texts = [segment_texts(r) for r in readers]
        rng = random.Random(5)
        needles = []
        for big, _ in texts:
            for _ in range(150):
                i = rng.randrange(max(1, len(big) - 8))
                n = big[i:i + rng.randint(1, 6)].split("\x00")[0]
                if n:
                    needles.append(n)
        needles += ["不存在的字符串组合", "a", "5G"]

        monkeypatch.setattr(char_index, "BUILD_AFTER", 10**9)
        full = {(k, n): LiteralQuery(n)._scan(r) for k, r in enumerate(readers) for n in needles}
        monkeypatch.setattr(char_index, "BUILD_AFTER", 1)
        indexed = {(k, n): LiteralQuery(n)._scan(r) for k, r in enumerate(readers) for n in needles}
        from searchapp.engine.match.keys import segment_key

        assert all(char_index._built.get(segment_key(r)) is not None for r in readers)
    assert indexed == full
    assert sum(1 for v in full.values() if v) > 100  # the needles really occur
