"""JSONL exports: every good line becomes an article with its metadata, every bad line is
reported by line number and the rest are still imported; ids are stable and URL-safe."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.ingest import read_file
from searchapp.ingest.jsonl import read_jsonl

THUC = Path(__file__).resolve().parents[3] / "shared" / "data" / "thucnews-cnews-1000" / "cnews.val.txt"
SAFE = re.compile(r"^[A-Za-z0-9_-]+$")


def _line(**kw) -> str:
    return json.dumps(kw, ensure_ascii=False)


def test_fields_are_read():
    text = _line(title="5G 基站建设提速", content="河南新建5G基站一万个。\n\n覆盖所有县城。", source="中新网",
                 date="2020年9月1日", author="王明", url="https://example.com/a/1", topics=["5G"],
                 id="abc-123", channel="科技", views=42)
    arts, problems = read_jsonl(text, filename="export.jsonl")
    assert problems == []
    (a,) = arts
    assert a.id == "abc-123"
    assert a.title == "5G 基站建设提速"
    assert a.body == "河南新建5G基站一万个。\n\n覆盖所有县城。"
    assert a.source == "中国新闻网"  # alias normalised: one outlet, one facet value
    assert a.date == "2020-09-01"
    assert a.author == "王明" and a.url == "https://example.com/a/1" and a.topics == ["5G"]
    assert a.extra == {"channel": "科技", "views": 42}
    assert a.origin == {"file": "export.jsonl", "format": "jsonl", "line_start": 1, "line_end": 1}


def test_bad_lines_are_reported_by_number_and_the_rest_imported():
    lines = [
        _line(title="第一篇", body="正文一。"),
        "{not json",
        "",
        "[1, 2, 3]",
        _line(title="", body="没有标题"),
        _line(title="没有正文"),
        _line(title="第二篇", body="正文二。", date="不是日期"),
        '{"title": "截断',
    ]
    arts, problems = read_jsonl("\n".join(lines), filename="x.jsonl")
    assert [a.title for a in arts] == ["第一篇", "第二篇"]
    assert [p.line for p in problems] == [2, 4, 5, 6, 7, 8]  # 7: kept, but its date is reported
    assert all(p.file == "x.jsonl" and p.reason for p in problems)
    assert arts[1].date is None and arts[1].extra["date_raw"] == "不是日期"
    assert {p.to_dict()["line"] for p in problems} == {2, 4, 5, 6, 7, 8}


def test_unsafe_or_missing_ids_get_stable_generated_ids():
    text = "\n".join([_line(title="甲", body="内容甲。", id="../../etc/passwd"),
                      _line(title="乙", body="内容乙。"),
                      _line(title="丙", body="内容丙。", id="x" * 200)])
    a1, _ = read_jsonl(text, filename="f.jsonl")
    a2, _ = read_jsonl(text, filename="f.jsonl")
    assert [a.id for a in a1] == [a.id for a in a2]
    assert all(SAFE.match(a.id) for a in a1)
    assert a1[0].extra["source_id"] == "../../etc/passwd"
    assert len({a.id for a in a1}) == 3


def test_unicode_line_separators_inside_strings_do_not_split_lines():
    text = _line(title="段落\u2028分隔", body="正文\u2029第二段\x85结束。")
    arts, problems = read_jsonl(text, filename="u.jsonl")
    assert problems == [] and len(arts) == 1


def test_duplicate_ids_are_reported():
    text = "\n".join([_line(title="甲", body="一。", id="same"), _line(title="乙", body="二。", id="same")])
    arts, problems = read_jsonl(text, filename="f.jsonl")
    assert len(arts) == 1 and problems[0].line == 2 and "duplicate" in problems[0].reason


def test_read_file_with_bom_crlf_and_gbk(tmp_path):
    body = "\r\n".join([_line(title="编码测试", body="国标编码的导出文件。"), "garbage", _line(title="二", body="二。")])
    p = tmp_path / "export.ndjson"
    p.write_bytes(body.encode("gb18030"))
    res = read_file(p)
    assert [a.title for a in res.articles] == ["编码测试", "二"]
    assert [(pr.line, pr.file) for pr in res.problems] == [(2, str(p))]
    p2 = tmp_path / "bom.jsonl"
    p2.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert [a.title for a in read_file(p2).articles] == ["编码测试", "二"]


def test_real_export_of_thucnews(tmp_path):
    """1,000 real Sina articles as a JSONL export: all imported, ids unique, topics kept."""
    if not THUC.exists():
        pytest.skip("../shared/data/thucnews-cnews-1000 missing")
    out = []
    for i, line in enumerate(THUC.read_text(encoding="utf-8").splitlines()):
        label, text = line.split("\t", 1)
        out.append(_line(title=text[:20], body=text, topics=[label], source="新浪网"))
    arts, problems = read_jsonl("\n".join(out), filename="thuc.jsonl")
    assert problems == [] and len(arts) == len(out)
    assert len({a.id for a in arts}) == len(arts)
    assert all(a.topics and a.source == "新浪网" for a in arts)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60),
                          st.fixed_dictionaries({"title": st.text(max_size=20), "body": st.text(max_size=40)},
                                                optional={"id": st.text(max_size=10), "date": st.text(max_size=12),
                                                          "topics": st.one_of(st.text(max_size=8), st.lists(st.text(max_size=5)))}
                                                ).map(lambda d: json.dumps(d, ensure_ascii=False))), max_size=12))
def test_any_lines_never_raise_and_every_line_is_accounted_for(lines):
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    arts, problems = read_jsonl(text, filename="h.jsonl")
    nonblank = [i + 1 for i, ln in enumerate(text.split("\n")) if ln.strip().lstrip("\ufeff").strip()]
    # each non-blank line is an article or a problem; both only for a kept article whose date
    # is reported
    seen = sorted({a.origin["line_start"] for a in arts} | {p.line for p in problems})
    assert seen == nonblank
    art_lines = {a.origin["line_start"] for a in arts}
    assert all("date" in p.reason for p in problems if p.line in art_lines)
    assert all(SAFE.match(a.id) and a.title.strip() and a.body.strip() for a in arts)


@pytest.mark.parametrize("bad", ["2020-13-45", "2020-02-30", "not a date"])
def test_impossible_date_is_a_line_problem_and_the_article_is_kept(bad):
    lines = [json.dumps({"title": "甲", "body": "正文一", "date": "2020-09-01"}, ensure_ascii=False),
             json.dumps({"title": "乙", "body": "正文二", "date": bad}, ensure_ascii=False)]
    arts, problems = read_jsonl("\n".join(lines), filename="x.jsonl")
    assert len(arts) == 2 and arts[1].date is None and arts[1].extra["date_raw"] == bad
    assert [(p.line, "date" in p.reason) for p in problems] == [(2, True)]


def test_a_nul_line_loses_only_that_line(tmp_path):
    good = [json.dumps({"title": f"标题{i}", "body": f"正文{i}"}, ensure_ascii=False) for i in range(3)]
    f = tmp_path / "x.jsonl"
    f.write_bytes("\n".join([good[0], "\x00\x00", good[1], good[2]]).encode("utf-8") + b"\n\x00\n")
    result = read_file(f)
    assert [a.title for a in result.articles] == ["标题0", "标题1", "标题2"]
    assert sorted(p.line for p in result.problems) == [2, 5]
    assert all("binary" in p.reason for p in result.problems)
    real = tmp_path / "real.jsonl"
    real.write_bytes(bytes(range(256)) * 40)
    from searchapp.ingest import IngestError

    with pytest.raises(IngestError, match="binary"):
        read_file(real)


def test_escaped_lone_surrogates_are_replaced_reported_and_the_build_goes_on(tmp_path):
    """JSON's "\\ud800" without its pair is no character and cannot be stored as UTF-8: it used to
    stop the whole build (article hashing raised UnicodeEncodeError). Now it becomes U+FFFD and
    every line is indexed and searchable — and the line is reported, naming the fields changed
    (TESTER7 T12: the text was changed with no word)."""
    from searchapp.index import build, open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    src = tmp_path / "c.jsonl"
    src.write_text('{"id":"s1","title":"正常标题","body":"正常正文内容"}\n'
                   '{"id":"s2","title":"坏\\ud800标题","body":"坏正文\\udfff内容","author":"\\udc00"}\n'
                   '{"id":"s3","title":"第三篇","body":"第三篇正文"}\n', encoding="utf-8")
    arts, problems = read_jsonl(src.read_text(encoding="utf-8"), filename="c.jsonl")
    assert [a.title for a in arts] == ["正常标题", "坏\ufffd标题", "第三篇"]
    assert [(p.line, p.reason.split(":")[0]) for p in problems] == [(2, "title, body, author")]
    assert "lone UTF-16 surrogate" in problems[0].reason and "article kept" in problems[0].reason
    report = build([src], tmp_path / "ix")
    assert report.articles == 3
    assert [(p["line"], "surrogate" in p["reason"]) for p in report.problems] == [(2, True)]
    res = search(open_index(tmp_path / "ix"), SearchRequest(q="坏正文"))
    assert [h.id for h in res.hits] == ["s2"]


def test_lone_surrogates_in_a_json_document_are_reported_per_record(tmp_path):
    src = tmp_path / "doc.json"
    src.write_text('[{"title":"第一篇","body":"第一篇正文"},'
                   '{"title":"第二篇","body":"正文\\udfff","\\ud800键":"x"}]', encoding="utf-8")
    got = read_file(src)
    arts, problems = got.articles, got.problems
    assert [a.title for a in arts] == ["第一篇", "第二篇"] and arts[1].body == "正文\ufffd"
    assert [(p.line, p.reason.split(":")[0]) for p in problems] == [(2, "body, '\ufffd键'")]


def test_a_line_without_lone_surrogates_is_not_reported(tmp_path):
    """A proper pair (an emoji escaped as \\ud83d\\ude00) is one character: no note."""
    arts, problems = read_jsonl('{"title":"表情\\ud83d\\ude00","body":"正文"}', filename="e.jsonl")
    assert arts[0].title == "表情\U0001f600" and not problems


def test_a_line_past_the_line_limit_is_skipped_and_reported_the_rest_read(tmp_path):
    # Found by the fresh tester: a 131 KB .jsonl.gz holding one 90 MB line took 150 s and
    # 7.6 GB to index, and went in with a warning only.
    import gzip
    import json

    from searchapp.ingest import read_file
    from searchapp.ingest.stream import MAX_LINE_BYTES

    good = {"title": "正常的新闻标题", "body": "本报讯 这是一篇正常长度的新闻正文。" * 5}
    p = tmp_path / "bomb.jsonl.gz"
    with gzip.open(p, "wb") as f:
        f.write(json.dumps(good, ensure_ascii=False).encode() + b"\n")
        f.write(b'{"title":"bomb","body":"')
        piece = "新闻".encode() * 50_000
        for _ in range(MAX_LINE_BYTES // len(piece) + 2):
            f.write(piece)
        f.write(b'"}\n')
        f.write(json.dumps({**good, "title": "第三行的新闻标题"}, ensure_ascii=False).encode() + b"\n")
    r = read_file(p)
    assert [a.title for a in r.articles] == ["正常的新闻标题", "第三行的新闻标题"]
    assert [(x.line, "longer than" in x.reason) for x in r.problems] == [(2, True)]


@pytest.mark.parametrize("raw, iso", [("２０２０-０９-０１", "2020-09-01"), ("２０２０年９月１４日", "2020-09-14"),
                                      ("２０２０／０９／０１　１２：３０", "2020-09-01T12:30")])
def test_full_width_dates_are_read(tmp_path, raw, iso):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"title": "标题", "body": "正文内容。", "date": raw}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    arts = list(read_file(p).articles)
    assert [a.date for a in arts] == [iso]


def test_control_characters_in_any_reader_s_fields_are_removed_with_a_warning(tmp_path):
    """Third fresh tester, F15: a JSONL title with a right-to-left override and a terminal colour
    escape (`\\u202e倒序标题\\u202c 控制字符\\u001b[31m红色`) was stored as is and reached the HTML page
    and the RIS export. Every reader's fields lose them (the whole escape sequence, not only its
    ESC), with a warning at the record's line, as a text file's stray control bytes are."""
    f = tmp_path / "ctl.jsonl"
    f.write_text(json.dumps({"title": "正常标题", "body": "正常正文。"}, ensure_ascii=False) + "\n"
                 + json.dumps({"title": "\u202e倒序标题\u202c 控制字符\u001b[31m红色\u001b[0m",
                               "body": "第一段\u0007。\r\n\r\n第二段\u0085。", "source": "某\u200f报",
                               "author": "张\u001b]0;title\u0007三", "topics": ["AI\u0000"],
                               "note": "附注\u001b"}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    res = read_file(f)
    a = res.articles[1]
    assert (a.title, a.body, a.source, a.author) == ("倒序标题 控制字符红色", "第一段。\n\n第二段。",
                                                    "某报", "张三")
    assert a.topics == ["AI"] and a.extra["note"] == "附注"
    (w,) = [w for w in res.warnings if "control characters" in w.reason]
    assert w.line == 2 and "title, body, source, author, topics, extra.note" in w.reason
    assert res.articles[0].title == "正常标题"
    # an HTML page's character references and a CSV cell go the same way
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>网页&#x202E;标题&#27;[1m</title></head><body><h1>网页&#x202E;"
                    "标题&#27;[1m</h1><p>" + "这是网页正文的内容，报道了一件新闻。" * 8 + "</p></body></html>",
                    encoding="utf-8")
    assert read_file(page).articles[0].title == "网页标题"
    table = tmp_path / "t.csv"
    table.write_text('title,body\n"表格\x1b[32m标题","表格正文\u202e内容。"\n'
                     '"第二行标题","第二行正文。"\n', encoding="utf-8")
    got = read_file(table)
    assert [(x.title, x.body) for x in got.articles][0] == ("表格标题", "表格正文内容。")


def test_strip_controls_keeps_text_and_line_breaks():
    from searchapp.analysis.controls import has_controls, strip_controls

    assert strip_controls("标题\u001b[1;31m红\u001b[0m") == "标题红"
    assert strip_controls("a\tb\nc\r\nd\re") == "a\tb\nc\nd\ne"
    assert strip_controls("a\tb\nc", multiline=False) == "a b c"
    assert strip_controls("\u2067隔离\u2069\u200e\u009b2J清屏") == "隔离清屏"
    plain = "普通文本，没有控制字符。Latin — “引号” ①"
    assert strip_controls(plain) is plain and not has_controls(plain + "\n\t")


@pytest.mark.parametrize("field, value, says", [
    ("body", {"text": "正文"}, "body is an object"),
    ("body", ["第一段", 2], "body is a list holding a number"),
    ("body", ["第一段", {"p": "x"}], "body is a list holding an object"),
    ("body", 12345, "body is a number"),
    ("body", True, "body is a boolean"),
    ("title", 123, "title is a number"),
    ("title", False, "title is a boolean"),
    ("title", {"main": "标题"}, "title is an object"),
    ("title", ["标题"], "title is a list"),
    ("author", {"name": "王明"}, "author is an object"),
    ("source", ["新华社", None], "source is a list holding null"),
])
def test_a_text_field_of_the_wrong_type_is_a_line_problem_not_its_repr(field, value, says):
    rec = {"title": "一篇", "body": "正文。"}
    rec[field] = value
    lines = [_line(title="好的", body="正文一。"), json.dumps(rec, ensure_ascii=False),
             _line(title="也好", body="正文二。")]
    arts, problems = read_jsonl("\n".join(lines), filename="w.jsonl")
    assert [a.title for a in arts] == ["好的", "也好"]  # the other lines are still imported
    (p,) = problems
    assert p.line == 2 and says in p.reason and "not text" in p.reason
    assert not any("{" in a.body or "[" in a.body for a in arts)


def test_a_body_given_as_a_list_of_strings_is_read_as_paragraphs():
    lines = [_line(title="分段", body=["第一段。", "  ", "第二段。\n"]),
             _line(title="内容", content=["只有一段。"])]
    arts, problems = read_jsonl("\n".join(lines), filename="p.jsonl")
    assert problems == []
    assert [a.body for a in arts] == ["第一段。\n\n第二段。", "只有一段。"]


def test_a_numeric_date_is_still_read_as_a_date():
    arts, problems = read_jsonl(_line(title="日期", body="正文。", date=20200920), filename="d.jsonl")
    assert problems == [] and arts[0].date == "2020-09-20"
