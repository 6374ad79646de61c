"""What a word or a quoted phrase matches literally: never across sentence or clause punctuation
or from one field into the next (spaces and line breaks are crossed), and a Latin-edged word only
at Latin word edges, with the symbols that are part of a name (C++, C#, .NET) and URLs, e-mail
addresses and decimal numbers kept whole."""
from __future__ import annotations


import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

ARTICLES = [
    # sentence and field boundaries
    ("title-field", "代表团抵达北京", "大学生们在机场迎接代表团。"),
    ("full-stop", "访问记", "昨天下午代表团抵达北京。大学生们在机场迎接。"),
    ("exclaim", "来信", "我们终于到了北京！大学的老师在等。"),
    ("comma", "行程", "先到北京，大学城在郊区。"),
    ("real", "北京大学举行开学典礼", "北京大学今天举行开学典礼。"),
    ("line-break", "排版", "新生来到北京\n大学报到处排起长队。"),
    ("two-tokens", "经济", "我们需要数字。经济发展也很重要。"),
    # names with symbols, Latin word edges
    ("langs", "编程语言排行", "C++ 和 C# 仍然流行，.NET 平台也在发展，Go语言增长最快。"),
    ("acronyms", "机构报告", "CNNIC 发布报告，CEO 表示，UTC 时间八点，govern 一词，FIFA 与 internet 行业，见 www.example.net 。"),
    ("url", "政府网站访问量", "郑州市政府 www.zz12345.gov.cn 3047234，邮箱 service45g@163.com。"),
    ("fiveg", "5G网络", "5G 网络覆盖全省。"),
    ("fsharp", "函数式", "F# 和 VC++ 的使用者。"),
    ("decimal", "增长", "同比增长８．８％。"),
    ("eighty-eight", "八十八", "共有88个项目。"),
]


@pytest.fixture(scope="module")
def handle(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("edges"),
                   [{"id": aid, "title": title, "body": body, "source": "测试报", "date": "2020-09-01"}
                    for aid, title, body in ARTICLES])
    yield h
    h.close()


def ids(handle, q: str) -> set[str]:
    r = search(handle, SearchRequest(q=q, size=100, snippets=False, facets=False))
    return {h.id for h in r.hits}


def test_a_phrase_never_spans_sentence_punctuation_or_fields(handle):
    assert ids(handle, '"北京大学"') == {"real", "line-break"}


def test_a_word_never_spans_sentence_punctuation_or_fields(handle):
    # best match: articles with only the word's parts (北京 。大学) are hits too, each saying it
    # lacks the word; the article with the word as a word comes first
    r = search(handle, SearchRequest(q="北京大学", size=100, snippets=False, facets=False))
    whole = [h.id for h in r.hits if not h.missing]
    assert set(whole) == {"real", "line-break"} and r.hits[0].id == "real"
    assert all(h.missing == ["北京大学"] for h in r.hits if h.id not in whole)


def test_a_two_token_phrase_does_not_cross_a_full_stop(handle):
    assert "two-tokens" not in ids(handle, '"数字经济"')


def test_a_query_with_a_break_matches_a_break_there_never_a_field_end(handle):
    assert ids(handle, '"北京。大学"') == {"full-stop", "exclaim", "comma"}


@pytest.mark.parametrize("q,want", [
    ("C++", {"langs"}), ("C#", {"langs"}), (".NET", {"langs"}), ("Go", {"langs"}),
    ("F#", {"fsharp"}), ("VC++", {"fsharp"}),
    ("5G", {"fiveg"}), ("45G", set()),
    ("www.zz12345.gov.cn", {"url"}), ("service45g@163.com", {"url"}),
    ("8.8%", {"decimal"}), ("８．８", {"decimal"}), ("88", {"eighty-eight"}),
])
def test_symbols_of_names_urls_and_numbers(handle, q, want):
    assert ids(handle, q) == want

