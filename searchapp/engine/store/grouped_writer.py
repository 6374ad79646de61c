"""A Whoosh segment writer that adds a document's words and flushes its postings per term.

    grouped(writer) -> writer      the SegmentWriter (fresh, nothing added yet), now a
                                   GroupedSegmentWriter with a `grouped.GroupedPool`

Whoosh's `SegmentWriter.add_document` indexes a word field through `Positions.word_values`
(a Token object per word from the analyzer, a pickle per distinct word) and puts one tuple per
posting into its pool; at the flush, `FieldWriter.add_postings` walks the pool's sorted stream
and `W3PostingsWriter.add_posting` buffers each posting (type checks, running block statistics)
until a block of `blocklimit` postings is written. Here:
- a word field (Whoosh `Positions` format, searchapp's `WordTokenizer`, a str value) is indexed
  from `analysis.analyzer.text_tokens` directly: the positions of each word gathered in a dict,
  encoded as `Positions.encode` encodes them (`encode_positions`), weight = count × the
  format's and the field's boosts, exactly Whoosh's arithmetic; every other field goes through
  `field.index` as in Whoosh;
- a document's postings go to the pool grouped per term (`GroupedPool.add_document_postings`);
- at the flush each term's blocks are filled a whole block at a time (`blockwrite.write_term`)
  and written by Whoosh's own `W3PostingsWriter._write_block` (its pickle, zlib and block
  header), so the segment's files are byte for byte those of Whoosh's writer.

The rest of `add_document` (the stored fields, lengths and columns through the per-document
writer; errors) is Whoosh 2.7's, followed line by line (whoosh/writing.py), with one
difference: a document's postings reach the pool only once the whole document is added. Whoosh
puts them in field by field, so when a field raises (a value Whoosh refuses), the postings of
the fields before it stayed in its pool under the docnum the next document then reuses; here a
refused document leaves no posting.
"""
from __future__ import annotations

from pickle import dumps
from struct import Struct
from contextlib import contextmanager
from typing import Any, Iterator

from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.formats import Positions
from whoosh.writing import PostingPool, SegmentWriter

from searchapp.analysis.analyzer import text_tokens
from searchapp.engine.store.analyzer import WordTokenizer
from searchapp.engine.store.grouped import GroupedPool
from searchapp.engine.store.blockwrite import DecodedLengths, write_term

__all__ = ["GroupedSegmentWriter", "grouped", "tracked", "encode_positions", "word_postings"]

_UINT = Struct("!I")  # whoosh.system.pack_uint


def encode_positions(poslist: list[int]) -> bytes:
    """`whoosh.formats.Positions.encode`: a uint32 count, then the pickle (protocol 2) of the
    position deltas. Same bytes."""
    prev = 0
    deltas = []
    for p in poslist:
        deltas.append(p - prev)
        prev = p
    return _UINT.pack(len(deltas)) + dumps(deltas, 2)


def word_postings(value: str, boost: float) -> tuple[list[tuple[bytes, float, bytes]], int]:
    """([(term UTF-8 bytes, weight, encoded positions)] in first-occurrence order, number of
    tokens) of a word field's text `value`: what `Positions.word_values` through WordTokenizer
    gives, the weight multiplied by `boost` (the format's field boost, then the field's).
    Raises UnicodeEncodeError on a lone surrogate, as Whoosh."""
    poses: dict[str, list[int]] = {}
    for tok, _s, _e, i in text_tokens(value):
        pl = poses.get(tok)
        if pl is None:
            poses[tok] = [i]
        else:
            pl.append(i)
    out = []
    n = 0
    for w, pl in poses.items():
        k = len(pl)
        n += k
        out.append((w.encode("utf-8"), float(k) * boost, encode_positions(pl)))
    return out, n


def _fast(field: Any, value: Any) -> bool:
    """Whether `field` indexing `value` takes `word_postings` (else Whoosh's `field.index`)."""
    return (type(value) is str and type(field.format) is Positions
            and type(field.analyzer) is WordTokenizer)


class GroupedSegmentWriter(SegmentWriter):
    """`SegmentWriter` adding word fields directly and flushing per term (module docstring)."""

    def add_document(self, **fields):
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool

        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields.keys() if not name.startswith("_")])
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        pending = []  # (fieldname, postings): into the pool once the whole document is done
        spelling = []
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]

                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    if _fast(field, value) and fieldboost == 1.0:
                        items, freqs = word_postings(value, field.format.field_boost)
                        if field.scorable:
                            length = freqs
                    else:
                        items = []
                        scorable = field.scorable
                        for tbytes, freq, weight, vbytes in field.index(value):
                            weight *= fieldboost
                            if scorable:
                                length += freq
                            items.append((tbytes, weight, vbytes))
                    pending.append((fieldname, items))

                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        spelling.append((spellfield, word.encode("utf-8"), 0, 1, None))

                vformat = field.vector
                if vformat:
                    vitems = vformat.word_values(value, field.analyzer, mode="index")
                    vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                    perdocwriter.add_vector_items(fieldname, field, vitems)

                customval = fields.get("_stored_%s" % fieldname, value)
                sv = customval if field.stored else None
                perdocwriter.add_field(fieldname, field, sv, length)

                column = field.column_type
                if column and customval is not None:
                    cv = field.to_column_value(customval)
                    perdocwriter.add_column_value(fieldname, column, cv)
        except Exception as ex:
            perdocwriter.cancel_doc()
            raise ex

        for fieldname, items in pending:
            pool.add_document_postings(fieldname, docnum, items)
        for item in spelling:
            pool.add(item)
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        fw = self.fieldwriter
        try:
            if type(fw) is not W3FieldWriter:  # another codec: Whoosh's own posting walk
                fw.add_postings(self.schema, pdr, self.pool.iter_postings())
            else:
                self._write_groups(fw, pdr)
            fw.close()
        finally:
            if pdr:
                pdr.close()

    def _write_groups(self, fw: W3FieldWriter, pdr: Any) -> None:
        """`FieldWriter.add_postings` over the pool's groups: the same calls per field and term,
        each term's postings given a block at a time."""
        lengths = None if pdr is None else DecodedLengths(pdr)
        schema = self.schema
        lastfn = None
        with tracked(fw._postfile), tracked(fw._tindex.dbfile):
            for fieldname, btext, docs, weights, values in self.pool.groups():
                if fieldname not in schema:  # (Whoosh's _process_posts drops them too)
                    continue
                if fieldname != lastfn:
                    if lastfn is not None:
                        fw.finish_field()
                    fw.start_field(fieldname, schema[fieldname])
                    lastfn = fieldname
                fw.start_term(btext)
                write_term(fw._postwriter, docs, weights, values, lengths, fieldname)
                fw.finish_term()
            if lastfn is not None:
                fw.finish_field()


@contextmanager
def tracked(sf: Any) -> Iterator[None]:
    """Within the block, `sf` (a Whoosh StructFile being written, nothing else writing to its
    file) answers `tell()` from the bytes written through it, instead of asking its buffered
    file, which asks the OS (an lseek per call: Whoosh asks twice per term). Restored after,
    even on an error. Raises OSError if the file cannot tell its position at the start."""
    pos = sf.tell()
    fwrite = sf.file.write

    def write(b) -> int:
        nonlocal pos
        pos += len(b)
        return fwrite(b)

    sf.write = write
    sf.tell = lambda: pos
    try:
        yield
    finally:
        del sf.write, sf.tell


def grouped(writer: Any) -> Any:
    """Make `writer` (a plain `SegmentWriter` with its fresh `PostingPool`, nothing added) a
    GroupedSegmentWriter with a GroupedPool of the same memory limit; returns the writer. A
    writer of another class, or with another pool, is left alone."""
    pool = getattr(writer, "pool", None)
    if type(writer) is SegmentWriter and type(pool) is PostingPool:
        writer.pool = GroupedPool(pool.tempstore, pool.limit / (1024 * 1024))
        writer.__class__ = GroupedSegmentWriter
    return writer
