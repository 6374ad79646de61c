"""A frozen list keeps which query words each partial ("contain most of the words") match
lacks, and every view of it says so: the JSON items, the CLI text, the web page and the
GB/T 7714 / RIS exports, as the CSV export's `missing` column does."""
from __future__ import annotations

import json

import pytest
import rispy
from click.testing import CliRunner

from helpers import tiny_index
from searchapp.cite import FrozenStore, gbt7714, ris
from searchapp.cli import main
from searchapp.request import SearchRequest
from searchapp.search.frozen import result_items

pytestmark = pytest.mark.slow  # an index of its own

#: 李四 is rare (3 articles), 张三 common (6): an article with 李四 alone has most of the query.
DOCS = [{"id": f"both{i}", "title": f"甲乙会谈{i}", "body": "张三和李四今天会见了外宾。",
         "date": f"2020-01-0{i + 1}"} for i in range(2)] + \
       [{"id": "one", "title": "单独活动", "body": "李四今天考察了工厂。", "date": "2020-01-05"},
        {"id": "none", "title": "天气", "body": "明天有雨。", "date": "2020-01-06"}] + \
       [{"id": f"c{i}", "title": f"常见{i}", "body": "张三出席会议。", "date": f"2020-02-0{i + 1}"}
        for i in range(4)]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    root = tmp_path_factory.mktemp("citepartial")
    h = tiny_index(root, DOCS)
    yield root / "index", h
    h.close()


def test_frozen_items_say_what_a_partial_match_lacks(idx):
    ix, h = idx
    items, total = result_items(h, SearchRequest(q="张三 李四"), 100)
    by_id = {it["id"]: it["missing"] for it in items}
    assert by_id == {"both0": [], "both1": [], "one": ["张三"]} and total == 3
    fl = FrozenStore(ix).freeze({"q": "张三 李四"}, "张三 李四", items, total, 1)
    assert {it["id"]: it["missing"] for it in FrozenStore(ix).get(fl.key).items} == by_id
    refs = gbt7714(fl.items, "2026-12-07").splitlines()
    assert [("不含检索词：张三" in r) for r in refs] == [it["id"] == "one" for it in fl.items]
    notes = [e.get("notes", []) for e in rispy.loads(ris(fl.items, "2026-12-07"))]
    assert [any(n.startswith("missing: 张三") for n in ns) for ns in notes] == \
        [it["id"] == "one" for it in fl.items]


def test_cli_and_web_mark_the_partial_matches(idx):
    ix, _ = idx
    r = CliRunner().invoke(main, ["cite", "freeze", "张三 李四", "--index", str(ix)])
    assert r.exit_code == 0, r.output
    assert "1 of them lack a query word (marked missing)" in r.output.splitlines()[0]
    marked = [ln for ln in r.output.splitlines() if "missing: 张三" in ln]
    assert len(marked) == 1 and "单独活动" in marked[0]
    key = r.output.split(" as ")[1].split()[0]
    shown = CliRunner().invoke(main, ["cite", "show", key, "--index", str(ix), "--format", "json"])
    items = json.loads(shown.stdout)["items"]
    assert [it["missing"] for it in items if it["id"] == "one"] == [["张三"]]

    from searchapp.web import create_app
    client = create_app({"TESTING": True, "INDEX_DIR": str(ix)}).test_client()
    page = client.get(f"/cite/{key}").get_data(as_text=True)
    assert "其中 1 篇不含全部检索词" in page and page.count("缺少：张三") == 1
