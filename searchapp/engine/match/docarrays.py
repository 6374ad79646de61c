"""Sets of document numbers held as ascending numpy arrays (posting lists, character lists).

    member(a, b) -> bool array     which values of `a` are in `b`
    intersect(arrays) -> array     the values in every one of `arrays`, smallest first
"""
from __future__ import annotations

import numpy as np

__all__ = ["member", "intersect"]


def member(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Boolean mask over `a`: which of its values are in `b` (both ascending, no repeats), as
    `np.isin(a, b)`, by binary search (np.isin sorts both arrays again: slower on the short
    posting lists of a typical query)."""
    if not len(b) or not len(a):
        return np.zeros(len(a), dtype=bool)
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return b[at] == a


def intersect(arrays) -> np.ndarray:
    """The values present in every array of `arrays` (each ascending, no repeats), ascending,
    as int64; shortest array first, stopping when nothing is left. No arrays → empty."""
    arrays = sorted(arrays, key=len)
    if not arrays:
        return np.empty(0, dtype=np.int64)
    out = np.asarray(arrays[0], dtype=np.int64)
    for other in arrays[1:]:
        if not len(out):
            break
        out = out[member(out, other)]
    return out
