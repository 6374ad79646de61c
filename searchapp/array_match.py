"""Array matching: every scored match of a query, computed on whole posting lists with numpy.

    scored_matches(searcher, q) -> dict[int, float]      {top-level docnum: BM25F score}

The same result as running `q` through Whoosh's matchers with a collector of every match
(`collectors.UnlimitedCollector`), but instead of advancing one posting at a time through a tree
of Python matcher objects (`skip_to`/`id`/`score` per posting: ~55% of a 31k-article query's CPU,
docs/performance.md), each term's posting list is read once into arrays (docnums, term
frequencies) and the query tree is evaluated with set operations on sorted arrays:

    Term(f, t)^b  → postings of (f, t); score = bm25(idf, tf, field length, avgfl, B, K1) × b
    Phrase(f, [t1..tn])^b (slop 1)
                  → documents of every ti, kept when some position p has ti at p + i - 1
                    (positions decoded only for those documents); score = the sum of the
                    terms' scores (Whoosh's SpanNear2 over an intersection) × b
    Or(qs)^b      → union, scores summed where several match, × b
    And(qs)^b     → intersection, scores summed, × b
    AndNot(a, b)  → a's matches minus b's, a's scores
    LiteralQuery  → its own scan (literal.py), score boost × idf
    anything else → Whoosh's own matcher for that sub-query (Every, a phrase with slop, ...),
                    run posting by posting

The arithmetic is Whoosh's (`scoring.bm25`, float64, same operation order), so a term's scores
are bit-identical; sums of several clauses may be added in another order than Whoosh's matcher
tree, which can change a score in its last bit (scores are rounded to 6 places by the caller).
tests/test_array_match.py compares both on random queries over a real index.

A term's posting list is read from the segment in one piece and its blocks parsed in memory
(`_blocks`; Whoosh's block matcher makes three small reads per block). Kept in this process,
so repeated and relaxed queries do not redo them: posting arrays per (segment, field, term),
at most `CACHE_POSTINGS` postings (12 bytes each); TermInfos per (segment, field, term) and
BM25F constants per (index state, field, term), `CACHE_TERMS` each; decoded positions of
phrase terms, `CACHE_POSITIONS` documents. Segments never change, and the index state key
includes each segment's live count, so nothing cached can go stale. Deleted documents are
removed at the end, as Whoosh's reader does for each posting list.
"""
from __future__ import annotations

import io
import pickle
import struct
import threading
import zlib
from collections import OrderedDict

import numpy as np
from whoosh import query as Q
from whoosh import scoring

from searchapp.bm25 import field_lengths
from searchapp.literal import LiteralQuery, segment_key

__all__ = ["scored_matches", "scored_arrays", "CACHE_POSTINGS"]

#: Postings (docnum + term frequency, 12 bytes) kept in memory across queries: 2M ≈ 24 MB.
CACHE_POSTINGS = 2_000_000
_postings: "OrderedDict[tuple, tuple[np.ndarray, np.ndarray]]" = OrderedDict()
_postings_size = 0
_lengths: "OrderedDict[tuple, np.ndarray]" = OrderedDict()
#: (segment, field, term) TermInfos and (index state, field, term) BM25F constants kept.
CACHE_TERMS = 50_000
_infos: "OrderedDict[tuple, object]" = OrderedDict()
_stats: "OrderedDict[tuple, object]" = OrderedDict()
#: Documents whose decoded positions of a phrase's term are kept (per segment, field, term).
CACHE_POSITIONS = 200_000
_pos_cache: "OrderedDict[tuple, dict]" = OrderedDict()
_positions_size = 0
_lock = threading.Lock()

_EMPTY_IDS = np.empty(0, dtype=np.int64)
_EMPTY_SC = np.empty(0, dtype=np.float64)


def scored_matches(searcher, q) -> dict[int, float]:
    """{docnum: score} of every live document matching `q` over all segments of `searcher`
    (top-level docnums; scores as Whoosh's matcher computes them with `searcher.weighting`).
    Raises what Whoosh raises for a malformed query (e.g. a phrase on a field without
    positions)."""
    ids, sc = scored_arrays(searcher, q)
    return dict(zip(ids.tolist(), sc.tolist()))


def scored_arrays(searcher, q) -> tuple[np.ndarray, np.ndarray]:
    """`scored_matches` as two arrays of the same length: top-level docnums (int64,
    ascending) and their scores (float64)."""
    context = searcher.context(needs_current=True, weighting=searcher.weighting)
    leaves = searcher.leaf_searchers()
    keys = [segment_key(sub.reader()) for sub, _ in leaves]
    # the index's identity for statistics shared by its segments (idf, average lengths):
    # segment ids and live counts (a deletion changes them)
    topkey = None if None in keys else (type(searcher.weighting).__name__, tuple(
        (k, sub.reader().doc_count()) for k, (sub, _) in zip(keys, leaves)))
    all_ids, all_sc = [], []
    for sub, offset in leaves:
        got = _eval(q, _Leaf(sub, searcher, context, topkey))
        if got is None:
            continue
        ids, sc = got
        reader = sub.reader()
        if reader.has_deletions() and len(ids):
            keep = ~np.isin(ids, _deleted(reader))
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
    """One segment's searcher, the top searcher (global statistics) and the search context."""

    __slots__ = ("searcher", "reader", "top", "context", "key", "topkey")

    def __init__(self, searcher, top, context, topkey):
        self.searcher, self.top, self.context, self.topkey = searcher, top, context, topkey
        self.reader = searcher.reader()
        self.key = segment_key(self.reader)


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
        combined = _union(parts) if t is Q.Or else _intersection(parts)
        if combined is None:
            return None
        if q.boost != 1.0:
            combined = (combined[0], combined[1] * q.boost)
        return combined
    if t is Q.AndNot:
        a = _eval(q.a, leaf)
        if a is None:
            return None
        b = _eval(q.b, leaf)
        if b is None or not len(b[0]):
            return a
        keep = ~np.isin(a[0], b[0], assume_unique=True)
        return a[0][keep], a[1][keep]
    if q is Q.NullQuery or t is type(Q.NullQuery):
        return None
    return _whoosh(q, leaf)


def _union(parts):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    ids = np.unique(np.concatenate([p[0] for p in parts]))
    sc = np.zeros(len(ids), dtype=np.float64)
    for pid, psc in parts:
        sc[np.searchsorted(ids, pid)] += psc
    return ids, sc


def _intersection(parts):
    if any(p is None for p in parts):
        return None
    parts = sorted(parts, key=lambda p: len(p[0]))
    ids = parts[0][0]
    for pid, _ in parts[1:]:
        ids = ids[np.isin(ids, pid, assume_unique=True)]
        if not len(ids):
            break
    sc = np.zeros(len(ids), dtype=np.float64)
    for pid, psc in parts:
        sc += psc[np.searchsorted(pid, ids)]
    return ids, sc


def _term(q: Q.Term, leaf: _Leaf):
    schema = leaf.searcher.schema
    if q.fieldname not in schema:
        return None
    try:
        btext = schema[q.fieldname].to_bytes(q.text)
    except ValueError:
        return None
    if _term_info(leaf, q.fieldname, btext) is None:
        return None
    stats = _scorer_stats(leaf, q.fieldname, btext)
    if stats is None:
        return _whoosh(q, leaf)
    ids, tf = _posting_arrays(leaf, q.fieldname, btext)
    fl = _field_lengths(leaf, q.fieldname)[ids]
    idf, avgfl, B, K1 = stats
    # scoring.bm25, term by term in the same order: idf * ((tf * (K1 + 1)) / (tf + K1 *
    # ((1 - B) + B * fl / avgfl)))
    sc = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
    if q.boost != 1.0:
        sc = sc * q.boost
    return ids, sc


_ABSENT = object()


def _term_info(leaf: _Leaf, fieldname: str, btext: bytes):
    """The segment's TermInfo of (field, term), None when the term is not in the segment;
    cached per (segment, field, term) (a segment never changes; each lookup otherwise costs
    an on-disk hash probe, ~0.1 ms)."""
    reader = leaf.reader
    ck = (leaf.key, fieldname, btext)
    if leaf.key is not None:
        with _lock:
            got = _infos.get(ck)
        if got is not None:
            return None if got is _ABSENT else got
    terms = getattr(reader, "_terms", None)
    if terms is None or not hasattr(terms, "term_info"):
        return None if (fieldname, btext) not in reader else reader.term_info(fieldname, btext)
    from whoosh.reading import TermNotFound

    try:
        ti = terms.term_info(fieldname, btext)
    except TermNotFound:
        ti = None
    if leaf.key is not None:
        with _lock:
            _infos[ck] = _ABSENT if ti is None else ti
            while len(_infos) > CACHE_TERMS:
                _infos.popitem(last=False)
    return ti


def _scorer_stats(leaf: _Leaf, fieldname: str, btext: bytes):
    """(idf, avgfl, B, K1) of the BM25F scorer of (field, term) over the whole index, or None
    when the weighting does not give a BM25F scorer; cached per index state (`topkey`)."""
    ck = (leaf.topkey, fieldname, btext)
    if leaf.topkey is not None:
        with _lock:
            got = _stats.get(ck)
        if got is not None:
            return None if got is _ABSENT else got
    scorer = leaf.context.weighting.scorer(leaf.searcher, fieldname, btext)
    got = (scorer.idf, scorer.avgfl, scorer.B, scorer.K1) \
        if isinstance(scorer, scoring.BM25FScorer) else None
    if leaf.topkey is not None:
        with _lock:
            _stats[ck] = _ABSENT if got is None else got
            while len(_stats) > CACHE_TERMS:
                _stats.popitem(last=False)
    return got


def _matcher(leaf: _Leaf, fieldname: str, btext: bytes):
    """A raw posting matcher of (field, term) in the segment (no deletion filter, no scorer)."""
    reader = leaf.reader
    ti = _term_info(leaf, fieldname, btext)
    terms = reader._terms
    return terms._codec.postings_reader(terms._postfile, ti, reader.schema[fieldname].format,
                                        term=(fieldname, btext))


def _phrase(q: Q.Phrase, leaf: _Leaf):
    field = leaf.searcher.schema[q.fieldname] if q.fieldname in leaf.searcher.schema else None
    if field is None or not field.format or not field.format.supports("positions"):
        return _whoosh(q, leaf)  # Whoosh's answer (NullMatcher or its QueryError)
    parts = []
    for w in q.words:
        got = _term(Q.Term(q.fieldname, w), leaf)
        if got is None:
            return None
        parts.append(got)
    cand = _intersection(parts)[0]
    if not len(cand):
        return cand, np.empty(0, dtype=np.float64)
    pos = [_positions(leaf, q.fieldname, field.to_bytes(w), cand) for w in q.words]
    keep = np.zeros(len(cand), dtype=bool)
    for k in range(len(cand)):
        starts = set(pos[0][k])
        for j in range(1, len(pos)):
            nxt = pos[j][k]
            starts = {p for p in starts if p + j in nxt}
            if not starts:
                break
        keep[k] = bool(starts)
    ids = cand[keep]
    # SpanNear2 scores its intersection: make_binary_tree(IntersectionMatcher, terms) sums
    # a.score() + b.score() with halves split as count // 2 (whoosh.util.make_binary_tree)
    scs = [p[1][np.searchsorted(p[0], ids)] for p in parts]

    def tree(xs):
        if len(xs) == 1:
            return xs[0]
        half = len(xs) // 2
        return tree(xs[:half]) + tree(xs[half:])

    sc = tree(scs)
    if q.boost != 1.0:
        sc = sc * q.boost
    return ids, sc


def _positions(leaf: _Leaf, fieldname: str, btext: bytes, docs: np.ndarray) -> list:
    """[set of token positions of the term in doc] for each doc of `docs` (ascending, each
    known to contain the term). Decoded positions are cached per (segment, field, term, doc)
    (`CACHE_POSITIONS` documents in all); for the others only the posting blocks holding them
    are read."""
    global _positions_size
    ck = (leaf.key, fieldname, btext)
    with _lock:
        known = _pos_cache.get(ck) if leaf.key is not None else None
        if known is not None:
            _pos_cache.move_to_end(ck)
    docl = docs.tolist()
    if known is not None:
        missing = [d for d in docl if d not in known]
    else:
        known, missing = {}, docl
    if missing:
        got = _decode_positions(leaf, fieldname, btext, missing)
        if leaf.key is None:
            known = {**known, **got}
        else:
            with _lock:
                known = _pos_cache.setdefault(ck, known)
                before = len(known)
                known.update(got)
                _positions_size += len(known) - before
                while _positions_size > CACHE_POSITIONS and len(_pos_cache) > 1:
                    _, old = _pos_cache.popitem(last=False)
                    _positions_size -= len(old)
    return [known[d] for d in docl]


def _decode_positions(leaf: _Leaf, fieldname: str, btext: bytes, docs: list[int]) -> dict:
    """{doc: frozenset of positions} for `docs` (ascending), reading only the posting blocks
    that hold them."""
    reader = leaf.reader
    decode = reader.schema[fieldname].format.decoder("positions")
    out: dict = {}
    k, n = 0, len(docs)
    blocks = _blocks(leaf, fieldname, btext)
    if blocks is not None:
        want = set(docs)
        for deltas, _, values in blocks:
            d = 0
            for i, delta in enumerate(deltas):
                d += delta
                if d in want:
                    out[d] = frozenset(decode(values[i]))
        return out
    m = _matcher(leaf, fieldname, btext)
    if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
        while k < n and m.is_active():
            if m._maxid < docs[k]:
                m._next_block()
                continue
            m._read_ids()
            m._read_values()
            where = {d: i for i, d in enumerate(m._ids)}
            values = m._values
            while k < n and docs[k] <= m._maxid:
                out[docs[k]] = frozenset(decode(values[where[docs[k]]]))
                k += 1
            m._next_block()
    else:
        want = set(docs)
        while m.is_active():
            if m.id() in want:
                out[m.id()] = frozenset(decode(m.value()))
            m.next()
    return out


_INT = struct.Struct("!i")  # whoosh.system's int layout (block lengths)


def _blocks(leaf: _Leaf, fieldname: str, btext: bytes):
    """[(docnum deltas, weights, values)] of the term's posting blocks in the segment, parsed
    from ONE read of its whole posting list, or None when the layout is not whoosh3's (the
    caller then uses Whoosh's matcher). Whoosh's block matcher reads each block's length,
    header and data separately through the compound file (~400 small reads per query,
    ~12% of a first-time query, profiled). Layout (whoosh/codec/whoosh3.py, W3LeafMatcher):
    b"W3Bl", then per block: int32 length (negative for the last block), pickled (count,
    max id, max weight, compression, min length, max length), data = [zlib] pickle of (id
    deltas, weights: None = all 1.0 | float = all that | array, values)."""
    ti = _term_info(leaf, fieldname, btext)
    try:
        if ti.is_inlined():
            ids, weights, values = ti.inlined_postings()
            ids = list(ids)
            deltas = [b - a for a, b in zip([0] + ids[:-1], ids)]
            return [(deltas, _weights(weights, len(ids)), values)]
        offset, length = ti.extent()
        if isinstance(length, tuple):  # W3TermInfo.extent() gives the length as a 1-tuple
            length = length[0]
        buf = leaf.reader._terms._postfile.get(offset, length)
        if buf[:4] != b"W3Bl":
            return None
        fixed = leaf.reader.schema[fieldname].format.fixed_value_size()
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
            out.append((deltas, _weights(weights, count), values))
            if n < 0:
                return out
            pos = end
    except Exception:  # noqa: BLE001 - an unexpected layout: Whoosh's own reader instead
        return None


def _weights(w, count: int):
    """A block's weights as a sequence (W3LeafMatcher._read_weights)."""
    if w is None:
        return [1.0] * count
    if isinstance(w, float):
        return [w] * count
    return w


def _posting_arrays(leaf: _Leaf, fieldname: str, btext: bytes):
    """(docnums int64, term frequencies float64) of one term in one segment, deleted
    documents included; cached (CACHE_POSTINGS)."""
    global _postings_size
    ck = (leaf.key, fieldname, btext)
    with _lock:
        got = _postings.get(ck)
        if got is not None:
            _postings.move_to_end(ck)
            return got
    blocks = _blocks(leaf, fieldname, btext)
    m = _matcher(leaf, fieldname, btext) if blocks is None else None
    ids_parts, w_parts = [], []
    if blocks is not None:
        for deltas, weights, _ in blocks:
            ids_parts.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
            w_parts.append(np.asarray(weights, dtype=np.float64))
    elif hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
        # whoosh3's block matcher: a whole block (up to 128 postings) at a time
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids_parts.append(np.asarray(m._ids, dtype=np.int64))
            w_parts.append(np.asarray(m._weights, dtype=np.float64))
            m._next_block()
    else:  # postings stored inline in the term info (short lists), or another codec
        one_ids, one_w = [], []
        while m.is_active():
            one_ids.append(m.id())
            one_w.append(m.weight())
            m.next()
        ids_parts.append(np.asarray(one_ids, dtype=np.int64))
        w_parts.append(np.asarray(one_w, dtype=np.float64))
    ids = np.concatenate(ids_parts) if ids_parts else _EMPTY_IDS
    tf = np.concatenate(w_parts) if w_parts else _EMPTY_SC
    got = (ids, tf)
    with _lock:
        if ck not in _postings and len(ids) <= CACHE_POSTINGS // 4:
            _postings[ck] = got
            _postings_size += len(ids) + 8
            while _postings_size > CACHE_POSTINGS and _postings:
                _, (old, _) = _postings.popitem(last=False)
                _postings_size -= len(old) + 8
    return got


def _field_lengths(leaf: _Leaf, fieldname: str) -> np.ndarray:
    """Every local document's length in `fieldname` (the reader's `doc_field_length`, 0 when
    absent) as float64, cached per (segment, field)."""
    ck = (leaf.key, fieldname)
    with _lock:
        got = _lengths.get(ck)
        if got is not None:
            _lengths.move_to_end(ck)
            return got
    lens = field_lengths(leaf.reader, fieldname)
    arr = np.array([x or 0 for x in lens], dtype=np.float64)
    with _lock:
        _lengths[ck] = arr
        while len(_lengths) > 64:
            _lengths.popitem(last=False)
    return arr


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
    m = q.matcher(leaf.searcher, leaf.context)
    ids: list[int] = []
    sc: list[float] = []
    while m.is_active():
        ids.append(m.id())
        sc.append(m.score())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(sc, dtype=np.float64)
