"""Searches keep being answered, without errors and with the same count, while the index is
rebuilt (by another process or in-process); readers pick up the new generation without a
restart; a second concurrent `searchapp index` exits with a clear one-line error or waits."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import write_jsonl_corpus
from searchapp import engine
from searchapp.index import build, open_index
from searchapp.index.store import read_current
from searchapp.request import SearchRequest
from searchapp.search import Borrowed, search

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
N_FILES, PER_FILE = 4, 15

# A full rebuild in a child process; with a release file given, it pauses at "committing"
# (holding the writer lock) until that file exists.
SCRIPT = """
import json, os, sys, time
from searchapp.index import build

paths, ix, release = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
def progress(done, total, msg):
    print(msg, flush=True)
    if msg == "committing" and release:
        end = time.time() + 60
        while not os.path.exists(release) and time.time() < end:
            time.sleep(0.05)
build(paths, ix, rebuild=True, progress=progress)
print("done", flush=True)
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("conc")
    corpus, ix = base / "corpus", base / "ix"
    n = write_jsonl_corpus(corpus, "c", N_FILES, PER_FILE)
    assert build([corpus], ix).articles == n
    return {"corpus": corpus, "ix": ix, "n": n, "base": base}


def start_build(setup, release: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, json.dumps([str(setup["corpus"])]),
                             str(setup["ix"]), str(release or "")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=env())


def test_searches_during_rebuilds_are_all_answered(setup):
    h = open_index(setup["ix"])
    n, gen0 = h.doc_count(), h.generation
    ids = [f"c{fi}-{i}" for fi in range(N_FILES) for i in range(PER_FILE)]
    stop = threading.Event()
    errors: list[BaseException] = []
    issued, answered = [0], [0]
    counts: set[int] = set()
    gens: set[int] = set()
    lock = threading.Lock()

    def reader(k: int) -> None:
        i = 0
        while not stop.wait(0.01):  # ~100 searches/s per thread; leaves the builds CPU time
            i += 1
            with lock:
                issued[0] += 1
            try:
                with h.searcher() as s:  # one generation for both counts
                    total = len(engine.facet_docs(s, "source")["新华社"])
                    req = SearchRequest(q="source:新华社", size=3, facets=False, snippets=False)
                    assert search(Borrowed(s), req).total == total
                    dc = engine.doc_count(s)
                art = h.get_article(ids[(i * 7 + k) % len(ids)])
                assert art is not None and art.body
                with lock:
                    answered[0] += 1
                    counts.add(dc)
                    counts.add(total * 2)  # half the articles carry this source
                    gens.add(h.generation)
            except BaseException as e:  # noqa: BLE001 - collected and asserted below
                errors.append(e)
                return

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    try:
        p = start_build(setup)  # another process rebuilds (like `searchapp index --rebuild`)
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        r = build([setup["corpus"]], setup["ix"], rebuild=True)  # and once in this process
        assert r.articles == n
        time.sleep(0.8)  # > CHECK_INTERVAL: readers notice the last switch
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert not errors, errors[:3]
    assert answered[0] == issued[0] > 0
    assert counts == {n}
    assert max(gens) == int(read_current(setup["ix"]).split("-")[1]) > gen0
    h.close()


def test_second_index_run_is_busy_then_wait_succeeds(setup):
    release = setup["base"] / "release"
    a = start_build(setup, release)
    try:
        for line in a.stdout:  # A now holds the writer lock, paused before its commit
            if line.startswith("committing"):
                break
        cli = [sys.executable, "-m", "searchapp", "index", "--index", str(setup["ix"]),
               str(setup["corpus"])]
        b = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT, env=env(), timeout=120)
        assert b.returncode != 0
        assert "busy" in b.stderr and "Traceback" not in b.stderr and "LockError" not in b.stderr
        assert len([x for x in b.stderr.splitlines() if x.strip()]) == 1, b.stderr
        c = subprocess.Popen(cli + ["--wait"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=ROOT, env=env())
        time.sleep(1.0)
        assert c.poll() is None  # still waiting for A
    finally:
        release.touch()
    rest, a_err = a.communicate(timeout=120)
    assert a.returncode == 0 and "done" in rest, a_err
    c_out, c_err = c.communicate(timeout=120)
    assert c.returncode == 0, c_err
    h = open_index(setup["ix"])
    assert h.doc_count() == setup["n"]
    with h.searcher() as s:
        got = [a.id for a in engine.all_articles(s)]
    assert len(got) == len(set(got)) == setup["n"]
    h.close()
