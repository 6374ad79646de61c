"""Identities of a segment and of an index state, the keys of every per-segment cache.

    segment_key(reader) -> str | None       one segment: id + document count + file identity
    index_key(searcher) -> tuple | None     every segment's key, live count and docnum offset
    storage_folder(reader) -> Path | None   the folder of a segment's files (its generation)
"""
from __future__ import annotations

import os
from pathlib import Path

from searchapp.cache import kept_on

__all__ = ["segment_key", "index_key", "storage_folder"]


def segment_key(reader) -> str | None:
    """Identity of an atomic reader's segment, or None: its id, its document count (deleted
    included) and the file identity (device, inode) of its compound segment file. A copy of an
    index keeps ids and counts, so without the file identity a process that had read one copy
    answered from what it kept of it for the other; a later generation hard-links an unchanged
    segment's files (same inode) and so keeps sharing its data. Kept on the reader (every part
    is fixed for a reader's life; asked ~20 times a query)."""
    def compute():
        try:
            seg = reader.segment()
            key = seg.segment_id() + ":" + str(reader.doc_count_all())
        except AttributeError:
            return None
        return key + ":" + _file_identity(reader, seg)

    return kept_on(reader, "_searchapp_segkey", compute)


def _file_identity(reader, seg) -> str:
    """"device:inode" of a segment's compound file; else its folder's resolved path (a segment
    kept as separate files); "" for a reader with no folder (an index in RAM)."""
    folder = storage_folder(reader)
    if folder is None:
        return ""
    try:
        st = os.stat(folder / seg.make_filename(".seg"))
        return f"{st.st_dev}:{st.st_ino}"
    except (OSError, AttributeError):
        return str(folder.resolve())


def index_key(searcher) -> tuple | None:
    """Identity of a searcher's documents: (segment key, live count, docnum offset) per
    segment — a deletion changes it — or None when a segment has no key."""
    keys = []
    for r, offset in searcher.reader().leaf_readers():
        k = segment_key(r)
        if k is None:
            return None
        keys.append((k, r.doc_count(), offset))
    return tuple(keys)


def storage_folder(reader) -> Path | None:
    """The folder holding an atomic reader's segment files (its generation folder), or None
    (a reader not backed by a folder)."""
    st = reader.storage() if hasattr(reader, "storage") else None
    for part in (st, getattr(st, "b", None)):  # a compound segment's storage overlays the folder
        folder = getattr(part, "folder", None)
        if folder:
            return Path(folder)
    return None
