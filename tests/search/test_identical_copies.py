"""The same file indexed under two paths lists each article once, naming the other file (and
the copy's id) on it; totals and facet counts agree with the list; nothing is deleted (the
copy is still an article). Near-duplicates that are distinct documents (a reprint in another
file, rows repeated under new ids in one file, a re-encoded copy) are all still listed."""
from __future__ import annotations

import json
import shutil

import pytest

from searchapp.index import build, open_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow

BODY = "数字经济发展论坛在郑州举行。与会专家认为，5G与人工智能将带动传统产业转型升级，网络安全同样重要。"
ROWS = [
    {"title": "数字经济论坛举行", "body": BODY, "source": "河南日报", "date": "2020-09-01"},
    {"title": "智能矿山建设提速", "body": "河南多家煤矿启用5G网络，智能矿山建设提速，井下作业更安全。",
     "source": "大河报", "date": "2020-09-02"},
    {"title": "网络安全宣传周开幕", "body": "2020年网络安全宣传周在全省开幕，活动持续一周，聚焦个人信息保护。",
     "source": "河南日报", "date": "2020-09-03"},
]


def jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("copies")
    (root / "d" / "backup").mkdir(parents=True)
    (root / "d" / "issue.jsonl").write_text(jsonl(ROWS), encoding="utf-8")
    shutil.copyfile(root / "d" / "issue.jsonl", root / "d" / "backup" / "issue-copy.jsonl")
    # a reprint of the first story by another outlet, a week later: a distinct document
    (root / "d" / "reprint.jsonl").write_text(jsonl([{**ROWS[0], "source": "新华网",
                                                      "date": "2020-09-08"}]), encoding="utf-8")
    # the same story repeated inside one file under new ids (as bench/scale.py does)
    (root / "d" / "repeat.jsonl").write_text(jsonl([{**ROWS[2], "id": f"rep{i}"} for i in range(2)]),
                                             encoding="utf-8")
    # the same text re-encoded: other bytes, so not an identical copy
    (root / "d" / "gbk.jsonl").write_bytes(jsonl([ROWS[1]]).encode("gbk"))
    build([root / "d"], root / "ix")
    return root / "ix"


@pytest.fixture(scope="module")
def handle(index_dir):
    h = open_index(index_dir)
    yield h
    h.close()


def run(handle, q, **kw):
    return search(handle, SearchRequest(q=q, size=50, **kw))


def test_each_identical_article_is_listed_once_naming_the_other_file(handle):
    r = run(handle, "数字经济论坛")
    by_source = {h.source: h for h in r.hits}
    assert sorted(by_source) == ["新华网", "河南日报"] and r.total == 2  # original + reprint
    listed = by_source["河南日报"]
    assert [c["file"] for c in listed.also_in] == ["backup/issue-copy.jsonl"]
    copy = handle.get_article(listed.also_in[0]["id"])  # the copy is still there
    assert copy is not None and copy.id != listed.id and copy.body == BODY
    assert by_source["新华网"].also_in == []


def test_the_listed_copy_is_the_original_and_the_reprint_keeps_its_lineage(handle):
    r = run(handle, "数字经济论坛")
    roles = {h.source: handle.get_article(h.id).lineage["role"] for h in r.hits}
    assert roles == {"河南日报": "original", "新华网": "reprint"}
    reprint = next(h for h in r.hits if h.source == "新华网")
    listed = next(h for h in r.hits if h.source == "河南日报")
    assert reprint.duplicate_of in (None, listed.id)


def test_totals_and_facets_agree_with_what_is_listed(handle):
    r = run(handle, "")
    ids = [h.id for h in r.hits]
    assert r.total == len(ids) == 3 + 1 + 2 + 1  # issue once, reprint, two repeats, GBK copy
    assert sum(v.count for v in r.facets["lineage"]) == r.total  # every article has a role
    for v in r.facets["source"]:
        assert run(handle, "", sources=(v.value,)).total == v.count
    assert len({h.title for h in run(handle, "网络安全宣传周").hits}) == 1
    assert run(handle, "网络安全宣传周").total == 3  # the issue once, both repeated rows
    assert run(handle, "智能矿山").total == 2  # the GBK re-encoding is another file's bytes


def test_every_door_lists_once_and_names_the_other_file(index_dir, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from searchapp.cli import main
    from searchapp.web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    d = client.get("/api/search?q=数字经济论坛").get_json()
    assert d["total"] == 2 and len(d["hits"]) == 2
    listed = next(h for h in d["hits"] if h["also_in"])
    assert listed["also_in"][0]["file"] == "backup/issue-copy.jsonl" and listed["also_in"][0]["id"]
    html = client.get("/search?q=数字经济论坛").get_data(as_text=True)
    assert "相同文件另见" in html and "backup/issue-copy.jsonl" in html
    csv_text = client.get("/search?q=数字经济论坛&format=csv").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == 3 and "backup/issue-copy.jsonl" in csv_text

    monkeypatch.setenv("SEARCHAPP_INDEX", str(index_dir))
    runner = CliRunner()
    r = runner.invoke(main, ["search", "数字经济论坛", "--plain"])
    assert r.exit_code == 0 and "also in: backup/issue-copy.jsonl" in r.output, r.output
    inp = tmp_path / "q.jsonl"
    inp.write_text('{"q": "数字经济论坛"}\n', encoding="utf-8")
    r = runner.invoke(main, ["bulk", str(inp), "--fields", "id,also_in"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output.splitlines()[0])
    assert rec["total"] == 2 and sum(1 for h in rec["hits"] if h["also_in"]) == 1
