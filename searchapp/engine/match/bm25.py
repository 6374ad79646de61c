"""BM25F weighting for searchapp's searchers: Whoosh's `scoring.BM25F` (B=0.75, K1=1.2,
Robertson & Zaragoza 2009 defaults) reading field lengths from memory.

    weighting() -> whoosh.scoring.WeightingModel
    field_lengths(reader, fieldname) -> float64 array | None   per-document lengths, one segment
"""
from __future__ import annotations

import numpy as np
from whoosh import scoring

from searchapp.cache import BoundedCache
from searchapp.engine.match.keys import segment_key

__all__ = ["weighting", "field_lengths", "BM25F_SCORERS"]


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


#: (segment, field) length arrays kept (8 bytes per document each).
_LENGTHS = BoundedCache(64)


def field_lengths(reader, fieldname: str):
    """float64 array of `reader.doc_field_length(d, fieldname, 0)` for every local docnum of
    an atomic reader (0 where a document lacks the field), cached per (segment, field); None
    for readers without a segment id. Shared by the BM25F scorers below and array matching."""
    key = segment_key(reader)
    if key is None:
        return None
    got = _LENGTHS.get((key, fieldname))
    if got is None:
        lens = np.fromiter((reader.doc_field_length(d, fieldname, 0)
                            for d in range(reader.doc_count_all())), dtype=np.float64)
        got = _LENGTHS.put((key, fieldname), lens)
    return got
