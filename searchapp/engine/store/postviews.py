"""Read-only views of a segment's posting arrays (the files `postarrays.py` writes and maps):
one list's document numbers, weights and values, sliced from the maps when asked.

    PostArrays.find(offset, count) -> row | None
    PostArrays.docnums(row) -> int32 view; .weights(row) -> float64; .values(row) -> Values
    Values[i] -> bytes (Whoosh's encoded value); Values.positions(i, decode) -> [int]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PostArrays", "Values", "SPAN", "WIDTHS", "spans_fit"]

#: Columns of .pspans (int64 [terms, 9]); postarrays.py's docstring says what each holds.
SPAN = ("first", "count", "tf_width", "tf_at", "value_kind", "value_at", "value_len",
        "offsets_width", "offsets_at")
#: Stored width in bytes -> dtype: weights (1, 2: exact integer term frequencies; 4: float32),
#: positions (2, 4) and value offsets (2, 4).
WIDTHS = {1: np.uint8, 2: np.uint16, 4: np.uint32}
_TF = {1: np.uint8, 2: np.uint16, 4: np.float32}


@dataclass
class PostArrays:
    """One segment's long posting lists, memory-mapped: `keys` int64 [terms] ascending, `spans`
    int64 [terms, 9] (`SPAN`), `docs` int32 [postings], `tf`, `voffs` and `vals` uint8 arrays
    of the .ptf, .pvoffs and .pvals bytes."""

    keys: np.ndarray
    spans: np.ndarray
    docs: np.ndarray
    tf: np.ndarray
    voffs: np.ndarray
    vals: np.ndarray

    def find(self, offset: int, count: int) -> int | None:
        """The row of the term whose list starts at `offset` in the postings file and holds
        `count` postings; None when it is not here (or its row does not hold `count`
        postings: never a wrong list)."""
        i = int(np.searchsorted(self.keys, offset))
        if i >= len(self.keys) or int(self.keys[i]) != offset or int(self.spans[i, 1]) != count:
            return None
        return i

    def docnums(self, row: int) -> np.ndarray:
        """Document numbers (int32 view of the map, ascending) of the list at `row` (`find`)."""
        first, n = int(self.spans[row, 0]), int(self.spans[row, 1])
        return self.docs[first:first + n]

    def weights(self, row: int) -> np.ndarray:
        """Weights (float64, a new array; Whoosh's values exactly) of the list at `row`."""
        n, width, at = (int(x) for x in self.spans[row, 1:4])
        if width == 0:
            return np.ones(n, dtype=np.float64)
        return self.tf[at:at + n * width].view(_TF[width]).astype(np.float64)

    def values(self, row: int) -> "Values":
        """The values of the list at `row` (read from the maps when asked)."""
        n, _, _, kind, vat, vlen, owidth, oat = (int(x) for x in self.spans[row, 1:])
        unit = kind or 1
        if vlen >= 0:
            offs, total = None, vlen * n
        else:
            offs = self.voffs[oat:oat + (n + 1) * owidth].view(WIDTHS[owidth])
            total = int(offs[-1]) if n else 0
        data = self.vals[vat:vat + total * unit]
        return Values(data.view(WIDTHS[kind]) if kind else data, kind, vlen, offs, n)


class Values:
    """A read-only sequence over one list's posting values, backed by the mapped files; nothing
    is read until an item is asked for. `data`: uint8 (kind 0: Whoosh's encoded values) or
    uint16/uint32 (kind 2/4: absolute token positions) array of the list; `length` >= 0: every
    posting's length in those units, else `offs` [n + 1] gives each posting's bounds."""

    __slots__ = ("data", "kind", "length", "offs", "n")

    def __init__(self, data: np.ndarray, kind: int, length: int, offs: np.ndarray | None, n: int):
        self.data, self.kind, self.length, self.offs, self.n = data, kind, length, offs, n

    def __len__(self) -> int:
        return self.n

    def _slice(self, i: int) -> np.ndarray:
        if not -self.n <= i < self.n:
            raise IndexError(i)
        i %= self.n
        if self.offs is None:
            return self.data[i * self.length:(i + 1) * self.length]
        return self.data[int(self.offs[i]):int(self.offs[i + 1])]

    def __getitem__(self, i: int) -> bytes:
        """Whoosh's encoded value of posting i. Raises IndexError; TypeError when the list
        keeps decoded positions instead (kind 2/4: use `positions`)."""
        if self.kind:
            raise TypeError("this list keeps decoded positions, not Whoosh's encoded values")
        return self._slice(i).tobytes()

    def positions(self, i: int, decode) -> list:
        """The token positions of posting i: stored ones, or `decode` (the field format's
        positions decoder) of Whoosh's encoded value. Raises IndexError."""
        if self.kind:
            return self._slice(i).tolist()
        return decode(self[i])


def spans_fit(spans: np.ndarray, docs, tf, voffs, vals) -> bool:
    """Whether every row of `spans` is of a known encoding and points inside the files (so no
    slice is ever cut short)."""
    if not len(spans):
        return True
    first, n, width, tat, kind, vat, vlen, owidth, oat = (spans[:, k] for k in range(len(SPAN)))
    unit = np.maximum(kind, 1)
    ok = (first >= 0) & (n >= 0) & (first + n <= len(docs)) & np.isin(width, (0, 1, 2, 4))
    ok &= (tat >= 0) & (tat % np.maximum(width, 1) == 0) & (tat + n * width <= len(tf))
    ok &= np.isin(kind, (0, 2, 4)) & (vat >= 0) & (vat % unit == 0)
    fixed = vlen >= 0
    ok &= np.where(fixed, owidth == 0, np.isin(owidth, (2, 4)) & (oat >= 0)
                   & (oat % np.maximum(owidth, 1) == 0)
                   & (oat + (n + 1) * owidth <= len(voffs)))
    if not ok.all():
        return False
    ends = np.where(fixed, vlen * n, 0)
    for w in (2, 4):
        var = np.flatnonzero(~fixed & (owidth == w))
        if len(var):
            last = voffs[:len(voffs) - len(voffs) % w].view(WIDTHS[w])
            ends[var] = last[(oat[var] + n[var] * w) // w].astype(np.int64)
    return bool(np.all(vat + ends * unit <= len(vals)))
