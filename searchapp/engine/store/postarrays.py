"""The posting lists of a segment's long terms as flat arrays, written beside the segment when
it is built and read by every reader (a list copied from the files when asked), so no query
unpickles and decompresses Whoosh's posting blocks of a common term (and no process pays for
it again: the page cache is shared).

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
  sa-<segment id>.pspans   int64 [terms, 9], one row per key (`postviews.SPAN`):
                           first posting, posting count;
                           weight width (0: every weight is 1.0, nothing stored; 1 / 2: uint8 /
                           uint16 term frequencies, only when every weight of the list is
                           exactly that integer; 4: float32), byte offset of the weights in .ptf;
                           value kind (0: Whoosh's encoded values, bytes; 2 / 4: the decoded
                           token positions, absolute, as uint16 / uint32: for Whoosh's
                           `Positions` format, whose values nothing reads but their positions),
                           byte offset of the list's first value in .pvals, value length in
                           those units (>= 0: every posting's value has this length, no
                           offsets stored; -1: variable), offset width (0 when the length is
                           fixed; 2 / 4: uint16 / uint32) and byte offset of the list's
                           count + 1 value offsets in .pvoffs, relative to its first value
  sa-<segment id>.pdocs    int32 [postings]: document numbers, ascending within a term
  sa-<segment id>.ptf      bytes: each list's weights at its width (Whoosh keeps weights as
                           float32, so float64 of these is Whoosh's value exactly)
  sa-<segment id>.pvoffs   bytes: value offsets of the lists whose values differ in length
  sa-<segment id>.pvals    bytes: each list's values (every item aligned to its width); a field
                           without per-posting values (fixed size 0) adds none
  sa-<segment id>.pjson    format, segment, documents, terms, postings, weight bytes, offsets,
                           value bytes, min_docs; written last (renamed into place), so files
                           left by a killed build, or of another segment, are never read
All arrays are raw little-endian. Format 1 (int64 offsets, float32 weights and Whoosh's
encoded values for every posting) is not read: its segments are parsed the old way until the
index is rebuilt.
"""
from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.formats import Positions

from searchapp.engine.store.blocks import flatten, parse_blocks
from searchapp.engine.store.fileslices import FileArray
from searchapp.engine.store.posdecode import positions_of
from searchapp.engine.store.postviews import SPAN, WIDTHS, PostArrays, Values
from searchapp.engine.store.storage import create_new, map_array, publish, segment_file

__all__ = ["PostArrays", "Values", "write_segment", "load", "FORMAT", "MIN_DOCS",
           "TERMINFO_HEAD"]

FORMAT = 2
#: Postings a term's list needs in a segment to be written as arrays. Lists below it are one
#: Whoosh block (limit 128 postings) parsed in ~30-40 µs, about what the arrays' look-up and
#: copies cost; from here on parsing costs ~60 µs (64-127) to ms (thousands of postings)
#: (docs/performance.md, "Posting arrays of long terms").
MIN_DOCS = 64
_FILES = ("pkeys", "pspans", "pdocs", "ptf", "pvoffs", "pvals")
#: The files a reader maps (small: one row per long term); the others it reads by slices.
_MAPPED = ("pkeys", "pspans")
#: The head of a whoosh3 term info record (`W3TermInfo._struct`): flags, weight, document
#: frequency. One definition for every reader of term infos (here and `engine.match.termdict`).
TERMINFO_HEAD = struct.Struct("!BfI")


def _long_terms(reader, min_docs: int):
    """(postings offset, postings length, doc frequency, field format) of each term of the
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
        yield offset, length, ti.doc_frequency(), schema[fieldname].format


class _Out:
    """One of the byte files being written, with its length (for offsets and alignment)."""

    def __init__(self, path: Path):
        self.f, self.size = create_new(path), 0

    def put(self, arr: np.ndarray, align: int = 1) -> int:
        """Append `arr`'s bytes after zero padding to a multiple of `align`; its offset."""
        pad = -self.size % align
        if pad:
            self.f.write(b"\0" * pad)
        at = self.size + pad
        self.f.write(arr.tobytes())
        self.size = at + arr.nbytes
        return at


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
        keys, spans, total = [], [], 0
        out = {p: _Out(work / p) for p in ("pdocs", "ptf", "pvoffs", "pvals")}
        try:
            for offset, length, df, fmt in _long_terms(reader, min_docs):
                got = _arrays(postfile.get(offset, length), fmt, df)
                if got is None:
                    continue
                ids, (width, tf), (kind, data, vlen, offs) = got
                out["pdocs"].put(ids)
                tat = out["ptf"].put(tf, width) if width else out["ptf"].size
                vat = out["pvals"].put(data, kind or 1)
                owidth = 0 if offs is None else offs.itemsize
                oat = out["pvoffs"].put(offs, owidth) if owidth else 0
                spans.append((total, len(ids), width, tat, kind, vat, vlen, owidth, oat))
                keys.append(offset)
                total += len(ids)
        finally:
            for o in out.values():
                o.f.close()
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        with create_new(work / "pkeys") as f:
            np.asarray(keys, dtype=np.int64)[order].tofile(f)
        with create_new(work / "pspans") as f:
            np.asarray(spans, dtype=np.int64).reshape(-1, len(SPAN))[order].tofile(f)
        meta = {"format": FORMAT, "segment": segid, "docs": reader.doc_count_all(),
                "terms": len(keys), "postings": total, "tf_bytes": out["ptf"].size,
                "offset_bytes": out["pvoffs"].size, "value_bytes": out["pvals"].size,
                "min_docs": min_docs}
        publish(work, folder, segid, _FILES, meta, "pjson")
        return meta
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _weights(w64: np.ndarray):
    """(width, array to store | None) of a list's float64 weights: the smallest exact encoding
    (module docstring), or None when they are not float32 values."""
    if np.all(w64 == 1.0):
        return 0, None
    if len(w64) and w64.min() >= 0 and w64.max() <= 65535 and np.all(w64 == np.floor(w64)):
        return (1, w64.astype(np.uint8)) if w64.max() <= 255 else (2, w64.astype(np.uint16))
    got = w64.astype(np.float32)
    return (4, got) if np.array_equal(got.astype(np.float64), w64) else None


def _runs(lens: list[int], items: list | np.ndarray, kind: int):
    """(kind, data array, fixed length or -1, offsets uint16/uint32 | None) of one list's
    values given each posting's length `lens` and the concatenated `items`; None when the
    offsets do not fit uint32."""
    dtype = WIDTHS[kind] if kind else np.uint8
    data = np.frombuffer(items, dtype=np.uint8) if isinstance(items, bytes) \
        else np.asarray(items, dtype=dtype)
    if not lens or min(lens) == max(lens):
        return kind, data, (lens[0] if lens else 0), None
    offs = np.concatenate([[0], np.cumsum(lens, dtype=np.int64)])
    if offs[-1] >= 2 ** 32:
        return None
    return kind, data, -1, offs.astype(np.uint16 if offs[-1] < 2 ** 16 else np.uint32)


def _values(vals: list, fmt):
    """The stored form of a list's values (`_runs`): for Whoosh's `Positions` format the
    positions its own decoder gives (what a query reads of them), uint16 when they fit, else
    uint32; any other format, or positions that do not fit, Whoosh's encoded bytes."""
    if type(fmt) is Positions:
        got = positions_of(vals)  # all at once; None: value by value below
        if got is not None:
            lens, flat = got
            if not len(flat) or (flat.min() >= 0 and flat.max() < 2 ** 32):
                kind = 2 if not len(flat) or flat.max() < 2 ** 16 else 4
                return _runs(lens.tolist(), flat, kind)
            return _runs([len(v) for v in vals], b"".join(vals), 0)
        decode = fmt.decoder("positions")
        try:
            poses = [decode(v) for v in vals]
        except Exception:  # noqa: BLE001 - kept as Whoosh's bytes, decoded when read
            poses = None
        if poses is not None:
            flat = [p for ps in poses for p in ps]
            if not flat or (min(flat) >= 0 and max(flat) < 2 ** 32):
                kind = 2 if not flat or max(flat) < 2 ** 16 else 4
                return _runs([len(ps) for ps in poses], flat, kind)
    return _runs([len(v) for v in vals], b"".join(vals), 0)


def _arrays(buf: bytes, fmt, df: int):
    """(docnums int32, (weight width, weights), (value kind, values, length, offsets)) of one
    posting list, or None when it is not exactly representable (module docstring)."""
    fixed = fmt.fixed_value_size()
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
        return ids.astype(np.int32), tf, (0, np.empty(0, dtype=np.uint8), 0, None)
    if len(vals) != df or not all(type(v) is bytes for v in vals):
        return None
    values = _values(vals, fmt)
    return None if values is None else (ids.astype(np.int32), tf, values)


def load(reader, folder: Path | None) -> PostArrays | None:
    """The long posting lists of `reader`'s segment in `folder`: the small .pkeys and .pspans
    memory-mapped (every look-up binary-searches them), the others read by slices when a list
    is asked for (`fileslices.FileArray`: nothing of them is mapped); None
    when `folder` is None or the files are missing, of another format (format 1 included), of
    another segment or document count, or of the wrong sizes (a row of .pspans of an unknown
    encoding or pointing outside the files is refused when looked up: `PostArrays.find`)."""
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
        sizes = {"pkeys": (np.int64, terms), "pspans": (np.int64, terms * len(SPAN)),
                 "pdocs": (np.int32, postings), "ptf": (np.uint8, int(meta["tf_bytes"])),
                 "pvoffs": (np.uint8, int(meta["offset_bytes"])),
                 "pvals": (np.uint8, int(meta["value_bytes"]))}
        for part, (dtype, n) in sizes.items():
            if file(part).stat().st_size != n * np.dtype(dtype).itemsize:
                return None
        a = {p: (map_array if p in _MAPPED else FileArray)(file(p), dtype, n)
             for p, (dtype, n) in sizes.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return PostArrays(a["pkeys"], a["pspans"].reshape(-1, len(SPAN)), a["pdocs"], a["ptf"],
                      a["pvoffs"], a["pvals"])
