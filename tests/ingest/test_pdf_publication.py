"""The publication a PDF's running heads name is read also when a head is drawn as one text run
(`人民日报  2020年9月15日  星期二`, as many PDF producers emit it: second fresh tester, M8), and
it is the `source` of the articles that credit none, so the source facet and `source:` find
them. A weekday or lunar date repeated in the heads is never taken for the name."""
from __future__ import annotations

import pytest

from helpers import A4_W, draw_pdf
from searchapp.ingest.pdf_furniture import PageFrags, find
from searchapp.ingest.pdf_lines import Frag

W, H = 595.0, 842.0


def _pages(heads: list[list[str]], n: int = 3) -> list[PageFrags]:
    out = []
    for p in range(1, n + 1):
        frags, x = [], 60.0
        for text in heads[p - 1] if len(heads) >= p else heads[-1]:
            text = text.replace("{p}", str(p))
            frags.append(Frag(text, x, 30, x + 10 * len(text), 40, 10, len(text)))
            x += 10 * len(text) + 40
        y = 100.0
        for i in range(30):
            t = f"这是第{p}页正文第{i}行，报道的内容在这里继续展开。"
            frags.append(Frag(t, 60, y, 60 + 10.5 * len(t), y + 10.5, 10.5, len(t)))
            y += 16
        out.append(PageFrags(p, W, H, frags))
    return out


@pytest.mark.parametrize("heads, name", [
    ([["人民日报  2020年9月15日  星期二", "第{p}版"]], "人民日报"),       # one run, page apart
    ([["人民日报 | 2020年9月15日 | 星期二 | 第{p}版"]], "人民日报"),       # all in one run
    ([["2020年9月15日  星期二  科技日报", "第{p}版"]], "科技日报"),       # the name last
    ([["人民日报", "2020年9月15日", "星期二", "第{p}版"]], "人民日报"),   # separate runs, as before
    ([["互联网天地  2020年第9期", "{p}"]], "互联网天地"),
])
def test_the_publication_of_a_head_drawn_as_one_run(heads, name):
    assert find(_pages(heads)).publication == name


@pytest.mark.parametrize("heads", [
    [["2020年9月15日  星期二", "第{p}版"]], [["2020年9月15日  农历七月廿八  周二", "第{p}版"]]])
def test_a_weekday_or_lunar_date_is_no_publication(heads):
    assert find(_pages(heads)).publication is None


@pytest.mark.slow
def test_a_pdf_issue_names_its_publication_and_fills_the_source(tmp_path):
    from searchapp.ingest import read_file

    pdf = draw_pdf(tmp_path / "paper.pdf", [
        [(60, 30, 9, "人民日报  2020年9月15日  星期二"),  # ONE text run
         (A4_W - 100, 30, 9, f"第{n}版"),
         (60, 90, 18, f"第{n}版的新闻标题在这里"),
         *[(60, 130 + 16 * i, 10.5, f"这是第{n}版正文第{i}行，报道的内容在这里继续展开。")
           for i in range(30)]] for n in (3, 4)])
    arts = read_file(pdf).articles
    assert arts and {a.extra.get("publication") for a in arts} == {"人民日报"}
    assert {a.source for a in arts} == {"人民日报"}
    assert {a.extra.get("source_from") for a in arts} == {"page head"}
    assert {a.date for a in arts} == {"2020-09-15"}
