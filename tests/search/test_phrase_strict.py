"""A quoted phrase is never relaxed: when no article contains it, the query finds nothing and
says so, whatever the other words would match (docs/search.md)."""
from __future__ import annotations

from searchapp.request import SearchRequest
from searchapp.search import search


def test_an_unmatched_phrase_is_never_dropped(handle):
    alone = search(handle, SearchRequest(q="5G", size=100))
    assert alone.total > 0  # the other word does match
    for q in ('"量子纠缠通信" 5G', '5G "量子纠缠通信"', '"量子纠缠通信" OR "不存在的短语" 5G'):
        r = search(handle, SearchRequest(q=q, size=100))
        assert r.total == 0 and not r.hits, (q, r.total)
        codes = [n["code"] for n in r.query.notice_items]
        assert "phrase_not_found" in codes, (q, codes)


def test_a_phrase_or_a_plain_word_still_lets_the_word_match(handle):
    r = search(handle, SearchRequest(q='"量子纠缠通信" OR 5G', size=100))
    assert r.total == search(handle, SearchRequest(q="5G", size=100)).total
