"""Array matching: every scored match of a query, computed on whole posting lists with numpy.

    scored_arrays(searcher, q) -> (docnums int64 ascending, scores float64)

The same result as running `q` through Whoosh's matchers with a collector of every match
(`reference.scored_arrays`), but instead of advancing one posting at a time through a tree of
Python matcher objects (`skip_to`/`id`/`score` per posting), each term's posting list is read
once into arrays (docnums, term frequencies) and the query tree is evaluated with set
operations on sorted arrays:

    Term(f, t)^b  → postings of (f, t); score = bm25(idf, tf, field length, avgfl, B, K1) × b
                    (in a field without lengths, e.g. `topics`: the posting's weight × b)
    Phrase(f, [t1..tn])^b (slop 1)
                  → documents of every ti, kept when some position p has ti at p + i - 1
                    (positions read only for those documents: phrase.py); score = the sum of the
                    terms' scores (Whoosh's SpanNear2 over an intersection) × b
    Or(qs)^b      → union, scores summed where several match, × b
    And(qs)^b     → intersection, scores summed, × b
    AndNot(a, b)  → a's matches minus b's, a's scores (`exclusion.ExcludingQuery` too)
    LiteralQuery  → its own scan (literal.py), score boost × idf
    Every()^b     → every live document, score b (1.0 when b is 0)
    anything else → Whoosh's own matcher for that sub-query (Every, a phrase with slop, ...),
                    run posting by posting and counted as "fallback_subquery" (`counts`)

The arithmetic is Whoosh's (`scoring.bm25`, float64, same operation order), so a term's scores
are bit-identical; sums of several clauses may be added in another order than Whoosh's matcher
tree, which can change a score in its last bit (scores are rounded to 6 places by the caller).
tests/engine compares both matchers on generated queries over a real index.

Posting lists are read and kept by `postings.py` (one read per list, caches per segment).
Deleted documents are removed at the end, as Whoosh's reader does for each posting list.
"""
from __future__ import annotations

import numpy as np
from whoosh import query as Q

from searchapp.engine.match import postings as P
from searchapp.engine.match.bm25 import field_lengths
from searchapp.engine.match.counts import count
from searchapp.engine.match.docarrays import intersect, member
from searchapp.engine.match.exclusion import ExcludingQuery
from searchapp.engine.match.keys import index_key
from searchapp.engine.match.literal import LiteralQuery
from searchapp.engine.match.phrase import phrase_mask
from searchapp.sortedsets import distinct

__all__ = ["scored_arrays"]


_EMPTY_IDS = np.empty(0, dtype=np.int64)
_EMPTY_SC = np.empty(0, dtype=np.float64)


def _leaves(searcher) -> list["_Leaf"]:
    """One `_Leaf` per segment of `searcher`, in `leaf_searchers()` order, each knowing the
    top searcher and its sibling leaves (statistics shared by the segments: idf, average
    lengths, keyed by the index's identity)."""
    context = searcher.context(needs_current=True, weighting=searcher.weighting)
    ikey = index_key(searcher)
    topkey = None if ikey is None else (type(searcher.weighting).__name__, ikey)
    segs = [_Leaf(sub, context, None if ikey is None else ikey[i][0], topkey)
            for i, (sub, _) in enumerate(searcher.leaf_searchers())]
    for leaf in segs:
        leaf.top, leaf.segments = searcher.get_parent(), segs
    return segs


def scored_arrays(searcher, q) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, scores) of every live document matching `q` over all segments of `searcher`:
    top-level docnums (int64, ascending) and their scores (float64) as Whoosh's matcher
    computes them with `searcher.weighting`. Raises what Whoosh raises for a malformed query
    (e.g. a phrase on a field without positions)."""
    count("arrays")
    leaves = searcher.leaf_searchers()
    all_ids, all_sc = [], []
    segs = _leaves(searcher)
    for leaf, (_, offset) in zip(segs, leaves):
        got = _eval(q, leaf)
        if got is None:
            continue
        ids, sc = got
        reader = leaf.reader
        if reader.has_deletions() and len(ids):
            keep = ~member(ids, _deleted(reader))
            ids, sc = ids[keep], sc[keep]
        all_ids.append(ids + offset)
        all_sc.append(sc)
    if not all_ids:
        return _EMPTY_IDS, _EMPTY_SC
    if len(all_ids) == 1:
        return all_ids[0], all_sc[0]
    return np.concatenate(all_ids), np.concatenate(all_sc)


def _deleted(reader) -> np.ndarray:
    """The segment's deleted local docnums (sorted int64)."""
    dead = getattr(reader, "deleted_docs_set", None)
    if dead is None:
        dead = [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    return np.fromiter(sorted(dead), dtype=np.int64)


class _Leaf:
    """One segment's searcher and reader, the search context, the segment's key and the whole
    index's (`topkey`, for statistics over all segments; a key is None when unknown), the
    index's top-level searcher (`top`) and every segment's _Leaf (`segments`, this one
    included)."""

    __slots__ = ("searcher", "reader", "context", "key", "topkey", "top", "segments")

    def __init__(self, searcher, context, key, topkey):
        self.searcher, self.context, self.key, self.topkey = searcher, context, key, topkey
        self.reader = searcher.reader()
        self.top, self.segments = searcher, [self]


def _eval(q, leaf: _Leaf):
    """(ids ascending int64, scores float64) of the live-or-deleted local matches of `q` in
    `leaf`, or None where Whoosh would give a NullMatcher (no match at all)."""
    t = type(q)
    if t is Q.Term:
        return _term(q, leaf)
    if t is LiteralQuery:
        return _literal(q, leaf)
    if t is Q.Phrase and q.slop == 1 and len(q.words) > 1:
        return _phrase(q, leaf)
    if t in (Q.Or, Q.And) and not getattr(q, "scale", None) and not getattr(q, "minmatch", 0):
        subs = q.subqueries
        if not subs:
            return None
        if len(subs) == 1:  # Whoosh matches a one-clause compound as the clause (boost dropped)
            return _eval(subs[0], leaf)
        parts = [_eval(s, leaf) for s in subs]
        combined = _union(parts, leaf.reader.doc_count_all()) if t is Q.Or else _intersection(parts)
        if combined is None:
            return None
        if q.boost != 1.0:
            combined = (combined[0], combined[1] * q.boost)
        return combined
    if t is Q.AndNot or t is ExcludingQuery:
        a = _eval(q.a, leaf)
        if a is None:
            return None
        b = _eval(q.b, leaf)
        if b is None or not len(b[0]):
            return a
        keep = ~member(a[0], b[0])
        return a[0][keep], a[1][keep]
    if q is Q.NullQuery or t is type(Q.NullQuery):
        return None
    if t is Q.Every and q.fieldname is None:
        return _every(q, leaf)
    return _whoosh(q, leaf)


def _every(q, leaf: _Leaf):
    """Every live document of the segment (Whoosh's `Every().matcher`: a ListMatcher over
    `reader.all_doc_ids()` whose every score is the boost, or 1.0 when the boost is 0), as
    arrays: a browse (filters alone) no longer walks every document in Python."""
    reader = leaf.reader
    ids = np.arange(reader.doc_count_all(), dtype=np.int64)
    if reader.has_deletions() and len(ids):
        ids = ids[~member(ids, _deleted(reader))]
    return ids, np.full(len(ids), q.boost if q.boost else 1.0, dtype=np.float64)


def _union(parts, size: int):
    """Union of (ids, scores) parts of a segment of `size` documents, scores added part by part
    in order (each part's ids are distinct). A union covering a good share of the segment is
    accumulated in arrays over the whole segment (no sort); a small one by sorting the ids
    (`sortedsets.distinct`, not `np.unique`, which numpy 2.x computes by hashing, far slower
    here)."""
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    total = sum(len(p[0]) for p in parts)
    if total * DENSE_UNION_SHARE >= size:
        hit = np.zeros(size, dtype=bool)
        acc = np.zeros(size, dtype=np.float64)
        for pid, psc in parts:
            hit[pid] = True
            acc[pid] += psc
        ids = np.flatnonzero(hit)
        return ids, acc[ids]
    ids = distinct(np.concatenate([p[0] for p in parts]))
    sc = np.zeros(len(ids), dtype=np.float64)
    for pid, psc in parts:
        sc[np.searchsorted(ids, pid)] += psc
    return ids, sc


#: A union whose parts hold at least 1/DENSE_UNION_SHARE of the segment's documents is computed
#: over whole-segment arrays.
DENSE_UNION_SHARE = 16


def _intersection(parts):
    if any(p is None for p in parts):
        return None
    parts = sorted(parts, key=lambda p: len(p[0]))  # scores summed in this order
    ids = intersect([p[0] for p in parts])
    sc = np.zeros(len(ids), dtype=np.float64)
    for pid, psc in parts:
        sc += psc[np.searchsorted(pid, ids)]
    return ids, sc


_FALLBACK = object()  # _postings: Whoosh's own matcher must score this term


def _postings(leaf: _Leaf, fieldname: str, text, values: bool = False):
    """(term bytes, docnums, term frequencies, BM25F constants) of a term in the segment; None
    where it matches nothing there; _FALLBACK when it cannot be scored here (another weighting,
    a reader without a segment id). `values`: keep the postings' positions (a phrase term)."""
    schema = leaf.searcher.schema
    if fieldname not in schema:
        return None
    try:
        btext = schema[fieldname].to_bytes(text)
    except ValueError:
        return None
    if P.term_info(leaf, fieldname, btext) is None:
        return None
    stats = P.scorer_stats(leaf, fieldname, btext)
    if stats is None or leaf.key is None:
        count("fallback_scorer")
        return _FALLBACK
    ids, tf = P.posting_arrays(leaf, fieldname, btext, values)
    return btext, ids, tf, stats


def _bm25(leaf: _Leaf, fieldname: str, ids: np.ndarray, tf: np.ndarray, stats) -> np.ndarray:
    """scoring.bm25 of each posting (docnums `ids`, frequencies `tf`), element by element in
    Whoosh's operation order: idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))),
    the length part looked up (`FieldLengths.norms`: at most 256 values per field). Computed
    in two arrays (the gathered lengths, the numerator) instead of five: the same operations
    on the same operands (an addition or a multiplication with its operands swapped is the
    same IEEE result), so the same float64 for every posting."""
    idf, avgfl, B, K1 = stats
    den = field_lengths(leaf.reader, fieldname).norms(ids, avgfl, B, K1)  # a new array
    den += tf
    out = tf * (K1 + 1)
    out /= den
    out *= idf
    return out


def _term(q: Q.Term, leaf: _Leaf):
    got = _postings(leaf, q.fieldname, q.text)
    if got is None:
        return None
    if got is _FALLBACK:
        return _whoosh(q, leaf)
    _, ids, tf, stats = got
    sc = tf.copy() if stats == P.WEIGHT else _bm25(leaf, q.fieldname, ids, tf, stats)
    if q.boost != 1.0:
        sc = sc * q.boost
    return ids, sc


def _phrase(q: Q.Phrase, leaf: _Leaf):
    """Documents holding the words at consecutive positions. Scores are computed only for
    those documents (a phrase of common words has long posting lists and few matches); each
    element is the same as scoring the whole list and picking it."""
    field = leaf.searcher.schema[q.fieldname] if q.fieldname in leaf.searcher.schema else None
    if field is None or not field.format or not field.format.supports("positions"):
        return _whoosh(q, leaf)  # Whoosh's answer (NullMatcher or its QueryError)
    terms = []
    for w in q.words:
        got = _postings(leaf, q.fieldname, w, values=True)
        if got is None:
            return None
        if got is _FALLBACK or got[3] == P.WEIGHT:
            return _whoosh(q, leaf)
        terms.append(got)
    cand = intersect([t[1] for t in terms])
    if not len(cand):
        return cand, np.empty(0, dtype=np.float64)
    ids = cand[phrase_mask(leaf, q.fieldname, [t[0] for t in terms], cand)]
    # SpanNear2 scores its intersection: make_binary_tree(IntersectionMatcher, terms) sums
    # a.score() + b.score() with halves split as count // 2 (whoosh.util.make_binary_tree)
    scs = [_bm25(leaf, q.fieldname, ids, tf[np.searchsorted(tids, ids)], stats)
           for _, tids, tf, stats in terms]

    def tree(xs):
        if len(xs) == 1:
            return xs[0]
        half = len(xs) // 2
        return tree(xs[:half]) + tree(xs[half:])

    sc = tree(scs)
    if q.boost != 1.0:
        sc = sc * q.boost
    return ids, sc


def _literal(q: LiteralQuery, leaf: _Leaf):
    ids = q._ids(leaf.reader)
    if not len(ids):
        return None
    w = q.boost * q.idf(leaf.searcher)
    # ListMatcher.score: the weight, or 1.0 when the weight is 0
    arr = np.frombuffer(ids, dtype=np.int32).astype(np.int64) if hasattr(ids, "typecode") \
        else np.asarray(ids, dtype=np.int64)
    return arr, np.full(len(arr), w if w else 1.0, dtype=np.float64)


def _whoosh(q, leaf: _Leaf):
    """Whoosh's own matcher for `q` on this segment, every (id, score) collected."""
    count("fallback_subquery")
    m = q.matcher(leaf.searcher, leaf.context)
    ids: list[int] = []
    sc: list[float] = []
    while m.is_active():
        ids.append(m.id())
        sc.append(m.score())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(sc, dtype=np.float64)
