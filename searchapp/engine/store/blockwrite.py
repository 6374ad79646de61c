"""One term's posting list handed to Whoosh's postings writer a whole block at a time.

    write_term(postwriter, docs, weights, values, lengths, fieldname) -> None
    DecodedLengths(per_document_reader)      a field's lengths as a list, read once per field

Whoosh's `FieldWriter.add_postings` calls `W3PostingsWriter.add_posting(docnum, weight, value,
length)` once per posting: it type-checks the posting, appends it to the buffered block and
keeps the block's statistics (largest weight, shortest and longest field length); when the
block holds `blocklimit` postings it is written (`_write_block`: the pickle of the delta-coded
ids, weights and values, zlib, the block header) and a new one starts; `finish_postings` writes
the last one. `write_term` takes each block's postings as slices of the term's lists and
writes the block as `_write_block` does, with the values of Whoosh's loops (the first largest
weight, or 0 when none is above 0; the shortest and longest non-zero length, None and 0 when
there is none; the ids delta-coded; the weights None when all are 1.0 as float32, one float
when all are equal, else all of them): the same term-info statistics (Whoosh's own
`W3TermInfo.add_block`), pickles (protocol 2), zlib level and block header, so the posting
file is byte for byte Whoosh's (whoosh/codec/whoosh3.py, W3PostingsWriter).
"""
from __future__ import annotations

import zlib
from array import array
from operator import sub
from pickle import dumps
from typing import Any, Sequence

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.util.numeric import byte_to_length, length_to_byte

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
    """Write one term's postings (docnums ascending, weights, values: None or b"" for none)
    through `pw`, a `W3PostingsWriter` between `start_postings` and `finish_postings` (its block
    empty): every block, the last one included, so `finish_postings` only records the extent. A
    list shorter than the writer's `inlinelimit` is left to Whoosh (`add_posting` per posting,
    then `finish_postings` puts it in the term info). `lengths`: the segment's field lengths
    (None: no length statistics, as Whoosh without a per-document reader). Raises
    OverflowError for a docnum outside 0..2**32-1 (Whoosh: AssertionError for a non-int)."""
    n = len(docs)
    if n < pw._inlinelimit:
        for d, w, v in zip(docs, weights, values):
            pw.add_posting(d, w, v or b"", None if lengths is None else lengths.one(d, fieldname))
        return
    bl = pw._blocklimit
    col = None if lengths is None else lengths.of(fieldname)
    fixed = pw._format.fixed_value_size()
    for s in range(0, n, bl):
        if n <= bl:
            ids, ws, vs = docs, weights, values
        else:
            ids, ws, vs = docs[s:s + bl], weights[s:s + bl], values[s:s + bl]
        minlength, maxlength = None, 0
        if col is not None:
            try:
                ls = [x for x in map(col.__getitem__, ids) if x]
            except IndexError:  # a docnum past the column: Whoosh's own answer per posting
                ls = [x for x in (lengths.one(d, fieldname) for d in ids) if x]
            if ls:
                minlength, maxlength = min(ls), max(ls)
        _write_block(pw, ids, ws, [v for v in vs if v], fixed, minlength, maxlength, s + bl >= n)


def _write_block(pw: Any, ids: Sequence[int], ws: Sequence[float], vs: list[bytes],
                 fixed: int | None, minlength: int | None, maxlength: int, last: bool) -> None:
    """`W3PostingsWriter._write_block` of one block given whole (whoosh/codec/whoosh3.py):
    the same statistics into the term info, the same pickles, compression and header."""
    pw._ids = array("I", ids)
    pw._weights = warr = array("f", ws)
    pw._values = vs
    m = max(ws)
    pw._maxweight = m if m > 0 else 0  # Whoosh: the first weight above all before it, from 0
    pw._minlength, pw._maxlength = minlength, maxlength
    postfile = pw._postfile
    if not pw._blockcount:
        postfile.write(WHOOSH3_HEADER_MAGIC)
    pw._terminfo.add_block(pw)
    k = len(ids)
    mini_ids = tuple(map(sub, ids, (0, *ids[:-1]))) if k > 1 else (ids[0],)
    if warr.count(1.0) == k:  # W3PostingsWriter._mini_weights
        mini_weights = None
    elif warr.count(warr[0]) == k:
        mini_weights = warr[0]
    else:
        mini_weights = tuple(warr)
    if fixed is None or fixed < 0:  # _mini_values
        mini_values = tuple(vs)
    elif fixed == 0:
        mini_values = None
    else:
        mini_values = b"".join(vs)
    databytes = dumps((mini_ids, mini_weights, mini_values), 2)
    comp = pw._compression
    if comp:
        databytes = zlib.compress(databytes, comp)
    infobytes = dumps((k, ids[-1], pw._maxweight, comp, length_to_byte(minlength),
                       length_to_byte(maxlength)), 2)
    blocklength = len(infobytes) + len(databytes)
    postfile.write_int(-blocklength if last else blocklength)
    postfile.write(infobytes)
    postfile.write(databytes)
    pw._blockcount += 1
    pw._ids, pw._weights, pw._values = [], None, []
