"""The stored records of a page's hits are kept across queries (`engine.records`): every kept
Article equals the one read from the index, a kept record is not read again, a caller changing
its Article changes nothing kept, and a search's second page of the same hits reads nothing."""
from __future__ import annotations

from searchapp import engine
from searchapp.engine import records as ST
from searchapp.request import SearchRequest
from searchapp.search import search


def test_every_document_is_the_same_kept_or_read(handle):
    ST._records.clear()
    with handle.searcher() as s:
        n = engine.doc_count_all(s)
        assert n > 20
        for _ in range(2):  # read (and kept), then from what is kept
            for d in range(n):
                assert engine.kept_article(s, d) == engine.stored_article(s, d)


def test_a_kept_record_is_read_once_and_never_changed_by_a_caller(handle):
    ST._records.clear()
    with handle.searcher() as s:
        d = engine.doc_count_all(s) - 1
        before = ST.stored_reads()
        a = engine.kept_article(s, d)
        assert ST.stored_reads() == before + 1
        a.topics.append("changed")
        a.extra["x"] = 1
        a.title = "changed"
        b = engine.kept_article(s, d)
        assert ST.stored_reads() == before + 1  # not read again
        assert b == engine.stored_article(s, d) and b is not a


def test_a_record_over_the_budget_is_read_each_time(handle, monkeypatch):
    monkeypatch.setattr(ST, "_records", ST.BoundedCache(10))  # no record fits in 10 characters
    with handle.searcher() as s:
        before = ST.stored_reads()
        for _ in range(3):
            assert engine.kept_article(s, 0) == engine.stored_article(s, 0)
        assert ST.stored_reads() == before + 3


def test_a_page_shown_again_reads_no_stored_record(handle):
    ST._records.clear()
    req = SearchRequest(q="中国", size=10, facets=True, snippets=True)
    before = ST.stored_reads()
    first = search(handle, req)
    read = ST.stored_reads() - before
    assert 0 < read <= 10 and read == len(first.hits)
    again = search(handle, req)
    assert ST.stored_reads() - before == read
    assert again.to_dict() | {"took_ms": 0} == first.to_dict() | {"took_ms": 0}


def test_the_budget_holds_the_first_pages_of_many_queries():
    """The budget is in characters and holds a thousand records of 3,000 characters: pages
    of a few hundred queries are read once, not read again on each cycle over them."""
    assert ST.STORED_CHARS >= 1_000 * (3_000 + 64)
