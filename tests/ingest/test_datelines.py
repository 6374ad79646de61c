"""A wire dateline opening a plain-text article's body fills its source and authors, from a
recognisable outlet only; a `来源：` line still wins; lineage's `本文转自` is not read here."""
from __future__ import annotations

import pytest

from searchapp.ingest import read_file
from searchapp.ingest.datelines import wire_dateline

BODY = "市里推进文旅融合发展，打造古城文化品牌。市里推进文旅融合发展，打造古城文化品牌。"


@pytest.mark.parametrize("lead, outlet, authors", [
    ("新华社郑州9月23日电（记者甲乙、丙丁）", "新华社", "甲乙、丙丁"),
    ("中新社北京1月5日电 ", "中新社", None),
    ("新华社北京９月２３日电（记者 甲乙 通讯员 丙丁）", "新华社", "甲乙、丙丁"),
    ("新华社电（记者甲乙）", "新华社", "甲乙"),
    ("某某日报某市9月1日电", "某某日报", None),      # unknown, but ends in 报: a paper
    ("新华社北京9月23日电（图）", "新华社", None),     # no reporter in the bracket
    ("新華社鄭州9月23日電（記者甲乙、丙丁）", "新華社", "甲乙、丙丁"),  # traditional: read folded, kept as written
    ("据新华社电，", "新华社", None),                # "according to": 据 is not the outlet's
    ("据中新社北京1月5日电（记者甲乙）", "中新社", "甲乙"),
])
def test_a_dateline_names_the_outlet_before_the_place_and_the_reporters(lead, outlet, authors):
    got = wire_dateline(lead + BODY)
    assert got is not None and (got.outlet, got.authors) == (outlet, authors)


@pytest.mark.parametrize("text", [
    "本报北京9月1日电（记者甲乙）" + BODY,   # "this paper": no outlet named
    "市里推进9月23日电" + BODY,              # not a known outlet, no 社/报/台/网: never guessed
    "市里推进文旅融合，9月23日电" + BODY,     # not at the start
    "新华社电力公司" + BODY,                 # 电 is part of a word
    BODY,
])
def test_no_dateline_no_guess(text):
    assert wire_dateline(text) is None


def _read(tmp_path, text):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    (a,) = read_file(p).articles
    return a


def test_a_plain_text_article_takes_source_and_author_from_its_dateline(tmp_path):
    a = _read(tmp_path, f"文旅融合\n2020年9月23日\n新华社郑州9月23日电（记者甲乙、丙丁）{BODY}\n")
    assert (a.source, a.author) == ("新华社", "甲乙、丙丁")
    b = _read(tmp_path, f"文旅融合\n2020年9月23日\n中新社北京1月5日电 {BODY}\n")
    assert (b.source, b.author) == ("中新社", None)


def test_a_source_line_wins_over_the_dateline(tmp_path):
    a = _read(tmp_path, f"文旅融合\n来源：人民日报 作者：戊己\n新华社郑州9月23日电（记者甲乙）{BODY}\n")
    assert (a.source, a.author) == ("人民日报", "戊己")


def test_a_reprint_note_gives_the_source_when_nothing_else_does(tmp_path):
    a = _read(tmp_path, f"转载测试\n2020-09-25\n{BODY}\n本文转自南方都市报，原标题《某某》。\n")
    assert a.source == "南方都市报" and a.extra.get("source_from") == "credit"


def test_a_dateline_wins_over_a_reprint_note(tmp_path):
    a = _read(tmp_path, f"文旅融合\n新华社郑州9月23日电 {BODY}\n本文转自南方都市报。\n")
    assert a.source == "新华社" and "source_from" not in a.extra
