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


def test_places_of_a_subset_take_one_gather_and_equal_the_binary_search_definition():
    """`Places.at` over a dense `docs`: for subsets (every member in 0..largest: the one-gather
    path) and for sets reaching past either end, the positions and mask of the definition
    (membership by binary search, positions by searchsorted), over random cases."""
    import numpy as np

    from searchapp.search import docsets as D

    rng = np.random.default_rng(7)
    fast = 0
    for case in range(300):
        top = int(rng.integers(1, 5000))
        docs = np.sort(rng.choice(top + 1, int(rng.integers(1, top + 2)), replace=False))
        docs = docs.astype(np.int64)
        if len(docs) * D.DENSE_SHARE <= int(docs[-1]):
            continue  # sparse: binary search, unchanged
        kind = case % 3
        if kind == 0:  # a subset of docs
            sub = np.sort(rng.choice(docs, int(rng.integers(0, len(docs) + 1)), replace=False))
        elif kind == 1:  # any values inside 0..largest
            sub = np.sort(rng.choice(int(docs[-1]) + 1, min(int(docs[-1]) + 1, int(rng.integers(0, 50))),
                                     replace=False))
        else:  # reaching past both ends
            sub = np.sort(rng.choice(np.arange(-20, int(docs[-1]) + 40), 30, replace=False))
        sub = sub.astype(np.int64)
        mask = D.inside(sub, docs)
        before = D._fast[0]
        pos, got_mask = D.places(docs).at(sub)
        assert np.array_equal(got_mask, mask)
        assert np.array_equal(pos, np.searchsorted(docs, sub[mask]))
        fast += D._fast[0] - before
        if kind == 0 and len(sub):
            assert D._fast[0] - before == 1  # a subset: the one-gather path
    assert fast > 100


@pytest.mark.parametrize("seed", range(12))
def test_inside_over_a_mask_is_the_binary_search(seed):
    """`inside` of many docs against a dense set (a common word's matches against the listed
    articles) takes a mask, and gives the definition's answer (binary search, `np.isin`) at
    every density, with docs past the set's largest value too."""
    rng = np.random.default_rng(seed)
    top = int(rng.integers(10, 200_000))
    for share_docs, share_allowed in ((0.5, 0.9), (0.9, 0.01), (0.001, 0.5), (0.2, 0.2)):
        docs, allowed = _sets(rng, top, [max(1, int(top * share_docs)),
                                         max(1, int(top * share_allowed))])
        if seed % 2:  # docs reaching past the set's largest value
            allowed = allowed[allowed < top // 2]
        before = D._dense_inside[0]
        got = D.inside(docs, allowed)
        assert got.dtype == bool and got.tolist() == np.isin(docs, allowed).tolist()
        dense = len(allowed) > 0 and len(docs) * D.DENSE_SHARE > int(allowed[-1])
        assert D._dense_inside[0] - before == int(dense)
    assert D.inside(np.array([], dtype=np.int64), np.array([1, 2])).tolist() == []
    assert D.inside(np.array([1, 2]), np.array([], dtype=np.int64)).tolist() == [False, False]
