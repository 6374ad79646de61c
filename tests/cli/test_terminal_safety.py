"""Human CLI output never passes the terminal a control sequence from indexed text (found by the
fresh tester: an OSC "set window title" in a JSONL title and backspaces in a body reached the
terminal through `searchapp search` and `segment --format text`); --json keeps the text as
stored. Since the third fresh tester (F15) ingest stores no control character at all (escape
sequences removed whole): what an older index still holds is escaped by `for_terminal`."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HOSTILE = {"id": "esc1", "title": "\x1b]0;pwned\x07\x1b[31m控制字符标题\x1b[0m",
           "body": "正文\x1b]52;c;ZXZpbA==\x07清屏测试，终端注入。\x08\x08\x9b2J",
           "source": "测\u202e试来源", "date": "2020-09-01"}
UNSAFE = ["\x1b", "\x07", "\x08", "\x9b", "\u202e"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("esc")
    (root / "e.jsonl").write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    ix = root / "ix"
    p = subprocess.run([sys.executable, "-m", "searchapp", "index", str(root), "--index", str(ix)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return root, ix


def _run(*args):
    p = subprocess.run([sys.executable, "-m", "searchapp", *args], capture_output=True,
                       text=True, encoding="utf-8", timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.slow
def test_search_and_segment_text_output_escape_controls(hostile):
    root, ix = hostile
    for out in (_run("search", "终端注入", "--index", str(ix)),
                _run("segment", str(root / "e.jsonl"), "--format", "text")):
        assert "控制字符标题" in out and "终端注入" in out
        assert not [c for c in UNSAFE if c in out], repr(out)
        assert "pwned" not in out and "\\x" not in out  # removed whole at ingest


@pytest.mark.slow
def test_json_output_keeps_the_text_as_stored(hostile):
    _, ix = hostile
    hit = json.loads(_run("search", "终端注入", "--index", str(ix), "--json"))["hits"][0]
    assert "控制字符标题" in hit["title"] and "\\x" not in hit["title"]
    assert hit["title"] == "控制字符标题" and hit["source"] == "测试来源"  # as stored: cleaned


def test_for_terminal_keeps_newlines_tabs_and_chinese():
    from searchapp.cli.common import for_terminal
    assert for_terminal("标题\n\t正文") == "标题\n\t正文"
    assert for_terminal("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"
