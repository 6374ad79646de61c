"""Posting lists of one segment as arrays, and what array matching keeps between queries.

    posting_arrays(leaf, field, btext) -> (docnums int64, term frequencies float64)
    positions(leaf, field, btext, docs) -> [frozenset of token positions] per doc
    term_info(leaf, field, btext) -> TermInfo | None
    scorer_stats(...) -> (idf, avgfl, B, K1) | WEIGHT | None

`leaf` is `array_match._Leaf` (a segment's searcher and reader, its `key` = segment id and
size, `topkey` = the whole index's state). A long term's posting list (`store/postarrays.py`:
written as arrays when the segment was built) is read from the segment's array files by
slices (`store.fileslices`), its values (positions) read only for the documents asked for;
any other list, and every list of a segment without those files (an index built before
them, a damaged file), is read from the segment in one piece and its blocks parsed in memory
(`_blocks`; Whoosh's block matcher makes three small reads per block, ~400 per query). Kept in this process, so repeated
and relaxed queries do not redo them: posting arrays per (segment, field, term), at most
`CACHE_POSTINGS` postings read from posting arrays (16 bytes each) and `CACHE_PARSED` postings
parsed from Whoosh's blocks, in two budgets: parsing costs ~50× more per posting than reading
the arrays, so the many short lists a query mix needs are not pushed out by a few very long
ones (in one budget, a mix whose lists outgrow it re-parsed every short list on each pass:
an LRU under cyclic use keeps nothing); TermInfos per (segment, field, term) and BM25F
constants per (index state, field, term), `CACHE_TERMS` each; decoded positions of phrase terms, `CACHE_POSITIONS` documents. Segments
never change and the index state includes each segment's live count, so nothing kept goes stale.
Reads Whoosh 2.7's whoosh3 posting layout (pinned in pyproject.toml); any other layout falls back
to Whoosh's own matcher.
"""
from __future__ import annotations

from math import log

import numpy as np
from whoosh import scoring

from searchapp.engine.match import termdict
from searchapp.engine.match.bm25 import BM25F_SCORERS
from searchapp.engine.match.counts import count
from searchapp.engine.match.keys import storage_folder
from searchapp.engine.store import blocks, postarrays
from searchapp.cache import BoundedCache, kept_on

__all__ = ["posting_arrays", "posting_values", "positions", "term_info", "scorer_stats",
           "CACHE_POSTINGS", "CACHE_PARSED", "CACHE_TERMS", "CACHE_POSITIONS", "CACHE_VALUES"]

#: Postings read from a segment's posting arrays (docnum int64 + term frequency float64, 16
#: bytes) kept in memory across queries: 2.5M ≈ 40 MB at most.
CACHE_POSTINGS = 2_500_000
_postings = BoundedCache(CACHE_POSTINGS)
#: Postings of lists parsed from Whoosh's blocks (short lists: below `postarrays.MIN_DOCS`, or
#: any list of a segment without posting arrays) kept, in their own budget: 250k ≈ 4 MB at most.
CACHE_PARSED = 250_000
_parsed = BoundedCache(CACHE_PARSED)
#: (segment, field, term) TermInfos and (index state, field, term) BM25F constants kept.
CACHE_TERMS = 50_000
_infos = BoundedCache(CACHE_TERMS)
_stats = BoundedCache(CACHE_TERMS)
#: Documents whose decoded positions of a phrase's term are kept (per segment, field, term).
CACHE_POSITIONS = 200_000
_pos_cache = BoundedCache(CACHE_POSITIONS)
#: Encoded posting values (positions) of phrase terms kept, counted in postings: read in the
#: same parse as the term's docnums and decoded only for a phrase's candidate documents.
CACHE_VALUES = 250_000
_values = BoundedCache(CACHE_VALUES)

_ABSENT = object()
#: `scorer_stats` of a term in a field without lengths (scorable=False, e.g. `topics`): BM25F
#: then scores a posting by its weight (Whoosh's `WeightScorer`).
WEIGHT = "weight"


def term_info(leaf, fieldname: str, btext: bytes):
    """The segment's TermInfo of (field, term), None when the term is not in the segment;
    cached per (segment, field, term) (a segment never changes); looked up by `termdict`."""
    return _cached(_infos, leaf.key, (fieldname, btext),
                   lambda: termdict.term_info(leaf.reader, fieldname, btext))


def scorer_stats(leaf, fieldname: str, btext: bytes):
    """(idf, avgfl, B, K1) of the BM25F scorer of (field, term) over the whole index; WEIGHT
    for a field without lengths (the posting's weight is its score); None when the weighting
    does not give a BM25F scorer; cached per index state (`topkey`).

    For Whoosh's BM25F (and bm25's subclass, which changes only how lengths are read) the
    constants are computed here as `BM25FScorer.__init__` does (whoosh/scoring.py:
    idf = log(N / (df + 1)) + 1 with N = documents including deleted ones and df summed over
    the segments, avgfl = field length / N or 1), from the TermInfos array matching reads
    anyway: building Whoosh's scorer looks the term up ~3 more times per segment
    (docs/performance.md, "Figures behind the code")."""
    def compute():
        w = leaf.context.weighting
        field = leaf.top.schema[fieldname] if fieldname in leaf.top.schema else None
        if type(w).scorer in BM25F_SCORERS and field is not None and not field.scorable:
            return WEIGHT  # BM25F.scorer gives WeightScorer (whoosh/scoring.py)
        if (type(w).scorer in BM25F_SCORERS and type(w).idf is scoring.WeightingModel.idf
                and field is not None and field.scorable):
            df = 0
            for seg in leaf.segments:
                ti = term_info(seg, fieldname, btext)
                df += ti.doc_frequency() if ti is not None else 0
            idf = log(leaf.top.doc_count_all() / (df + 1)) + 1
            B = w._field_B.get(fieldname, w.B)
            return idf, _avgfl(leaf, fieldname), B, w.K1
        scorer = w.scorer(leaf.searcher, fieldname, btext)
        if not isinstance(scorer, scoring.BM25FScorer):
            return None
        return scorer.idf, scorer.avgfl, scorer.B, scorer.K1

    return _cached(_stats, leaf.topkey, (fieldname, btext), compute)


def _avgfl(leaf, fieldname: str) -> float:
    """`Searcher.avg_field_length(field) or 1` of the top-level searcher, per index state."""
    return _cached(_stats, leaf.topkey, ("avgfl", fieldname),
                   lambda: leaf.top.avg_field_length(fieldname) or 1)


def _cached(cache: BoundedCache, scope, key: tuple, compute):
    """compute() kept in `cache` under (scope, *key) — a result of None too — unless `scope`
    (a segment or index identity) is None."""
    if scope is None:
        return compute()
    ck = (scope, *key)
    got = cache.get(ck)
    if got is None:
        got = cache.put(ck, _ABSENT if (v := compute()) is None else v)
    return None if got is _ABSENT else got


def _raw_matcher(leaf, fieldname: str, btext: bytes):
    """A raw posting matcher of (field, term) in the segment (no deletion filter, no scorer)."""
    reader = leaf.reader
    ti = term_info(leaf, fieldname, btext)
    terms = reader._terms
    return terms._codec.postings_reader(terms._postfile, ti, reader.schema[fieldname].format,
                                        term=(fieldname, btext))


def positions(leaf, fieldname: str, btext: bytes, docs: np.ndarray) -> list:
    """[frozenset of token positions of the term in doc] for each doc of `docs` (ascending,
    each known to contain the term). Decoded positions are kept per (segment, field, term, doc)
    (`CACHE_POSITIONS` documents in all); the others are decoded from the term's posting values
    (`posting_values`: only the wanted documents' values are decoded)."""
    docl = docs.tolist()
    ck = (leaf.key, fieldname, btext)
    known = (_pos_cache.get(ck) if leaf.key is not None else None) or {}
    missing = [d for d in docl if d not in known]
    if missing:
        got = _decode_positions(leaf, fieldname, btext, missing)
        if leaf.key is None:
            known = {**known, **got}
        else:
            known = _pos_cache.put(ck, known, 0)
            before = len(known)
            known.update(got)
            _pos_cache.grow(ck, len(known) - before)
    return [known[d] for d in docl]


def _decode_positions(leaf, fieldname: str, btext: bytes, docs: list[int]) -> dict:
    """{doc: frozenset of positions} for `docs` (each holding the term)."""
    decode = leaf.reader.schema[fieldname].format.decoder("positions")
    vals = posting_values(leaf, fieldname, btext)
    if vals is not None:
        ids = posting_arrays(leaf, fieldname, btext)[0]
        at = np.searchsorted(ids, docs).tolist()
        if isinstance(vals, postarrays.Values):  # stored positions, or Whoosh's values
            return {d: frozenset(vals.positions(i, decode)) for d, i in zip(docs, at)}
        return {d: frozenset(decode(vals[i])) for d, i in zip(docs, at)}
    want = set(docs)
    out: dict = {}
    for d, value in _postings_of(leaf, fieldname, btext, values=True):
        if d in want:
            out[d] = frozenset(decode(value))
    return out


def _postings_of(leaf, fieldname: str, btext: bytes, values: bool = False):
    """(docnum, value) — or (docnum, weight) when not `values` — of every posting of the term,
    from Whoosh's own matcher (for a layout `_blocks` does not read)."""
    m = _raw_matcher(leaf, fieldname, btext)
    while m.is_active():
        yield m.id(), (m.value() if values else m.weight())
        m.next()


def _blocks(leaf, fieldname: str, btext: bytes):
    """[(docnum deltas, weights, values)] of the term's posting blocks in the segment, parsed
    from ONE read of its whole posting list (`blocks.parse_blocks`), or None when the layout
    is not whoosh3's (the caller then uses Whoosh's matcher). Whoosh's block matcher reads each
    block's length, header and data separately through the compound file (~400 small reads per
    query, docs/performance.md)."""
    ti = term_info(leaf, fieldname, btext)
    try:
        if ti.is_inlined():
            ids, weights, values = ti.inlined_postings()
            ids = list(ids)
            deltas = [b - a for a, b in zip([0] + ids[:-1], ids)]
            return [(deltas, blocks.weights_of(weights, len(ids)), values)]
        offset, length = ti.extent()
        if isinstance(length, tuple):  # W3TermInfo.extent() gives the length as a 1-tuple
            length = length[0]
        buf = leaf.reader._terms._postfile.get(offset, length)
        return blocks.parse_blocks(buf, leaf.reader.schema[fieldname].format.fixed_value_size())
    except Exception:  # noqa: BLE001 - an unexpected layout: Whoosh's own reader instead
        return None


def _span(leaf, fieldname: str, btext: bytes):
    """(PostArrays, row) of the term's list in the segment's posting arrays
    (`store/postarrays.py`, opened once per reader), or None: the segment has none (an index
    built before them or in an older format, a damaged or missing file) or the term's list is
    not long."""
    ti = term_info(leaf, fieldname, btext)
    if ti is None or ti.is_inlined():
        return None
    reader = leaf.reader
    pa = kept_on(reader, "_searchapp_postarrays",
                 lambda: postarrays.load(reader, storage_folder(reader)))
    if pa is None:
        return None
    row = pa.find(ti.extent()[0], ti.doc_frequency())
    return None if row is None else (pa, row)


def posting_arrays(leaf, fieldname: str, btext: bytes, values: bool = False):
    """(docnums int64, term frequencies float64) of one term in one segment, deleted
    documents included; cached (CACHE_POSTINGS). `values`: the caller may want the postings'
    values next (`posting_values`, a phrase's positions), so when the list is parsed now, keep
    them from this same parse (a kept list is never parsed again for them: its positions are
    usually kept too, and `positions` parses only when they are not)."""
    ck = (leaf.key, fieldname, btext)
    got = _postings.get(ck)
    if got is None:
        got = _parsed.get(ck)
    if got is not None:
        return got
    ids, tf, vals, from_arrays = _parse(leaf, fieldname, btext, values)
    if leaf.key is None:
        return ids, tf
    if vals is not None:
        _values.put(ck, vals, len(vals) + 8)
    return (_postings if from_arrays else _parsed).put(ck, (ids, tf), len(ids) + 8)


def posting_values(leaf, fieldname: str, btext: bytes):
    """The term's posting values (one per posting, aligned with `posting_arrays`' docnums) in
    the segment, or None when `_blocks` cannot read the layout: a long term's are a
    `postarrays.Values` over the segment's posting arrays (read when asked, nothing kept; its
    `positions(i, decode)` gives a posting's positions, stored decoded or decoded then), the
    others a list of Whoosh's encoded values, cached (CACHE_VALUES postings)."""
    ck = (leaf.key, fieldname, btext)
    got = _values.get(ck) if leaf.key is not None else None
    if got is None and leaf.reader.schema[fieldname].format.fixed_value_size() != 0 \
            and (span := _span(leaf, fieldname, btext)) is not None:
        pa, row = span
        got = pa.values(row)  # read from the files when asked, nothing kept
        if got is not None:
            return got
    if got is None:
        got = _parse(leaf, fieldname, btext, True)[2]
        if got is not None and leaf.key is not None:
            got = _values.put(ck, got, len(got) + 8)
    return got


def _parse(leaf, fieldname: str, btext: bytes, values: bool):
    """(docnums int64, frequencies float64, values list | None, read from the posting arrays)
    of the term's postings: from the segment's posting arrays (values None: `posting_values`
    reads them there), else `_blocks` (values when asked), else from Whoosh's matcher (values
    None)."""
    span = _span(leaf, fieldname, btext)
    if span is not None:
        pa, row = span
        count("posting_arrays")
        return pa.docnums(row).astype(np.int64), pa.weights(row), None, True
    parsed = _blocks(leaf, fieldname, btext)
    if parsed is None:
        count("fallback_postings")
        pairs = list(_postings_of(leaf, fieldname, btext))
        return (np.asarray([d for d, _ in pairs], dtype=np.int64),
                np.asarray([w for _, w in pairs], dtype=np.float64), None, False)
    return (*blocks.flatten(parsed, values), False)
