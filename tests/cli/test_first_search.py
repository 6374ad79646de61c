"""The first search after start is not slower than the rest without a word: `serve` loads what
a first search loads before it listens, and a dictionary cache that cannot be written is said on
stderr (issue 16 item 12: 0.8 s first search, 2.4 s with an unwritable cache, no warning).
Each check runs in a fresh process, since the tokenizer loads once per process."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

SERVE_PROBE = """
import sys
import searchapp.web as web
from searchapp.analysis import tokenizer
from searchapp.cli import main

def listen(app, host, port, threads):  # instead of waitress: what is loaded when it would listen
    print("tokenizer loaded before listening:", tokenizer._backend is not None)

web.serve = listen
main(["serve", "--index", sys.argv[1], "--port", "0"], standalone_mode=False)
"""


def _run(args, env=None):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.mark.slow
def test_serve_loads_the_tokenizer_before_it_listens(corpus_index, tmp_path):
    r = _run(["-c", SERVE_PROBE, str(corpus_index)], {"SEARCHAPP_CACHE": str(tmp_path / "c")})
    assert r.returncode == 0, r.stderr
    assert "tokenizer loaded before listening: True" in r.stdout, r.stdout


@pytest.mark.slow
def test_an_unwritable_cache_folder_is_said_once(corpus_index, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    search = ["-m", "searchapp", "search", "5G", "--index", str(corpus_index)]
    r = _run(search, {"SEARCHAPP_CACHE": str(blocker / "cache")})
    assert r.returncode == 0, r.stderr
    said = [ln for ln in r.stderr.splitlines() if "SEARCHAPP_CACHE" in ln]
    assert len(said) == 1 and str(blocker / "cache") in said[0], r.stderr
    ok = _run(search, {"SEARCHAPP_CACHE": str(tmp_path / "cache")})
    assert ok.returncode == 0 and "SEARCHAPP_CACHE" not in ok.stderr, ok.stderr


SERVE_OPENS = """
import sys
import searchapp.index as index
import searchapp.web as web
import searchapp.web.resources as resources
from searchapp.cli import main

opened = []
real_open = index.open_index

def counting_open(*args, **kwargs):
    opened.append(args[0])
    return real_open(*args, **kwargs)

index.open_index = resources.open_index = counting_open

def listen(app, host, port, threads):  # instead of waitress: the first request, then stop
    before = len(opened)
    r = app.test_client().get("/search?q=%E7%BD%91%E7%BB%9C")
    print("status", r.status_code, "opened before listening", before, "by the first request",
          len(opened) - before)

web.serve = listen
main(["serve", "--index", sys.argv[1], "--port", "0"], standalone_mode=False)
"""


@pytest.mark.slow
def test_serve_reads_with_the_handle_its_warm_up_opened(corpus_index, tmp_path):
    """The server's first request reads with the handle serve's warm-up search opened (what
    that search loaded is still in its searchers), not a second one it would open first."""
    r = _run(["-c", SERVE_OPENS, str(corpus_index)], {"SEARCHAPP_CACHE": str(tmp_path / "c")})
    assert r.returncode == 0, r.stderr
    assert "status 200 opened before listening 1 by the first request 0" in r.stdout, r.stdout
