"""Queries as editors paste them (found by the second fresh tester on a clean clone): text
copied from an article with a colon, names pasted as a list, a source named as the data names
it. Each answers what the words mean, and says how it read them."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

DOCS = [
    {"id": "colon", "title": "国家队集训名单公布", "source": "新浪", "date": "2011-04-19", "page": 1,
     "body": "记者：新一届国家队的大名单出来了。主教练表示，队员状态良好，训练工作稳步推进。"},
    {"id": "parts", "title": "新一届理事会成立", "source": "新华社", "date": "2011-04-20", "page": 2,
     "body": "新一届理事会今天成立。记者在现场看到，新一届理事会成员来自各地，记者们纷纷提问。"},
    {"id": "both", "title": "张建国会见王立新", "source": "新华社", "date": "2011-04-21",
     "body": "张建国今天会见了王立新，双方就合作进行了交谈。"},
    {"id": "one1", "title": "张建国出席开幕式", "source": "新华社", "date": "2011-04-22",
     "body": "张建国出席了开幕式并讲话。张建国指出，要做好各项工作。张建国强调团结。"},
    {"id": "one2", "title": "王立新考察企业", "source": "新华社", "date": "2011-04-23",
     "body": "王立新在企业考察。王立新说，企业要创新。王立新听取了汇报。"},
    {"id": "ai-cn", "title": "人工智能发展", "source": "新华社", "date": "2011-04-24",
     "body": "人工智能技术不断进步，应用越来越广。"},
    {"id": "ai-both", "title": "AI芯片上市", "source": "新华社", "date": "2011-04-25",
     "body": "这款人工智能芯片又称AI芯片。"},
    {"id": "post", "title": "快递网点扩容", "source": "人民邮电报", "date": "2011-04-26",
     "body": "快递网点今年扩容，末端投递更加便捷。"},
]


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    handle = tiny_index(tmp_path_factory.mktemp("pasted"), DOCS)
    yield handle
    handle.close()


def run(h, q, **kw):
    return search(h, SearchRequest(q=q, size=10, **kw))


def codes(resp):
    return [n["code"] for n in resp.query.notice_items]


def test_text_with_a_colon_finds_the_article_that_holds_it(h):
    r = run(h, "记者：新一届")
    assert [x.id for x in r.hits] == ["colon"] and "unknown_field" in codes(r)
    r = run(h, "者：新一届国家队")
    assert [x.id for x in r.hits] == ["colon"]
    r = run(h, "记者：旧一届")  # held nowhere: said, never loose matches
    assert r.total == 0 and "phrase_not_found" in codes(r)


def test_a_pasted_list_of_names_is_its_names(h):
    spaced = run(h, "张建国 王立新")
    for q in ("张建国，王立新", "张建国、王立新", "张建国；王立新"):
        r = run(h, q)
        assert [x.id for x in r.hits] == [x.id for x in spaced.hits], q
        assert r.hits[0].id == "both" and not r.hits[0].missing, q


def test_a_word_before_a_quote_is_searched_too(h):
    r = run(h, '张建国"王立新"')
    assert [x.id for x in r.hits] == ["both"]


def test_a_source_alias_filters_by_the_outlet_it_is_filed_as(h):
    for r in (run(h, "source:新浪 国家队"), run(h, "国家队", sources=("新浪",))):
        assert [x.id for x in r.hits] == ["colon"]
        assert "source_alias" in codes(r)
        assert r.hits[0].source == "新浪网"


# Found by the sixth fresh tester: `source:` with a shortened outlet name gave 0 results and no
# notice, while the `source=` parameter named the near outlet.
def test_a_source_word_that_selects_nothing_is_said_as_the_parameter_says_it(h):
    for r in (run(h, "快递 source:人民邮电"), run(h, "快递", sources=("人民邮电",))):
        assert r.total == 0
        said = [n for n in r.query.notice_items if n["code"] == "unknown_source_near"]
        assert said and "人民邮电报" in said[0]["text"], r.query.notice_items
    assert "unknown_source" in codes(run(h, "快递 来源：没有这家报社"))
    for q in ("快递 source:人民邮电报", "快递 source:人民"):  # its words select it: nothing said
        r = run(h, q)
        assert [x.id for x in r.hits] == ["post"]
        assert not {"unknown_source", "unknown_source_near"} & set(codes(r)), q


def test_a_date_range_in_words_is_the_range(h):
    assert {x.id for x in run(h, "4月19日至4月20日 新一届").hits} == {"colon", "parts"}
    assert {x.id for x in run(h, "4月19-20日 新一届").hits} == {"colon", "parts"}
    assert [x.id for x in run(h, "4月19日 新一届").hits] == ["colon"]


def test_dates_that_cannot_all_hold_are_said(h):
    # two days in one query (or a day outside the from/to range) were an inverted, silently
    # empty range
    for r in (run(h, "4月19日 4月21日 新一届"), run(h, "date:2011-04-19 date:2011-04-21 新一届"),
              run(h, "4月21日 新一届", date_from="2011-04-22")):
        assert r.total == 0 and "dates_disjoint" in codes(r)
    assert "dates_disjoint" not in codes(run(h, "4月19日 新一届"))


def test_an_excluded_page_or_date_is_left_out_not_kept(h):
    # tester finding (high): `-page:1` and `NOT date:…` kept only that page or day
    both = {"colon", "parts"}
    assert {x.id for x in run(h, "新一届").hits} == both
    for q in ("新一届 -page:1", "新一届 NOT page:1", "新一届 -page:头版", "新一届 -date:2011-04-19",
              "新一届 NOT date:2011-04-19"):
        r = run(h, q)
        assert [x.id for x in r.hits] == ["parts"], q
        assert sum(f.count for f in r.facets["source"]) == 1, q  # facets count what is shown
    assert [x.id for x in run(h, "新一届 page:1").hits] == ["colon"]
    assert "colon" not in {x.id for x in run(h, "-page:1").hits}


def test_an_excluded_word_is_the_word_not_its_thesaurus_terms(h):
    # tester finding: `人工智能 -AI` left nothing, since -AI also excluded 人工智能
    assert {x.id for x in run(h, "人工智能").hits} == {"ai-cn", "ai-both"}
    assert [x.id for x in run(h, "人工智能 -AI").hits] == ["ai-cn"]
    assert [x.id for x in run(h, "AI -人工智能").hits] == []
