"""Read-only views of a segment's posting arrays (the files `postarrays.py` writes and opens):
one list's document numbers, weights and values, read from the files when asked.

    PostArrays.find(offset, count) -> row | None
    PostArrays.docnums(row) -> int32; .weights(row) -> float64; .values(row) -> Values
    Values[i] -> bytes (Whoosh's encoded value); Values.positions(i, decode) -> [int]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp.engine.store.fileslices import FileArray

__all__ = ["PostArrays", "Values", "SPAN", "WIDTHS"]

#: Columns of .pspans (int64 [terms, 9]); postarrays.py's docstring says what each holds.
SPAN = ("first", "count", "tf_width", "tf_at", "value_kind", "value_at", "value_len",
        "offsets_width", "offsets_at")
#: Stored width in bytes -> dtype: weights (1, 2: exact integer term frequencies; 4: float32),
#: positions (2, 4) and value offsets (2, 4).
WIDTHS = {1: np.uint8, 2: np.uint16, 4: np.uint32}
_TF = {1: np.uint8, 2: np.uint16, 4: np.float32}
_TF_OK = (0, 1, 2, 4)
_KIND_OK = (0, 2, 4)


@dataclass
class PostArrays:
    """One segment's long posting lists: `keys` int64 [terms] ascending, `spans` int64
    [terms, 9] (`SPAN`), `docs` int32 [postings], `tf`, `voffs` and `vals` uint8 arrays of the
    .ptf, .pvoffs and .pvals bytes. `postarrays.load` maps the small `keys` and `spans` and
    reads the others by slices (`fileslices.FileArray`: a list is copied when asked, the files
    are never mapped); any of them may be an ndarray (tests, in-memory copies)."""

    keys: np.ndarray
    spans: np.ndarray
    docs: np.ndarray
    tf: np.ndarray
    voffs: np.ndarray
    vals: np.ndarray

    def find(self, offset: int, count: int) -> int | None:
        """The row of the term whose list starts at `offset` in the postings file and holds
        `count` postings; None when it is not here, or its row does not hold `count` postings
        or is not of a known encoding or points outside the files (never a wrong list; where
        a list of values of unequal lengths ends is checked by `values`)."""
        i = int(np.searchsorted(self.keys, offset))
        if i >= len(self.keys) or int(self.keys[i]) != offset:
            return None
        first, n, width, tat, kind, vat, vlen, owidth, oat = self.spans[i].tolist()
        ok = (n == count and first >= 0 and first + n <= len(self.docs)
              and width in _TF_OK and tat >= 0 and tat % (width or 1) == 0
              and tat + n * width <= len(self.tf)
              and kind in _KIND_OK and 0 <= vat <= len(self.vals) and vat % (kind or 1) == 0)
        if ok and vlen >= 0:
            ok = owidth == 0 and vat + vlen * n * (kind or 1) <= len(self.vals)
        elif ok:
            ok = owidth in _KIND_OK and owidth and oat >= 0 and oat % owidth == 0 \
                and oat + (n + 1) * owidth <= len(self.voffs)
        return i if ok else None

    def docnums(self, row: int) -> np.ndarray:
        """Document numbers (int32, ascending; read-only) of the list at `row` (`find`)."""
        first, n = int(self.spans[row, 0]), int(self.spans[row, 1])
        return self.docs[first:first + n]

    def weights(self, row: int) -> np.ndarray:
        """Weights (float64, a new array; Whoosh's values exactly) of the list at `row`."""
        n, width, at = (int(x) for x in self.spans[row, 1:4])
        if width == 0:
            return np.ones(n, dtype=np.float64)
        return self.tf[at:at + n * width].view(_TF[width]).astype(np.float64)

    def values(self, row: int) -> "Values | None":
        """The values of the list at `row` (read from the maps when asked); None when its
        offsets point past .pvals or backwards at either end (a damaged file: the caller reads
        the list the old way)."""
        n, _, _, kind, vat, vlen, owidth, oat = (int(x) for x in self.spans[row, 1:])
        unit = kind or 1
        if vlen >= 0:
            offs, total = None, vlen * n
        else:
            offs = self.voffs[oat:oat + (n + 1) * owidth].view(WIDTHS[owidth])
            total = int(offs[-1])
            if int(offs[0]) != 0 or vat + total * unit > len(self.vals):
                return None
        dtype = WIDTHS[kind] if kind else np.uint8
        if isinstance(self.vals, FileArray):  # nothing read until a posting's value is asked
            data = self.vals.window(vat, dtype, total)
        else:
            data = self.vals[vat:vat + total * unit].view(dtype)
        return Values(data, kind, vlen, offs, n)


class Values:
    """A read-only sequence over one list's posting values, backed by the files; nothing is
    read until an item is asked for. `data`: uint8 (kind 0: Whoosh's encoded values) or
    uint16/uint32 (kind 2/4: absolute token positions) items of the list (an ndarray, or a
    `FileArray` window read by slices); `length` >= 0: every
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
