"""Rule: the CLI tells the truth in its own terms: option names as typed, topic labels as the web
shows them, index summaries that count skipped files and say when nothing was indexed, a
"waiting" line even when stderr is not a terminal, and `serve` starting without an index (503s
until it is built)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import free_port
from searchapp.cli import main

GOOD = [{"title": f"电子表格新闻{i}", "body": f"电子表格 正文内容 第{i}篇。", "date": "2020-09-0%d" % (i + 1)}
        for i in range(3)]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SEARCHAPP_INDEX"}


def _jsonl(path: Path, objs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    return path


def test_search_limit_error_names_the_typed_option(runner):
    r = runner.invoke(main, ["search", "5G", "--limit", "101"])
    assert r.exit_code == 1
    err = r.stderr.strip()
    assert err.startswith("Error: --limit") and "size" not in err and "\n" not in err


def test_search_shows_topic_labels_and_json_keeps_keys(runner):
    from searchapp.vocab.topics import keys, label

    labelled = [k for k in keys() if label(k) != k]
    assert labelled, "the topic rules have no key with a different label"
    js = json.loads(runner.invoke(main, ["search", "5G OR AI OR 安全", "--json", "-n", "20"]).stdout)
    topics = {t for h in js["hits"] for t in h["topics"]}
    assert topics & set(labelled)
    out = runner.invoke(main, ["search", "5G OR AI OR 安全", "-n", "20", "--plain"]).stdout
    metas = [ln for ln in out.splitlines() if " · id " in ln]
    for h, meta in zip(js["hits"], metas):
        shown = [x.strip() for part in meta.split(" · ") for x in part.split(",")]
        for t in h["topics"]:
            assert label(t) in shown, (t, meta)
            if label(t) != t:
                assert t not in shown, meta
    facet = next(ln for ln in out.splitlines() if ln.startswith("topic:"))
    assert any(label(k) in facet for k in labelled)


def test_index_summary_counts_skipped_files(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _jsonl(src / "a.jsonl", GOOD[:2])
    _jsonl(src / "b.jsonl", GOOD[2:])
    (src / "empty.jsonl").write_text("", encoding="utf-8")
    (src / "bin.jsonl").write_bytes(bytes(range(256)) * 8)
    r = CliRunner().invoke(main, ["index", str(src), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1
    assert "4 files read, 2 skipped" in r.stdout and "3 articles" in r.stdout, r.output
    assert "empty.jsonl" in r.stderr and "bin.jsonl" in r.stderr


@pytest.mark.slow
def test_a_rebuild_says_it_rebuilt(tmp_path):
    # tester finding: `index --rebuild` said "0 added … 3 unchanged" (or "nothing new was
    # indexed" when a file had problems) after re-indexing everything into a new generation
    src = tmp_path / "src"
    src.mkdir()
    _jsonl(src / "a.jsonl", GOOD)
    (src / "bin.jsonl").write_bytes(bytes(range(256)) * 8)
    ix = str(tmp_path / "ix")
    first = CliRunner().invoke(main, ["index", str(src), "--index", ix])
    assert "rebuilt:" not in first.stdout, first.output
    again = CliRunner().invoke(main, ["index", str(src), "--index", ix, "--rebuild"])
    assert "rebuilt: every article re-indexed" in again.stdout, again.output
    assert "nothing new was indexed" not in again.stdout and "generation 2" in again.stdout


def test_only_unreadable_input_indexes_nothing_and_creates_no_index(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    ix = tmp_path / "ix"
    r = CliRunner().invoke(main, ["index", str(empty), "--index", str(ix)])
    assert r.exit_code == 1
    assert "nothing was indexed" in r.stdout and "problems: the rest" not in r.output, r.output
    assert "warning:" not in r.output, r.output  # said once, by the summary line
    d = json.loads(CliRunner().invoke(main, ["index", str(empty), "--index", str(ix),
                                             "--format", "json"]).stdout)
    assert d["nothing_read"] and "no index was created" in d["nothing_read"]
    assert d["nothing_read"] not in d["warnings"]  # a field of its own, not a warning to filter
    s = CliRunner().invoke(main, ["search", "x", "--index", str(ix)])
    assert s.exit_code == 1 and "searchapp index" in s.stderr  # still "build it first", not 0 hits
    # an existing index stays as it was
    good = _jsonl(tmp_path / "good.jsonl", GOOD)
    assert CliRunner().invoke(main, ["index", str(good), "--index", str(ix)]).exit_code == 0
    r = CliRunner().invoke(main, ["index", str(empty), "--index", str(ix)])
    assert r.exit_code == 1 and "nothing" in r.stdout, r.output
    s = CliRunner().invoke(main, ["search", "电子表格", "--index", str(ix), "--json"])
    assert json.loads(s.stdout)["total"] == len(GOOD)


def test_stray_binary_line_and_bad_date_are_line_problems(tmp_path):
    lines = [json.dumps(o, ensure_ascii=False) for o in GOOD]
    lines.insert(1, "\x00\x00\x01garbage\x00")
    lines.append(json.dumps({"title": "坏日期", "body": "电子表格 日期不对", "date": "2020-13-45"},
                            ensure_ascii=False))
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["index", str(f), "--index", str(tmp_path / "ix"), "--json"])
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["articles"] == len(GOOD) + 1
    where = {(p["line"], "binary" in p["reason"], "date" in p["reason"]) for p in report["problems"]}
    assert where == {(2, True, False), (len(lines), False, True)}, report["problems"]


@pytest.mark.slow
def test_wait_message_shows_when_stderr_is_not_a_terminal(tmp_path):
    from searchapp.index.lock import writer_lock

    ix = tmp_path / "ix"
    src = _jsonl(tmp_path / "a.jsonl", GOOD)
    with writer_lock(ix):  # held by this process; the CLI below is another one
        p = subprocess.Popen([sys.executable, "-m", "searchapp", "index", str(src), "--index", str(ix),
                              "--wait"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(p.stderr.readline()), daemon=True)
        reader.start()
        reader.join(90)
    try:
        assert got and got[0].startswith("waiting"), got
        assert p.wait(120) == 0
    finally:
        if p.poll() is None:
            p.kill()



def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.slow
def test_serve_without_an_index_warns_answers_503_then_serves_it(tmp_path):
    ix = tmp_path / "ix"
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "searchapp", "serve", "--port", str(port), "--index",
                          str(ix), "--threads", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=_env())
    try:
        url = f"http://127.0.0.1:{port}/api/search?q=电子表格".replace("电子表格", "%E7%94%B5%E5%AD%90")
        deadline = time.time() + 60
        while True:
            try:
                status = _get(url)
                break
            except OSError:
                assert p.poll() is None, p.communicate()[1]
                assert time.time() < deadline
                time.sleep(0.2)
        assert status == 503
        assert _get(f"http://127.0.0.1:{port}/") == 503
        from searchapp.index import build

        build([_jsonl(tmp_path / "a.jsonl", GOOD)], ix)
        assert _get(url) == 200
    finally:
        p.terminate()
        _, err = p.communicate(timeout=10)
    assert "warning" in err and "searchapp index" in err and "Traceback" not in err


def test_a_file_named_explicitly_is_never_skipped_silently(tmp_path):
    """`searchapp index x.jsonl.gz` said "0 files read, 0 skipped", built an empty index and
    exited 0 (fresh tester); a file the user names is read or reported (a gzip'd export is now
    read through its compression; a PNG is refused with what it is), and a folder's files that
    are neither expected nor recognised are still passed over."""
    import gzip

    gz = tmp_path / "x.jsonl.gz"
    gz.write_bytes(gzip.compress(json.dumps(GOOD[0], ensure_ascii=False).encode("utf-8")))
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in GOOD) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["index", str(gz), str(png), str(good), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output
    assert f"{png}: a PNG image, not text" in r.stderr
    assert "3 files read, 1 skipped" in r.stdout + r.stderr
    assert f"{len(GOOD) + 1} articles" in r.stdout
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "x.png").write_bytes(png.read_bytes())
    (folder / "good.jsonl").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    r = CliRunner().invoke(main, ["index", str(folder), "--index", str(tmp_path / "ix2")])
    assert r.exit_code == 0, r.output