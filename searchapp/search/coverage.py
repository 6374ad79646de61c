"""One evidence kind of a query word added to that word's arrays over the candidates (best match,
`search.bestmatch`).

    add_kind(arrays: WordArrays, pos, x, evidence, tier, whole)

`pos`: the positions in the candidates of the kind's documents (distinct, any order); `x`: their
scores, aligned with `pos`. Adding a kind means, at each of those positions: best evidence and
tier raised to the kind's (`np.maximum`), reached, the word not missing when the kind proves it
whole, the kind's score added. The first kind added to fresh arrays (`WordArrays.zeros`: all
zero, the word missing everywhere) is written in place (`_first`): its evidence and tier (both
positive) are the maximum with 0, its score plus 0.0 the sum. A later kind holding a good share of the candidates (a very common
word's: tens of thousands) is added over a boolean mask of the candidates with whole-array
ufuncs (`where=`), which touch memory in order; a small one by fancy indexing (`_sparse`, the
definition). Both give the same values bit for bit: the same maximum and the same single
addition at each position, nothing done elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["WordArrays", "add_kind", "DENSE_SHARE", "dense_adds"]

#: A kind whose documents are at least 1/DENSE_SHARE of the candidates is added over masks.
DENSE_SHARE = 8
#: How many kinds were added over masks in this process (tests: the mechanism is used).
_dense = [0]


def dense_adds() -> int:
    """Kinds added over boolean masks so far in this process."""
    return _dense[0]


@dataclass
class WordArrays:
    """One query word's arrays over the n candidates: `best` evidence, `touch` (tier), `reach`,
    `score` (float64 [n] each) and `missing` (bool [n]: the candidate lacks the word as a
    whole; best match passes its row of the query's words × candidates table, so every array
    here is contiguous); `fresh`: no kind added yet to arrays that are all zero with `missing`
    all True (`zeros`)."""

    best: np.ndarray
    touch: np.ndarray
    reach: np.ndarray
    score: np.ndarray
    missing: np.ndarray
    fresh: bool = False

    @classmethod
    def zeros(cls, n: int, missing: np.ndarray) -> "WordArrays":
        """Fresh arrays over n candidates; `missing` (bool [n]) must be all True."""
        return cls(np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n), missing, True)


def add_kind(a: WordArrays, pos: np.ndarray, x: np.ndarray, evidence: float, tier: float,
             whole: bool) -> None:
    """Add one kind (module docstring) to `a` in place; `whole`: the kind proves the word as
    a whole (its documents do not miss it)."""
    if a.fresh:
        a.fresh = False
        _first(a, pos, x, evidence, tier, whole)
        return
    n = len(a.best)
    if len(pos) and len(pos) * DENSE_SHARE >= n:
        _dense[0] += 1
        hit = np.zeros(n, dtype=bool)
        hit[pos] = True
        np.maximum(a.best, evidence, out=a.best, where=hit)
        np.maximum(a.touch, tier, out=a.touch, where=hit)
        np.copyto(a.reach, 1.0, where=hit)
        if whole:
            np.logical_and(a.missing, ~hit, out=a.missing)
        xs = np.empty(n)
        xs[pos] = x
        np.add(a.score, xs, out=a.score, where=hit)
        return
    _sparse(a, pos, x, evidence, tier, whole)


def _sparse(a: WordArrays, pos, x, evidence: float, tier: float, whole: bool) -> None:
    """`add_kind` by fancy indexing at `pos` (the definition; each position once)."""
    a.best[pos] = np.maximum(a.best[pos], evidence)
    a.touch[pos] = np.maximum(a.touch[pos], tier)
    a.reach[pos] = 1.0
    if whole:
        a.missing[pos] = False
    a.score[pos] += x


def _first(a: WordArrays, pos, x, evidence: float, tier: float, whole: bool) -> None:
    """`_sparse` into fresh arrays, written in place: max(0, evidence) is evidence and max(0,
    tier) is tier (both positive), 0.0 + x is x + 0.0 (IEEE addition commutes; -0.0 becomes
    0.0 either way)."""
    a.best[pos] = max(0.0, evidence)
    a.touch[pos] = max(0.0, tier)
    a.reach[pos] = 1.0
    if whole:
        a.missing[pos] = False
    a.score[pos] = x + 0.0
