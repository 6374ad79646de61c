"""Sets of integers (document numbers, hashes) as ascending numpy arrays.

    distinct(a) -> array     the distinct values of `a`, ascending
    run_starts(a) -> mask    in a sorted array, True at the first value of each run of equals

One implementation for the indexer (near-duplicate shingles), the matcher (unions of posting
lists) and search (facet and filter sets): sort, then keep the first value of each run. This is
what `np.unique` returns, but numpy 2.x computes `np.unique` by hashing, about 4x slower on
these arrays (a few hundred shingles, posting lists of up to 100k documents).
"""
from __future__ import annotations

import numpy as np

__all__ = ["distinct", "run_starts"]


def distinct(a: np.ndarray) -> np.ndarray:
    """The distinct values of the 1-d array `a`, ascending, in `a`'s dtype (a new array, or
    `a` sorted when it has fewer than two values)."""
    a = np.sort(a)
    return a[run_starts(a)] if len(a) > 1 else a


def run_starts(a: np.ndarray) -> np.ndarray:
    """Bool mask [len(a)] over the sorted 1-d array `a`: True where a value differs from the
    one before it (always at 0), i.e. the first of each run of equal values."""
    new = np.empty(len(a), dtype=bool)
    if len(a):
        new[0] = True
        np.not_equal(a[1:], a[:-1], out=new[1:])
    return new
