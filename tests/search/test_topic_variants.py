"""A topic named by a variant of its name: `topic:人工智慧` (the Taiwan form of 人工智能, a
starter-list pair) was "Unknown topic" while the word 人工智慧 finds what 人工智能 finds
(seventh tester, T11). The `topic:` word, the `topic` filter and the CLI's check agree."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search
from searchapp.search.searching import unknown_topics

pytestmark = pytest.mark.slow  # a real index

DOCS = [
    {"id": "ai", "title": "人工智能大模型发布", "body": "人工智能企业发布新一代大模型，机器学习能力提升。",
     "source": "测试报", "date": "2021-03-01"},
    {"id": "park", "title": "城市公园开放", "body": "新建的公园周末对市民开放，游客很多。",
     "source": "测试报", "date": "2021-03-02"},
]


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    handle = tiny_index(tmp_path_factory.mktemp("topic-variants"), DOCS)
    yield handle
    handle.close()


def test_a_topic_named_by_its_taiwan_form_is_the_topic(h):
    want = [x.id for x in search(h, SearchRequest(q="topic:人工智能")).hits]
    assert want == ["ai"]
    for req in (SearchRequest(q="topic:人工智慧"), SearchRequest(q="", topics=("人工智慧",))):
        r = search(h, req)
        assert [x.id for x in r.hits] == want
        assert "unknown_topic" not in [n["code"] for n in r.query.notice_items]
    with h.searcher() as s:
        assert unknown_topics(s, ["人工智慧"])[0] == []
        assert unknown_topics(s, ["没有这个主题"])[0] == ["没有这个主题"]
