"""Each input is recognised by its content and read by the reader that knows it (plain-text
article, Sogou dump, PFR tagged corpus, JSON document, compressed files), odd bytes are read or
refused correctly, and every result is checked for the signs of a misreading."""
from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import pytest

from searchapp.ingest import (FileFilter, IngestError, ReadOptions, detect_format, discover,
                              display_path, read_file)
from searchapp.ingest.sniff import sniff

ROOT = Path(__file__).resolve().parents[2]
ISSUE = next((ROOT / "corpus").glob("*.txt"))
PARA = "某市今年新建5G基站两千个，覆盖所有县城和重点乡镇，网络质量持续提升。运营商表示将继续加大投入。"

ARTICLE = f"""河南5G网络建设提速
来源：人民邮电报
日期：2020-09-01

{PARA}

{PARA}
责任编辑：张三
"""


@pytest.mark.parametrize("head,kind", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary"),
    (b"<doc>\n<url>http://a.cn/20120706/n1.shtml</url>\n<docno>ab-12</docno>\n<contenttitle>t</contenttitle>", "sogou"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b'<div class="page"><p>\xe6\x96\x87</p></div>', "html"),
    (b'<?xml version="1.0"?><rss><channel></channel></rss>', "xml"),
    (b'{"title": "a", "body": "b"}\n{"title": "c", "body": "d"}\n', "jsonl"),
    (b'{\n  "title": "a",\n  "text": "b"\n}\n', "json"),
    (b"19980101-01-001-001/m  \xd3\xad/v  \xbd\xd3/v\n19980101-01-001-002/m  \xd6\xd0/n\n", "pfr"),
    ("# 标题\n\n- 一项\n- 二项\n\n| a | b |\n".encode(), "markdown"),
    (b'>>>>>a.html>>>>\n{\n  "title": "x",\n  "content": "y"\n}\n<<<<<<\n>>>>b\n{\n', "structured"),
    ("体育\t湖人获胜。\n财经\t股市上涨。\n".encode(), "table"),
    (ARTICLE.encode("gb18030"), "text"),
])
def test_content_is_recognised(head, kind):
    assert sniff(head, whole=True).kind == kind


def test_a_plain_text_article_with_metadata_lines(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    res = read_file(p)
    (a,) = res.articles
    assert (a.title, a.source, a.date, a.extra.get("editor")) == ("河南5G网络建设提速", "人民邮电报",
                                                                  "2020-09-01", "张三")
    assert a.body == PARA + "\n\n" + PARA and a.origin["format"] == "text" and not res.warnings
    # the same article hard-wrapped at 20 characters has the same id
    wrapped = "\n".join([ARTICLE.split("\n\n")[0]] + [PARA[i:i + 20] for i in range(0, len(PARA), 20)]
                        + [PARA[i:i + 20] for i in range(0, len(PARA), 20)] + ["责任编辑：张三"])
    q = tmp_path / "q" / "a.txt"
    q.parent.mkdir()
    q.write_text(wrapped, encoding="utf-8")
    assert read_file(q).articles[0].id == a.id


@pytest.mark.parametrize("text,msg", [
    ("2005-03-21 11:21\n", "one line"),
    ("尹娟\n", "one line"),
    (PARA + "\n\n" + PARA + "\n", "starts with body text"),
    ("\u3000\u3000他是一个影响卓著的人\n\n" + PARA + "\n", "starts with body text"),
])
def test_texts_that_are_not_articles_are_refused(tmp_path, text, msg):
    p = tmp_path / "x.txt"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=msg):
        read_file(p)


def test_body_without_title_reads_with_first_sentence_titles(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text(PARA + "\n\n" + PARA + "\n", encoding="utf-8")
    (a,) = read_file(p, ReadOptions(title="first-sentence")).articles
    assert a.title == "某市今年新建5G基站两千个" and a.body.startswith(PARA)


def test_the_bundled_issue_is_still_an_issue_and_a_single_article_is_not():
    assert detect_format(ISSUE) == "magazine"
    assert len(read_file(ISSUE).articles) >= 30


SOGOU = """<doclist>
<doc>
<url>http://news.sohu.com/20120612/n345428229.shtml</url>
<docno>c172394d49da2142-69713306c0bb3300</docno>
<contenttitle>公安机关销毁１０余万非法枪支</contenttitle>
<content>今天上午，销毁活动启动。　　公安部副部长宣布开始。</content>
</doc>
<doc>
<url>http://gongyi.sohu.com/s2012/kids/</url>
<docno>98590b972ad2f0ea-34913306c0bb3300</docno>
<contenttitle>儿童公益频道</contenttitle>
<content></content>
</doc>
</doclist>
"""


def test_sogou_dump_in_gb18030(tmp_path):
    p = tmp_path / "news.dat"
    p.write_bytes(SOGOU.encode("gb18030"))
    res = read_file(p)
    (a,) = res.articles
    assert a.id == "c172394d49da2142-69713306c0bb3300" and a.date == "2012-06-12"
    assert a.title == "公安机关销毁１０余万非法枪支" and a.source == "搜狐网"
    assert a.body == "今天上午，销毁活动启动。\n\n公安部副部长宣布开始。"
    assert [(pr.line, "empty <content>" in pr.reason) for pr in res.problems] == [(8, True)]


PFR = ("19980101-02-003-001/m  北京/ns  [中国/ns  银行/n]nt  开业/v\n"
       "19980101-02-003-002/m  本报/r  讯/Ng  今天/t  ，/w  银行/n  开业/v  。/w\n"
       "\n"
       "19980101-02-004-001/m  新华社/nt  电/n  ，/w  雪灾/n  发生/v  。/w  救灾/vn  展开/v  。/w\n")


def test_pfr_tagged_corpus_as_articles(tmp_path):
    p = tmp_path / "199801.txt.xz"
    p.write_bytes(lzma.compress(PFR.encode("gbk")))
    arts = read_file(p).articles
    assert [(a.id, a.title, a.body, a.date, a.column) for a in arts] == [
        ("pfr-19980101-02-003", "北京中国银行开业", "本报讯今天，银行开业。", "1998-01-01", "第2版"),
        ("pfr-19980101-02-004", "新华社电，雪灾发生", "新华社电，雪灾发生。救灾展开。", "1998-01-01", "第2版")]
    assert arts[1].extra == {"title_from": "first-sentence"} and arts[0].page == arts[1].page == 2


def test_json_documents(tmp_path):
    one = tmp_path / "meta.json"
    one.write_text(json.dumps({"title": "标题", "text": PARA, "url": "https://news.cn/a"},
                              ensure_ascii=False, indent=2), encoding="utf-8")
    (a,) = read_file(one).articles
    assert a.origin["format"] == "json" and a.source == "新华网"
    meta = tmp_path / "expected-metadata.json"
    meta.write_text(json.dumps({"title": "标题", "byline": "某某", "excerpt": "摘要"}, indent=2),
                    encoding="utf-8")
    with pytest.raises(IngestError, match=r"no usable record \(no body .*keys: title, byline, excerpt"):
        read_file(meta)


def test_compressed_exports_are_read_through(tmp_path):
    line = json.dumps({"title": "压缩", "body": PARA}, ensure_ascii=False)
    for name, data in [("a.jsonl.gz", gzip.compress(line.encode())),
                       ("b.jsonl.xz", lzma.compress(line.encode()))]:
        (tmp_path / name).write_bytes(data)
        assert read_file(tmp_path / name).articles[0].title == "压缩"
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(line.encode())[:20])
    with pytest.raises(IngestError, match="cannot read"):
        read_file(tmp_path / "c.jsonl.gz")


# -- bytes: NUL, UTF-16 without BOM, odd file names (issue 16 item 12) ---------------------------

def test_a_stray_nul_byte_changes_neither_text_nor_id(tmp_path):
    clean = tmp_path / "clean" / "issue.txt"
    dirty = tmp_path / "dirty" / "issue.txt"
    clean.parent.mkdir()
    dirty.parent.mkdir()
    data = ISSUE.read_bytes()
    clean.write_bytes(data)
    cut = data.index("近年来".encode("utf-8"))
    dirty.write_bytes(data[:cut] + b"\x00" + data[cut:])
    a, b = read_file(clean), read_file(dirty)
    assert [(x.id, x.body) for x in a.articles] == [(x.id, x.body) for x in b.articles]
    assert not b.problems and any("NUL" in w.reason for w in b.warnings)


def test_utf16le_without_bom_is_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode("utf-16-le"))
    assert read_file(p).articles[0].title == "河南5G网络建设提速"
    q = tmp_path / "b.jsonl"
    q.write_bytes((json.dumps({"title": "宽字符", "body": PARA}, ensure_ascii=False) + "\n").encode("utf-16-le"))
    assert read_file(q).articles[0].title == "宽字符"


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    from click.testing import CliRunner

    from searchapp.cli import main

    p = tmp_path / "bad\nname.txt"
    p.write_bytes(b"\x00\x01\x02" * 100)
    assert display_path(p).endswith("bad\\nname.txt")
    r = CliRunner().invoke(main, ["index", str(p), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1
    (line,) = [ln for ln in r.stderr.splitlines() if "binary" in ln]
    assert "bad\\nname.txt: " in line


# -- folders: include / exclude ------------------------------------------------------------------

def test_include_and_exclude_globs(tmp_path):
    for rel in ["pages/a.html", "pages/answers/a.txt", "pages/b.txt", "notes.txt", "x.jsonl"]:
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(ARTICLE, encoding="utf-8")
    names = lambda ff: sorted(p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], ff))  # noqa: E731
    assert names(FileFilter()) == ["notes.txt", "pages/a.html", "pages/answers/a.txt", "pages/b.txt", "x.jsonl"]
    assert names(FileFilter(exclude=("answers",))) == ["notes.txt", "pages/a.html", "pages/b.txt", "x.jsonl"]
    assert names(FileFilter(include=("*.txt",), exclude=("pages/answers/*",))) == ["notes.txt", "pages/b.txt"]
    assert names(FileFilter(include=("pages/*",), exclude=("*.html",))) == ["pages/answers/a.txt", "pages/b.txt"]
    assert discover([tmp_path / "notes.txt"], FileFilter(exclude=("*.txt",))) == [tmp_path / "notes.txt"]


def test_cli_exclude_and_environment(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from searchapp.cli import main

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c" / "answer.txt").write_text("2005-03-21 11:21\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["index", str(tmp_path / "c"), "--index", str(tmp_path / "i1")])
    assert r.exit_code == 1 and "answer.txt: one line" in r.stderr
    r = CliRunner().invoke(main, ["index", str(tmp_path / "c"), "--index", str(tmp_path / "i2"),
                                  "--exclude", "answer*"])
    assert r.exit_code == 0 and "1 file read, 0 skipped" in r.stdout, r.output
    r = CliRunner().invoke(main, ["index", str(tmp_path / "c"), "--index", str(tmp_path / "i3")],
                           env={"SEARCHAPP_EXCLUDE": "answer* nothing*"})
    assert r.exit_code == 0 and "1 file read" in r.stdout, r.output


# -- sanity checks ---------------------------------------------------------------------------------

def test_checks_flag_a_merged_article_and_body_like_titles(tmp_path):
    rows = [{"title": f"标题{i}", "body": PARA} for i in range(8)]
    rows.append({"title": "这不是标题，而是正文的第一句，内容很长，读起来像正文。", "body": PARA * 300})
    p = tmp_path / "x.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    res = read_file(p)
    assert len(res.articles) == 9 and not res.problems
    reasons = [w.reason for w in res.warnings]
    assert any(r.startswith("1 article far longer") and "line 9" in r and "the median" in r for r in reasons)
    assert any(r.startswith("1 of 9 titles read like body text") for r in reasons)
    assert all(w.line == 9 for w in res.warnings)


def test_checks_flag_an_issue_without_credits_or_dates(tmp_path):
    # a long PDF-wrapped text with no 来源, no credit and no date: read as an issue, and flagged
    para = "网络安全是数字经济健康发展的基础，需要政府、企业和个人共同努力，形成合力。" * 3
    lines = []
    for n in range(70):
        lines.append(f"第{n}篇文章的标题")
        body = para * 3
        lines += [body[i:i + 22] for i in range(0, len(body), 22)]
    p = tmp_path / "issue.txt"
    p.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    res = read_file(p)
    assert res.articles[0].origin["format"] == "magazine"
    assert any("no credit (来源) or date line" in w.reason for w in res.warnings)
