"""A table's first line that is not a row: Excel's `sep=X` delimiter hint is honoured when the
rows below read as a table at X, refused (naming the hint) when they do not, never glued into
one article."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.ingest import IngestError, read_file
from searchapp.ingest.sniff import sniff

ROWS = ["title;body;date;source",
        "深圳发布数字政府规划;深圳市发布数字政府建设规划，提出建成数字政府标杆城市。;2020-09-05;深圳特区报",
        "广州推进城市更新;广州市推进老旧小区改造，涉及居民十万户。;2020-09-06;广州日报"]


def _file(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("hint", ["sep=;", '"sep=;"', "SEP=;", "sep=;;;"])
def test_sep_hint_names_the_delimiter_and_is_not_a_row(tmp_path, hint):
    res = read_file(_file(tmp_path, "\n".join([hint] + ROWS) + "\n"))
    assert [a.title for a in res.articles] == ["深圳发布数字政府规划", "广州推进城市更新"]
    assert [a.source for a in res.articles] == ["深圳特区报", "广州日报"]
    assert [a.origin["line_start"] for a in res.articles] == [3, 4]
    assert not res.problems


def test_sep_hint_for_a_longer_table_is_not_read_as_its_header(tmp_path):
    rows = ROWS + [f"标题{i};正文第{i}篇，讲城市更新。;2020-09-0{i};广州日报" for i in range(1, 8)]
    res = read_file(_file(tmp_path, "\n".join(["sep=;"] + rows) + "\n"))
    assert len(res.articles) == 9 and res.articles[0].title == "深圳发布数字政府规划"


def test_sep_hint_with_a_tab(tmp_path):
    text = "sep=\t\n" + "\n".join(r.replace(";", "\t") for r in ROWS) + "\n"
    assert sniff(text.encode(), whole=True).delimiter == "\t"
    assert len(read_file(_file(tmp_path, text)).articles) == 2


@pytest.mark.parametrize("hint", ["sep=,", "sep="])
def test_a_hint_the_rows_do_not_follow_is_refused_naming_it(tmp_path, hint):
    with pytest.raises(IngestError, match=r"first line `sep=.?` is Excel's delimiter hint"):
        read_file(_file(tmp_path, "\n".join([hint] + ROWS) + "\n"))


DUP = ("title,body,body,date\n重复列标题,第一个正文列讲物流。,第二个正文列讲快递。,2020-09-10\n"
       "另一行,物流正文二。,快递正文二。,2020-09-11\n")


def test_a_header_repeating_a_column_is_refused_naming_it_not_called_no_header(tmp_path):
    with pytest.raises(IngestError) as e:
        read_file(_file(tmp_path, DUP))
    msg = str(e.value)
    assert "gives the column 'body' 2 times (columns 2, 3)" in msg and "no header" not in msg
    assert "--map title=1,body=2,date=4" in msg


def test_the_suggested_map_reads_the_rows_and_keeps_the_other_column(tmp_path):
    from searchapp.ingest import ReadOptions
    res = read_file(_file(tmp_path, DUP), ReadOptions(columns="title=1,body=2,date=4"))
    assert [(a.title, a.body, a.date) for a in res.articles] == [
        ("重复列标题", "第一个正文列讲物流。", "2020-09-10"), ("另一行", "物流正文二。", "2020-09-11")]
    assert res.articles[0].extra == {"body": "第二个正文列讲快递。"}


def test_a_map_by_a_repeated_name_is_refused(tmp_path):
    from searchapp.ingest import ReadOptions
    with pytest.raises(IngestError, match=r"header gives 2 times \(columns 2, 3\): map it by number"):
        read_file(_file(tmp_path, DUP), ReadOptions(columns="title=title,body=body"))
