"""Identities of a segment and of an index state, the keys of every per-segment cache.

    segment_key(reader) -> str | None       one segment: id + document count (deleted included)
    index_key(searcher) -> tuple | None     every segment's key, live count and docnum offset
    storage_folder(reader) -> Path | None   the folder of a segment's files (its generation)
"""
from __future__ import annotations

from pathlib import Path

from searchapp.cache import kept_on

__all__ = ["segment_key", "index_key", "storage_folder"]


def segment_key(reader) -> str | None:
    """Identity of an atomic reader's segment (id + document count incl. deleted), or None.
    Kept on the reader (both parts are fixed for a reader's life; asked ~20 times a query)."""
    def compute():
        try:
            return reader.segment().segment_id() + ":" + str(reader.doc_count_all())
        except AttributeError:
            return None

    return kept_on(reader, "_searchapp_segkey", compute)


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
