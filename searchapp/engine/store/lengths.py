"""Field lengths read from arrays when a writer flushes its segment, not one column read a posting.

    array_lengths(writer) -> writer     the SegmentWriter, its flush now reading lengths by array

When a Whoosh segment writer flushes its postings (`SegmentWriter._flush_segment`), its field
writer asks the per-document reader for the length of the posting's field in its document,
once for every posting (`FieldWriter.add_postings` → `W3PerDocReader.doc_field_length`): five
Python calls and a file read each, which profiles as ~6 % of a large build's CPU time
(docs/performance.md, "Build CPU"). `ArrayLengths` reads each field's length column once into
an array of length bytes, then answers from it with exactly what Whoosh answers: the length
decoded by `byte_to_length`, None for a stored byte 0, `default` for a field without lengths.
The segment written is the same.
"""
from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

__all__ = ["ArrayLengths", "array_lengths"]

_DECODED: tuple = (None, *(byte_to_length(b) for b in range(1, 256)))


class ArrayLengths:
    """A per-document reader whose `doc_field_length` answers from arrays (module docstring);
    everything else is the wrapped reader's."""

    def __init__(self, reader: Any):
        self._reader = reader
        self._lengths: dict[str, bytes | None] = {}

    def _column(self, fieldname: str) -> bytes | None:
        try:
            return self._lengths[fieldname]
        except KeyError:
            pass
        r = self._reader
        col = r._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        raw = None if col is None else bytes(col)  # one byte a document (0: none stored)
        self._lengths[fieldname] = raw
        return raw

    def doc_field_length(self, docnum: int, fieldname: str, default: Any = 0) -> Any:
        raw = self._column(fieldname)
        if raw is None:
            return default
        if docnum >= len(raw):  # past the segment's documents: Whoosh's own check and error
            return self._reader.doc_field_length(docnum, fieldname, default)
        return _DECODED[raw[docnum]]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def array_lengths(writer: Any) -> Any:
    """Make `writer`'s flush read field lengths through ArrayLengths; returns the writer."""
    per_document_reader = writer.per_document_reader

    def wrapped():
        return ArrayLengths(per_document_reader())

    writer.per_document_reader = wrapped
    return writer
