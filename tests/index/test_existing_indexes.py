"""An index written before the package layout (its table of contents pickles the analyzer as
`searchapp.analysis.WordTokenizer`, a path that no longer exists) keeps opening and answering,
and is rebuilt by the next `index` run (the code fingerprint changed); an index whose manifest
names other fields is refused with a one-line error that says to rebuild.

tests/index/data/pre_layout_index: two JSONL articles indexed by commit 831bc3c (14 KB)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from searchapp.errors import IndexMissing, IndexOutdated
from searchapp.index import build, open_index
from searchapp.request import SearchRequest
from searchapp.search import search

OLD = Path(__file__).resolve().parent / "data" / "pre_layout_index"


@pytest.fixture()
def old_index(tmp_path):
    d = tmp_path / "ix"
    shutil.copytree(OLD, d)
    return d


def test_the_fixture_names_the_old_analyzer_path():
    toc = (OLD / "gen-000001" / "_MAIN_1.toc").read_bytes()
    assert b"searchapp.analysis" in toc and b"WordTokenizer" in toc
    assert "schema" not in json.loads((OLD / "gen-000001" / "manifest.json").read_text())


def test_an_index_written_before_the_layout_still_answers(old_index):
    h = open_index(old_index)
    resp = search(h, SearchRequest(q="5G"))
    assert [hit.id for hit in resp.hits] == ["old0000000000001"]
    assert h.get_article("old0000000000002").title == "网络安全宣传周"
    h.close()


def test_the_next_index_run_rebuilds_it(old_index, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps({"id": "new1", "title": "数字经济", "body": "数字经济发展"},
                                            ensure_ascii=False) + "\n", encoding="utf-8")
    r = build([src], old_index)
    assert r.full and r.generation == 2
    h = open_index(old_index)
    assert h.get_article("new1").title == "数字经济"
    h.close()


def test_an_index_with_other_fields_is_refused_with_a_rebuild_hint(old_index):
    m = old_index / "gen-000001" / "manifest.json"
    manifest = json.loads(m.read_text(encoding="utf-8"))
    m.write_text(json.dumps({**manifest, "schema": "0" * 40}), encoding="utf-8")
    with pytest.raises(IndexOutdated) as e:
        open_index(old_index)
    assert isinstance(e.value, IndexMissing) and e.value.status == 503
    assert "searchapp index --rebuild" in e.value.message and "\n" not in e.value.message


# tests/index/data/pre_timezone_index: three JSONL articles printed in three time zones, indexed
# by commit c9514f5 (before issue 16 item 4), whose generation arrays (format 1) order the dates
# as written: tz-beijing, tz-london, tz-new-york newest first.
PRE_TZ = Path(__file__).resolve().parent / "data" / "pre_timezone_index"


def test_the_fixture_orders_by_the_dates_as_written():
    meta = json.loads((PRE_TZ / "gen-000001" / "sa-gen.json").read_text(encoding="utf-8"))
    assert meta["format"] == 1


def test_an_index_written_before_time_zones_opens_and_orders_by_the_instant(tmp_path):
    d = tmp_path / "ix"
    shutil.copytree(PRE_TZ, d)
    h = open_index(d)
    try:
        resp = search(h, SearchRequest(q="发布时间", sort="newest"))
        # 04:30, 02:00 and 01:00 UTC; the day filter still reads the local date as printed
        assert [hit.id for hit in resp.hits] == ["tz-new-york", "tz-beijing", "tz-london"]
        assert resp.hits[0].date == "2020-09-10"
        assert resp.hits[0].published == "2020-09-10T23:30:00-05:00"
        day = search(h, SearchRequest(q="发布时间", date_from="2020-09-10", date_to="2020-09-10"))
        assert [hit.id for hit in day.hits] == ["tz-new-york"]
    finally:
        h.close()
