"""Posting lists of one segment as arrays, and what array matching keeps between queries.

    posting_arrays(leaf, field, btext) -> (docnums int64, term frequencies float64)
    positions(leaf, field, btext, docs) -> [frozenset of token positions] per doc
    term_info(leaf, field, btext) -> TermInfo | None      scorer_stats(...) -> (idf, avgfl, B, K1)
    length_array(leaf, field) -> float64 field length of every document of the segment

`leaf` is `array_match._Leaf` (a segment's searcher and reader, its `key` = segment id and
size, `topkey` = the whole index's state). A term's posting list is read from the segment in one
piece and its blocks parsed in memory (`_blocks`; Whoosh's block matcher makes three small reads
per block, ~400 per query). Kept in this process, so repeated and relaxed queries do not redo
them: posting arrays per (segment, field, term), at most `CACHE_POSTINGS` postings (12 bytes
each); TermInfos per (segment, field, term) and BM25F constants per (index state, field, term),
`CACHE_TERMS` each; decoded positions of phrase terms, `CACHE_POSITIONS` documents. Segments
never change and the index state includes each segment's live count, so nothing kept goes stale.
Reads Whoosh 2.7's whoosh3 posting layout (pinned in pyproject.toml); any other layout falls back
to Whoosh's own matcher.
"""
from __future__ import annotations

import io
import pickle
import struct
import threading
import zlib
from collections import OrderedDict

import numpy as np
from whoosh import scoring

from searchapp.bm25 import field_lengths

__all__ = ["posting_arrays", "positions", "term_info", "scorer_stats", "length_array",
           "raw_matcher", "CACHE_POSTINGS", "CACHE_TERMS", "CACHE_POSITIONS"]

_EMPTY_IDS = np.empty(0, dtype=np.int64)
_EMPTY_SC = np.empty(0, dtype=np.float64)

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

_ABSENT = object()


def term_info(leaf, fieldname: str, btext: bytes):
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


def scorer_stats(leaf, fieldname: str, btext: bytes):
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


def raw_matcher(leaf, fieldname: str, btext: bytes):
    """A raw posting matcher of (field, term) in the segment (no deletion filter, no scorer)."""
    reader = leaf.reader
    ti = term_info(leaf, fieldname, btext)
    terms = reader._terms
    return terms._codec.postings_reader(terms._postfile, ti, reader.schema[fieldname].format,
                                        term=(fieldname, btext))


def positions(leaf, fieldname: str, btext: bytes, docs: np.ndarray) -> list:
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


def _decode_positions(leaf, fieldname: str, btext: bytes, docs: list[int]) -> dict:
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
    m = raw_matcher(leaf, fieldname, btext)
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


def _blocks(leaf, fieldname: str, btext: bytes):
    """[(docnum deltas, weights, values)] of the term's posting blocks in the segment, parsed
    from ONE read of its whole posting list, or None when the layout is not whoosh3's (the
    caller then uses Whoosh's matcher). Whoosh's block matcher reads each block's length,
    header and data separately through the compound file (~400 small reads per query,
    ~12% of a first-time query, profiled). Layout (whoosh/codec/whoosh3.py, W3LeafMatcher):
    b"W3Bl", then per block: int32 length (negative for the last block), pickled (count,
    max id, max weight, compression, min length, max length), data = [zlib] pickle of (id
    deltas, weights: None = all 1.0 | float = all that | array, values)."""
    ti = term_info(leaf, fieldname, btext)
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


def posting_arrays(leaf, fieldname: str, btext: bytes):
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
    m = raw_matcher(leaf, fieldname, btext) if blocks is None else None
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


def length_array(leaf, fieldname: str) -> np.ndarray:
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
