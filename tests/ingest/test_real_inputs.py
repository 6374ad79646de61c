"""Every real file beside the project (../shared/data, ../shared/corpus, the PFR month
decompressed) and a set of odd synthetic ones, as they are and renamed to a wrong extension, is
either read into articles by the reader its content calls for, or refused with a one-line
reason; nothing becomes an article of more than 20,000 characters without a warning."""
from __future__ import annotations

import gzip
import json
import lzma
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchapp.cli import main
from searchapp.ingest import IngestError, detect_format, iter_file, read_file
from searchapp.ingest.checks import LONG_CHARS

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
REAL = sorted(p for p in DATA.rglob("*") if p.is_file()) + sorted((SHARED / "corpus").glob("*.txt"))
RENAMES = ("x.txt", "x.html", "x.jsonl", "x.csv")
#: Files bigger than this are compared on their first articles only when renamed (time).
_FULL_COMPARE_BYTES = 1_000_000

pytestmark = [pytest.mark.skipif(not DATA.is_dir(), reason="../shared is not beside the project"),
              pytest.mark.slow]


def _expected(p: Path) -> tuple:
    """What a file is, from its folder's SOURCE.md and the eval README: ("read", format, count)
    or ("refused", words of the reason). None: either reading is right (see the test)."""
    rel = p.relative_to(SHARED).as_posix() if SHARED in p.parents else p.name
    if p.suffix == ".md":
        return ("refused", "Markdown")
    if rel.startswith("corpus/"):
        return ("read", "magazine", 32)
    if p.name.startswith("199801.txt"):
        return ("read", "pfr", 3148)
    if "sohusite" in p.name:
        return ("read", "sogou", 200 - 36)  # 36 docs have an empty <content>
    if "tensite" in p.name:
        return ("read", "sogou", 200 - 34)
    if p.name == "cnews.val.txt":
        return ("refused", "tab-separated table with 1,000 rows and no header: index it with --map")
    if p.name == "manifest.tsv":
        return ("refused", "naming no body column")
    if p.name == "result.txt":
        return ("refused", "JSON fragments")
    if "/cwce/date/" in rel or "/cwce/author/" in rel:
        return ("refused", "one line")
    if p.name == "expected-metadata.json":
        return ("refused", "no body")
    if "/metadata/" in rel:
        return ("read", "json", 1)
    if p.suffix == ".html":
        return ("read", "html", 1)
    return None  # answer texts (cwce/cleaned, newspaper4k/txt): an article if line 1 is a title


def _outcome(p: Path, limit: int | None = None) -> tuple:
    """("read", format, count, titles, warnings, max length) or ("refused", reason)."""
    try:
        reading = iter_file(p)
        arts = []
        for a in reading:
            arts.append(a)
            if limit and len(arts) >= limit:
                break
    except IngestError as e:
        return ("refused", e.reason)
    fmt = arts[0].origin["format"] if arts else reading.format
    return ("read", fmt, len(arts), [a.title for a in arts], reading.warnings,
            [(len(a.body), a.origin.get("line_start")) for a in arts])


def _check_invariants(p: Path, got: tuple) -> None:
    if got[0] == "refused":
        reason = got[1]
        assert reason and "\n" not in reason and "Traceback" not in reason, (p, reason)
        return
    _, _fmt, n, titles, warnings, lengths = got
    assert n >= 1 and all(t.strip() for t in titles), p
    assert not any(t.startswith("%PDF") or t.startswith("<doc") for t in titles), p
    for size, line in lengths:
        if size > LONG_CHARS:
            assert any("far longer" in w.reason and f"line {line}" in w.reason for w in warnings), (p, line)


@pytest.fixture(scope="module")
def pfr_txt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pfr") / "199801.txt"
    with lzma.open(DATA / "pfr-199801" / "199801.txt.xz") as f:
        out.write_bytes(f.read())
    return out


@pytest.fixture(scope="module")
def outcomes(pfr_txt) -> dict[Path, tuple]:
    return {p: _outcome(p) for p in REAL + [pfr_txt]}


def test_every_real_file_is_read_or_refused_as_its_content_says(outcomes):
    assert len(outcomes) >= 70
    for p, got in outcomes.items():
        _check_invariants(p, got)
        exp = _expected(p)
        if exp is None:  # an answer text: one article titled by its first line, or refused
            if got[0] == "read":
                first = next(ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip())
                assert got[1:3] == ("text", 1) and got[3][0] == "".join(first.split()), p
            else:
                assert "starts with body text" in got[1], (p, got[1])
        elif exp[0] == "refused":
            assert got[0] == "refused" and exp[1] in got[1], (p, got)
        else:
            assert got[:3] == exp, (p, got[:3])


def test_real_files_renamed_to_a_wrong_extension_read_the_same(outcomes, tmp_path):
    for p, got in outcomes.items():
        big = p.stat().st_size > _FULL_COMPARE_BYTES
        for name in RENAMES:
            link = tmp_path / f"{len(os.listdir(tmp_path))}-{name}"
            link.symlink_to(p)
            other = _outcome(link, limit=20 if big else None)
            _check_invariants(link, other)
            if got[0] == "refused":
                assert other == got, (p, name, other)
            elif big:
                assert other[:2] == got[:2] and other[3] == got[3][:20], (p, name)
            else:
                assert other[:4] == got[:4], (p, name)


def _synthetic(tmp: Path) -> dict[str, tuple]:
    """Odd inputs made here, with what each must give: ("read", format, count) or
    ("refused", words of the reason)."""
    para = "某市今年新建5G基站两千个，覆盖所有县城和重点乡镇，网络质量持续提升。"
    article = f"标题一则\n\n{para}\n\n{para}\n"
    jsonl = "".join(json.dumps({"title": f"t{i}", "body": para}, ensure_ascii=False) + "\n" for i in range(3))
    big_body = "".join(f"第{i}段。{para}" for i in range(600))
    zbuf = tmp / "z.zip"
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("a.txt", article)
    cases = {
        "pdf.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", ("refused", "PDF")),
        "nul.txt": (article.replace("网络", "网\x00络", 1).encode(), ("read", "text", 1)),
        "utf16.txt": (article.encode("utf-16-le"), ("read", "text", 1)),
        "utf16.jsonl": (jsonl.encode("utf-16-le"), ("read", "jsonl", 3)),
        "gbk.jsonl": (jsonl.encode("gbk"), ("read", "jsonl", 3)),
        "export.jsonl.gz": (gzip.compress(jsonl.encode()), ("read", "jsonl", 3)),
        "zip.txt": (zbuf.read_bytes(), ("refused", "ZIP archive")),
        "png.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30, ("refused", "PNG image")),
        "binary.jsonl": (bytes(range(256)) * 64, ("refused", "binary")),
        "empty.csv": (b"", ("refused", "empty")),
        "blank.txt": (b" \n\r\n\t\n", ("refused", "empty")),
        "long.txt": (f"一篇很长的文章\n\n{big_body}\n".encode(), ("read", "text", 1)),
    }
    out = {}
    for name, (data, exp) in cases.items():
        (tmp / name).write_bytes(data)
        out[name] = exp
    return out


def test_synthetic_odd_inputs_as_they_are_and_renamed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, exp in _synthetic(src).items():
        got = _outcome(src / name)
        _check_invariants(src / name, got)
        if exp[0] == "refused":
            assert got[0] == "refused" and exp[1] in got[1], (name, got)
        else:
            assert got[:3] == exp, (name, got)
        for new in RENAMES:
            link = tmp_path / f"{name}-{new}"
            link.symlink_to(src / name)
            other = _outcome(link)
            assert other[0] == got[0] and (other[1] == got[1] if got[0] == "refused" else other[1:4] == got[1:4]), \
                (name, new, other)
    long = _outcome(src / "long.txt")
    assert long[5][0][0] > LONG_CHARS and any("far longer" in w.reason for w in long[4])


def test_index_a_real_folder_reports_each_refusal_on_one_line(tmp_path):
    folder = DATA / "zh-news-html"
    r = CliRunner().invoke(main, ["index", str(folder), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output
    problems = [ln for ln in r.stderr.splitlines() if not ln.startswith("warning: ")]
    refused = [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".md"
               and _outcome(p)[0] == "refused"]
    assert len(refused) >= 20 and all(ln.startswith(f"{folder}/") for ln in problems)
    for p in refused:  # one line each, naming the file and why
        assert len([ln for ln in problems if ln.startswith(f"{p}: ")]) == 1, p
    assert f"{len(refused)} skipped" in r.stdout
    pages = [p for p in folder.rglob("*.html")]
    # the answer files can be left out: only the pages are read, nothing is refused
    r = CliRunner().invoke(main, ["index", str(folder), "--index", str(tmp_path / "ix2"),
                                  "--include", "*.html", "--exclude", "expected.html"])
    assert r.exit_code == 0, r.output
    assert f"{len(pages) - 2} files read, 0 skipped" in r.stdout


def test_a_refused_file_exits_1_with_one_line(tmp_path):
    r = CliRunner().invoke(main, ["index", str(DATA / "thucnews-cnews-1000" / "cnews.val.txt"),
                                  "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1
    (line,) = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert line.endswith("docs/ingest.md)") and "--map category,body --title first-sentence" in line
    assert "nothing was indexed" in r.stdout


def test_thucnews_with_a_map_indexes_1000_articles_with_categories_as_a_facet(tmp_path):
    src = DATA / "thucnews-cnews-1000" / "cnews.val.txt"
    ix = str(tmp_path / "ix")
    r = CliRunner().invoke(main, ["index", str(src), "--index", ix, "--map", "category,body",
                                  "--title", "first-sentence", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["added"] == report["articles"] == 1000 and not report["problems"]
    s = CliRunner().invoke(main, ["search", "比赛", "--index", ix, "--json", "--topic", "体育"])
    assert s.exit_code == 0, s.output
    res = json.loads(s.stdout)
    facet = {f["value"]: f["count"] for f in res["facets"]["topic"]}
    assert res["total"] == facet["体育"] > 10 and all(h["topics"][0] == "体育" for h in res["hits"])
    allc = json.loads(CliRunner().invoke(main, ["search", "的", "--index", ix, "--json"]).stdout)
    cats = {f["value"]: f["count"] for f in allc["facets"]["topic"]}
    assert {"体育", "财经", "房产", "教育", "游戏", "时政", "科技", "时尚", "娱乐", "家居"} <= set(cats)

