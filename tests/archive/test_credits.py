"""A copy's credits are read where papers print them (the start or the end of the body) in the
forms 来源：X, 转自X, 据X报道 (and 摘自, 原载); a generic word or a mid-story citation is no credit."""
from __future__ import annotations

import pytest

from searchapp.archive.credits import HEAD, TAIL, credits

FILLER = "这是正文的一段内容，说的是当地的经济发展情况。" * 10


@pytest.mark.parametrize("body, outlet", [
    ("据新华社报道，某地发生地震。" + FILLER, "新华社"),
    ("据《华尔街日报》报道，某公司发布财报。" + FILLER, "华尔街日报"),
    ("本文转自人民日报。\n\n" + FILLER, "人民日报"),
    (FILLER + "\n\n来源：中国青年报", "中国青年报"),
    (FILLER + "（来源：《南方周末》）", "南方周末"),
    (FILLER + "（责任编辑：王某）来源：新浪网", "新浪网"),
    (FILLER + "\n\n（摘自《半月谈》）", "半月谈"),
    ("转载自澎湃新闻的报道。" + FILLER, "澎湃新闻"),
])
def test_credit_forms(body, outlet):
    assert credits(body) == [outlet]


@pytest.mark.parametrize("body", [
    "据外电报道，某国大选结果揭晓。" + FILLER,        # 外电: no outlet
    "据悉，会议将于下月召开。" + FILLER,
    "据报道，会议将于下月召开。" + FILLER,
    "据当地媒体报道，会议将于下月召开。" + FILLER,
    FILLER + "\n\n（人民日报供稿）",                   # a form the reader does not know
    "",
])
def test_no_credit(body):
    assert credits(body) == []


def test_credits_in_the_middle_are_citations_not_sources():
    middle = FILLER[: HEAD] + "据新华社报道，另有一事。" + "来源：人民日报。" + FILLER + FILLER
    assert len(middle) > HEAD + TAIL
    assert credits(middle) == []


def test_several_credits_in_order_each_once():
    body = "本文转自光明网。\n\n" + FILLER + "\n\n来源：光明网\n\n来源：人民日报"
    assert credits(body) == ["光明网", "人民日报"]
