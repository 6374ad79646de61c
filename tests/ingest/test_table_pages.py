"""A newspaper's CSV export with a page column (`版次`, `版面`, `page`) is filed as newspaper
pages: its rows were archived and cited as web pages (`[EB/OL]`), the page left unread in
`extra`. A page the column does not give as a number is kept and reported, never guessed."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from searchapp.archive.editions import edition_of
from searchapp.ingest import ReadOptions, read_file

BODY = "某市今年新建5G基站两千个，覆盖所有县城和重点乡镇，网络质量持续提升，运营商表示将继续加大投入。"


def _csv(tmp_path: Path, rows: list[list[str]]) -> Path:
    p = tmp_path / "paper-export.csv"
    with open(p, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return p


@pytest.mark.parametrize("header", ["版次", "版面", "page", "页码"])
def test_a_page_column_files_the_rows_as_newspaper_pages(tmp_path, header):
    p = _csv(tmp_path, [["标题", "正文", "日期", "来源", header],
                        ["基站建设提速", BODY, "2020-09-14", "豫东测试日报", "第03版：要闻"],
                        ["宽带进村", BODY + "又及。", "2020-09-14", "豫东测试日报", "5"]])
    res = read_file(p)
    assert [a.page for a in res.articles] == [3, 5] and res.problems == []
    assert res.articles[0].column == "第03版：要闻" and res.articles[1].column is None
    eds = [edition_of(a) for a in res.articles]
    assert [(e.publication, e.issue, e.kind, e.page) for e in eds] == [
        ("豫东测试日报", "2020-09-14", "newspaper", 3), ("豫东测试日报", "2020-09-14", "newspaper", 5)]
    assert not any(k in a.extra for a in res.articles for k in (header, "page_raw"))


def test_a_page_by_map_and_a_page_that_is_no_number(tmp_path):
    p = _csv(tmp_path, [["标题", "正文", "日期", "来源", "叠"],
                        ["基站建设提速", BODY, "2020-09-14", "豫东测试日报", "A叠"]])
    res = read_file(p, ReadOptions(columns="title=标题,body=正文,date=日期,source=来源,page=叠"))
    (a,) = res.articles
    assert a.page is None and a.extra["page_raw"] == "A叠"  # kept, not guessed
    assert [(x.line, x.reason) for x in res.problems] == [
        (2, "page 'A叠' is no page number (8, 第8版); kept")]
    assert edition_of(a).kind == "web"  # no page: as before
