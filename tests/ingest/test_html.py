"""Saved news pages become one clean article each: the headline (not the site-laden <title>),
the body without page furniture, the date, source, author and URL, decoded without mojibake;
the quality thresholds are met on the real pages with hand-made ground truth."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.ingest.decode import UndecodableFile
from searchapp.ingest.html import NoArticleBody, read_html
from searchapp.ingest.html_dates import find_date, parse_date
from searchapp.ingest.html_meta import declared_charset

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "data" / "zh-news-html"

BODY = ("<p>国家统计局今天发布数据显示，今年前八个月全国规模以上工业增加值同比增长百分之五点六，增速比上月加快。</p>"
        "<p>分行业看，电子信息制造业和装备制造业增长较快，成为拉动工业增长的主要力量，专家认为势头将延续。</p>"
        "<p>统计局新闻发言人表示，下阶段将继续加大稳增长政策力度，巩固经济回升向好的基础，推动高质量发展。</p>")
NAV = "<ul>" + "".join(f"<li><a href='/c{i}'>频道{i}</a></li>" for i in range(30)) + "</ul>"
FOOT = "<div class='footer'><p>Copyright (c) 2020 示例网 版权所有 京ICP备12345678号</p></div>"


def page(head: str = "", body: str = BODY, charset: str = "utf-8", before: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
            f"{head}</head><body>{NAV}{before}<div class='article'>{body}</div>{NAV}{FOOT}</body></html>")


@pytest.fixture(scope="module")
def scores():
    """The benchmark's scores for the chosen extractor, computed once for the module."""
    if not (PAGES / "manifest.tsv").exists():
        pytest.skip("../shared/data/zh-news-html missing")
    from bench.html_extraction import load_pages, score
    from searchapp.ingest.html import BODY_EXTRACTOR

    return score(BODY_EXTRACTOR, load_pages(PAGES))


@pytest.mark.slow
def test_thresholds_on_hand_made_ground_truth(scores):
    gold = scores["gold"]
    assert gold["pages"] >= 10
    assert gold["body_f1"] >= 0.90, gold
    assert gold["date_day_exact"] >= 0.9, gold
    assert gold["title_exact"] >= 0.9, gold


@pytest.mark.slow
def test_every_page_reads_without_mojibake(scores):
    assert scores["all"]["errors"] == 0, [p for p in scores["pages"] if "error" in p]
    assert scores["all"]["mojibake_pages"] == 0
    assert scores["all"]["title_exact"] >= 0.9
    assert scores["all"]["date_day_exact_vs_manifest"] >= 0.9


@pytest.mark.slow
def test_library_reference_outputs_agree(scores):
    assert scores["reference"]["body_f1"] >= 0.85, scores["reference"]


def test_headline_not_site_title():
    html = page("<title>工业增加值增长5.6% 电子信息制造业领跑_财经频道_示例网</title>"
                "<meta property='og:title' content='工业增加值增长5.6% 电子信息制造业领跑_示例网'>",
                before="<h1>工业增加值增长5.6% 电子信息制造业领跑</h1>")
    a = read_html(html.encode(), filename="t.html")
    assert a.title == "工业增加值增长5.6% 电子信息制造业领跑"


def test_title_from_title_tag_parts_when_no_heading():
    a = read_html(page("<title>工业增加值增长5.6%--示例新闻</title>").encode(), filename="t.html")
    assert a.title == "工业增加值增长5.6%"


def test_body_without_navigation_or_footer():
    a = read_html(page("<title>工业数据</title>").encode(), filename="t.html")
    paras = a.body.split("\n\n")
    assert len(paras) == 3 and paras[0].startswith("国家统计局今天发布数据")
    assert "频道" not in a.body and "版权所有" not in a.body and "ICP" not in a.body


def test_meta_date_author_source_url():
    head = ("<title>工业数据</title><meta property='article:published_time' content='2020-09-15T08:30:00+08:00'>"
            "<meta name='author' content='李华'><meta name='source' content='来源：中新网'>"
            "<link rel='canonical' href='https://www.example.com/a/1.html'>")
    a = read_html(page(head).encode(), filename="t.html")
    assert a.date == "2020-09-15T08:30:00+08:00"  # the offset given is kept
    assert a.author == "李华" and a.source == "中国新闻网" and a.url == "https://www.example.com/a/1.html"


def test_jsonld_date_and_visible_dateline():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "工业数据",'
          ' "datePublished": "2021-03-02T10:00:00Z"}</script><title>工业数据</title>')
    assert read_html(page(ld).encode(), filename="t.html").date == "2021-03-02T10:00:00+00:00"
    visible = page("<title>工业数据 - 示例网</title>", before="<h1>工业数据</h1><div>2019年06月15日 14:20 来源：新华社</div>")
    a = read_html(visible.encode(), filename="t.html")
    assert a.date == "2019-06-15T14:20"  # local time, no offset invented
    assert a.source == "新华社"


def test_source_from_host_when_page_names_none():
    a = read_html(page("<title>工业数据</title><meta property='og:url' content='https://finance.sina.com.cn/x.shtml'>")
                  .encode(), filename="t.html")
    assert a.source == "新浪网"


def test_charset_on_script_tag_is_not_the_page_charset():
    html = ("<html><head><script src='x.js' charset='utf-8'></script>"
            "<meta http-equiv='Content-Type' content='text/html; charset=gb2312'><title>工业数据</title></head>"
            f"<body>{BODY}</body></html>")
    assert declared_charset(html.encode("gbk")) == "gb2312"
    a = read_html(html.encode("gbk"), filename="t.html")
    assert "国家统计局" in a.body and a.origin["encoding"] == "gb18030"


@pytest.mark.parametrize("charset,codec", [("utf-8", "gbk"), ("gb2312", "utf-8"), ("", "utf-8"), ("", "gb18030")])
def test_label_and_bytes_disagree(charset, codec):
    html = page("<title>工业数据</title>", charset=charset or "x").replace("charset=x", "")
    a = read_html(html.encode(codec), filename="t.html")
    assert "国家统计局" in a.body and "\ufffd" not in a.body


def test_bom_and_crlf():
    html = page("<title>工业数据</title>").replace("</p>", "</p>\r\n")
    a = read_html(b"\xef\xbb\xbf" + html.encode("utf-8"), filename="t.html")
    assert "\r" not in a.body and a.body.count("\n\n") == 2


def test_pages_without_article_body():
    with pytest.raises(NoArticleBody):
        read_html(b"<html><head><title>Index</title></head><body>" + NAV.encode() + b"</body></html>", filename="i.html")
    with pytest.raises(NoArticleBody):
        read_html(b"<html><head><title>Empty</title></head></html>", filename="e.html")
    with pytest.raises(NoArticleBody):
        read_html("只是一段没有标签的文字。".encode(), filename="p.html")
    with pytest.raises(UndecodableFile):
        read_html(b"\x00\x01<html>\x00\x00" * 50, filename="b.html")


def test_ids_stable_and_distinct():
    a1 = read_html(page("<title>工业数据一</title>").encode(), filename="a.html")
    a2 = read_html(page("<title>工业数据一</title>").encode(), filename="a.html")
    b = read_html(page("<title>工业数据二</title>").encode(), filename="b.html")
    assert a1.id == a2.id != b.id


@pytest.mark.parametrize("raw,iso", [
    ("2005-3-11 12:12", "2005-03-11T12:12"), ("2022/02/13 07:48:00", "2022-02-13T07:48:00"),
    ("2005年03月21日 11:21", "2005-03-21T11:21"), ("2019-09-07T06:52:51+08:00", "2019-09-07T06:52:51+08:00"),
    ("20200219", "2020-02-19"), ("2023-11-17", "2023-11-17"), ("2020-13-45", None), ("明天", None),
    # a Unix time is an instant, written in China Standard Time: its local date is the readers'
    ("1600000000", "2020-09-13T20:26:40+08:00"), ("1600000000000", "2020-09-13T20:26:40+08:00"),
    ("1599755400", "2020-09-11T00:30:00+08:00"),  # 16:30 UTC on the 10th: the 11th in Beijing
    # typeset full-width, letters too (the one width fold, `analysis.text.fold_width`)
    ("２０２２－０２－１０Ｔ０７：４８：００Ｚ", "2022-02-10T07:48:00+00:00"),
])
def test_dates(raw, iso):
    assert parse_date(raw) == iso


def test_find_date_in_running_text():
    assert find_date("新华网 2012年06月04日 下午3:05 稿件来源：河北日报") == "2012-06-04T15:05"
    assert find_date("没有日期的文字") is None


@pytest.mark.parametrize("credit,author", [
    ("<p>（记者 王小明）</p>", "王小明"), ("<p>新京报记者 李华 北京报道</p>", "李华"),
    ("<p>作者：张三、李四</p>", "张三 李四"), ("<p>新华社记者 才华 摄</p>", None),
    ("<p>记者获悉，此事仍在调查中，相关部门将在近期公布结果。</p>", None),
])
def test_writer_credits(credit, author):
    a = read_html(page("<title>工业数据</title>", body=BODY + credit).encode(), filename="t.html")
    assert a.author == author


def test_outlet_in_author_meta_is_not_an_author():
    a = read_html(page("<title>工业数据</title><meta name='author' content='网易'>",
                       body=BODY + "<p>责任编辑：赵六</p>").encode(), filename="t.html")
    assert a.author is None and a.extra.get("editor") == "赵六"


def test_site_logo_heading_and_site_only_title_are_not_headlines():
    a = read_html(page("<title>新浪新闻中心</title><meta property='og:title' content='工业增加值增长5.6%'>",
                       before="<h1>新浪新闻中心</h1>").encode(), filename="t.html")
    assert a.title == "工业增加值增长5.6%"
    b = read_html(page("<title>工业增加值增长5.6%_新浪网</title>", before="<h1>新浪网</h1>").encode(), filename="t.html")
    assert b.title == "工业增加值增长5.6%"


def test_gbk_page_with_a_pair_only_gb18030_knows():
    html = page("<title>工业数据</title>", charset="gb2312", before="<h1>工业数据</h1>")
    data = html.encode("gbk").replace("国家统计局今天".encode("gbk"), "国家统计局".encode("gbk") + b"\xa3\x7c" + "今天".encode("gbk"))
    a = read_html(data, filename="t.html")
    assert a.origin["encoding"] == "gb18030" and "国家统计局" in a.body
    assert not any("\ue000" <= c <= "\uf8ff" or c == "\ufffd" for c in a.title + a.body)
