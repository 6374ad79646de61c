"""A date column written in Chinese numerals (`二〇二〇年十月八日`) is a date at ingest, read by the
same numeral rule the query language reads a typed date with (`analysis.numerals.fold_text`,
`query.calendar_words`): fifth fresh tester, F8 (the CSV row was kept "without a date")."""
from __future__ import annotations

import json

import pytest

from searchapp.ingest import read_file
from searchapp.ingest.html_dates import parse_date
from searchapp.query.calendar_words import read

FORMS = ["二〇二〇年十月八日", "二零二零年十月八日", "２０２０年十月八日"]


@pytest.mark.parametrize("form", FORMS)
def test_a_csv_and_a_jsonl_date_in_chinese_numerals_is_the_day_a_query_reads(tmp_path, form):
    csv = tmp_path / "a.csv"
    csv.write_text(f"title,body,date\n量子通信网络开通,河南省量子通信骨干网今日开通。,{form}\n",
                   encoding="utf-8")
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(json.dumps({"title": "智慧农业示范区", "body": "示范区引入物联网传感器。",
                                 "date": form}, ensure_ascii=False) + "\n", encoding="utf-8")
    word = read(form)
    typed = f"{word.year:04d}-{word.month:02d}-{word.first:02d}"
    for path in (csv, jsonl):
        res = read_file(path)
        assert [a.date for a in res.articles] == [typed] == ["2020-10-08"]
        assert not res.problems
        assert "date_raw" not in res.articles[0].extra


def test_numerals_with_a_time_and_what_stays_refused():
    assert parse_date("二〇二〇年十月十五日 十时三十分") == "2020-10-15T10:30"
    assert parse_date("一九九八年一月五日") == "1998-01-05"
    # not a calendar day, no day, or numerals outside a date: refused as before
    assert parse_date("二〇二〇年二月三十日") is None
    assert parse_date("二〇二〇年十月") is None
    assert parse_date("十月八日前后") is None
