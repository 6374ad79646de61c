"""A headline printed at the top of every page, the same but for a number, is a headline, not a
running head (found by the second fresh tester, M3: `第1页大标题：…` on each page was removed as
furniture, its text lost and three pages read as one article). Running heads set no larger than
the text, and a masthead repeated word for word, stay furniture."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import A4_H, A4_W, draw_pdf
from searchapp.ingest.pdf_furniture import PageFrags, find
from searchapp.ingest.pdf_lines import Frag

W, H = 595.0, 842.0


def _page(n: int, head: str, head_size: float, foot: str | None = None) -> PageFrags:
    frags = [Frag(head, 60, 40, 60 + head_size * len(head), 40 + head_size, head_size, len(head))]
    y = 100.0
    for i in range(40):
        text = f"这是第{n}页正文第{i}行，数字经济发展报道的内容在这里继续展开。"
        frags.append(Frag(text, 60, y, 60 + 10.5 * len(text), y + 10.5, 10.5, len(text)))
        y += 16
    if foot:
        frags.append(Frag(foot, W / 2, H - 40, W / 2 + 12, H - 30, 10.5, len(foot)))
    return PageFrags(n, W, H, frags)


def _removed_heads(pages):
    furn = find(pages)
    return [[f.text for f in furn.removed[p.number] if f is p.frags[0]] for p in pages], furn


def test_a_large_head_that_changes_from_page_to_page_is_kept():
    heads, furn = _removed_heads([_page(n, f"第{n}页大标题：数字经济发展新动能", 18, str(n)) for n in (1, 2, 3)])
    assert heads == [[], [], []]
    assert furn.labels == {1: 1, 2: 2, 3: 3}  # the page numbers at the foot still read


def test_running_heads_and_mastheads_stay_furniture():
    # a running head in the text's own size, changing with the page: furniture, as before
    heads, _ = _removed_heads([_page(n, f"人民日报 第{n}版 要闻", 10.5, str(n)) for n in (1, 2, 3)])
    assert heads == [[f"人民日报 第{n}版 要闻"] for n in (1, 2, 3)]
    # a large masthead repeated word for word: furniture, as before
    heads, furn = _removed_heads([_page(n, "数字经济周刊", 18, str(n)) for n in (1, 2, 3)])
    assert heads == [["数字经济周刊"]] * 3
    assert furn.big_heads == {"数字经济周刊": [1, 2, 3]}  # warned about (read_pdf)
    # a head larger than the text but smaller than the page's largest type: furniture
    pages = [_page(n, f"第{n}期 数字经济", 14, str(n)) for n in (1, 2, 3)]
    for p in pages:
        p.frags.append(Frag("本页主标题文字", 60, 80, 400, 100, 20, 7))
    heads, furn = _removed_heads(pages)
    assert heads == [[f"第{n}期 数字经济"] for n in (1, 2, 3)] and furn.big_heads == {}


@pytest.mark.slow
def test_the_testers_pdf_reads_as_three_articles(tmp_path):
    pdf = draw_pdf(tmp_path / "mag.pdf", [
        [(60, 60, 18, f"第{n}页大标题：数字经济发展新动能"),
         *[(60, 100 + 16 * i, 10.5, f"这是第{n}页正文第{i}行，数字经济发展报道的内容在这里继续展开。")
           for i in range(40)],
         (A4_W / 2, A4_H - 30, 10.5, str(n))] for n in (1, 2, 3)])
    p = subprocess.run([sys.executable, "-m", "searchapp", "segment", str(pdf), "--format", "jsonl"],
                       capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert p.returncode == 0, p.stderr
    arts = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(a["title"].replace(" ", ""), a["page"]) for a in arts] == [
        (f"第{n}页大标题：数字经济发展新动能", n) for n in (1, 2, 3)]
    assert all(f"这是第{n}页正文第39行" in a["body"].replace(" ", "") for n, a in zip((1, 2, 3), arts))


@pytest.mark.slow
def test_a_large_identical_head_removed_as_furniture_is_a_warning(tmp_path):
    from searchapp.ingest import read_file

    pdf = draw_pdf(tmp_path / "same.pdf", [
        [(60, 60, 18, "数字经济发展新动能"),
         *[(60, 100 + 16 * i, 10.5, f"这是第{n}页正文第{i}行，数字经济发展报道的内容在这里继续展开。")
           for i in range(40)],
         (A4_W / 2, A4_H - 30, 10.5, str(n))] for n in (1, 2, 3)])
    r = read_file(pdf)
    [warn] = [x for x in r.warnings if "running head" in x.reason]
    assert "数字经济发展新动能" in warn.reason and "pages 1–3" in warn.reason and warn.line is None
    assert not [p for p in r.problems if "running head" in p.reason]  # a warning, not a skip


@pytest.mark.parametrize("heads, number, total, year", [
    (["数字生活月刊 2020年第9期"] * 3, 9, None, 2020),
    (["数字生活月刊 2020年第9期 总第123期"] * 3, 9, 123, 2020),
    (["数字生活 2020年9月5日 第９期"] * 3, 9, None, 2020),  # a head with a day too
    (["总第123期 数字生活"] * 3, None, 123, None),
    (["数字生活月刊 2020年第9期", "数字生活月刊 2020年第10期", "数字生活月刊 2020年第9期"],
     None, None, 2020),                                     # two numbers: none is trusted
    (["数字生活月刊 2020年9月"] * 3, None, None, 2020),     # a month is no issue number
    (["人民日报 第3版 要闻"] * 3, None, None, None),        # a page is no issue
])
def test_the_issue_number_is_the_one_the_heads_print(heads, number, total, year):
    furn = find([_page(n, head, 10.5, str(n)) for n, head in enumerate(heads, 1)])
    assert (furn.issue_number(), furn.issue_total()) == (number, total)
    assert furn.year == year
