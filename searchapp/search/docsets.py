"""Sets of document numbers as ascending int64 arrays: the shape matches, filters and facet
postings take in `search` (engine.scored, engine.facet_arrays, engine.date_docs give them so).

    inside(docs, allowed) -> bool mask over docs      intersect(base, *sets) -> array
    union(arrays) -> array
"""
from __future__ import annotations

import numpy as np

__all__ = ["inside", "intersect", "union"]


def inside(docs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Which of `docs` (ascending) are in `allowed` (ascending, no repeats): a boolean mask
    over `docs`, by binary search."""
    if not len(docs) or not len(allowed):
        return np.zeros(len(docs), dtype=bool)
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
    """The values of any of `arrays`, ascending int64 without repeats (sorted, then the first of
    each run kept: `np.unique` hashes in numpy 2.x, far slower)."""
    a = np.sort(np.concatenate([np.asarray(x, dtype=np.int64) for x in arrays])) if len(arrays) \
        else np.empty(0, dtype=np.int64)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]
