"""The posting lists of a segment's long terms as flat arrays, written beside the segment when
it is built and memory-mapped by every reader, so no query unpickles and decompresses Whoosh's
posting blocks of a common term (and no process pays for it again: the page cache is shared).

    write_segment(reader, folder, min_docs=None) -> dict       the files of one finished segment
    load(reader, folder) -> PostArrays | None                  None: absent, damaged, not its own
    parse_blocks(buf, fixed) -> [(id deltas, weights, values)] | None   Whoosh's block layout
    flatten(blocks, values) -> (docnums int64, weights float64, values list | None)

A term is "long" when its posting list holds at least `MIN_DOCS` postings (deleted documents
included) in the segment; shorter lists stay where they are (one or two blocks: cheap to parse
on first use). Every field's long terms are written; a term whose postings cannot be
reproduced exactly (a weight that is not a float32 value, values that do not line up with the
postings, a layout `parse_blocks` does not read) is left out and read the old way.

Files (flat in the generation folder, named after the segment like `segtext`'s, so an
incremental build hard-links them with the segment's own files; each created exclusively,
never through a link: `storage.create_new`):
  sa-<segment id>.pkeys    int64 [terms], ascending: the offset of each long term's posting
                           list in the segment's postings file (`TermInfo.extent()[0]`), the key
                           a reader looks a term up by (a binary search, nothing built at open)
  sa-<segment id>.pspans   int64 [terms, 2]: (first posting, posting count) of each key's term
  sa-<segment id>.pdocs    int32 [postings]: document numbers, ascending within a term
  sa-<segment id>.ptf      float32 [postings]: weights (term frequency × field boost; Whoosh
                           keeps them as float32, so float64 of these is Whoosh's value exactly)
  sa-<segment id>.pvoffs   int64 [postings + 1]: byte offset of each posting's value in .pvals
  sa-<segment id>.pvals    the postings' encoded values (positions), concatenated; a field
                           without per-posting values (fixed size 0) adds none
  sa-<segment id>.pjson    format, segment, documents, terms, postings, value bytes, min_docs;
                           written last (renamed into place), so files left by a killed build,
                           or of another segment, are never read
All arrays are raw little-endian.
"""
from __future__ import annotations

import io
import json
import pickle
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo

from searchapp.engine.store.storage import create_new, map_array, publish, segment_file

__all__ = ["PostArrays", "Values", "write_segment", "load", "parse_blocks", "flatten", "FORMAT",
           "MIN_DOCS"]

FORMAT = 1
#: Postings a term's list needs in a segment to be written as arrays. Lists below it are one
#: Whoosh block (limit 128 postings) parsed in ~30-40 µs, about what the arrays' look-up and
#: copies cost; from here on parsing costs ~60 µs (64-127) to ms (thousands of postings)
#: (docs/performance.md, "Posting arrays of long terms").
MIN_DOCS = 64
_ARRAYS = {"pkeys": np.int64, "pspans": np.int64, "pdocs": np.int32, "ptf": np.float32,
           "pvoffs": np.int64}
_INT = struct.Struct("!i")        # whoosh.system's int layout (block lengths)
#: The head of a whoosh3 term info record (`W3TermInfo._struct`): flags, weight, document
#: frequency. One definition for every reader of term infos (here and `engine.match.termdict`).
TERMINFO_HEAD = struct.Struct("!BfI")


@dataclass
class PostArrays:
    """One segment's long posting lists, memory-mapped (module docstring for the shapes)."""

    keys: np.ndarray
    spans: np.ndarray
    docs: np.ndarray
    tf: np.ndarray
    voffs: np.ndarray
    vals: object  # memoryview of the mapped .pvals, or b""

    def find(self, offset: int, count: int) -> tuple[int, int] | None:
        """(first, end) posting indexes of the term whose list starts at `offset` in the
        postings file and holds `count` postings; None when it is not here (or its span does
        not hold `count` postings: never a wrong list)."""
        i = int(np.searchsorted(self.keys, offset))
        if i >= len(self.keys) or int(self.keys[i]) != offset:
            return None
        first, n = (int(x) for x in self.spans[i])
        if n != count or first < 0 or first + n > len(self.docs):
            return None
        return first, first + n

    def values(self, first: int, end: int) -> "Values":
        """The encoded values of postings [first, end) (`find`), as a sequence of bytes."""
        return Values(self.voffs, self.vals, first, end)


class Values:
    """A read-only sequence of encoded posting values (bytes) backed by the mapped files: item
    i is the value of posting `first + i`; nothing is read until an item is asked for."""

    __slots__ = ("voffs", "vals", "first", "n")

    def __init__(self, voffs: np.ndarray, vals, first: int, end: int):
        self.voffs, self.vals, self.first, self.n = voffs, vals, first, end - first

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> bytes:
        if not -self.n <= i < self.n:
            raise IndexError(i)
        j = self.first + (i % self.n)
        return bytes(self.vals[int(self.voffs[j]):int(self.voffs[j + 1])])


def parse_blocks(buf: bytes, fixed: int | None):
    """[(docnum deltas, weights, values)] of one posting list in Whoosh 2.7's whoosh3 layout
    (`buf` = the list's bytes, from `TermInfo.extent()`; `fixed` = the field format's
    `fixed_value_size()`), or None when `buf` is not that layout. Layout (whoosh/codec/
    whoosh3.py, W3LeafMatcher): b"W3Bl", then per block: int32 length (negative for the last
    block), pickled (count, max id, max weight, compression, min length, max length), data =
    [zlib] pickle of (id deltas, weights: None = all 1.0 | float = all that | array, values).
    Raises what pickle/zlib raise on a damaged list."""
    if buf[:4] != b"W3Bl":
        return None
    bio = io.BytesIO(buf)
    out, pos = [], 4
    while True:
        (n,) = _INT.unpack_from(buf, pos)
        end = pos + 4 + abs(n)
        bio.seek(pos + 4)
        count, _, _, compression, _, _ = pickle.load(bio)
        data = buf[bio.tell():end]
        deltas, weights, values = pickle.loads(zlib.decompress(data) if compression else data)[:3]
        if fixed == 0:
            values = (None,) * count
        elif fixed is not None and fixed > 0:
            values = tuple(values[i:i + fixed] for i in range(0, len(values), fixed))
        out.append((deltas, weights_of(weights, count), values))
        if n < 0:
            return out
        pos = end


def flatten(blocks, values: bool):
    """(docnums int64, weights float64, values list | None) of a posting list's `parse_blocks`
    blocks, values only when asked. Each block's id deltas start from 0
    (W3PostingsWriter._mini_ids): its first is a docnum."""
    ids = np.concatenate([np.cumsum(np.asarray(d, dtype=np.int64)) for d, _, _ in blocks])
    weights = np.concatenate([np.asarray(w, dtype=np.float64) for _, w, _ in blocks])
    return ids, weights, ([v for _, _, vs in blocks for v in vs] if values else None)


def weights_of(w, count: int):
    """A block's weights as a sequence (W3LeafMatcher._read_weights)."""
    if w is None:
        return [1.0] * count
    if isinstance(w, float):
        return [w] * count
    return w


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
    list is read once and parsed (`parse_blocks`); memory holds one list at a time. Raises
    OSError from the file system; a list that cannot be read exactly is left out. `min_docs`:
    None = `MIN_DOCS`."""
    min_docs = MIN_DOCS if min_docs is None else min_docs
    segid = reader.segment().segment_id()
    work = folder / f".sa-{segid}.ptmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        postfile = reader._terms._postfile
        keys, spans, total, vbytes = [], [], 0, 0
        files = {p: create_new(work / p) for p in ("pdocs", "ptf", "pvoffs", "pvals")}
        try:
            np.zeros(1, dtype=np.int64).tofile(files["pvoffs"])
            for fieldname, offset, length, df, fixed in _long_terms(reader, min_docs):
                got = _arrays(postfile.get(offset, length), fixed, df)
                if got is None:
                    continue
                ids, tf, vals = got
                ids.tofile(files["pdocs"])
                tf.tofile(files["ptf"])
                if vals:
                    lens = np.fromiter(map(len, vals), dtype=np.int64, count=len(vals))
                    data = b"".join(vals)
                    files["pvals"].write(data)
                    (vbytes + np.cumsum(lens)).tofile(files["pvoffs"])
                    vbytes += len(data)
                else:
                    np.full(len(ids), vbytes, dtype=np.int64).tofile(files["pvoffs"])
                keys.append(offset)
                spans.append((total, len(ids)))
                total += len(ids)
        finally:
            for f in files.values():
                f.close()
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        with create_new(work / "pkeys") as f:
            np.asarray(keys, dtype=np.int64)[order].tofile(f)
        with create_new(work / "pspans") as f:
            np.asarray(spans, dtype=np.int64).reshape(-1, 2)[order].tofile(f)
        meta = {"format": FORMAT, "segment": segid, "docs": reader.doc_count_all(),
                "terms": len(keys), "postings": total, "value_bytes": vbytes,
                "min_docs": min_docs}
        publish(work, folder, segid, ("pkeys", "pspans", "pdocs", "ptf", "pvoffs", "pvals"), meta,
                "pjson")
        return meta
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _arrays(buf: bytes, fixed, df: int):
    """(docnums int32, weights float32, values list | None) of one posting list, or None when
    it is not exactly representable (module docstring)."""
    try:
        blocks = parse_blocks(buf, fixed)
    except Exception:  # noqa: BLE001 - an unreadable list stays with Whoosh's reader
        return None
    if blocks is None:
        return None
    ids, w64, vals = flatten(blocks, fixed != 0)
    w32 = w64.astype(np.float32)
    if len(ids) != df or len(w64) != df or not np.array_equal(w32.astype(np.float64), w64) \
            or (len(ids) and (ids[0] < 0 or ids[-1] >= 2 ** 31)):
        return None
    if vals is None:  # fixed == 0: no per-posting values
        return ids.astype(np.int32), w32, None
    if len(vals) != df or not all(type(v) is bytes for v in vals):
        return None
    return ids.astype(np.int32), w32, vals


def load(reader, folder: Path | None) -> PostArrays | None:
    """The long posting lists of `reader`'s segment in `folder`, memory-mapped read-only; None
    when `folder` is None or the files are missing, of another format, of another segment or
    document count, or of the wrong sizes."""
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
        terms, postings, vbytes = int(meta["terms"]), int(meta["postings"]), int(meta["value_bytes"])
        lengths = {"pkeys": terms, "pspans": terms * 2, "pdocs": postings, "ptf": postings,
                   "pvoffs": postings + 1}
        for part, n in lengths.items():
            if file(part).stat().st_size != n * np.dtype(_ARRAYS[part]).itemsize:
                return None
        if file("pvals").stat().st_size != vbytes:
            return None
        arrays = {p: map_array(file(p), _ARRAYS[p], n) for p, n in lengths.items()}
        vals = map_array(file("pvals"), np.uint8, vbytes).data if vbytes else b""
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return PostArrays(arrays["pkeys"], arrays["pspans"].reshape(-1, 2), arrays["pdocs"],
                      arrays["ptf"], arrays["pvoffs"], vals)
