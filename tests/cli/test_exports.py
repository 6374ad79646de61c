"""An export written by the CLI (`cite show --format ris|gbt7714`) is, redirected to a file,
byte for byte the web export of the same frozen list, and reads back in a reference manager's
parser; only on a terminal are control characters escaped (found by the second fresh tester:
every RIS line ended in the two characters `\\r`, because the terminal sanitiser ran on a file).
The control characters of a title never reach the export at all: ingest removes them (third
fresh tester, F15), the terminal escape sequence whole."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest
import rispy

ARTICLES = [
    {"id": "x1", "title": "5G技术开启智能矿山新时代", "body": "记者：5G网络覆盖矿井，智能矿山建设加快。",
     "source": "人民日报", "date": "2020-09-01", "author": "张三、李四", "page": 3},
    {"id": "x2", "title": "\x1b]0;pwned\x07网络安全周开幕\u202e", "body": "5G与网络安全：国家网络安全宣传周开幕。",
     "source": "新华社", "date": "2020-09-14", "url": "http://example.com/a"},
]
#: The titles as stored: the OSC sequence (`ESC ] … BEL`) and the bidi override are removed.
STORED_TITLES = ["5G技术开启智能矿山新时代", "网络安全周开幕"]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    from searchapp.index import build
    from searchapp.web import create_app

    root = tmp_path_factory.mktemp("exports")
    (root / "in").mkdir()
    (root / "in" / "a.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    ix = root / "ix"
    build([root / "in"], ix)
    client = create_app({"TESTING": True, "INDEX_DIR": str(ix)}).test_client()
    r = client.post("/api/cite?q=5G")
    assert r.status_code == 201, r.get_data(as_text=True)
    assert len(r.get_json()["items"]) == 2
    return ix, client, r.get_json()["key"]


def _cli(args, stdout):
    return subprocess.run([sys.executable, "-m", "searchapp", *args], stdout=stdout,
                          stderr=subprocess.PIPE, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["ris", "gbt7714"])
def test_redirected_export_is_the_web_export_byte_for_byte(frozen, tmp_path, fmt):
    ix, client, key = frozen
    web = client.get(f"/cite/{key}?format={fmt}")
    assert web.status_code == 200
    out = tmp_path / f"x.{fmt}"
    with open(out, "wb") as f:
        p = _cli(["cite", "show", key, "--format", fmt, "--index", str(ix)], f)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes() == web.data
    piped = _cli(["cite", "show", key, "--format", fmt, "--index", str(ix)], subprocess.PIPE)
    assert piped.stdout == web.data
    if fmt == "ris":
        assert b"\\r" not in out.read_bytes() and out.read_bytes().count(b"\r\n") > 10
        with open(out, encoding="utf-8", newline="") as f:
            entries = rispy.load(f)
        assert sorted(e["title"] for e in entries) == sorted(STORED_TITLES)
        assert {e["year"] for e in entries} == {"2020"} and not any(
            str(v).endswith("\r") or str(v).endswith("\\r") for e in entries for v in e.values())


@pytest.mark.slow
def test_on_a_terminal_the_export_is_escaped(frozen):
    ix, _, key = frozen
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([sys.executable, "-m", "searchapp", "cite", "show", key, "--format", "ris",
                              "--index", str(ix)], stdout=slave, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                b = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not b:
                break
            chunks.append(b)
        assert p.wait(timeout=300) == 0, p.stderr.read()
    finally:
        os.close(master)
        if slave != -1:
            os.close(slave)
    shown = b"".join(chunks).decode("utf-8")
    assert "网络安全周开幕" in shown and "pwned" not in shown and "u202e" not in shown
    assert "\x1b" not in shown and "\x07" not in shown and "\\r" not in shown
