"""Sets of document numbers as ascending int64 arrays: the shape matches, filters and facet
postings take in `search` (engine.scored, engine.facet_arrays, engine.date_docs give them so).

    inside(docs, allowed) -> bool mask over docs      intersect(base, *sets) -> array
    union(arrays) -> array                                places(docs).at(sub) -> (positions, mask)
"""
from __future__ import annotations

import numpy as np

from searchapp.sortedsets import distinct

__all__ = ["inside", "intersect", "union", "places", "Places"]

#: A union whose arrays hold at least 1/DENSE_SHARE as many values as its largest value is
#: taken over a boolean mask of 0..largest (one pass, no sort: a very common word's evidence
#: kinds hold tens of thousands of documents each); a sparser one by sorting. `inside` and
#: `Places` take the same rule for their masks.
DENSE_SHARE = 16
#: `inside` calls answered over a mask (tests: the mechanism is used).
_dense_inside = [0]


def inside(docs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Which of `docs` (ascending) are in `allowed` (ascending, no repeats): a boolean mask
    over `docs`. By a mask of 0..largest of `allowed` when `docs` are many against that range
    (`DENSE_SHARE`: a very common word's tens of thousands of matches against the listed or
    filtered articles, one gather instead of a binary search each) and every value is
    non-negative; else by binary search."""
    docs = np.asarray(docs)
    if not len(docs) or not len(allowed):
        return np.zeros(len(docs), dtype=bool)
    top = int(allowed[-1])
    if len(docs) * DENSE_SHARE > top and int(allowed[0]) >= 0 and int(docs.min()) >= 0:
        _dense_inside[0] += 1
        seen = np.zeros(top + 1, dtype=bool)
        seen[allowed] = True
        if int(docs.max()) <= top:
            return seen[docs]
        out = np.zeros(len(docs), dtype=bool)
        near = docs <= top
        out[near] = seen[docs[near]]
        return out
    at = np.searchsorted(allowed, docs)
    at[at == len(allowed)] = 0
    return allowed[at] == docs


def intersect(base, *sets) -> np.ndarray:
    """`base` ∩ every set that is not None (all ascending), ascending int64."""
    out = np.asarray(base, dtype=np.int64)
    for s in sets:
        if s is not None:
            out = out[inside(out, s)]
    return out




def union(arrays) -> np.ndarray:
    """The values of any of `arrays` (each 1-d, any order, repeats allowed), ascending int64
    without repeats: over a mask of 0..largest when the values are non-negative and dense
    (`DENSE_SHARE`), else by sorting (`sortedsets.distinct`). Always a new array."""
    if not len(arrays):
        return np.empty(0, dtype=np.int64)
    arrays = [np.asarray(x, dtype=np.int64) for x in arrays]
    total = sum(len(a) for a in arrays)
    if total:
        full = [a for a in arrays if len(a)]
        top = max(int(a.max()) for a in full)
        if total * DENSE_SHARE > top and min(int(a.min()) for a in full) >= 0:
            seen = np.zeros(top + 1, dtype=bool)
            for a in full:
                seen[a] = True
            return np.flatnonzero(seen).astype(np.int64, copy=False)
    return distinct(np.concatenate(arrays))


#: `Places.at` calls answered with one gather (every member of sub inside 0..largest): tests.
_fast = [0]


class Places:
    """Where members of other docnum sets lie in `docs` (ascending, no repeats, non-negative):
    `at(sub) -> (positions in docs of the members of sub, bool mask over sub of the members)`,
    `sub` ascending without repeats. A dense `docs` (`DENSE_SHARE`) answers from an int64 array
    over 0..largest built once (8 bytes per docnum): one gather per call when every member of
    `sub` lies in 0..largest (a subset of `docs` always does), else the members in range first;
    a sparse one by binary search (`inside`)."""

    __slots__ = ("docs", "_pos")

    def __init__(self, docs: np.ndarray):
        self.docs = docs
        self._pos = None
        if len(docs) and len(docs) * DENSE_SHARE > int(docs[-1]) and int(docs[0]) >= 0:
            self._pos = np.full(int(docs[-1]) + 1, -1, dtype=np.int64)
            self._pos[docs] = np.arange(len(docs), dtype=np.int64)

    def at(self, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self._pos is None:
            mask = inside(sub, self.docs)
            return np.searchsorted(self.docs, sub[mask]), mask
        if len(sub) and sub.min() >= 0 and sub.max() < len(self._pos):  # one gather
            _fast[0] += 1
            got = self._pos[sub]
            mask = got >= 0
            return (got, mask) if mask.all() else (got[mask], mask)
        got = np.full(len(sub), -1, dtype=np.int64)
        near = (sub >= 0) & (sub < len(self._pos))
        got[near] = self._pos[sub[near]]
        mask = got >= 0
        return got[mask], mask


def places(docs: np.ndarray) -> Places:
    """`Places` of `docs` (ascending int64 docnums without repeats)."""
    return Places(docs)
