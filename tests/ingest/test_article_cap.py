"""No article longer than `config.MAX_ARTICLE_CHARS` is indexed, whatever reader it comes from:
it is a `file:line` problem naming the limit and what to do, nothing of it is kept (never a
silent truncation), and the rest of the file and of the build goes on (found by the second fresh
tester: one 3,000,000-character line in a .txt took 93 s and 3 GB of memory to index)."""
from __future__ import annotations

import csv
import io
import json

import pytest

import searchapp.ingest.reading as reading
from searchapp.config import MAX_ARTICLE_CHARS
from searchapp.ingest import IngestError, read_file

LONG = "这是一段很长的正文，用来检查单篇文章的长度上限。"  # 24 characters
CAP = 400  # the limit the per-format tests lower it to (a long article: LONG * 40 = 960)


def _short(i: int) -> str:
    return f"第{i}篇短文的正文，记者报道了会议内容。"


def _magazine() -> str:
    body = "\n\n".join(f"第{i}段。" + LONG * 4 for i in range(10))
    return (" 专栏｜行业观察\n\n某省举办数据安全培训班\n\n9 月 3 日，某省在省会举办数据安全培训班，"
            "学员参加了本次培训。\n\n来源：某某日报\n 某市召开超长会议\n\n9 月 8 日，某市召开会议。\n\n"
            f"{body}\n\n来源：某某网\n 某公司发布新一代智能芯片\n\n10 月 1 日，某公司在北京发布新一代"
            "智能芯片。\n\n来源：科技日报\n")


def _csv() -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["title", "body", "date"])
    w.writerow(["短文一", _short(1), "2020-09-01"])
    w.writerow(["超长文章", LONG * 40, "2020-09-02"])
    w.writerow(["短文三", _short(3), "2020-09-03"])
    return out.getvalue()


def _jsonl() -> str:
    rows = [{"id": "s1", "title": "短文一", "body": _short(1)},
            {"id": "l2", "title": "超长文章", "body": LONG * 40},
            {"id": "s3", "title": "短文三", "body": _short(3)}]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _html() -> str:
    paras = "".join(f"<p>第{i}段。{LONG * 4}</p>" for i in range(10))
    return (f"<html><head><meta charset='utf-8'><title>超长网页</title></head><body><article>"
            f"<h1>超长网页</h1>{paras}</article></body></html>")


# name, text, the titles kept, the line of the refused article (None: the file is refused)
CASES = [
    ("issue.txt", _magazine(), ["某省举办数据安全培训班", "某公司发布新一代智能芯片"], 8),
    ("table.csv", _csv(), ["短文一", "短文三"], 3),
    ("export.jsonl", _jsonl(), ["短文一", "短文三"], 2),
    ("article.txt", "超长文章\n" + LONG * 40 + "\n", [], 1),
    ("page.html", _html(), [], None),
]


@pytest.mark.parametrize("name,text,kept,line", CASES, ids=[c[0] for c in CASES])
def test_every_reader_goes_through_the_one_cap(tmp_path, monkeypatch, name, text, kept, line):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    assert read_file(p).articles  # under the real cap: read whole
    monkeypatch.setattr(reading, "MAX_ARTICLE_CHARS", CAP)
    if not kept:  # its only article: the file is refused, with the same reason
        with pytest.raises(IngestError) as ei:
            read_file(p)
        reason = str(ei.value)
    else:
        r = read_file(p)
        assert [a.title.replace(" ", "") for a in r.articles] == kept
        assert all(len(a.body) < CAP for a in r.articles)
        [prob] = [pr for pr in r.problems if "over the limit" in pr.reason]
        assert prob.line == line, prob
        reason = prob.reason
        assert not any("far longer" in w.reason for w in r.warnings)
    assert f"over the limit of {CAP:,}" in reason and "MAX_ARTICLE_CHARS" in reason
    assert "not indexed" in reason and "\n" not in reason
    if line and not kept:
        assert reason.startswith(f"line {line}: ")


@pytest.mark.slow
def test_a_pdf_article_goes_through_the_cap(tmp_path, monkeypatch):
    from bench.pdfgen.legacy import write_gbk_pdf

    p = tmp_path / "issue.pdf"
    write_gbk_pdf(p, [[("河南谱写网络安全工作出彩新篇章", [f"第{i}段。" + LONG * 6 for i in range(8)]
                        + ["来源：河南日报"])],
                      [("通信管理局召开行业座谈会", ["2020年9月17日，省通信管理局召开座谈会。", "来源：人民邮电报"])]])
    whole = read_file(p).articles
    assert len(whole) == 2 and len(whole[0].body) > CAP > len(whole[1].body)
    monkeypatch.setattr(reading, "MAX_ARTICLE_CHARS", CAP)
    r = read_file(p)
    assert [a.title for a in r.articles] == [whole[1].title]
    assert any("over the limit" in pr.reason and "page 1" in pr.reason for pr in r.problems), r.problems


@pytest.mark.slow
def test_a_huge_line_is_refused_and_the_build_goes_on(tmp_path):
    from searchapp.index import build, open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    d = tmp_path / "in"
    d.mkdir()
    huge = "巨" + "的一是在不了有和人这中大为上个国我" * (MAX_ARTICLE_CHARS // 17 + 100)
    (d / "hugeline.txt").write_text("超长单行标题测试\n" + huge + "\n", encoding="utf-8")
    (d / "ok.txt").write_text("正常新闻标题\n本报讯 这是一篇正常的新闻文章，记者报道。\n", encoding="utf-8")
    rows = [{"id": "j1", "title": "导出第一篇", "body": "数字经济发展的新动能。"},
            {"id": "j2", "title": "导出超长篇", "body": huge},
            {"id": "j3", "title": "导出第三篇", "body": "网络安全宣传周开幕。"}]
    (d / "export.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                    encoding="utf-8")
    ix = tmp_path / "ix"
    r = build([d], ix)
    assert r.articles == 3, r
    where = {(p["file"].rsplit("/", 1)[-1], p["line"]): p["reason"] for p in r.problems}
    assert set(where) == {("hugeline.txt", None), ("export.jsonl", 2)}, r.problems
    assert where[("hugeline.txt", None)].startswith("line 2: ") or \
        where[("hugeline.txt", None)].startswith("line 1: ")
    assert all(f"{MAX_ARTICLE_CHARS:,}" in why for why in where.values())
    with open_index(ix) as h:
        titles = {x.title for q in ("巨", "正常", "导出") for x in search(h, SearchRequest(q=q, size=10)).hits}
    assert titles == {"正常新闻标题", "导出第一篇", "导出第三篇"}
