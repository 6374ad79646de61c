"""A segment's literal forms (its `literal` column) as one UTF-8 file with their gram index
(`grams.py`), written beside the segment when it is built and read by slices by every reader
(`fileslices`), so a process's first literal lookup reads a few index entries instead of
decoding and scanning the whole column.

    write_segment(reader, folder, budget_bytes=...) -> dict   the files of one finished segment
    load(reader, folder) -> SegmentFiles | None               None: absent or not this segment's
    column_texts(reader) -> iterator of bytes                 each document's text, in order

Files (flat in the generation folder, named after the segment, so an incremental build
hard-links them with the segment's own files; nothing is ever rewritten in place; every file
is created exclusively, never through a link: `storage.create_new`):
  sa-<segment id>.text    every document's literal form in UTF-8, each followed by one NUL
                          byte (a literal form holds no NUL and no needle does, so no
                          match of a needle crosses from one document into the next)
  sa-<segment id>.starts  int64 [documents + 1]: byte offset of each document's text
  sa-<segment id>.gkeys / .gbounds / .gdocs     the gram index: uint64, int64, int32
  sa-<segment id>.json    format, documents, sizes; written last (renamed into place), so files
                          left by a killed build, or of another segment, are never read
All arrays are raw little-endian. Deleted documents stay in (a segment's files never change);
readers leave them out as they do for postings.
"""
from __future__ import annotations

import json
import mmap
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from searchapp.analysis.literal import FIELD
from searchapp.engine.store.fileslices import FileArray
from searchapp.engine.store.grams import BYTES_PER_CHAR, MAX_BLOCK_DOCS, build_block, merge_blocks
from searchapp.engine.store.storage import create_new, map_array, publish, segment_file

__all__ = ["SegmentFiles", "write_segment", "load", "column_texts", "block_chars", "FORMAT",
           "BUDGET_BYTES", "BLOCK_CHARS"]

FORMAT = 1
#: Memory for building one segment's gram index, in bytes (blocks of documents, then key ranges).
BUDGET_BYTES = 96 << 20
#: Characters per block at most: sorting smaller blocks is faster per character (cache), and
#: merging them costs little (measured on the People's Daily texts: docs/performance.md).
BLOCK_CHARS = 600_000
_ARRAYS = {"starts": np.int64, "gkeys": np.uint64, "gbounds": np.int64, "gdocs": np.int32}


@dataclass
class SegmentFiles:
    """One segment's files, read by slices (`fileslices.FileArray`): `text` (uint8, or b""
    when empty), `starts`, and the gram index arrays `gkeys`, `gbounds`, `gdocs` (grams.py)."""

    text: object
    starts: FileArray
    gkeys: FileArray
    gbounds: FileArray
    gdocs: FileArray


def column_texts(reader) -> Iterator[bytes]:
    """The literal form (UTF-8 bytes, b"" where missing) of each local docnum of an atomic
    reader, in order."""
    if not reader.has_column(FIELD):
        return iter([b""] * reader.doc_count_all())
    return ((v or b"") for v in reader.column_reader(FIELD))


def block_chars(budget_bytes: int) -> int:
    """Characters of text per block of the gram index build within `budget_bytes`."""
    return max(10_000, min(BLOCK_CHARS, budget_bytes // BYTES_PER_CHAR))


def write_segment(reader, folder: Path, budget_bytes: int = BUDGET_BYTES,
                  max_chars: int | None = None) -> dict:
    """Write the files of `reader`'s segment (an atomic reader of a finished segment) into the
    generation folder `folder`; returns the .json content. Texts are read and indexed in blocks
    of documents of about `max_chars` characters (default `block_chars(budget_bytes)`; blocks
    kept in temporary files, then merged in key ranges), so memory does not grow with the
    segment."""
    segid = reader.segment().segment_id()
    n = reader.doc_count_all()
    work = folder / f".sa-{segid}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        starts = np.zeros(n + 1, dtype=np.int64)
        max_chars = max_chars or block_chars(budget_bytes)
        blocks, pos, d0 = [], 0, 0
        texts = column_texts(reader)
        with create_new(work / "text") as out:
            while d0 < n:
                chunk, chars = [], 0
                while d0 + len(chunk) < n and (not chunk or chars < max_chars) \
                        and len(chunk) < MAX_BLOCK_DOCS:
                    t = next(texts)
                    chunk.append(t)
                    chars += len(t) + 1  # UTF-8 bytes: at least the characters
                data = b"\x00".join(chunk) + b"\x00"
                out.write(data)
                lens = np.fromiter((len(t) + 1 for t in chunk), dtype=np.int64, count=len(chunk))
                starts[d0 + 1:d0 + len(chunk) + 1] = pos + np.cumsum(lens)
                pos += len(data)
                codes = np.frombuffer(data.decode("utf-8", "replace").encode("utf-32-le"),
                                      dtype=np.uint32)
                blocks.append(_save_block(work, len(blocks), build_block(codes, len(chunk), d0)))
                d0 += len(chunk)
        with create_new(work / "starts") as f:
            starts.tofile(f)
        nkeys, ndocs = _merge(work, blocks, budget_bytes)
        meta = {"format": FORMAT, "segment": segid, "docs": n, "text_bytes": pos,
                "gram_keys": nkeys, "gram_docs": ndocs}
        publish(work, folder, segid, ("text", "starts", "gkeys", "gbounds", "gdocs"), meta, "json")
        return meta
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _save_block(work: Path, k: int, block) -> tuple[list[Path], int, int]:
    paths = [work / f"b{k}.{x}" for x in ("k", "b", "d")]
    for p, arr in zip(paths, block):
        with create_new(p) as f:
            arr.tofile(f)
    return paths, len(block[0]), len(block[2])


def _merge(work: Path, blocks, budget_bytes: int) -> tuple[int, int]:
    """Merge the saved blocks into work/gkeys, gbounds, gdocs; (distinct keys, postings). The
    blocks are read through memory maps whose pages are let go as soon as a block's part of a
    key range is copied out (`merge_blocks`' `read`; `_Maps.release`): a map's touched pages
    count in the process's resident memory, beside the range's arrays the budget counts."""
    maps = [_Maps() for _ in blocks]
    mapped = [(m.array(p[0], np.uint64, nk), m.array(p[1], np.int64, nk + 1),
               m.array(p[2], np.int32, nd)) for m, (p, nk, nd) in zip(maps, blocks)]
    ndocs = 0
    with create_new(work / "gkeys") as fk, create_new(work / "gbounds") as fb, \
            create_new(work / "gdocs") as fd:
        np.zeros(1, dtype=np.int64).tofile(fb)

        def write(keys, counts, docs):
            nonlocal ndocs
            keys.astype(np.uint64).tofile(fk)
            (ndocs + np.cumsum(counts)).astype(np.int64).tofile(fb)
            docs.astype(np.int32).tofile(fd)
            ndocs += len(docs)

        nkeys = merge_blocks(mapped, write, budget_bytes, lambda j: maps[j].release())
    return nkeys, ndocs


class _Maps:
    """Read-only memory maps of files, as numpy arrays, whose resident pages can be dropped
    (the page cache keeps them; a later read maps them in again)."""

    def __init__(self):
        self.maps: list[mmap.mmap] = []

    def array(self, path: Path, dtype, length: int) -> np.ndarray:
        return map_array(path, dtype, length, self.maps)

    def release(self) -> None:
        for m in self.maps:
            try:
                m.madvise(mmap.MADV_DONTNEED)
            except (AttributeError, OSError, ValueError):  # not Linux: pages stay until unmapped
                pass


def load(reader, folder: Path) -> SegmentFiles | None:
    """The files of `reader`'s segment in `folder`, read by slices when asked (`fileslices.
    FileArray`: a query reads a few lists and texts, never maps the files); None when they are
    missing, of another format, for another document count or of the wrong sizes."""
    segid = reader.segment().segment_id()
    n = reader.doc_count_all()
    try:
        meta = json.loads(segment_file(folder, segid, "json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("docs") != n:
            return None
        sizes = {"text": meta["text_bytes"], "starts": (n + 1) * 8,
                 "gkeys": meta["gram_keys"] * 8, "gbounds": (meta["gram_keys"] + 1) * 8,
                 "gdocs": meta["gram_docs"] * 4}
        for part, size in sizes.items():
            if segment_file(folder, segid, part).stat().st_size != size:
                return None
        text = FileArray(segment_file(folder, segid, "text"), np.uint8, sizes["text"]) \
            if sizes["text"] else b""
        arrays = {part: FileArray(segment_file(folder, segid, part), dt,
                                  sizes[part] // np.dtype(dt).itemsize)
                  for part, dt in _ARRAYS.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return SegmentFiles(text, arrays["starts"], arrays["gkeys"], arrays["gbounds"], arrays["gdocs"])
