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
