"""Exact-substring recall by scanning: `LiteralQuery(text)` matches exactly the articles whose
literal form (title + body + metadata, `analysis.literal`: normalised, whitespace and in-word
punctuation ignored, sentence/clause punctuation and field ends as breaks) contains the literal
form of `text` at Latin word edges (`analysis.literal.literal_find`).

Why a scan and not a character n-gram field: an n-gram field made builds several times slower
and the index several times larger, while scanning the squeezed texts in memory answers a
literal lookup in about the same time as the n-gram phrase query (`bench/grams.py`; figures in
docs/performance.md, "Figures behind the code"), and is exact by construction (it *is* the brute force the guarantee is stated
against), so the property test in tests/search/test_recall_property.py checks the definition
itself.

Storage: the literal form is a compressed column (`literal`, zlib) written by
`engine.store.schema.to_document` (`analysis.literal.literal_text`). Each segment's texts are
decoded once and cached in this process (keyed by the segment's id, at most `CACHE_SEGMENTS`
segments), about 2 bytes per Chinese character.

Score: a matching document gets `boost × idf`, idf = ln(1 + (N − n + 0.5) / (n + 0.5)) as in
BM25 (Robertson & Zaragoza 2009) with n = matching live documents of the whole index, N = its
live documents (collection-wide like Whoosh's term idf, so an index written as several segments
ranks exactly like one written as one); a literal match is evidence like one occurrence of a
rare term.
"""
from __future__ import annotations

import bisect
from array import array
import math

from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import qcore

from searchapp.engine.match import char_index
from searchapp.analysis.literal import FIELD, literal_find, literal_needle
from searchapp.cache import BoundedCache
from searchapp.engine.match.keys import segment_key

__all__ = ["LiteralQuery", "segment_texts", "CACHE_SEGMENTS"]

#: Segments whose decoded texts stay in memory (an index has few segments after a build).
CACHE_SEGMENTS = 32
#: Literal hits kept per (segment, needle), counted in document numbers (4 bytes each): the same
#: word is looked up again by each relaxation level, by facet/suggestion re-runs and by repeated
#: queries.
CACHE_HITS = 4_000_000
_cache = BoundedCache(CACHE_SEGMENTS)
_hits = BoundedCache(CACHE_HITS)


def segment_texts(reader) -> tuple[str, list[int]]:
    """Literal forms of every document of an atomic (one-segment) reader, joined by "\\x00"
    into one string, and the start offset of each local docnum's text in it (so one C-level
    `str.find` scans a whole segment). Documents without a value (or an index without the
    column) give ""."""
    key = segment_key(reader)
    if key is not None:
        got = _cache.get(key)
        if got is not None:
            return got
    if reader.has_column(FIELD):
        col = reader.column_reader(FIELD)
        texts = [(v or b"").decode("utf-8", "replace") for v in col]
    else:
        texts = [""] * reader.doc_count_all()
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    value = ("\x00".join(texts), starts)
    return value if key is None else _cache.put(key, value)


class LiteralQuery(qcore.Query):
    """Whoosh query: documents whose literal form contains `literal_needle(text)` at Latin word
    edges. Never matches when the needle is empty. Works per segment (Whoosh hands each segment's searcher to
    `matcher`), so multi-segment indexes and deletions are handled."""

    def __init__(self, text: str, boost: float = 1.0):
        self.text = text
        self.needle = literal_needle(text)
        self.boost = boost

    def __eq__(self, other):
        return (type(other) is type(self) and other.needle == self.needle
                and other.boost == self.boost)

    def __hash__(self):
        return hash((type(self).__name__, self.needle, self.boost))

    def __repr__(self):
        return f"{type(self).__name__}({self.text!r}, boost={self.boost})"

    def __str__(self):
        return f"literal:{self.text}"

    def is_leaf(self):
        return True

    def estimate_size(self, ixreader):
        return ixreader.doc_count()

    def estimate_min_size(self, ixreader):
        return 0

    def _ids(self, reader):
        """Local docnums (ascending, deleted ones left out) whose text contains the needle;
        cached per (segment, needle) in this process (`CACHE_HITS`)."""
        if not self.needle:
            return []
        key = segment_key(reader)
        if key is None:
            return array("i", self._scan(reader))
        # deletions only accumulate on a segment id: its live count tells them apart
        ck = (key, self.needle, reader.doc_count())
        got = _hits.get(ck)
        if got is None:
            ids = array("i", self._scan(reader))
            got = _hits.put(ck, ids, len(ids) + 16)
        return got

    def _scan(self, reader) -> list[int]:
        needle = self.needle
        big, starts = segment_texts(reader)
        n = len(starts)
        index = char_index.for_segment(segment_key(reader), big, starts)
        if index is not None:  # only the documents holding every character of the needle
            ids = [d for d in index.candidates(needle).tolist()
                   if literal_find(big, needle, starts[d],
                                   starts[d + 1] - 1 if d + 1 < n else len(big)) >= 0]
        else:  # one pass over the whole segment
            ids = []
            pos = literal_find(big, needle)
            while pos >= 0:
                doc = bisect.bisect_right(starts, pos) - 1
                ids.append(doc)
                if doc + 1 >= n:
                    break
                pos = literal_find(big, needle, starts[doc + 1])
        if ids and reader.has_deletions():
            ids = [i for i in ids if not reader.is_deleted(i)]
        return ids

    def idf(self, searcher) -> float:
        """ln(1 + (N − n + 0.5) / (n + 0.5)) over the whole index `searcher` belongs to (its
        parent when it is one segment's searcher): N live documents, n of them matching."""
        top = searcher.get_parent()
        kept = self.__dict__.get("_idf")
        if kept is not None and kept[0] is top:  # each segment of one search asks again
            return kept[1]
        n = sum(len(self._ids(r)) for r, _ in top.reader().leaf_readers())
        n_all = max(1, top.doc_count())
        value = math.log(1.0 + (n_all - n + 0.5) / (n + 0.5))
        self._idf = (top, value)
        return value

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        ids = self._ids(reader)
        if not ids:
            return NullMatcher()
        return ListMatcher(ids, all_weights=self.boost * self.idf(searcher))
