"""Which candidate documents hold a phrase's words at consecutive positions.

    phrase_mask(leaf, fieldname, btexts, cand) -> bool array [len(cand)]
    gather(values, idx) -> (owner int64, positions int64)     stored positions of many postings

`cand` holds every word (ascending docnums of one segment); a document is kept when some
position p has word j at p + j for every j (Whoosh's Phrase with slop 1). Two ways, same answer:

- few candidates (< `ARRAY_MIN`): each candidate's position sets (`postings.positions`, kept
  per document) are checked in turn;
- more: each word's positions in the candidates are a table (owner, position), gathered in one
  piece from the positions the segment's posting arrays store decoded (`gather` over
  `postings.posting_values`: a long word's list), else built from the sets. A phrase's possible starts are, per
  word j, the pairs (owner, position − j); a candidate holds the phrase when one of its pairs is
  in every word's set (intersections of sorted int64 keys, by binary search; a gathered table's
  keys come out sorted and are not sorted again): no Python work per candidate. The word with
  the shortest posting list goes first, and each next word's positions are gathered only for
  the candidates a start is still left for (a phrase of common words, `第一 次`, has tens of
  thousands of candidates and few holding it).

tests/engine/test_phrase.py checks both against Whoosh's own phrase matcher.
"""
from __future__ import annotations

from itertools import chain

import numpy as np

from searchapp.engine.match import postings as P
from searchapp.engine.match.docarrays import member
from searchapp.engine.store.postviews import Values
from searchapp.sortedsets import distinct

__all__ = ["phrase_mask", "gather", "ARRAY_MIN"]

#: Candidates from which a phrase is checked on position tables: below, numpy's cost per call
#: (~40 µs per word) is more than checking each candidate's sets (docs/performance.md).
ARRAY_MIN = 16

#: Bits of a key's low part (a start position; positions are stored as at most uint32).
_SHIFT = 32


def phrase_mask(leaf, fieldname: str, btexts: list[bytes], cand: np.ndarray) -> np.ndarray:
    """Bool [len(cand)]: does candidate k hold the words `btexts` at consecutive positions of
    `fieldname` (in the segment of `leaf`; every candidate holds every word)."""
    if len(cand) < ARRAY_MIN:
        return _by_sets([P.positions(leaf, fieldname, t, cand) for t in btexts], len(cand))
    keys = None
    alive = None  # places in cand of the candidates some start is left for (None: all)
    for j in _rarest_first(leaf, fieldname, btexts):
        owner, pos = _table(leaf, fieldname, btexts[j], cand if alive is None else cand[alive])
        if alive is not None:
            owner = alive[owner]  # ascending places stay ascending
            _narrowed[0] += 1
        start = pos - j
        ok = start >= 0  # a start before the text: word 0 is never there
        k = _keys(owner[ok], start[ok])
        keys = k if keys is None else keys[member(keys, k)]  # both ascending, distinct
        if not len(keys):
            break
        owners = keys >> _SHIFT  # ascending: the distinct ones are where they change
        alive = owners[np.flatnonzero(np.diff(owners, prepend=-1))]
    mask = np.zeros(len(cand), dtype=bool)
    if keys is not None and len(keys):
        mask[keys >> _SHIFT] = True
    return mask


#: Words whose positions were gathered only for the candidates an earlier word left (tests).
_narrowed = [0]


def _rarest_first(leaf, fieldname: str, btexts: list[bytes]) -> list[int]:
    """The phrase's word places, the word with the shortest posting list first (a start must
    be in every word's set, in any order: the rarest word leaves the fewest candidates whose
    positions the others must gather)."""
    lens = [len(P.posting_arrays(leaf, fieldname, t)[0]) for t in btexts]
    return sorted(range(len(btexts)), key=lens.__getitem__)


#: `_keys` calls whose keys were already ascending (tests: the sort is skipped).
_presorted = [0]


def _keys(owner: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The distinct keys (owner << _SHIFT | start), ascending int64: as built when they already
    ascend strictly (a table gathered from stored positions: owners ascending, each posting's
    positions ascending), else sorted (`sortedsets.distinct`)."""
    k = (owner << _SHIFT) | start
    if len(k) > 1 and not (k[1:] > k[:-1]).all():
        return distinct(k)
    _presorted[0] += 1
    return k


def _by_sets(pos: list, n: int) -> np.ndarray:
    """`phrase_mask` from each word's position sets per candidate (`pos[j][k]`)."""
    keep = np.zeros(n, dtype=bool)
    for k in range(n):
        starts = set(pos[0][k])
        for j in range(1, len(pos)):
            nxt = pos[j][k]
            starts = {p for p in starts if p + j in nxt}
            if not starts:
                break
        keep[k] = bool(starts)
    return keep


def _table(leaf, fieldname: str, btext: bytes, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, position) int64 of every position of the word in the candidates: gathered from
    the stored positions of a long word's list, else from `postings.positions`' sets."""
    vals = P.posting_values(leaf, fieldname, btext)
    if isinstance(vals, Values) and vals.kind:
        ids = P.posting_arrays(leaf, fieldname, btext)[0]
        return gather(vals, np.searchsorted(ids, cand))
    sets = P.positions(leaf, fieldname, btext, cand)
    lens = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    owner = np.repeat(np.arange(len(sets), dtype=np.int64), lens)
    pos = np.fromiter(chain.from_iterable(sets), dtype=np.int64, count=int(lens.sum()))
    return owner, pos


def gather(values: Values, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, positions), both int64: every token position stored decoded in `values` (a
    `postviews.Values` of kind 2 or 4) for the postings `idx` (ascending posting indexes), in
    one numpy gather, posting after posting, each posting's as stored; `owner[k]` is the place
    in `idx` of the posting `positions[k]` belongs to. Raises TypeError for a list of Whoosh's
    encoded values (kind 0), IndexError for an index out of range."""
    if not values.kind:
        raise TypeError("this list keeps Whoosh's encoded values, not positions")
    idx = np.asarray(idx, dtype=np.int64)
    if len(idx) and (int(idx.min()) < 0 or int(idx.max()) >= values.n):
        raise IndexError("posting index out of range")
    if values.offs is None:
        starts = idx * values.length
        lens = np.full(len(idx), values.length, dtype=np.int64)
    else:
        starts = values.offs[idx].astype(np.int64)
        lens = values.offs[idx + 1].astype(np.int64) - starts
    owner = np.repeat(np.arange(len(idx), dtype=np.int64), lens)
    if not len(owner):
        return owner, np.empty(0, dtype=np.int64)
    # each position's place in the list: its posting's start + its rank inside the posting
    at = np.arange(len(owner), dtype=np.int64) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    # one read from the first wanted posting's positions to the last one's (a FileArray reads
    # only those bytes; the postings are ascending, so `at` is too)
    lo, hi = int(at[0]), int(at[-1]) + 1
    return owner, values.data[lo:hi][at - lo].astype(np.int64)
