"""BM25F weighting for searchapp's searchers: Whoosh's `scoring.BM25F` (B=0.75, K1=1.2,
Robertson & Zaragoza 2009 defaults) reading field lengths from memory.

    weighting() -> whoosh.scoring.WeightingModel
    field_lengths(reader, fieldname) -> list | None     per-document lengths of one segment
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from whoosh import scoring

from searchapp.literal import segment_key

__all__ = ["weighting", "field_lengths"]


def weighting() -> scoring.WeightingModel:
    """The scoring model: BM25F with Whoosh's defaults (B=0.75, K1=1.2), reading field lengths
    from an in-memory copy (`_LengthsBM25F`); scores are identical to `scoring.BM25F`."""
    return _LengthsBM25F(B=0.75, K1=1.2)


class _LengthsBM25F(scoring.BM25F):
    """Whoosh's BM25F whose scorers look a document's field length up in an array decoded once
    per (segment, field) and shared by all searchers of this process, instead of a column read
    through the segment file per scored posting (~20% of a 31k query's CPU, profiled). The
    values are the reader's own `doc_field_length(d, field, 1)`, so scores do not change."""

    def scorer(self, searcher, fieldname, text, qf=1):
        sc = super().scorer(searcher, fieldname, text, qf)
        if isinstance(sc, scoring.BM25FScorer):
            lens = field_lengths(searcher.reader(), fieldname)
            if lens is not None:
                sc.dfl = lens.__getitem__
        return sc


_LENGTHS: "OrderedDict[tuple[str, str], list]" = OrderedDict()
_LENGTHS_LOCK = threading.Lock()
#: (segment, field) length lists kept (8 bytes per document each).
_LENGTHS_MAX = 64


def field_lengths(reader, fieldname: str):
    """List of `reader.doc_field_length(d, fieldname, 1)` for every local docnum of an
    atomic reader, cached per (segment, field); None for readers without a segment id."""
    key = segment_key(reader)
    if key is None:
        return None
    ck = (key, fieldname)
    with _LENGTHS_LOCK:
        got = _LENGTHS.get(ck)
        if got is not None:
            _LENGTHS.move_to_end(ck)
            return got
    # a list, not an array: the reader answers None for a document without the field (never
    # scored in that field, but kept as is so nothing can differ)
    lens = [reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all())]
    with _LENGTHS_LOCK:
        _LENGTHS[ck] = lens
        while len(_LENGTHS) > _LENGTHS_MAX:
            _LENGTHS.popitem(last=False)
    return lens
