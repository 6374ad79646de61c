"""One term's posting list handed to Whoosh's postings writer a whole block at a time.

    write_term(postwriter, docs, weights, values, lengths, fieldname) -> None
    DecodedLengths(per_document_reader)      a field's lengths as a list, read once per field

Whoosh's `FieldWriter.add_postings` calls `W3PostingsWriter.add_posting(docnum, weight, value,
length)` once per posting: it type-checks the posting, appends it to the buffered block and
keeps the block's statistics (largest weight, shortest and longest field length); when the
block holds `blocklimit` postings it is written (`_write_block`: the pickle of the delta-coded
ids, weights and values, zlib, the block header) and a new one starts; `finish_postings` writes
the last one. `write_term` fills each block's buffers and statistics in one step from slices of
the term's lists, with the values of those loops (the first largest weight, or 0 when none is
above 0; the shortest and longest non-zero length, None and 0 when there is none), then calls
Whoosh's own `_write_block`: the posting file is byte for byte Whoosh's (whoosh/codec/
whoosh3.py, W3PostingsWriter).
"""
from __future__ import annotations

from array import array
from typing import Any, Sequence

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

__all__ = ["write_term", "DecodedLengths"]

#: Length byte → the length Whoosh's per-document reader answers (byte 0: none stored, as 0).
_DECODED = [0, *(byte_to_length(b) for b in range(1, 256))]


class DecodedLengths:
    """Each field's document lengths as Whoosh's per-document reader decodes them
    (`doc_field_length`), read from its length column once: `of(fieldname)` -> list indexed by
    docnum (0 where none is stored) or None for a field without lengths."""

    def __init__(self, reader: Any):
        self._reader = reader
        self._fields: dict[str, list[int] | None] = {}

    def of(self, fieldname: str) -> list[int] | None:
        try:
            return self._fields[fieldname]
        except KeyError:
            pass
        col = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        got = None if col is None else [_DECODED[b] for b in bytes(col)]
        self._fields[fieldname] = got
        return got

    def one(self, docnum: int, fieldname: str) -> Any:
        """Whoosh's own answer for one document (past the column's end: its check and error)."""
        return self._reader.doc_field_length(docnum, fieldname, 0)


def write_term(pw: Any, docs: Sequence[int], weights: Sequence[float],
               values: Sequence[bytes | None], lengths: DecodedLengths | None,
               fieldname: str) -> None:
    """Add one term's postings (docnums ascending, weights, values: None or b"" for none) to
    `pw`, a `W3PostingsWriter` between `start_postings` and `finish_postings` (its block empty),
    writing every full block; the last, partial or full, is left for `finish_postings`, as
    `add_posting` leaves it. `lengths`: the segment's field lengths (None: no length
    statistics, as Whoosh without a per-document reader). Raises OverflowError for a docnum
    outside 0..2**32-1 (Whoosh: AssertionError for a non-int)."""
    bl = pw._blocklimit
    n = len(docs)
    col = None if lengths is None else lengths.of(fieldname)
    for s in range(0, n, bl):
        if s:
            pw._write_block()
        if n <= bl:
            ids, ws, vs = docs, weights, values
        else:
            ids, ws, vs = docs[s:s + bl], weights[s:s + bl], values[s:s + bl]
        pw._ids = array("I", ids)
        pw._weights = array("f", ws)
        pw._values = [v for v in vs if v]
        m = max(ws)
        pw._maxweight = m if m > 0 else 0
        if col is not None:
            try:
                ls = [x for x in map(col.__getitem__, ids) if x]
            except IndexError:  # a docnum past the column: Whoosh's own answer per posting
                ls = [x for x in (lengths.one(d, fieldname) for d in ids) if x]
            if ls:
                pw._minlength = min(ls)
                pw._maxlength = max(ls)
