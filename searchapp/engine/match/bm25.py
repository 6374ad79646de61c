"""BM25F weighting for searchapp's searchers: Whoosh's `scoring.BM25F` (B=0.75, K1=1.2,
Robertson & Zaragoza 2009 defaults) reading field lengths from memory.

    weighting() -> whoosh.scoring.WeightingModel
    field_lengths(reader, fieldname) -> FieldLengths | None    per-document lengths, one segment
        FieldLengths.norms(docnums, avgfl, B, K1) -> BM25's length normalisation of those
"""
from __future__ import annotations

import numpy as np
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from searchapp.cache import BoundedCache
from searchapp.engine.match.counts import count
from searchapp.engine.match.keys import segment_key

__all__ = ["weighting", "field_lengths", "FieldLengths", "BM25F_SCORERS"]


def weighting() -> scoring.WeightingModel:
    """The scoring model: BM25F with Whoosh's defaults (B=0.75, K1=1.2), reading field lengths
    from an in-memory copy (`_LengthsBM25F`); scores are identical to `scoring.BM25F`."""
    return _LengthsBM25F(B=0.75, K1=1.2)


class _LengthsBM25F(scoring.BM25F):
    """Whoosh's BM25F whose scorers look a document's field length up in an array decoded once
    per (segment, field) and shared by all searchers of this process, instead of a column read
    through the segment file per scored posting (docs/performance.md, "Figures behind the code"). The
    values are the reader's own `doc_field_length` as floats (exact for lengths), so scores do
    not change; a document without the field is never scored in it."""

    def scorer(self, searcher, fieldname, text, qf=1):
        sc = super().scorer(searcher, fieldname, text, qf)
        if isinstance(sc, scoring.BM25FScorer):
            lens = field_lengths(searcher.reader(), fieldname)
            if lens is not None:
                sc.dfl = lens.__getitem__
        return sc


#: The `scorer` methods that build Whoosh's own `BM25FScorer` from the weighting's B and K1
#: unchanged: Whoosh's BM25F and `_LengthsBM25F` (which only swaps how lengths are read).
BM25F_SCORERS = (scoring.BM25F.scorer, _LengthsBM25F.scorer)


#: Tables of normalised lengths kept per (segment, field) (`FieldLengths.norms`): one per
#: index state's average field length, 256 floats each (a length table per document for a
#: layout read document by document).
NORM_TABLES = 4
#: (segment, field) length arrays kept (1 byte per document each).
_LENGTHS = BoundedCache(64)
#: Whoosh stores a field's length in one byte per document (`length_to_byte`); this maps each
#: byte back to what `doc_field_length` returns as a float (None, i.e. NaN, for 0: no tokens).
_BYTE_TO_LENGTH = np.array([np.nan] + [float(byte_to_length(b)) for b in range(1, 256)])


class FieldLengths:
    """One segment's lengths of one field: `[docnums]` (an int or an int array) gives them as
    float64, the values of `reader.doc_field_length(d, field, 0)` (NaN where a document has no
    token of the field; 0.0 everywhere when the segment has no lengths of it).
    `norms(docnums, avgfl, B, K1)`: BM25's length normalisation of those documents."""

    __slots__ = ("raw", "table", "_norms")

    def __init__(self, raw: np.ndarray, table: np.ndarray):
        self.raw, self.table = raw, table
        self._norms: dict = {}

    def __getitem__(self, docnums):
        return self.table[self.raw[docnums]]

    def norms(self, docnums, avgfl: float, B: float, K1: float) -> np.ndarray:
        """K1 * ((1 - B) + B * fl / avgfl) of each document of `docnums` (float64; NaN where it
        has no token of the field), the denominator's length part of Whoosh's `scoring.bm25`,
        element by element in its operation order, so equal bit for bit to computing it from
        `self[docnums]`. Whoosh keeps a length in one byte, so there are at most 256 values:
        they are computed once per (avgfl, B, K1) and looked up, as Lucene's BM25Similarity
        keeps its 256 normalised lengths (`BM25Scorer.cache`)."""
        key = (avgfl, B, K1)
        got = self._norms.get(key)
        if got is None:
            got = K1 * ((1 - B) + B * self.table / avgfl)
            if len(self._norms) >= NORM_TABLES:  # another index state's average lengths
                self._norms.clear()
            self._norms[key] = got
        return got[self.raw[docnums]]

    def __len__(self) -> int:
        return len(self.raw)


def field_lengths(reader, fieldname: str) -> FieldLengths | None:
    """The lengths of `fieldname` in an atomic reader's segment (`FieldLengths`), read in one
    piece from the segment's lengths column (Whoosh 2.7's whoosh3 layout: one byte per
    document, `NumericColumn("B")`) and kept per (segment, field); None for a reader without a
    segment id. Shared by the BM25F scorers above and array matching."""
    key = segment_key(reader)
    if key is None:
        return None
    got = _LENGTHS.get((key, fieldname))
    if got is None:
        got = _LENGTHS.put((key, fieldname), _read(reader, fieldname))
    return got


def _read(reader, fieldname: str) -> FieldLengths:
    n = reader.doc_count_all()
    try:
        col = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if col is None:  # no document has the field: doc_field_length gives the default, 0
            return FieldLengths(np.zeros(n, dtype=np.uint8), np.zeros(256))
        raw = np.zeros(n, dtype=np.uint8)
        count = min(col._count, n)  # documents after the last with a length: the default byte 0
        raw[:count] = np.frombuffer(col._dbfile.get(col._basepos, count), dtype=np.uint8)
        return FieldLengths(raw, _BYTE_TO_LENGTH)
    except AttributeError:  # another layout: ask the reader document by document
        count("fallback_lengths")
        lens = np.fromiter((reader.doc_field_length(d, fieldname, 0) for d in range(n)),
                           dtype=np.float64, count=n)
        return FieldLengths(np.arange(n), lens)
