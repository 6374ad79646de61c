"""Printed pages and dates are filters on the article's own page and issue date: `page:`, and
page and date expressions typed as words; every hit carries its page."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.analysis.text import to_simplified
from searchapp.request import SearchRequest
from searchapp.search import search

#: A small newspaper: two issues (1998-01-27 and -28) and one from another year, pages 1, 2 and 8.
DOCS = [
    {"id": "p1a", "title": "春节团拜会举行", "body": "中共中央国务院举行春节团拜会，共迎新春。",
     "date": "1998-01-28", "page": 1, "column": "第1版"},
    {"id": "p1b", "title": "下岗职工再就业", "body": "各地帮助下岗职工再就业，春节前送温暖。",
     "date": "1998-01-27", "column": "第1版"},
    {"id": "p2a", "title": "春节市场供应充足", "body": "春节临近，市场供应充足。１月２８日是春节。",
     "date": "1998-01-27", "page": 2, "column": "第2版"},
    {"id": "p8a", "title": "世锦赛中国队夺金", "body": "世锦赛上中国跳水队夺得金牌。",
     "date": "1998-01-28", "page": 8, "column": "第8版"},
    {"id": "p8b", "title": "世锦赛闭幕", "body": "世锦赛今天闭幕。", "date": "1997-01-28", "page": 8},
    {"id": "none", "title": "世锦赛回顾", "body": "回顾世锦赛。", "date": "1998-01-28"},
]


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("paper"), DOCS)
    yield h
    h.close()


def run(h, q, **kw):
    return search(h, SearchRequest(q=q, size=100, **kw))


def ids(h, q, **kw):
    return sorted(x.id for x in run(h, q, **kw).hits)


def test_hits_carry_their_page(paper):
    pages = {h.id: h.page for h in run(paper, "世锦赛").hits}
    assert pages == {"p8a": 8, "p8b": 8, "none": None}
    assert {h.id: h.page for h in run(paper, "下岗职工").hits} == {"p1b": 1}  # from its column


def test_page_field_filters_on_the_printed_page(paper):
    assert ids(paper, "page:8 世锦赛") == ["p8a", "p8b"]
    assert ids(paper, "世锦赛 版面:第8版") == ["p8a", "p8b"]
    assert ids(paper, "page:头版") == ["p1a", "p1b"]
    assert ids(paper, "page:1 page:2 市场") == ["p2a"]
    assert ids(paper, "page:1 page:2 春节") == ["p1a", "p1b", "p2a"]  # several pages: any of them
    assert ids(paper, "page:8 date:1998") == ["p8a"]
    assert ids(paper, "page:5") == []


def test_an_unreadable_page_is_said_and_ignored(paper):
    r = run(paper, "page:A8 世锦赛")
    assert r.query.fallback and "bad_page" in [n["code"] for n in r.query.notice_items]
    assert {h.id for h in r.hits} == {"p8a", "p8b", "none"}


def codes(r):
    return [n["code"] for n in r.query.notice_items]


def test_page_words_filter_and_say_so_with_a_text_alternative(paper):
    r = run(paper, "第8版 世锦赛")
    assert sorted(h.id for h in r.hits) == ["p8a", "p8b"]
    (n,) = [n for n in r.query.notice_items if n["code"] == "calendar_words"]
    assert "page 8" in n["text"] and "第8版" in n["text_zh"] and n["q"] == '"第8版" 世锦赛'
    assert ids(paper, "头版") == ["p1a", "p1b"]          # alone: browse the front pages
    assert ids(paper, "头版下岗职工") == ["p1b"]            # glued to a word
    assert ids(paper, n["q"]) == ["p8a"]   # as text: only the article whose column says 第8版


def test_a_date_without_a_year_is_placed_in_the_archive_year_with_most_articles(paper):
    r = run(paper, "1月28日 世锦赛")
    assert sorted(h.id for h in r.hits) == ["none", "p8a"]  # 1998-01-28 has 3 articles, 1997-01-28 one
    (n,) = [n for n in r.query.notice_items if n["code"] == "calendar_words"]
    assert "1998-01-28" in n["text"] and "1998" in n["text_zh"]
    assert r.query.explain.endswith("date:1998-01-28..1998-01-28")
    assert ids(paper, "1997年1月28日 世锦赛") == ["p8b"]     # a typed year is used as typed
    assert ids(paper, "一月二十八日 春节") == ["p1a"]          # Chinese numerals
    assert ids(paper, '"1月28日" 春节') == ["p2a"]           # quoted: searched as text
    assert ids(paper, "1月上旬") == []
    assert ids(paper, "1月下旬 page:8") == ["p8a"]


def test_holiday_windows_come_from_the_lunar_calendar(paper):
    # Spring Festival 1998 was 28 January: 春节前 = 21-27 January 1998 (1997's window holds nothing)
    r = run(paper, "春节前")
    assert sorted(h.id for h in r.hits) == ["p1b", "p2a"]
    assert "1998-01-21..1998-01-27" in r.query.notice_items[0]["text"]


def test_words_that_only_look_like_dates_stay_words(paper):
    r = run(paper, "2月30日")
    assert "calendar_words" not in codes(r) and r.query.explain == "2月30日"
    assert "calendar_words" not in codes(run(paper, "十五大"))


def test_bulk_records_say_how_the_query_was_read(paper):
    from searchapp.bulk import BulkOptions
    from searchapp.bulk.items import parse_line
    from searchapp.bulk.run import answer

    opts = BulkOptions()
    rec = answer(paper, parse_line('{"id": 1, "q": "头版 春节"}', 1, opts), opts)
    assert [n["code"] for n in rec["notices"]] == ["calendar_words"]
    assert {h["id"] for h in rec["hits"]} == {"p1a", "p1b"}


@pytest.mark.parametrize("simplified, traditional", [
    ("头版", "頭版"), ("春节前", "春節前"), ("国庆节前", "國慶節前"), ("头版头条", "頭版頭條"),
    ("头版 网络", "頭版 網絡"), ("国庆节后 发展", "國慶節後 發展"), ("page:头版", "page:頭版"),
])
def test_calendar_words_typed_in_traditional_characters_filter_as_the_simplified_ones(
        handle, simplified, traditional):
    """On the bundled corpus: the same filter, hits and notice in both scripts; the notice names
    the word as it was typed."""
    a, b = run(handle, simplified), run(handle, traditional)
    assert [h.id for h in b.hits] == [h.id for h in a.hits]
    # the other words stay as typed in the explanation (and are folded when searched)
    assert to_simplified(b.query.explain) == a.query.explain and b.query.fallback == a.query.fallback
    assert codes(b) == codes(a) and "words_not_found" not in codes(b)
    if not simplified.startswith("page:"):
        assert "calendar_words" in codes(a)
        (na,) = [n for n in a.query.notice_items if n["code"] == "calendar_words"]
        (nb,) = [n for n in b.query.notice_items if n["code"] == "calendar_words"]
        typed = traditional.split()[0]
        assert typed in nb["text_zh"] and typed in nb["text"] and nb["q"] == traditional.replace(
            typed, f'"{typed}"')
        assert to_simplified(nb["text"]) == na["text"]


def test_a_traditional_page_word_glued_to_a_word_keeps_what_was_typed(paper):
    r = run(paper, "頭版下崗職工")
    assert sorted(h.id for h in r.hits) == ["p1b"]
    (n,) = [n for n in r.query.notice_items if n["code"] == "calendar_words"]
    assert n["q"] == '"頭版" 下崗職工'
