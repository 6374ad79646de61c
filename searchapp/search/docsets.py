"""Sets of document numbers as ascending int64 arrays: the shape matches, filters and facet
postings take in `search` (engine.scored, engine.facet_arrays, engine.date_docs give them so).

    inside(docs, allowed) -> bool mask over docs      intersect(base, *sets) -> array
    union(arrays) -> array
"""
from __future__ import annotations

import numpy as np

from searchapp.sortedsets import distinct

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
    """The values of any of `arrays`, ascending int64 without repeats (`sortedsets.distinct`)."""
    if not len(arrays):
        return np.empty(0, dtype=np.int64)
    return distinct(np.concatenate([np.asarray(x, dtype=np.int64) for x in arrays]))
