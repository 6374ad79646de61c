"""Identities of a segment and of an index state, the keys of every per-segment cache.

    segment_key(reader) -> str | None       one segment: id + document count (deleted included)
    index_key(searcher) -> tuple | None     every segment's key, live count and docnum offset
"""
from __future__ import annotations

from searchapp.cache import kept_on

__all__ = ["segment_key", "index_key"]


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
