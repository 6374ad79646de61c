"""The posting lists of a segment's long terms as flat arrays, written beside the segment when
it is built and memory-mapped by every reader, so no query unpickles and decompresses Whoosh's
posting blocks of a common term (and no process pays for it again: the page cache is shared).

    write_segment(reader, folder, min_docs=None) -> dict       the files of one finished segment
    load(reader, folder) -> PostArrays | None                  None: absent, damaged, not its own

A term is "long" when its posting list holds at least `MIN_DOCS` postings (deleted documents
included) in the segment; shorter lists stay where they are (one or two blocks: cheap to parse
on first use). Every field's long terms are written; a term whose postings cannot be
reproduced exactly (a weight that is not a float32 value, values that do not line up with the
postings, a layout `blocks.parse_blocks` does not read) is left out and read the old way.

Files (flat in the generation folder, named after the segment like `segtext`'s, so an
incremental build hard-links them with the segment's own files; each created exclusively,
never through a link: `storage.create_new`):
  sa-<segment id>.pkeys    int64 [terms], ascending: the offset of each long term's posting
                           list in the segment's postings file (`TermInfo.extent()[0]`), the key
                           a reader looks a term up by (a binary search, nothing built at open)
  sa-<segment id>.pspans   int64 [terms, 7], one row per key (`_SPAN`): first posting, posting
                           count; weight width (0: every weight is 1.0, nothing stored; 1 / 2:
                           uint8 / uint16 term frequencies, used only when every weight of the
                           list is exactly that integer; 4: float32), byte offset of the
                           weights in .ptf (a multiple of the width); byte offset of the list's
                           first value in .pvals, value length (>= 0: every value of the list
                           has this length, no offsets stored; -1: variable), index of the
                           list's first offset in .pvoffs (-1 when the length is fixed)
  sa-<segment id>.pdocs    int32 [postings]: document numbers, ascending within a term
  sa-<segment id>.ptf      bytes: each list's weights at its width (Whoosh keeps weights as
                           float32, so float64 of these is Whoosh's value exactly)
  sa-<segment id>.pvoffs   uint32: for each list of values of unequal lengths, count + 1
                           offsets of its values relative to the list's first value
  sa-<segment id>.pvals    the postings' encoded values (positions, Whoosh's encoding),
                           concatenated; a field without per-posting values adds none
  sa-<segment id>.pjson    format, segment, documents, terms, postings, weight bytes, offsets,
                           value bytes, min_docs; written last (renamed into place), so files
                           left by a killed build, or of another segment, are never read
All arrays are raw little-endian. Format 1 (int64 offsets and float32 weights for every
posting) is not read: its segments are parsed the old way until the index is rebuilt.
"""
from __future__ import annotations

import json
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo

from searchapp.engine.store.blocks import flatten, parse_blocks
from searchapp.engine.store.storage import create_new, map_array, publish, segment_file

__all__ = ["PostArrays", "Values", "write_segment", "load", "FORMAT", "MIN_DOCS",
           "TERMINFO_HEAD"]

FORMAT = 2
#: Postings a term's list needs in a segment to be written as arrays. Lists below it are one
#: Whoosh block (limit 128 postings) parsed in ~30-40 µs, about what the arrays' look-up and
#: copies cost; from here on parsing costs ~60 µs (64-127) to ms (thousands of postings)
#: (docs/performance.md, "Posting arrays of long terms").
MIN_DOCS = 64
#: Columns of .pspans.
_SPAN = ("first", "count", "tf_width", "tf_at", "value_at", "value_len", "offsets_at")
_TF = {1: np.uint8, 2: np.uint16, 4: np.float32}
_FILES = ("pkeys", "pspans", "pdocs", "ptf", "pvoffs", "pvals")
#: The head of a whoosh3 term info record (`W3TermInfo._struct`): flags, weight, document
#: frequency. One definition for every reader of term infos (here and `engine.match.termdict`).
TERMINFO_HEAD = struct.Struct("!BfI")


@dataclass
class PostArrays:
    """One segment's long posting lists, memory-mapped (module docstring for the files).
    `docs` int32 [postings]; `spans` int64 [terms, 7]; `tf` uint8 [weight bytes]; `voffs`
    uint32; `vals` a memoryview of .pvals (or b"")."""

    keys: np.ndarray
    spans: np.ndarray
    docs: np.ndarray
    tf: np.ndarray
    voffs: np.ndarray
    vals: object

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
        """The encoded values of the list at `row`, as a sequence of bytes (read when asked)."""
        n, vat, vlen, oat = (int(x) for x in self.spans[row, [1, 4, 5, 6]])
        return Values(self.vals, vat, vlen, None if vlen >= 0 else self.voffs[oat:oat + n + 1], n)


class Values:
    """A read-only sequence of encoded posting values (bytes) backed by the mapped files: item
    i is the value of the list's posting i; nothing is read until an item is asked for.
    `at`: byte offset of the list's first value; `length` >= 0: every value's length, else
    `offs` (uint32 [n + 1]) gives each value's bounds relative to `at`."""

    __slots__ = ("vals", "at", "length", "offs", "n")

    def __init__(self, vals, at: int, length: int, offs: np.ndarray | None, n: int):
        self.vals, self.at, self.length, self.offs, self.n = vals, at, length, offs, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> bytes:
        if not -self.n <= i < self.n:
            raise IndexError(i)
        i %= self.n
        if self.offs is None:
            a = self.at + i * self.length
            return bytes(self.vals[a:a + self.length])
        return bytes(self.vals[self.at + int(self.offs[i]):self.at + int(self.offs[i + 1])])


def _long_terms(reader, min_docs: int):
    """(fieldname, postings offset, postings length, fixed value size) of each term of the
    segment with at least `min_docs` postings stored in the postings file."""
    terms = reader._terms
    schema = reader.schema
    for keybytes, vbytes in terms._tindex.items():
        if TERMINFO_HEAD.unpack_from(vbytes)[2] < min_docs:
            continue
        fieldname, _ = terms._keydecoder(keybytes)
        if fieldname not in schema or not schema[fieldname].format:
            continue
        ti = W3TermInfo.from_bytes(vbytes)
        if ti.is_inlined():
            continue
        offset, length = ti.extent()
        if isinstance(length, tuple):  # W3TermInfo.extent() gives the length as a 1-tuple
            length = length[0]
        yield fieldname, offset, length, ti.doc_frequency(), \
            schema[fieldname].format.fixed_value_size()


def write_segment(reader, folder: Path, min_docs: int | None = None) -> dict:
    """Write the long posting lists of `reader`'s segment (an atomic reader of a finished
    whoosh3 segment) into the generation folder `folder`; returns the .pjson content. Each long
    list is read once and parsed (`blocks.parse_blocks`); memory holds one list at a time.
    Raises OSError from the file system; a list that cannot be read exactly is left out.
    `min_docs`: None = `MIN_DOCS`."""
    min_docs = MIN_DOCS if min_docs is None else min_docs
    segid = reader.segment().segment_id()
    work = folder / f".sa-{segid}.ptmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        postfile = reader._terms._postfile
        keys, spans, total, tfbytes, noffs, vbytes = [], [], 0, 0, 0, 0
        files = {p: create_new(work / p) for p in ("pdocs", "ptf", "pvoffs", "pvals")}
        try:
            for fieldname, offset, length, df, fixed in _long_terms(reader, min_docs):
                got = _arrays(postfile.get(offset, length), fixed, df)
                if got is None:
                    continue
                ids, (width, tf), vals, (vlen, offs) = got
                ids.tofile(files["pdocs"])
                if width:
                    pad = -tfbytes % width
                    files["ptf"].write(b"\0" * pad)
                    tfbytes += pad
                    tf.tofile(files["ptf"])
                spans.append((total, len(ids), width, tfbytes, vbytes, vlen,
                              -1 if offs is None else noffs))
                tfbytes += width * len(ids)
                if offs is not None:
                    offs.tofile(files["pvoffs"])
                    noffs += len(offs)
                if vals:
                    data = b"".join(vals)
                    files["pvals"].write(data)
                    vbytes += len(data)
                keys.append(offset)
                total += len(ids)
        finally:
            for f in files.values():
                f.close()
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        with create_new(work / "pkeys") as f:
            np.asarray(keys, dtype=np.int64)[order].tofile(f)
        with create_new(work / "pspans") as f:
            np.asarray(spans, dtype=np.int64).reshape(-1, len(_SPAN))[order].tofile(f)
        meta = {"format": FORMAT, "segment": segid, "docs": reader.doc_count_all(),
                "terms": len(keys), "postings": total, "tf_bytes": tfbytes, "offsets": noffs,
                "value_bytes": vbytes, "min_docs": min_docs}
        publish(work, folder, segid, _FILES, meta, "pjson")
        return meta
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _weights(w64: np.ndarray):
    """(width, array to store) of a list's float64 weights: the smallest exact encoding
    (module docstring), or None when they are not float32 values."""
    if np.all(w64 == 1.0):
        return 0, None
    if len(w64) and w64.min() >= 0 and w64.max() <= 65535 and np.all(w64 == np.floor(w64)):
        width = 1 if w64.max() <= 255 else 2
        return width, w64.astype(_TF[width])
    got = w64.astype(np.float32)
    return (4, got) if np.array_equal(got.astype(np.float64), w64) else None


def _arrays(buf: bytes, fixed, df: int):
    """(docnums int32, (weight width, weights), values list | None, (value length, offsets
    uint32 | None)) of one posting list, or None when it is not exactly representable (module
    docstring)."""
    try:
        blocks = parse_blocks(buf, fixed)
    except Exception:  # noqa: BLE001 - an unreadable list stays with Whoosh's reader
        return None
    if blocks is None:
        return None
    ids, w64, vals = flatten(blocks, fixed != 0)
    tf = _weights(w64) if len(w64) == df else None
    if len(ids) != df or tf is None or (len(ids) and (ids[0] < 0 or ids[-1] >= 2 ** 31)):
        return None
    if vals is None:  # fixed == 0: no per-posting values
        return ids.astype(np.int32), tf, None, (0, None)
    if len(vals) != df or not all(type(v) is bytes for v in vals):
        return None
    lens = np.fromiter(map(len, vals), dtype=np.int64, count=len(vals))
    if len(lens) and lens.min() == lens.max():
        return ids.astype(np.int32), tf, vals, (int(lens[0]), None)
    offs = np.concatenate([[0], np.cumsum(lens)])
    if offs[-1] >= 2 ** 32:
        return None
    return ids.astype(np.int32), tf, vals, (-1, offs.astype(np.uint32))


def load(reader, folder: Path | None) -> PostArrays | None:
    """The long posting lists of `reader`'s segment in `folder`, memory-mapped read-only; None
    when `folder` is None or the files are missing, of another format (format 1 included), of
    another segment or document count, of the wrong sizes, or when a row of .pspans points
    outside the files."""
    if folder is None:
        return None
    try:
        segid = reader.segment().segment_id()

        def file(part: str) -> Path:
            return segment_file(folder, segid, part)

        meta = json.loads(file("pjson").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("segment") != segid \
                or meta.get("docs") != reader.doc_count_all():
            return None
        terms, postings = int(meta["terms"]), int(meta["postings"])
        sizes = {"pkeys": (np.int64, terms), "pspans": (np.int64, terms * len(_SPAN)),
                 "pdocs": (np.int32, postings), "ptf": (np.uint8, int(meta["tf_bytes"])),
                 "pvoffs": (np.uint32, int(meta["offsets"])),
                 "pvals": (np.uint8, int(meta["value_bytes"]))}
        for part, (dtype, n) in sizes.items():
            if file(part).stat().st_size != n * np.dtype(dtype).itemsize:
                return None
        a = {p: map_array(file(p), dtype, n) for p, (dtype, n) in sizes.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    spans = a["pspans"].reshape(-1, len(_SPAN))
    if not _spans_fit(spans, a["pdocs"], a["ptf"], a["pvoffs"], a["pvals"]):
        return None
    return PostArrays(a["pkeys"], spans, a["pdocs"], a["ptf"], a["pvoffs"],
                      a["pvals"].data if len(a["pvals"]) else b"")


def _spans_fit(spans: np.ndarray, docs, tf, voffs, vals) -> bool:
    """Whether every row of `spans` points inside the files (so no slice is ever cut short)."""
    if not len(spans):
        return True
    first, n, width, tat, vat, vlen, oat = (spans[:, k] for k in range(len(_SPAN)))
    ok = (first >= 0) & (n >= 0) & (first + n <= len(docs)) & np.isin(width, (0, 1, 2, 4))
    ok &= (tat >= 0) & (tat % np.maximum(width, 1) == 0) & (tat + n * width <= len(tf))
    fixed = vlen >= 0
    ok &= (vat >= 0) & np.where(fixed, oat == -1, (oat >= 0) & (oat + n + 1 <= len(voffs)))
    if not ok.all():
        return False
    ends = np.where(fixed, vlen * n, 0)
    var = np.flatnonzero(~fixed)
    if len(var):
        ends[var] = voffs[oat[var] + n[var]].astype(np.int64)
    return bool(np.all(vat + ends <= len(vals)))
