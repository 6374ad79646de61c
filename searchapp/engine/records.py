"""Stored fields of the articles a result page shows, kept across queries.

    kept_article(s, docnum) -> Article      the same Article as `documents.stored_article`
    STORED_CHARS                            the budget, in characters of stored text

A page of hits reads each hit's stored fields (Whoosh's stored column: one compressed record per
document, decompressed and unpickled per read); a very common word's pages show the same
articles query after query. What a segment stores never changes (a deletion only hides a
document), so each record read is kept under (segment key, docnum in the segment):
`engine.match.keys.segment_key`, which names the segment's file, so a copy of an index or a
later generation that rewrote the segment never shares another's records. The kept value is the
stored-fields dict (str and int values only, never handed out); each call builds a new Article
from it (`schema.stored_to_article`), so a caller changing its Article changes nothing kept.
"""
from __future__ import annotations

from bisect import bisect_right

from searchapp.cache import BoundedCache, kept_on
from searchapp.engine.match.keys import segment_key
from searchapp.engine.store.schema import stored_to_article
from searchapp.model import Article

__all__ = ["kept_article", "STORED_CHARS", "stored_reads"]

#: Characters of stored text (every str value of a record: title, body, metadata, JSON fields)
#: kept; a record counts its characters + 64. About 2 bytes a character for Chinese text, so
#: ~8–10 MB at most; a record larger than the budget is read each time, never kept. A budget
#: below the records of the pages asked again and again is emptied by each cycle over them
#: (least recently used out first) and reads every one again: sized from the first pages of
#: bench/scale.py's real queries (docs/performance.md, "Warm tail, eighth stop").
STORED_CHARS = 4_000_000
_records = BoundedCache(STORED_CHARS)
#: Stored-field records read from the index by `kept_article` (not found kept), for tests.
_reads = [0]


def stored_reads() -> int:
    """How many records `kept_article` has read from an index in this process (not kept)."""
    return _reads[0]


def kept_article(s, docnum: int) -> Article:
    """The Article stored under top-level `docnum` of searcher `s` (the same as
    `documents.stored_article`), its stored record kept across queries (`STORED_CHARS`).
    A reader without a segment key (an index in memory) is read each time. Raises what
    Whoosh raises for a docnum out of range."""
    leaves = kept_on(s, "_searchapp_leaf_offsets", lambda: _leaves(s))
    if leaves is None:
        _reads[0] += 1
        return stored_to_article(s.stored_fields(docnum))
    offsets, readers, keys = leaves
    i = bisect_right(offsets, docnum) - 1
    if i < 0 or keys[i] is None:
        _reads[0] += 1
        return stored_to_article(s.stored_fields(docnum))
    local = docnum - offsets[i]
    ck = (keys[i], local)
    got = _records.get(ck)
    if got is None:
        _reads[0] += 1
        got = readers[i].stored_fields(local)
        got = _records.put(ck, got, 64 + sum(len(v) for v in got.values() if isinstance(v, str)))
    return stored_to_article(got)


def _leaves(s):
    """(docnum offsets ascending, atomic readers, their segment keys) of the searcher's
    segments, or None when the searcher's reader gives none."""
    pairs = s.reader().leaf_readers()
    if not pairs:
        return None
    pairs = sorted(pairs, key=lambda p: p[1])
    return ([o for _, o in pairs], [r for r, _ in pairs], [segment_key(r) for r, _ in pairs])
