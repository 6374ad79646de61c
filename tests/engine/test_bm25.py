"""The searchers an index handle lends score exactly like Whoosh's own BM25F (B=0.75, K1=1.2):
reading field lengths from memory (`engine.match.bm25`) changes no score."""
from __future__ import annotations

from whoosh import scoring
from whoosh.qparser import QueryParser
from whoosh.searching import Searcher

from searchapp.index import open_index


def test_pooled_searchers_score_like_whoosh_bm25f(corpus_index):
    h = open_index(corpus_index)
    with h.searcher() as s:
        parser = QueryParser("body", s.schema)
        words = [t.decode("utf-8") for t, _ in zip(s.reader().lexicon("body"), range(400))]
        words = [w for w in words if len(w) >= 2][:40]
        assert words
        stock = s.reader()
        plain = Searcher(stock, weighting=scoring.BM25F(B=0.75, K1=1.2), closereader=False)
        for w in words:
            q = parser.parse(w)
            ours = [(hit.docnum, hit.score) for hit in s.search(q, limit=None)]
            ref = [(hit.docnum, hit.score) for hit in plain.search(q, limit=None)]
            assert ours == ref
    h.close()


def test_field_lengths_read_in_one_piece_equal_the_readers_own(corpus_index):
    """`bm25.field_lengths` reads a segment's lengths column in one piece: the same value as
    `doc_field_length` for every document and field (NaN where it has none of the field)."""
    import numpy as np

    from searchapp.engine.match import bm25

    h = open_index(corpus_index)
    saw_missing = False
    with h.searcher() as s:
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            n = r.doc_count_all()
            for field in ("title", "body", "meta", "author", "speaker", "source_t", "topics"):
                ref = np.fromiter((r.doc_field_length(d, field, 0) for d in range(n)),
                                  dtype=np.float64, count=n)
                got = bm25.field_lengths(r, field)[np.arange(n)]
                assert np.array_equal(got, ref, equal_nan=True), field
                saw_missing |= bool(np.isnan(ref).any())
    h.close()
    assert saw_missing  # some article lacks a field (author, speaker, ...): covered


def test_scores_from_the_table_of_normalised_lengths_equal_whooshs_formula_bit_for_bit(
        corpus_index):
    """Array matching scores a posting with BM25's length part looked up in a table of at most
    256 values per field (`FieldLengths.norms`): for every posting of 300 terms of each scored
    field, the same float64 as Whoosh's `scoring.bm25` formula on the document's length, and
    the table is what is used (one per field, 256 values, filled by a search)."""
    import numpy as np

    from searchapp.engine.match import arrays as A
    from searchapp.engine.match import bm25
    from searchapp.engine.match import postings as P
    h = open_index(corpus_index)
    checked = 0
    with h.searcher() as s:
        for leaf in A._leaves(s):
            for field in ("title", "body", "meta"):
                terms = [t for t, _ in zip(leaf.reader.lexicon(field), range(300))]
                lens = bm25.field_lengths(leaf.reader, field)
                for bt in terms:
                    got = A._postings(leaf, field, bt.decode("utf-8"))
                    if got is None or got is A._FALLBACK or got[3] == P.WEIGHT:
                        continue
                    _, ids, tf, (idf, avgfl, B, K1) = got
                    fl = lens[ids]
                    ref = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
                    new = A._bm25(leaf, field, ids, tf, (idf, avgfl, B, K1))
                    assert new.dtype == np.float64
                    assert np.array_equal(new, ref, equal_nan=True), (field, bt)
                    assert new.tobytes() == ref.tobytes()  # bit for bit
                    checked += 1
                assert len(lens._norms) == 1  # one table per (avgfl, B, K1) ...
                assert len(next(iter(lens._norms.values()))) == 256  # ... of 256 lengths
    h.close()
    assert checked > 500


def test_the_scores_of_a_long_list_take_two_arrays_of_it(corpus_index):
    """Array matching scores a posting list in two float64 arrays of its length (the gathered
    length parts, the numerator, both reused in place) rather than one per operation: for a
    list of 50,000 postings, the peak memory `_bm25` allocates stays under 2.5 such arrays,
    and the scores are Whoosh's formula bit for bit."""
    import tracemalloc

    import numpy as np

    from searchapp.engine.match import arrays as A
    from searchapp.engine.match import bm25
    from searchapp.engine.match import postings as P

    h = open_index(corpus_index)
    with h.searcher() as s:
        leaf = A._leaves(s)[0]
        term, _ = max(leaf.reader.iter_field("body"), key=lambda kv: kv[1].doc_frequency())
        _, ids, tf, stats = A._postings(leaf, "body", term)
        assert stats != P.WEIGHT
        idf, avgfl, B, K1 = stats
        n = 50_000  # a long list: the segment's documents over and over
        ids = np.resize(np.arange(leaf.reader.doc_count_all(), dtype=np.int64), n)
        tf = np.random.default_rng(7).integers(1, 40, n).astype(np.float64)
        fl = bm25.field_lengths(leaf.reader, "body")[ids]
        ref = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        A._bm25(leaf, "body", ids, tf, stats)  # the table of lengths filled first
        tracemalloc.start()
        got = A._bm25(leaf, "body", ids, tf, stats)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    h.close()
    assert np.array_equal(got, ref, equal_nan=True) and got.tobytes() == ref.tobytes()
    assert peak < 2.5 * 8 * n, peak
