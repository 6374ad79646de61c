"""A closing credit printed in brackets, `（来源：X 记者 Y）`, reads as the unbracketed `来源：X 记者
Y` does: the outlet is the source, the reporter the author, and the line leaves the body, in a
plain-text article, a text issue and a PDF issue."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import draw_pdf
from searchapp.ingest import read_file

ARTS = [("郑州航空港区引进芯片项目",
         "本报讯 郑州航空港经济综合实验区日前与某半导体企业签约，总投资120亿元的芯片封装测试项目落户港区。"
         "项目建成后年产值可达200亿元。该项目将带动上下游企业集聚发展，形成完整的集成电路产业链。",
         "河南日报 记者 李明"),
        ("洛阳智能制造产业园开园",
         "本报讯 洛阳智能制造产业园10月12日正式开园，首批入驻企业28家，涵盖工业机器人、数控机床等领域。"
         "园区规划面积5平方公里，预计三年内实现产值500亿元。",
         "洛阳日报 记者 王芳")]


@pytest.mark.parametrize("credit", ["来源：{}", "（来源：{}）", "(来源：{})"])
def test_a_text_article_closing_credit_in_brackets(tmp_path, credit):
    t, b, c = ARTS[1]
    p = tmp_path / "a.txt"
    p.write_text(f"{t}\n\n{b}\n\n{credit.format(c)}\n", encoding="utf-8")
    (a,) = read_file(p).articles
    assert (a.source, a.author) == ("洛阳日报", "王芳")
    assert a.body.endswith("500亿元。") and "来源" not in a.body


@pytest.mark.parametrize("credit", ["（来源：{}）", " (来源：{})"])
def test_a_credit_in_brackets_after_the_last_sentence(tmp_path, credit):
    t, b, c = ARTS[1]
    p = tmp_path / "a.txt"
    p.write_text(f"{t}\n\n{b}{credit.format(c)}\n", encoding="utf-8")
    (a,) = read_file(p).articles
    assert (a.source, a.author) == ("洛阳日报", "王芳")
    assert a.body.endswith("500亿元。") and "来源" not in a.body


def test_a_bracket_inside_the_body_is_no_credit(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("标题\n\n本报讯 园区规划面积5平方公里（来源于规划文件）。\n", encoding="utf-8")
    (a,) = read_file(p).articles
    assert a.source is None and a.body.endswith("（来源于规划文件）。")


@pytest.mark.parametrize("credit", ["来源：{}", "（来源：{}）"])
def test_a_text_issue_credits_name_the_reporter_of_each_article(tmp_path, credit):
    p = tmp_path / "issue.txt"
    p.write_text("\n\n".join(f"{t}\n\n{b}\n\n{credit.format(c)}" for t, b, c in ARTS) + "\n",
                 encoding="utf-8")
    arts = read_file(p).articles
    assert [(a.title, a.source, a.author) for a in arts] == [
        ("郑州航空港区引进芯片项目", "河南日报", "李明"), ("洛阳智能制造产业园开园", "洛阳日报", "王芳")]


@pytest.mark.slow
def test_a_pdf_issue_credits_name_the_reporter(tmp_path):
    pages = []
    for n, (t, b, c) in enumerate(ARTS, 1):
        runs = [(50, 32, 9, f"中原科技周刊  2020年10月15日  第{n}版"), (50, 82, 20, t)]
        y = 122
        for i in range(0, len(b), 40):
            runs.append((50, y, 11, b[i:i + 40]))
            y += 18
        runs += [(50, y + 10, 11, f"（来源：{c}）"), (290, 812, 9, str(n))]
        pages.append(runs)
    arts = read_file(draw_pdf(tmp_path / "issue-2020-10-weekly.pdf", pages)).articles
    assert [(a.title, a.source, a.author) for a in arts] == [
        ("郑州航空港区引进芯片项目", "河南日报", "李明"), ("洛阳智能制造产业园开园", "洛阳日报", "王芳")]
