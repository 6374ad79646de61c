"""Docnum sets of search (`search.docsets`): unions and positions, dense or sparse, are those
of their definitions (np.unique, binary search)."""
from __future__ import annotations

import numpy as np
import pytest

from searchapp.search import docsets as D


def _sets(rng, top: int, sizes):
    return [np.sort(rng.choice(top, size, replace=False)).astype(np.int64) for size in sizes]


@pytest.mark.parametrize("seed", range(6))
def test_union_is_the_distinct_values_and_sorts_only_sparse_sets(seed, monkeypatch):
    """The union is np.unique of the values; posting-sized sets (a very common word's evidence
    kinds: sorting 100k docnums per union was a third of such a query's time) are taken over a
    mask, without sorting."""
    sorts = []
    monkeypatch.setattr(D, "distinct", lambda a: sorts.append(len(a)) or np.unique(a))
    rng = np.random.default_rng(seed)
    top = int(rng.integers(1000, 200_000))
    for sizes, dense in (([top // 2, top // 3], True), ([5, 7, 1], False), ([0, 3], False),
                         ([top // 16 + 1], True)):
        arrays = _sets(rng, top, sizes)
        arrays.append(rng.permutation(arrays[0]))  # any order, repeats
        sorts.clear()
        got = D.union(arrays)
        assert got.dtype == np.int64
        assert got.tolist() == np.unique(np.concatenate(arrays)).tolist()
        assert bool(sorts) != dense, (sizes, sorts)
    assert D.union([]).tolist() == []
    assert D.union([np.array([-3, 5, -3]), np.array([2])]).tolist() == [-3, 2, 5]


@pytest.mark.parametrize("seed", range(6))
def test_places_are_those_of_binary_search(seed):
    rng = np.random.default_rng(seed)
    top = int(rng.integers(1, 100_000))
    for n in (top, top // 2, top // 40 + 1, 1):
        docs = _sets(rng, top, [min(n, top)])[0]
        at = D.places(docs).at
        for m in (top, top // 3, 5, 0):
            sub = _sets(rng, top + 50, [min(m, top + 50)])[0]
            mask = D.inside(sub, docs)
            pos, got = at(sub)
            assert got.tolist() == mask.tolist()
            assert pos.tolist() == np.searchsorted(docs, sub[mask]).tolist()
    empty = D.places(np.empty(0, dtype=np.int64)).at(np.arange(4))
    assert empty[0].tolist() == [] and empty[1].tolist() == [False] * 4
