"""Taiwan and Hong Kong wordings typed in traditional script find the mainland wording
(`query.regional`, F11): `數位經濟` folds to `数位经济`, but mainland articles say `数字经济`.
The added wording is listed as `也搜索了` (`also_searched`) at the API, the page and the CLI,
and switched off with the thesaurus; a phrase written alike in both scripts, a word without a
traditional character and a variant character (著→着) are never re-read."""
from __future__ import annotations

import json

import pytest

from helpers import tiny_index
from searchapp.query.regional import wordings
from searchapp.request import SearchRequest
from searchapp.search import search

DOCS = [
    {"id": "mainland-digital", "title": "发展数字经济新动能",
     "body": "各地加快发展数字经济，推动产业升级。", "source": "测试报", "date": "2021-03-01"},
    {"id": "mainland-software", "title": "国产软件走向世界",
     "body": "多家企业发布新版办公软件，用户增长明显。", "source": "测试报", "date": "2021-03-02"},
    {"id": "process", "title": "操作系统课程笔记",
     "body": "调度器为每个进程分配时间片，进程之间互不干扰。", "source": "测试报", "date": "2021-03-03"},
    {"id": "other", "title": "城市公园开放", "body": "新建的公园周末对市民开放，游客很多。",
     "source": "测试报", "date": "2021-03-04"},
]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("regional")


@pytest.fixture(scope="module")
def h(root):
    handle = tiny_index(root, DOCS)  # the index is root/index
    yield handle
    handle.close()


@pytest.mark.parametrize("typed, mainland", [("數位經濟", "数字经济"), ("軟體", "软件"),
                                             ("網路", "网络"), ("資訊", "信息"),
                                             ("寬頻", "宽带"), ("AI軟體", "AI软件")])
def test_a_regional_word_gets_its_mainland_wording(typed, mainland):
    assert wordings(typed) == (mainland,)


@pytest.mark.parametrize("typed", [
    "经济", "數字",     # simplified, or traditional where both wordings agree: nothing to add
    "程序設計",         # 程序 is written alike in both scripts: never read as Taiwan's 进程
    "文件處理",         # 文件 likewise (not 文档)
    "智慧型手機",       # 智慧 is a mainland word of its own
    "專著",             # 著→着 is a variant character, not a wording
    "影片", "伺服器",   # no traditional character: read as mainland text
])
def test_no_wording_where_the_word_may_be_mainland(typed):
    assert wordings(typed) == ()


@pytest.mark.slow
def test_taiwan_wording_finds_the_mainland_article_and_says_so(h):
    r = search(h, SearchRequest(q="數位經濟", size=10))
    assert [x.id for x in r.hits][:1] == ["mainland-digital"], [x.id for x in r.hits]
    assert {"word": "數位經濟", "variants": ["数字经济"]} in r.query.also_searched
    off = search(h, SearchRequest(q="數位經濟", size=10, thesaurus=False))
    assert off.total == 0 and off.query.also_searched == []


@pytest.mark.slow
def test_a_shared_phrase_keeps_its_mainland_meaning(h):
    r = search(h, SearchRequest(q="程序", size=10))
    assert "process" not in [x.id for x in r.hits]
    assert all("进程" not in v for d in r.query.also_searched for v in d["variants"])


@pytest.mark.slow
def test_every_door_lists_the_wording(h, root, monkeypatch):
    from click.testing import CliRunner

    from searchapp.cli import main
    from searchapp.web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()
    d = client.get("/api/search", query_string={"q": "數位經濟"}).get_json()
    assert d["hits"][0]["id"] == "mainland-digital"
    assert {"word": "數位經濟", "variants": ["数字经济"]} in d["query"]["also_searched"]
    html = client.get("/search", query_string={"q": "數位經濟"}).get_data(as_text=True)
    assert "也搜索了：数字经济" in html
    monkeypatch.setenv("SEARCHAPP_INDEX", str(root / "index"))
    out = CliRunner().invoke(main, ["search", "數位經濟"])
    assert out.exit_code == 0, out.output
    assert "數位經濟 → 数字经济" in out.output
    out = CliRunner().invoke(main, ["search", "數位經濟", "--json"])
    listed = json.loads(out.output)["query"]["also_searched"]
    assert {"word": "數位經濟", "variants": ["数字经济"]} in listed
