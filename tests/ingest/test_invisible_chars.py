"""Invisible characters scraped pages carry inside words (zero-width space, soft hyphen, word
joiner, a BOM inside text, a stray ZWJ) are removed from every field an article stores, so
`title:` and `source:` find what the user sees, the source facet has one value per outlet, and
"similar sources" never offers a name identical to the one typed (seventh fresh tester, T9).
A ZWJ that makes an emoji sequence, and the joiners of scripts that shape with them, stay."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.analysis.controls import strip_controls, strip_invisible
from searchapp.request import SearchRequest
from searchapp.request.query_text import only_removed, parse_q
from searchapp.search import search

ZW, SHY, WJ, BOM, ZWJ, ZWNJ = "\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d", "\u200c"


@pytest.mark.parametrize("raw, clean", [
    (f"口{ZW}袋{SHY}公园", "口袋公园"),
    (f"{BOM}新闻{WJ}标题", "新闻标题"),
    (f"网络{ZWJ}安全{ZWNJ}周", "网络安全周"),
    (f"infor{SHY}mation", "information"),
    (f"👨{ZWJ}👩{ZWJ}👧一家", f"👨{ZWJ}👩{ZWJ}👧一家"),      # one family emoji (UTS #51)
    (f"👍🏽{ZWJ}👍", f"👍🏽{ZWJ}👍"),
    (f"❤️{ZWJ}🔥", f"❤️{ZWJ}🔥"),
    (f"😀{ZWJ}河南", "😀河南"),                                # joins nothing
    (f"می{ZWNJ}خواهم", f"می{ZWNJ}خواهم"),                   # Persian: the ZWNJ shapes the word
])
def test_strip_invisible(raw, clean):
    assert strip_invisible(raw) == clean
    assert strip_controls(raw) == clean


def test_text_without_them_is_returned_as_is():
    plain = "河南日报 2026年12月1日 👨\u200d👩\u200d👧"
    assert strip_invisible(plain) is plain and strip_controls(plain) is plain


def test_query_text_uses_the_same_rule():
    assert parse_q(f"郑{ZW}州{ZWJ}日报") == "郑州日报"
    assert parse_q(f"👨{ZWJ}👩") == f"👨{ZWJ}👩" and not only_removed(f"👨{ZWJ}👩")
    assert parse_q(f"{ZWNJ}{ZWJ}") == "" and only_removed(f"{ZWNJ}{ZWJ}")


DOCS = [
    {"id": "zw-1", "title": f"口{ZW}袋{SHY}公园建设提速", "body": "城区新建一批小型公园。",
     "source": f"郑{ZW}州日报", "author": f"李{WJ}明", "date": "2026-10-01"},
    {"id": "zw-2", "title": "老旧小区改造", "body": f"改造{BOM}工程进展顺利。",
     "source": "郑州日报", "date": "2026-10-02"},
    {"id": "zw-3", "title": "城市绿道", "body": "绿道串起公园。", "source": f"郑州{ZWJ}日报",
     "date": "2026-10-03"},
]


@pytest.fixture(scope="module")
def handle(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("invisible"), DOCS)
    yield h
    h.close()


def _ids(handle, q):
    return {h.id for h in search(handle, SearchRequest(q=q, size=50)).hits}


def test_field_searches_find_what_the_user_sees(handle):
    assert _ids(handle, "title:口袋") == {"zw-1"}
    assert _ids(handle, 'title:"口袋公园建设"') == {"zw-1"}
    assert _ids(handle, "source:郑州日报") == {"zw-1", "zw-2", "zw-3"}
    assert _ids(handle, "author:李明") == {"zw-1"}


def test_one_facet_value_per_outlet_and_no_identical_suggestion(handle):
    r = search(handle, SearchRequest(q="", size=50))
    assert [(f.value, f.count) for f in r.facets["source"]] == [("郑州日报", 3)]
    r = search(handle, SearchRequest(q="source:郑州日报", size=50))
    assert not [n for n in r.query.notice_items if "similar" in n["text"]]


def test_a_source_filter_value_is_cleaned_the_same_way(handle):
    from searchapp.request.filters import parse_sources

    r = search(handle, SearchRequest(q="", sources=parse_sources([f"郑{ZW}州{SHY}日报"]), size=50))
    assert r.total == 3


def test_stored_fields_hold_no_invisible_character(handle):
    for d in DOCS:
        art = handle.get_article(d["id"])
        for name, value in vars(art).items():
            if isinstance(value, str):
                assert not set(value) & {ZW, SHY, WJ, BOM, ZWJ}, (d["id"], name, value)
    assert handle.get_article("zw-1").title == "口袋公园建设提速"
