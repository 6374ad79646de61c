"""HTML markup that is not sentence text (seventh fresh tester, T10): the content of
`<noframes>` (raw text to an HTML5 parser) is read as HTML, not indexed as literal tags; ruby
annotations (`<rt>` readings, `<rp>` parentheses) are dropped, so `郑州市` stays a phrase."""
from __future__ import annotations

import pytest

from searchapp.ingest.html import read_html
from searchapp.request import SearchRequest
from searchapp.search import search

BODY = ("城市今年新建口袋公园一百座，市民出门五分钟就能到公园。园林局负责人介绍，口袋公园利用边角地建设，"
        "兼顾休闲与防涝功能，深受周边居民欢迎。")

FRAMESET = (f'<html><head><meta charset="utf-8"><title>框架页面标题</title></head>'
            f'<frameset cols="50%,50%"><frame src="a.html"><frame src="b.html">'
            f'<noframes><body><p>{BODY}</p><p>第二段：<b>绿道</b>串起公园。</p></body></noframes>'
            f'</frameset></html>').encode()

RUBY = (f'<html><head><meta charset="utf-8"><title>注音页面</title></head><body><h1>注音页面</h1>'
        f'<article><p><ruby>郑<rp>(</rp><rt>zhèng</rt><rp>)</rp>州<rt>zhōu</rt></ruby>市{BODY}</p>'
        f'<p><ruby><rb>開</rb><rtc><rt>ㄎㄞ</rt></rtc></ruby>封市也在建设。</p></article></body></html>').encode()


def test_noframes_content_is_read_as_html():
    art = read_html(FRAMESET, filename="frames.html")
    assert "<" not in art.body and "body" not in art.body
    assert art.body.startswith(BODY[:20]) and "绿道串起公园" in art.body


def test_ruby_readings_are_dropped():
    art = read_html(RUBY, filename="ruby.html")
    assert art.body.startswith("郑州市" + BODY[:10])
    assert "zh" not in art.body and "ㄎㄞ" not in art.body and "(" not in art.body
    assert "開封市" in art.body


@pytest.mark.slow
def test_searches_on_a_real_index(tmp_path):
    from searchapp.index import build, open_index

    (tmp_path / "frames.html").write_bytes(FRAMESET)
    (tmp_path / "ruby.html").write_bytes(RUBY)
    build([tmp_path / "frames.html", tmp_path / "ruby.html"], tmp_path / "index")
    h = open_index(tmp_path / "index")
    try:
        def total(q):
            return search(h, SearchRequest(q=q, size=10)).total
        assert total('"郑州市"') == 1
        assert total("zhèng") == 0 and total("p") == 0 and total('"body"') == 0
        assert total("绿道") == 1
    finally:
        h.close()
