"""Everyday words and their formal names find each other (query/data/synonyms.txt): a web user
typing 电脑 or 手机 also gets the articles that say 计算机 or 移动电话 (third fresh tester, F8)."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow

DOCS = [
    {"id": "formal-pc", "title": "学校添置新设备", "body": "学校为每个教室配备了计算机，学生上课更方便。",
     "source": "测试报", "date": "2020-09-01"},
    {"id": "formal-phone", "title": "通信市场报告", "body": "今年移动电话用户继续增长，资费下降。",
     "source": "测试报", "date": "2020-09-02"},
    {"id": "other", "title": "城市公园开放", "body": "新建的公园周末对市民开放，游客很多。",
     "source": "测试报", "date": "2020-09-03"},
]


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    handle = tiny_index(tmp_path_factory.mktemp("everyday"), DOCS)
    yield handle
    handle.close()


@pytest.mark.parametrize("typed, wanted", [("电脑", "formal-pc"), ("计算机", "formal-pc"),
                                           ("手机", "formal-phone"), ("移动电话", "formal-phone")])
def test_the_everyday_word_and_the_formal_one_find_each_other(h, typed, wanted):
    r = search(h, SearchRequest(q=typed, size=10))
    assert r.hits and r.hits[0].id == wanted and not r.hits[0].missing, [x.id for x in r.hits]
    assert "other" not in [x.id for x in r.hits]
