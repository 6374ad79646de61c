"""An undated record of an export is cited as what its dated siblings are (a web page, or a
newspaper article when it gives a print page), never as a newspaper of unknown name; `named`
says whether it states a source."""
from __future__ import annotations

import pytest
import rispy

from helpers import tiny_index
from searchapp.cite import gbt7714, ris
from searchapp.request import SearchRequest
from searchapp.search.frozen import result_items

pytestmark = pytest.mark.slow  # an index of its own

DOCS = [{"id": "j2", "title": "有日期", "body": "有日期的文章讲人工智能。", "date": "2020-09-11"},
        {"id": "j9", "title": "没有日期", "body": "没有日期的文章讲人工智能。"},
        {"id": "j7", "title": "无日期有来源", "body": "无日期有来源的文章讲人工智能。", "source": "某某网"},
        {"id": "j8", "title": "无日期有版次", "body": "无日期有版次的文章讲人工智能。", "source": "某某报",
         "page": 3}]


def test_an_undated_record_is_cited_like_its_dated_sibling(tmp_path):
    h = tiny_index(tmp_path, DOCS)
    try:
        items, _ = result_items(h, SearchRequest(q="人工智能"), 100)
    finally:
        h.close()
    by_id = {it["id"]: it for it in items}
    assert {i: (it["kind"], it["named"]) for i, it in by_id.items()} == {
        "j2": ("web", False), "j9": ("web", False), "j7": ("web", True), "j8": ("newspaper", True)}
    refs = dict(zip([it["id"] for it in items], gbt7714(items, "2026-12-07").splitlines()))
    assert refs["j9"].endswith("没有日期[EB/OL]. [2026-12-07].") and "不详" not in refs["j9"]
    assert refs["j7"].endswith("无日期有来源[EB/OL]. 某某网[2026-12-07].")
    assert refs["j8"].endswith("无日期有版次[N]. 某某报.")
    types = {e["id"]: e["type_of_reference"] for e in rispy.loads(ris(items, "2026-12-07"))}
    assert types == {"j2": "ELEC", "j9": "ELEC", "j7": "ELEC", "j8": "NEWS"}
