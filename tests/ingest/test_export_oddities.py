"""Export values that cannot be taken as given are flagged, never read on a guess: a date whose
time is no time of day is unreadable (kept raw, reported), and a second body field is kept and
reported, not dropped."""
from __future__ import annotations

import json

import pytest

from searchapp.ingest import read_file
from searchapp.ingest.html_dates import find_date, parse_date


@pytest.mark.parametrize("value", ["2020-09-10 25:00", "2020-09-10 12:60", "2020-09-10T10:00:61",
                                   "2020年9月10日 24时00分", "20200910 250000"])
def test_a_value_whose_time_is_no_time_of_day_is_unreadable(value):
    assert parse_date(value) is None


def test_good_times_and_running_text_are_read_as_before():
    assert parse_date("2020-09-10 23:59") == "2020-09-10T23:59"
    assert parse_date("2020-09-10") == "2020-09-10"
    assert find_date("2020-09-10 25:00 发布") == "2020-09-10"


def _jsonl(tmp_path, rec):
    p = tmp_path / "e.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    return read_file(p)


def test_an_impossible_hour_in_an_export_is_reported_and_kept_raw(tmp_path):
    res = _jsonl(tmp_path, {"title": "时间不对", "body": "讲物流。", "date": "2020-09-10 25:00"})
    (a,) = res.articles
    assert a.date is None and a.extra["date_raw"] == "2020-09-10 25:00"
    assert any("'2020-09-10 25:00' is not a valid date" in p.reason for p in res.problems)


def test_a_second_body_field_is_kept_and_reported(tmp_path):
    res = _jsonl(tmp_path, {"title": "两个正文", "body": "正文字段讲物流。", "text": "文本字段讲快递。"})
    (a,) = res.articles
    assert a.body == "正文字段讲物流。" and a.extra["text"] == "文本字段讲快递。"
    assert [p.reason for p in res.problems] == [
        "both 'body' and 'text' given: 'body' is indexed, 'text' kept in the article's extra "
        "fields (not searched)"]
    same = _jsonl(tmp_path, {"title": "相同", "body": "一样的正文。", "content": "一样的正文。"})
    assert not same.problems and "content" not in same.articles[0].extra


@pytest.mark.parametrize("value", ["2020-09", "2020年9月", "2020/9"])
def test_a_month_alone_is_said_to_be_one(tmp_path, value):
    res = _jsonl(tmp_path, {"title": "只有年月", "body": "讲大数据。", "date": value})
    assert res.articles[0].date is None and res.articles[0].extra["date_raw"] == value
    assert [p.reason for p in res.problems] == [
        f"date {value!r} gives a month, not a day; article kept without a date (the value kept "
        "as date_raw)"]
    table = tmp_path / "m.csv"
    table.write_text(f"title,body,date\n只有年月,讲大数据。,{value}\n", encoding="utf-8")
    assert "gives a month, not a day" in read_file(table).problems[0].reason
