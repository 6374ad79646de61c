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


@pytest.mark.slow
def test_an_article_s_own_closing_credit_beats_the_running_head(tmp_path):
    """Third fresh tester, F10: each article ends with `（来源：X）` in brackets and its lead
    credits the reporter (`本报讯（记者 张伟）`): the credit is its source, not the running head,
    and the reporter is its author, as for a `.txt` issue."""
    from searchapp.ingest import read_file
    from searchapp.ingest.magazine import segment

    stories = [("平顶山煤矿实现智能化开采", "本报讯（记者 张伟）平顶山市煤矿企业近日完成智能化改造，",
                "平顶山日报"),
               ("焦作山水旅游持续升温", "本报讯 焦作云台山景区国庆期间接待游客超过百万人次，", "焦作日报")]
    pages = []
    for n, (title, lead, credit) in enumerate(stories, start=1):
        runs = [(60, 30, 9, "河南测试周报  2021年11月8日  星期一"), (A4_W - 100, 30, 9, f"第{n}版"),
                (60, 90, 20, title), (60, 130, 11, lead)]
        runs += [(60, 146 + 16 * i, 11, f"第{n}篇正文第{i}行，报道的内容在这里继续展开。")
                 for i in range(12)]
        runs.append((60, 146 + 16 * 12, 11, f"（来源：{credit}）"))
        pages.append(runs)
    arts = read_file(draw_pdf(tmp_path / "issue.pdf", pages)).articles
    assert [a.title for a in arts] == [t for t, _, _ in stories]
    assert [a.source for a in arts] == [c for _, _, c in stories]
    assert not any(a.extra.get("source_from") for a in arts)
    assert {a.extra.get("publication") for a in arts} == {"河南测试周报"}
    assert [a.author for a in arts] == ["张伟", None]
    assert all("来源" not in a.body for a in arts)
    # the same issue as text gives the same sources and author
    text = "\n\n".join(f"{t}\n\n{lead}正文在这里继续。\n\n（来源：{c}）" for t, lead, c in stories)
    assert [(a.source, a.author) for a in segment(text, filename="issue.txt")] == \
        [("平顶山日报", "张伟"), ("焦作日报", None)]


def _one_page(heads: list[str]) -> list[PageFrags]:
    return [_pages([heads], n=1)[0]]


@pytest.mark.parametrize("heads, name", [
    (["中原测试周刊  2020年10月22日  第1版"], "中原测试周刊"),          # one run
    (["中原测试周刊", "2020年10月22日", "第1版"], "中原测试周刊"),      # runs on one row
    (["2020年10月22日 星期四 某某科技报 第一版"], "某某科技报"),        # name inside, 第一版
    (["某某日报 第1版 要闻 2020年9月15日"], None),          # two candidates: no guess
    (["中原测试周刊  2020年10月22日"], None),               # no 第N版: not a head's shape
    (["中原测试周刊  第1版"], None),                        # no date
    (["2020年10月22日  星期四  第1版"], None),              # no name
])
def test_a_one_page_issue_names_its_publication_only_from_a_head_shaped_line(heads, name):
    """Fifth fresh tester, F4: a one-page issue's head `刊名  日期  第1版` gave its date but not its
    name (no repetition to go by), so each file became a publication of its own."""
    furn = find(_one_page(heads))
    assert furn.publication == name
    assert furn.dates == ({1: "2020-10-22"} if "2020年10月22日" in "".join(heads) else
                          {1: "2020-09-15"} if "2020年9月15日" in "".join(heads) else {})


def test_the_issue_date_is_the_one_day_the_heads_agree_on():
    """Fifth fresh tester, F3: the issue is dated by its printed day, when its heads agree."""
    assert find(_pages([["中原测试周刊  2020年10月15日  第{p}版"]])).issue_date() == "2020-10-15"
    two = _pages([["某报  2020年10月15日  第1版"], ["某报  2020年10月22日  第2版"]], n=2)
    assert find(two).issue_date() is None            # two issues in one file: not one date
    assert find(_pages([["互联网天地  2020年9月", "{p}"]])).issue_date() == "2020-09"
    assert find(_pages([["互联网天地", "{p}"]])).issue_date() is None


@pytest.mark.slow
def test_a_file_name_that_dates_the_issue_otherwise_is_a_warning(tmp_path):
    from searchapp.ingest import read_file

    pdf = draw_pdf(tmp_path / "issue-2020-09-some-weekly.pdf", [
        [(60, 30, 9, f"中原测试周刊  2020年10月15日  第{n}版"), (60, 90, 18, f"第{n}版的新闻标题在这里"),
         *[(60, 130 + 16 * i, 10.5, f"这是第{n}版正文第{i}行，报道的内容在这里继续展开。")
           for i in range(20)]] for n in (1, 2)])
    res = read_file(pdf)
    assert {a.extra.get("issue_date") for a in res.articles} == {"2020-10-15"}
    assert any("2020-10-15" in w.reason and "2020-09" in w.reason for w in res.warnings), res.warnings
