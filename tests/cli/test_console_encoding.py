"""A console that cannot show every character never breaks a command: human-readable output is
written in the console's encoding with `?` for what it cannot show (and one warning), and
machine-readable output (bulk, --json) is always UTF-8, lossless."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.index import build

EMOJI = "\U0001f600"


@pytest.fixture(scope="module")
def emoji_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("gbk")
    with open(root / "e.jsonl", "w", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"id": f"e{i}", "title": f"热点新闻{EMOJI} {i}",
                                "body": f"今日热点{i}：表情符号🎉也在正文里。", "date": "2020-09-0{}".format(i + 1)},
                               ensure_ascii=False) + "\n")
    build([root / "e.jsonl"], root / "ix")
    return root


def run(args, root, **env):
    e = {**os.environ, "SEARCHAPP_INDEX": str(root / "ix"), **env}
    return subprocess.run([sys.executable, "-m", "searchapp", *args], capture_output=True,
                          env=e, cwd=root, timeout=120)


@pytest.mark.slow
def test_search_on_a_gbk_console_replaces_what_it_cannot_show(emoji_index):
    r = run(["search", "热点"], emoji_index, PYTHONIOENCODING="gbk")
    assert r.returncode == 0, r.stderr.decode("gbk", "replace")
    out = r.stdout.decode("gbk")  # valid GBK
    assert "热点新闻? 0" in out.replace("【", "").replace("】", "")
    assert "cannot" in r.stderr.decode("gbk") and "utf-8" in r.stderr.decode("gbk").lower()


@pytest.mark.slow
def test_machine_output_is_utf8_and_lossless_whatever_the_console(emoji_index):
    q = emoji_index / "q.txt"
    q.write_text("热点\n新闻\n表情\n", encoding="utf-8")
    r = run(["bulk", str(q), "--format", "csv", "--fields", "id,title"], emoji_index,
            PYTHONIOENCODING="gbk")
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"))))
    assert [row[1] for row in rows[1:]].count("热点") == 3 and {row[1] for row in rows[1:]} == {"热点", "新闻", "表情"}
    assert any(EMOJI in cell for row in rows for cell in row)
    j = run(["search", "热点", "--json"], emoji_index, PYTHONIOENCODING="gbk")
    assert j.returncode == 0
    assert EMOJI in json.loads(j.stdout.decode("utf-8"))["hits"][0]["title"]
