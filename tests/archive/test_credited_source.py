"""An article with no source of its own takes the outlet its body credits as where it came
from (本文转自X, 转载自X, 来源于X, 原载X, 摘自X, in either script); a `来源：` credit wins over a
reprint note; words that are no credit (本文 in a sentence, an outlet named in the story, a
photo's credit, a figure's source) give no source."""
from __future__ import annotations

import pytest

from searchapp.archive.credits import credited_source, credits
from searchapp.archive.lineage import copy_of, publisher
from searchapp.ingest import read_file
from searchapp.model import Article

FILLER = "这是正文的一段内容，说的是当地的经济发展情况。" * 10


@pytest.mark.parametrize("body, outlet", [
    ("本文转自澎湃新闻。\n\n" + FILLER, "澎湃新闻"),
    (FILLER + "\n\n本文转载自光明网。", "光明网"),
    (FILLER + "\n\n本文来源于《南方周末》", "南方周末"),
    (FILLER + "（原载《半月谈》2020年第9期）", "半月谈"),
    ("编者按：本文原载于中国青年报。\n\n" + FILLER, "中国青年报"),
    ("本文轉載自聯合報。\n\n" + FILLER, "联合报"),
    (FILLER + "\n\n（本文轉自澎湃新聞）", "澎湃新闻"),
    (FILLER + "\n\n文章來源於《天下雜誌》", "天下杂志"),
    (FILLER + "\n\n來源：中央通訊社", "中央通讯社"),
])
def test_reprint_credits_give_the_source(body, outlet):
    assert credited_source(body) == outlet


def test_an_explicit_source_credit_wins_over_a_reprint_note():
    body = "本文转自澎湃新闻。\n\n" + FILLER + "\n\n来源：光明网"
    assert credited_source(body) == "光明网"


@pytest.mark.parametrize("body", [
    "本文介绍澎湃新闻的发展历程。" + FILLER,                   # 本文 without a credit
    "本文作者长期关注新闻行业。" + FILLER + "记者曾在人民日报工作。",
    FILLER[:60] + "澎湃新闻记者走访了当地。" + FILLER,         # an outlet inside the story
    "据新华社报道，某地发生地震。" + FILLER,                   # a rewrite, not a copy
    FILLER + "\n\n图片转自新华网",                             # a photo's credit
    FILLER + "\n\n以上数据来源于国家统计局网",                 # a figure's source
    "他说这篇文章转自人民日报。" + FILLER,                     # not leading its sentence
    FILLER + "。本文转自人民日报。" + FILLER,         # mid-story: a quotation
    "本文转自网络。" + FILLER,                                 # 网络: no outlet
    "",
])
def test_no_source_from_words_that_are_no_credit(body):
    assert credited_source(body) is None


def test_traditional_credits_feed_lineage_too():
    assert credits("本文轉載自聯合報。\n\n" + FILLER) == ["联合报"]
    assert credits("據中央社報導，某地發生地震。" + FILLER) == ["中央社"]


def _read(tmp_path, text):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    (a,) = read_file(p).articles
    return a


def test_ingest_fills_only_a_missing_source(tmp_path):
    a = _read(tmp_path, f"转载测试\n2020-09-25\n本文转自澎湃新闻。\n{FILLER}\n")
    assert a.source == "澎湃新闻" and a.extra["source_from"] == "credit"
    b = _read(tmp_path, f"转载测试\n来源：光明网\n2020-09-25\n本文转自澎湃新闻。\n{FILLER}\n")
    assert b.source == "光明网" and "source_from" not in b.extra
    c = _read(tmp_path, f"转载测试\n2020-09-25\n本文介绍澎湃新闻的发展历程。{FILLER}\n")
    assert c.source is None


def test_a_source_read_from_a_credit_names_no_publisher():
    """The copy is still a reprint of the credited outlet, not its original."""
    a = Article("a", "t", "本文转自澎湃新闻。\n\n" + FILLER, source="澎湃新闻",
                date="2020-09-25", extra={"source_from": "credit"})
    assert publisher(a) is None and copy_of(a).credits == ["澎湃新闻"]
