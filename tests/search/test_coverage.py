"""Adding an evidence kind over boolean masks (`search.coverage.add_kind`, a kind holding a good
share of the candidates) gives the same arrays bit for bit as the definition by fancy indexing
(`_sparse`), over random cases of every density and over best match's answers to real queries,
and it is what a very common word's query uses."""
from __future__ import annotations

import numpy as np
import pytest

from searchapp.query.parser import parse
from searchapp.search import bestmatch as BM
from searchapp.search import coverage as C


def _arrays(rng, n: int, words: int) -> C.WordArrays:
    def vals():  # evidence-like values with ties and zeros
        return rng.choice([0.0, 0.25, 0.5, 0.6, 0.75, 1.0], size=n)
    return C.WordArrays(vals(), vals(), vals(), rng.random(n) * 10,
                        rng.random((n, words)) < 0.7)


def _same(a: C.WordArrays, b: C.WordArrays) -> bool:
    return all(getattr(a, f).tobytes() == getattr(b, f).tobytes()
               for f in ("best", "touch", "reach", "score", "missing"))


@pytest.mark.parametrize("seed", range(40))
def test_over_masks_equals_the_definition_at_every_density(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    words = int(rng.integers(1, 4))
    k = int(rng.integers(0, n + 1)) if seed % 4 else n  # every candidate, or any share
    pos = rng.choice(n, k, replace=False)  # distinct, in any order
    x = rng.random(k) * rng.choice([0.0, 1.0, 30.0])
    ev, tier = float(rng.choice([0.25, 0.6, 0.75, 1.0])), float(rng.choice([0.5, 1.0]))
    whole, j = bool(rng.integers(0, 2)), int(rng.integers(0, words))
    ref = _arrays(np.random.default_rng(seed + 1000), n, words)
    got = _arrays(np.random.default_rng(seed + 1000), n, words)
    C._sparse(ref, pos, x, ev, tier, whole, j)
    before = C.dense_adds()
    C.add_kind(got, pos, x, ev, tier, whole, j)
    assert _same(got, ref)
    dense = k > 0 and k * C.DENSE_SHARE >= n
    assert C.dense_adds() - before == int(dense)


QUERIES = ["中国", "的", "在", "经济 发展", "人民", "记者 报道", "北京 上海", "手机", "网络安全",
           "5G", "人工智能 OR 区块链", "三峡工程", "发展 -经济", "中国 title:经济", "改革开放 二十年"]


def test_best_match_over_masks_equals_the_definition(handle, monkeypatch):
    """Best match with every kind added over masks (DENSE_SHARE huge), none (0 would divide
    nothing: a share no kind reaches) and the default: the same hits, scores, tiers and
    missing words, bit for bit, for real queries; the common words use the masks."""
    results = {}
    for label, share in (("masks", 10**9), ("indexing", 0), ("default", C.DENSE_SHARE)):
        monkeypatch.setattr(C, "DENSE_SHARE", share)
        out = []
        with handle.searcher() as s:
            for q in QUERIES:
                m = BM.best_match(s, parse(q), None, True)
                out.append((m.docs.tobytes(), None if m.scores is None else m.scores.tobytes(),
                            None if m.coverage is None else m.coverage.tobytes(),
                            None if m.missing is None else m.missing.tobytes(), m.level))
        results[label] = out
    assert results["masks"] == results["indexing"] == results["default"]
    assert sum(len(r[0]) for r in results["masks"]) > 100  # real matches compared
    before = C.dense_adds()
    with handle.searcher() as s:
        BM.best_match(s, parse("的"), None, True)
    assert C.dense_adds() > before


@pytest.mark.parametrize("seed", range(20))
def test_the_first_kind_into_fresh_arrays_equals_the_definition(seed):
    """A word's first kind is written into its fresh arrays (`_first`), the later ones added:
    bit for bit what `_sparse` gives from the same zeros, scores of 0.0 and -0.0 included."""
    rng = np.random.default_rng(seed)
    n, words = int(rng.integers(1, 3000)), int(rng.integers(1, 4))
    j = int(rng.integers(0, words))
    kinds = []
    for _ in range(3):
        k = int(rng.integers(0, n + 1))
        x = rng.random(k) * rng.choice([1.0, 30.0])
        x[rng.random(k) < 0.1] = rng.choice([0.0, -0.0])
        kinds.append((rng.choice(n, k, replace=False), x,
                      float(rng.choice([0.25, 0.6, 0.75, 1.0])), float(rng.choice([0.5, 1.0])),
                      bool(rng.integers(0, 2))))
    base = rng.random((n, words)) < 0.5
    base[:, j] = True
    ref = C.WordArrays(np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n), base.copy())
    got = C.WordArrays.zeros(n, base.copy())
    assert got.fresh and not ref.fresh
    for pos, x, ev, tier, whole in kinds:
        C._sparse(ref, pos, x, ev, tier, whole, j)
        C.add_kind(got, pos, x, ev, tier, whole, j)
        assert not got.fresh
        assert _same(got, ref)
