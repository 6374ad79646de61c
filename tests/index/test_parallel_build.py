"""Builds with parallel writers (engine/store/parallel.py): an index written by two processes
answers every query exactly as one written by one; a child writer that dies fails the build and
the previous index stays live; a killed build takes its child writers with it. (A document
refused in a child writer: tests/engine/test_parallel_writer.py.)"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchapp import engine
from searchapp.analysis import word_tokens
from searchapp.index import build, open_index
from searchapp.index.store import read_current
from searchapp.request import SearchRequest
from searchapp.search import search

from helpers import write_pfr_parts

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _corpus(folder: Path, n: int, files: int) -> list[dict]:
    return write_pfr_parts(folder, n, files)


def _segments(ix: Path) -> int:
    h = open_index(ix)
    try:
        with h.searcher() as s:
            return len(engine.index_key(s))
    finally:
        h.close()


def _answer(h, q: str) -> dict:
    r = search(h, SearchRequest(q=q, size=20, facets=True, snippets=True))
    return {"total": r.total, "hits": [(x.id, x.score, x.snippet) for x in r.hits],
            "facets": r.facets}


def test_two_writers_answer_exactly_like_one(tmp_path, shared_dir):
    arts = _corpus(tmp_path / "c", 400, 4)
    r1 = build([tmp_path / "c"], tmp_path / "one", workers=1)
    r2 = build([tmp_path / "c"], tmp_path / "two", workers=2)
    assert r1.articles == r2.articles == len({a["id"] for a in arts})
    assert (_segments(tmp_path / "one"), _segments(tmp_path / "two")) == (1, 2)
    rng = random.Random(5)
    queries = []
    for a in rng.sample(arts, 40):
        toks = word_tokens(a["title"])
        if toks:
            k = rng.randint(1, min(3, len(toks)))
            queries.append(" ".join(toks[:k]) if rng.random() < 0.5 else "".join(toks[:k]))
    h1, h2 = open_index(tmp_path / "one"), open_index(tmp_path / "two")
    matched = 0
    for q in queries:
        a1, a2 = _answer(h1, q), _answer(h2, q)
        assert a1 == a2, q
        matched += a1["total"] > 0
    assert matched >= 30

def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


@pytest.fixture(scope="module")
def big(tmp_path_factory, shared_dir):
    """1,200 real articles indexed once: {"tmp", "n", "gen"} (the live generation the kill
    tests must keep; a test that builds a new one updates "gen")."""
    tmp = tmp_path_factory.mktemp("parallel")
    _corpus(tmp / "c", 1200, 4)
    r = build([tmp / "c"], tmp / "ix", workers=1)
    return {"tmp": tmp, "n": r.articles, "gen": read_current(tmp / "ix")}


def _start_rebuild(tmp: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "searchapp", "index", str(tmp / "c"),
                             "--index", str(tmp / "ix"), "--rebuild", "--workers", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def _wait_child(p: subprocess.Popen, timeout: float = 60) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end and p.poll() is None:
        kids = _children(p.pid)
        if kids:
            return kids[0]
        time.sleep(0.02)
    raise AssertionError("no child writer appeared")


def _kill_during_rebuild(tmp: Path, which: str) -> tuple[subprocess.CompletedProcess, int]:
    """Start `searchapp index --rebuild --workers 2`, SIGKILL its child writer ("child") or
    the build itself ("parent") 0.3 s after the child appears; (finished process with its
    output, child pid)."""
    p = _start_rebuild(tmp)
    try:
        child = _wait_child(p)
        time.sleep(0.3)
        os.kill(child if which == "child" else p.pid, signal.SIGKILL)
        out, err = p.communicate(timeout=300)
    finally:
        if p.poll() is None:
            p.kill()
    return subprocess.CompletedProcess(p.args, p.returncode, out, err), child


def _assert_intact(tmp: Path, n: int, gen: str) -> None:
    assert read_current(tmp / "ix") == gen
    h = open_index(tmp / "ix")
    try:
        assert h.doc_count() == n
        assert search(h, SearchRequest(q="人民")).total > 0
    finally:
        h.close()


def test_a_child_writer_that_dies_fails_the_build_and_keeps_the_index(big):
    tmp, n, gen = big["tmp"], big["n"], big["gen"]
    p, _ = _kill_during_rebuild(tmp, "child")
    out, err = p.stdout, p.stderr
    assert p.returncode == 2, (out, err)
    assert "parallel index writer failed" in err and "-9" in err, err
    assert "internal error" not in err and "previous index is unchanged" in err, err
    _assert_intact(tmp, n, gen)
    r = build([tmp / "c"], tmp / "ix", rebuild=True, workers=2)  # the next build works
    assert r.articles == n and read_current(tmp / "ix") != gen
    big["gen"] = read_current(tmp / "ix")


def test_a_killed_build_takes_its_child_writers_with_it(big):
    tmp, n, gen = big["tmp"], big["n"], big["gen"]
    _, child = _kill_during_rebuild(tmp, "parent")
    # at once (PR_SET_PDEATHSIG), not when it would have finished its segment seconds later
    end = time.monotonic() + 1.0
    while time.monotonic() < end and os.path.exists(f"/proc/{child}"):
        try:
            with open(f"/proc/{child}/stat") as f:
                if f.read().split(") ")[1].startswith("Z"):
                    break  # a zombie is dead (its parent is gone; init reaps it)
        except OSError:
            break
        time.sleep(0.05)
    alive = os.path.exists(f"/proc/{child}")
    if alive:
        with open(f"/proc/{child}/stat") as f:
            alive = not f.read().split(") ")[1].startswith("Z")
    assert not alive, "the child writer outlived its killed parent"
    _assert_intact(tmp, n, gen)


def _undated_case(tmp: Path, arts: list[dict]) -> None:
    """Query the index at tmp/ix: browse, a word only the undated articles have, every sort."""
    h = open_index(tmp / "ix")
    try:
        n = h.doc_count()
        last = -(-n // 100)  # the last page (a page past it has no hits)
        for sort in ("relevance", "newest", "oldest"):
            browse = search(h, SearchRequest(q="", sort=sort, size=100, page=last))
            assert browse.total == n and browse.hits
            marked = search(h, SearchRequest(q="无日期标记", sort=sort, size=100))
            assert marked.total == sum(1 for a in arts if "date" not in a)
            assert all(x.date is None for x in marked.hits)
        newest = search(h, SearchRequest(q="", sort="newest", size=100, page=last))
        assert newest.hits[-1].date is None  # undated articles last
    finally:
        h.close()


def test_a_segment_of_undated_articles_beside_dated_ones(tmp_path, shared_dir):
    """Whoosh's multi-segment column reader skips a segment without the `date` column, which
    shifted docnums: two writers whose second half was undated, or an added file of undated
    articles, gave IndexError on every result page (fresh tester)."""
    from bench.pfr import articles

    base = articles(limit=60)
    dated = base[:30]
    undated = [{k: v for k, v in a.items() if k != "date"} | {"id": a["id"] + "-u",
               "body": a["body"] + " 无日期标记"} for a in base[30:]]
    src = tmp_path / "c"
    src.mkdir()
    (src / "a.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in dated),
                                 encoding="utf-8")
    (src / "b.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n"
                                         for a in undated), encoding="utf-8")
    build([src], tmp_path / "ix", workers=2)  # the child writes the undated half
    assert _segments(tmp_path / "ix") == 2
    _undated_case(tmp_path, dated + undated)
    # incremental: dated first, then a file of undated articles added
    inc = tmp_path / "inc"
    (inc / "c").mkdir(parents=True)
    (inc / "c" / "a.jsonl").write_text((src / "a.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    build([inc / "c"], inc / "ix", workers=1)
    (inc / "c" / "b.jsonl").write_text((src / "b.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    build([inc / "c"], inc / "ix", workers=1)
    assert _segments(inc / "ix") == 2
    _undated_case(inc, dated + undated)
