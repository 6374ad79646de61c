"""Exact-substring recall: `LiteralQuery(text)` matches exactly the articles whose literal form
(title + body + metadata, `analysis.literal`: normalised, whitespace and in-word punctuation
ignored, sentence/clause punctuation and field ends as breaks) contains the literal form of
`text` at Latin word edges (`analysis.literal.literal_find`).

Why not a character n-gram field in Whoosh: it made builds several times slower and the index
several times larger (`bench/grams.py`; docs/performance.md, "Figures behind the code"). The
literal form is a compressed column (`literal`, zlib) written by
`engine.store.schema.to_document` (`analysis.literal.literal_text`); each segment also gets its
texts as one UTF-8 file with an index of characters and character pairs (store/segtext.py),
which `textindex.SegmentText.docs_with` reads: a one- or two-character needle without word
edges is one list, any other its pairs' lists intersected and each candidate checked in its own
text (`analysis.literal.literal_find_utf8`), so the answer is the brute force the guarantee is
stated against (tests/search/test_recall_property.py checks the definition itself). A segment
written without those files is scanned from its column, decoded once per process
(textindex.py).

Score: a matching document gets `boost × idf`, idf = ln(1 + (N − n + 0.5) / (n + 0.5)) as in
BM25 (Robertson & Zaragoza 2009) with n = matching live documents of the whole index, N = its
live documents (collection-wide like Whoosh's term idf, so an index written as several segments
ranks exactly like one written as one); a literal match is evidence like one occurrence of a
rare term.
"""
from __future__ import annotations

from array import array
import math

from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import qcore

from searchapp.analysis.literal import latin, literal_needle, short_number
from searchapp.cache import BoundedCache
from searchapp.engine.match.keys import segment_key
from searchapp.engine.match.textindex import segment_text

__all__ = ["LiteralQuery", "CACHE_HITS"]

#: Literal hits kept per (segment, needle), counted in document numbers (4 bytes each): the same
#: word is looked up again by each relaxation level, by facet/suggestion re-runs and by repeated
#: queries.
CACHE_HITS = 4_000_000
_hits = BoundedCache(CACHE_HITS)


def _numeric_head(needle: str) -> bool:
    """The needle starts with an amount: its leading run of Latin letters, digits and dots is
    digits and dots only (`8.8%`, `2020年`, `88`; not `5g`, `45g`: a code, not a number), and
    does not start with a zero other than a decimal one (`0`, `00`, `020`, `007`: zero, or a
    code such as an area code or a file number, whose digits inside a longer number (`10`,
    `100`, `2020`, `1007`) are never it; `0.5%` is an amount), and is not a number of one or
    two digits (`20`, `98`, `8%`: `analysis.literal.short_number`, found only whole: `20` in
    2020 or `98` in 1998 is a year, never the number typed)."""
    run = ""
    for c in needle:
        if not (latin(c) or c == "."):
            break
        run += c
    return (bool(run) and run[0].isdigit() and all(c.isdigit() or c == "." for c in run)
            and not (run[0] == "0" and run[1:2] != ".") and not short_number(needle))


class LiteralQuery(qcore.Query):
    """Whoosh query: documents whose literal form contains `literal_needle(text)` at Latin word
    edges. Never matches when the needle is empty. Works per segment (Whoosh hands each segment's searcher to
    `matcher`), so multi-segment indexes and deletions are handled."""

    def __init__(self, text: str, boost: float = 1.0, in_number: bool = False):
        self.text = text
        self.needle = literal_needle(text)
        self.boost = boost
        #: also inside a longer number (`analysis.literal.literal_find`); only for a needle
        #: that starts with a number (else it is the plain literal match)
        self.in_number = in_number and _numeric_head(self.needle)

    def __eq__(self, other):
        return (type(other) is type(self) and other.needle == self.needle
                and other.boost == self.boost and other.in_number == self.in_number)

    def __hash__(self):
        return hash((type(self).__name__, self.needle, self.boost, self.in_number))

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
        ck = (key, self.needle, reader.doc_count(), self.in_number)
        got = _hits.get(ck)
        if got is None:
            ids = array("i", self._scan(reader))
            got = _hits.put(ck, ids, len(ids) + 16)
        return got

    def _scan(self, reader) -> list[int]:
        ids = segment_text(reader).docs_with(self.needle, self.in_number)
        if len(ids) and reader.has_deletions():
            dead = reader.deleted_docs_set
            return [i for i in ids.tolist() if i not in dead]
        return ids.tolist()

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
