"""Emoji and other pictographic symbols in articles are searchable as the literal text they are
(alone, inside a word, in a phrase, excluded), without changing what a Chinese or Latin query
finds; a query of nothing but modifiers or punctuation still matches nothing, with a notice."""
from __future__ import annotations


import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow

ARTICLES = [
    ("party", "表情标题😀🎉👍🏽测试", "今天的活动非常成功🎉大家都很开心😀。"),
    ("heart", "我❤️北京", "I ❤ NY，也爱北京的★五星★酒店。"),
    ("plain", "人工智能与5G", "人工智能与5G网络安全的发展，大家都很开心。"),
    ("family", "家庭出游", "一家人👨\u200d👩\u200d👧周末出游，点赞👍。"),
    ("bullets", "会议要点", "■ 人工智能 ● 网络安全 ◎ 气温30°C。"),
]


@pytest.fixture(scope="module")
def handle(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("symbols"),
                   [{"id": aid, "title": title, "body": body, "source": "测试报", "date": "2020-09-01"}
                    for aid, title, body in ARTICLES])
    yield h
    h.close()


def run(handle, q: str):
    return search(handle, SearchRequest(q=q, size=100))


def ids(handle, q: str) -> set[str]:
    return {h.id for h in run(handle, q).hits}


@pytest.mark.parametrize("q, want", [
    ("😀", {"party"}), ("🎉", {"party"}), ("👍", {"party", "family"}), ("👍🏽", {"party", "family"}),
    ("❤", {"heart"}), ("❤️", {"heart"}), ("★", {"heart"}), ("开心😀", {"party"}),
    ('"成功🎉大家"', {"party"}), ("我❤北京", {"heart"}), ("👨\u200d👩\u200d👧", {"family"}),
    ("😀 OR ★", {"party", "heart"}),
])
def test_an_emoji_in_an_article_finds_it(handle, q, want):
    r = run(handle, q)
    assert {h.id for h in r.hits} == want and r.total == len(want)
    assert "nothing_searchable" not in [n["code"] for n in r.query.notice_items]


def test_an_emoji_is_highlighted_where_it_stands(handle):
    hit = run(handle, "😀").hits[0]
    assert "<mark>😀</mark>" in hit.title_html and "<mark>😀</mark>" in hit.snippet_html


def test_excluding_an_emoji(handle):
    assert ids(handle, "开心 -😀") == {"plain"}


def test_words_and_bullets_are_unchanged(handle):
    assert ids(handle, "人工智能") == {"plain", "bullets"}
    assert ids(handle, "开心") == {"party", "plain"}
    assert ids(handle, '"人工智能网络安全"') == {"bullets"}  # the bullet between is no word
    assert ids(handle, "30°C") == {"bullets"}


@pytest.mark.parametrize("q", ["\U0001f3fd", "\ufe0f", "■", "°"])
def test_modifiers_and_bullets_alone_match_nothing(handle, q):
    r = run(handle, q)
    assert r.total == 0 and r.query.notice_items[-1]["code"] == "nothing_searchable"
