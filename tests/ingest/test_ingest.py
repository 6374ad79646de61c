"""One entry point for every input: the right reader by type (or by content when the extension
lies), hidden files and docs skipped, and every unusable file reported with a reason instead of
stopping the batch; outlet names collapse to one facet value."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from searchapp.ingest import MAX_FILE_BYTES, IngestError, Problem, detect_format, discover, read_file
from searchapp.vocab.sources import clean_source, normalize_source, source_for_host

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "data" / "zh-news-html"
MAGAZINE = next((ROOT / "corpus").glob("*.txt"), None)

PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>河南5G网络建设提速 - 示例网</title></head>"
        "<body><h1>河南5G网络建设提速</h1><p>2020-09-01 10:00 来源：人民邮电报</p>"
        "<p>河南省今年新建5G基站两万个，覆盖全省所有县城和重点乡镇，网络质量持续提升。</p>"
        "<p>运营商表示，下一步将推进5G在工业互联网、智慧医疗等领域的应用，带动产业发展。</p></body></html>")


def _jsonl(n: int = 2) -> str:
    return "\n".join(json.dumps({"title": f"标题{i}", "body": f"正文第{i}篇。"}, ensure_ascii=False)
                     for i in range(n))


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_jsonl(), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page_saved_as.txt").write_text(PAGE, encoding="utf-8")  # extension lies
    (tmp_path / "sub" / "export").write_text(_jsonl(), encoding="utf-8")  # no extension
    (tmp_path / "sub" / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "README.md").write_text("# readme", encoding="utf-8")
    (tmp_path / ".hidden.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.jsonl").write_text(_jsonl(), encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "issue.txt").write_text("第一篇\n\n这是一本杂志的正文。\n", encoding="utf-8")
    return tmp_path


def test_discover_sorted_supported_and_sniffed(tree):
    found = discover([tree])
    names = [p.relative_to(tree).as_posix() for p in found]
    assert names == sorted(names)
    assert set(names) == {"a.html", "b.jsonl", "issue.txt", "sub/export", "sub/page_saved_as.txt"}
    assert detect_format(tree / "sub" / "page_saved_as.txt") == "html"
    assert detect_format(tree / "sub" / "export") == "jsonl"
    assert detect_format(tree / "issue.txt") == "text"  # one title line and a body: one article
    assert detect_format(tree / "README.md") is None


def test_discover_files_and_missing_paths(tree):
    assert discover([tree / "a.html", tree / "a.html", tree / "b.jsonl"]) == [tree / "a.html", tree / "b.jsonl"]
    with pytest.raises(IngestError) as e:
        discover([tree / "nope"])
    assert e.value.file.endswith("nope")


def test_read_file_dispatches_by_content(tree):
    html = read_file(tree / "sub" / "page_saved_as.txt").articles
    assert len(html) == 1 and html[0].origin["format"] == "html" and html[0].title == "河南5G网络建设提速"
    assert html[0].source == "人民邮电报" and html[0].date == "2020-09-01T10:00"
    js = read_file(tree / "sub" / "export").articles
    assert [a.origin["format"] for a in js] == ["jsonl", "jsonl"]


@pytest.mark.skipif(MAGAZINE is None, reason="no bundled magazine issue")
def test_magazine_issue_goes_to_the_segmenter():
    res = read_file(MAGAZINE)
    assert len(res.articles) > 5
    assert all(a.origin.get("file") for a in res.articles)
    assert len({a.id for a in res.articles}) == len(res.articles)


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.jsonl", b"  \n\n \r\n", "empty"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("nobody.html", b"<html><head><title>x</title></head><body><div><a href='/'>home</a></div></body></html>",
     "no article body"),
    ("bad.jsonl", b"{oops\n{still bad\n", "no usable line"),
])
def test_unusable_files_raise_a_clear_error(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert reason in e.value.reason and e.value.file == str(p)


def test_too_big_is_refused_before_reading(tmp_path):
    """Formats read whole (a text here) stop at MAX_FILE_BYTES, and the message gives the limit."""
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:  # a text head, then sparse: no 64 MiB written to disk
        f.write("标题\n\n正文，".encode("utf-8") * 10_000)
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert "too big" in e.value.reason and "limit 64 MiB" in e.value.reason


def test_truncated_html_still_yields_its_text(tmp_path):
    p = tmp_path / "cut.html"
    p.write_bytes(PAGE.encode("utf-8")[: PAGE.encode("utf-8").index("运营商".encode("utf-8")) + 20])
    (a,) = read_file(p).articles
    assert "新建5G基站两万个" in a.body


def test_gbk_page_labelled_utf8_and_utf8_page_labelled_gbk(tmp_path):
    gbk = tmp_path / "gbk.html"
    gbk.write_bytes(PAGE.encode("gbk"))  # declares utf-8, bytes are GBK
    utf = tmp_path / "utf.html"
    utf.write_bytes(PAGE.replace("charset='utf-8'", "charset='gb2312'").encode("utf-8"))
    for p in (gbk, utf):
        (a,) = read_file(p).articles
        assert a.title == "河南5G网络建设提速" and "\ufffd" not in a.body


@pytest.mark.slow
def test_big_jsonl_file_is_streamed_in_bounded_memory(tmp_path):
    """A JSONL export over the 64 MiB limit of the formats read whole is read line by line: all
    of it, in a process whose peak memory stays far below the file's size (issue 19)."""
    import subprocess
    import sys

    body = "互联网企业持续加大研发投入，数字经济规模不断扩大。" * 1000  # ~75 KB per article in UTF-8
    line = json.dumps({"title": "数字经济", "body": body, "topics": ["AI"]}, ensure_ascii=False)
    n = (MAX_FILE_BYTES + 2 * 2**20) // (len(line.encode("utf-8")) + 1) + 1
    p = tmp_path / "big.jsonl"
    with open(p, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(line.replace("数字经济\"", f"数字经济{i}\"", 1) + "\n")
    assert p.stat().st_size > MAX_FILE_BYTES
    code = ("import resource, sys\n"
            "from searchapp.ingest import iter_file\n"
            "r = iter_file(sys.argv[1]); n = sum(1 for _ in r)\n"
            "print(n, len(r.problems), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n")
    small = tmp_path / "small.jsonl"
    small.write_text(line + "\n", encoding="utf-8")
    runs = [subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True,
                           check=True).stdout.split() for f in (small, p)]
    (_, _, base_mb), (got, problems, peak_mb) = ([int(x) for x in r] for r in runs)
    assert got == n and problems == 0
    # one line at a time: the same peak as reading a one-line file, give or take a few lines
    assert peak_mb - base_mb < 16, (base_mb, peak_mb)


def test_problem_shape():
    p = Problem("a.jsonl", 3, "not valid JSON")
    assert p.to_dict() == {"file": "a.jsonl", "line": 3, "reason": "not valid JSON"}
    assert str(p) == "a.jsonl:3: not valid JSON"


@pytest.mark.slow
@pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/data/zh-news-html missing")
def test_whole_page_folder_reads_without_errors():
    files = [p for p in discover([PAGES]) if detect_format(p) == "html"]
    assert len(files) >= 20
    for f in files:
        (a,) = read_file(f).articles
        assert a.title and len(a.body) > 100 and a.origin["format"] == "html"


# -- source names ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("来源：新华网", "新华网"), ("中新网", "中国新闻网"), ("【人民邮电报】", "人民邮电报"),
    ("人民网-人民日报", "人民网"), ("新浪 新闻", "新浪网"), ("ＢＢＣ Ｃｈｉｎｅｓｅ", "BBC中文网"),
    ("news.sina.com.cn", "新浪网"), ("人民 日报", "人民日报"),
])
def test_source_aliases_collapse(raw, expected):
    assert normalize_source(raw) == expected


def test_distinct_outlets_stay_distinct():
    names = {normalize_source(x) for x in ("中国新闻网", "中国网", "人民日报", "人民网", "新华社", "新华网")}
    assert len(names) == 6


def test_source_from_url_host_and_unknowns():
    assert normalize_source(None, url="https://www.news.cn/politics/2023-11/17/c_1.htm") == "新华网"
    assert normalize_source(None, url="http://unknown.example.org/a") is None
    assert source_for_host("tech.qq.com") == "腾讯网"
    # Yahoo China's news ran under cn.yahoo.com (news., biz.): its outlet, not Yahoo's global site
    assert source_for_host("http://news.cn.yahoo.com/08-06-/1/2ab3c.html") == "雅虎中国"
    assert source_for_host("biz.cn.yahoo.com") == "雅虎中国"
    assert source_for_host("news.yahoo.com") is None
    assert normalize_source("某某县融媒体中心") == "某某县融媒体中心"
    assert clean_source("  ") is None


@pytest.mark.parametrize("trad,simp", [("新華網", "新华网"), ("聯合報", "联合报"),
                                       ("來源：新華社", "新华社"), ("人民網-人民日報", "人民网")])
def test_traditional_source_names_fold_to_the_simplified_outlet(trad, simp):
    assert normalize_source(trad) == normalize_source(simp) == simp


def test_source_facet_value_filter_and_field_query_agree(tmp_path):
    from searchapp.index import build, open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    names = ["新華網", "新华网", "新华网", "聯合報", "联合报", "聯合報"]
    src = tmp_path / "s.jsonl"
    src.write_text("".join(json.dumps({"id": f"s{i}", "title": f"文章 第{i}篇",
                                       "body": f"正文内容第{i}篇，关于网络发展。", "source": n},
                                      ensure_ascii=False) + "\n" for i, n in enumerate(names)),
                   encoding="utf-8")
    build([src], tmp_path / "ix")
    h = open_index(tmp_path / "ix")
    try:
        r = search(h, SearchRequest(q="文章", size=50))
        facet = {f.value: f.count for f in r.facets["source"]}
        assert facet == {"新华网": 3, "联合报": 3}
        for outlet, n in facet.items():
            by_field = search(h, SearchRequest(q=f"source:{outlet}", size=50)).total
            by_filter = search(h, SearchRequest(q="文章", sources=(outlet,), size=50)).total
            assert by_field == by_filter == n, outlet
    finally:
        h.close()
