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


def _arrays(rng, n: int) -> C.WordArrays:
    def vals():  # evidence-like values with ties and zeros
        return rng.choice([0.0, 0.25, 0.5, 0.6, 0.75, 1.0], size=n)
    return C.WordArrays(vals(), vals(), vals(), rng.random(n) * 10, rng.random(n) < 0.7)


def _same(a: C.WordArrays, b: C.WordArrays) -> bool:
    return all(getattr(a, f).tobytes() == getattr(b, f).tobytes()
               for f in ("best", "touch", "reach", "score", "missing"))


@pytest.mark.parametrize("seed", range(40))
def test_over_masks_equals_the_definition_at_every_density(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    k = int(rng.integers(0, n + 1)) if seed % 4 else n  # every candidate, or any share
    pos = rng.choice(n, k, replace=False)  # distinct, in any order
    x = rng.random(k) * rng.choice([0.0, 1.0, 30.0])
    ev, tier = float(rng.choice([0.25, 0.6, 0.75, 1.0])), float(rng.choice([0.5, 1.0]))
    whole = bool(rng.integers(0, 2))
    ref = _arrays(np.random.default_rng(seed + 1000), n)
    got = _arrays(np.random.default_rng(seed + 1000), n)
    C._sparse(ref, pos, x, ev, tier, whole)
    before = C.dense_adds()
    C.add_kind(got, pos, x, ev, tier, whole)
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
    n = int(rng.integers(1, 3000))
    kinds = []
    for _ in range(3):
        k = int(rng.integers(0, n + 1))
        x = rng.random(k) * rng.choice([1.0, 30.0])
        x[rng.random(k) < 0.1] = rng.choice([0.0, -0.0])
        kinds.append((rng.choice(n, k, replace=False), x,
                      float(rng.choice([0.25, 0.6, 0.75, 1.0])), float(rng.choice([0.5, 1.0])),
                      bool(rng.integers(0, 2))))
    ref = C.WordArrays(np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n), np.ones(n, bool))
    got = C.WordArrays.zeros(n, np.ones(n, bool))
    assert got.fresh and not ref.fresh
    for pos, x, ev, tier, whole in kinds:
        C._sparse(ref, pos, x, ev, tier, whole)
        C.add_kind(got, pos, x, ev, tier, whole)
        assert not got.fresh
        assert _same(got, ref)


class _Pieces:
    """What `bestmatch._add_pieces` reads of a word: its parts' (docs, scores)."""

    def __init__(self, pieces):
        self.pieces = pieces


def _pieces_by_masks(wa: C.WordArrays, pieces: dict, cand, n: int) -> None:
    """The parts' definition over every candidate (four np.where over the word's arrays)."""
    at = BM.places(cand).at
    pw = {p: BM._idf(len(d), n) for p, (d, _) in pieces.items() if len(d)}
    total = sum(pw.values()) or 1.0
    share, pscore = np.zeros(len(cand)), np.zeros(len(cand))
    for p, (d, x) in pieces.items():
        if p in pw:
            pos, m = at(d)
            share[pos] += pw[p] / total
            pscore[pos] += x[m]
    share = np.minimum(share, 1.0)
    only = wa.missing
    part = BM.PIECES_EVIDENCE * np.minimum(1.0, share / BM.MOST)
    wa.best = np.where(only, np.maximum(wa.best, part), wa.best)
    wa.touch = np.where(only, np.maximum(wa.touch, np.minimum(1.0, share / BM.MOST)), wa.touch)
    wa.reach = np.where(only, np.maximum(wa.reach, share), wa.reach)
    wa.score = np.where(only, wa.score + pscore, wa.score)


@pytest.mark.parametrize("seed", range(30))
def test_parts_added_where_they_are_equal_the_definition_over_every_candidate(seed):
    """A word's parts (`bestmatch._add_pieces`) change only the candidates holding a part and
    lacking the word: bit for bit the arrays the definition over every candidate gives."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(50, 5000))
    cand = np.sort(rng.choice(n, int(rng.integers(1, n)), replace=False)).astype(np.int64)
    pieces = {}
    for p in range(int(rng.integers(1, 4))):
        k = int(rng.integers(0, len(cand) + 1)) if p or seed % 3 else 0  # a part found nowhere
        d = np.sort(rng.choice(cand, k, replace=False))
        if seed % 2 and k:  # a part's documents outside the candidates too
            d = np.union1d(d, rng.choice(n, 3)).astype(np.int64)
        pieces[f"p{p}"] = (d, rng.random(len(d)) * rng.choice([1.0, 20.0]))
    ref, got = (_arrays(np.random.default_rng(seed + 500), len(cand)) for _ in range(2))
    _pieces_by_masks(ref, pieces, cand, n)
    BM._add_pieces(got, _Pieces(pieces), BM.places(cand).at, n)
    assert _same(got, ref)
