"""`author:` / `speaker:` words that select no article are said (`search.
field_notices`), as `source:` is: they gave 0 results and no notice, so an editor could not tell
a misspelt name from an empty archive. A near name is offered when the field holds one."""
from __future__ import annotations

import json

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow  # a real index

DOCS = [
    {"id": "a1", "title": "外交工作座谈会召开", "body": "会议总结了一年来的外交工作。",
     "author": "王炳南", "source": "测试报", "date": "2021-03-01"},
    {"id": "a2", "title": "春耕生产有序推进", "body": "各地抓住农时推进春耕。",
     "author": "李明华、赵雪", "speaker": "周恩来", "source": "测试报", "date": "2021-03-02"},
]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("field-notices")


@pytest.fixture(scope="module")
def h(root):
    handle = tiny_index(root, DOCS)  # the index is root/index
    yield handle
    handle.close()


def items(h, q):
    r = search(h, SearchRequest(q=q, size=10))
    return r, [n for n in r.query.notice_items
               if n["code"].startswith(("unknown_author", "unknown_speaker"))]


@pytest.mark.parametrize("q, code, near", [
    ("author:王柄南", "unknown_author_near", "王炳南"),      # one character off
    ("author:李明", "unknown_author_near", "李明华"),        # one of two names of a value
    ("speaker:周思来", "unknown_speaker_near", "周恩来"),
    ("author:欧阳修文", "unknown_author", None),
    ("speaker:欧阳修文", "unknown_speaker", None),
])
def test_a_name_that_selects_nothing_is_said(h, q, code, near):
    r, said = items(h, q)
    assert r.total == 0
    assert [n["code"] for n in said] == [code]
    if near:
        assert near in said[0]["text_zh"] and near in said[0]["text"]
    assert q.split(":")[1] in said[0]["text_zh"]


@pytest.mark.parametrize("q", ["author:王炳南", "author:赵雪", "speaker:周恩来",
                               "外交 -author:欧阳修文", "author:王炳南 春耕"])
def test_a_field_word_that_selects_articles_is_not_said(h, q):
    assert items(h, q)[1] == []


def test_every_door_says_it(h, root, monkeypatch):
    from click.testing import CliRunner

    from searchapp.cli import main
    from searchapp.web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()
    d = client.get("/api/search", query_string={"q": "author:王柄南"}).get_json()
    assert [n["code"] for n in d["query"]["notice_items"]] == ["unknown_author_near"]
    html = client.get("/search", query_string={"q": "author:王柄南"}).get_data(as_text=True)
    assert "没有作者为“王柄南”的文章；相近的作者：王炳南。" in html
    monkeypatch.setenv("SEARCHAPP_INDEX", str(root / "index"))
    out = CliRunner().invoke(main, ["search", "speaker:周思来"])
    assert out.exit_code == 0 and "similar names: 周恩来" in out.output, out.output
    out = CliRunner().invoke(main, ["search", "speaker:周思来", "--json"])
    codes = [n["code"] for n in json.loads(out.output)["query"]["notice_items"]]
    assert codes == ["unknown_speaker_near"]
