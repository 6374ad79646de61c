"""A build's memory follows one budget (`--memory-mb`, SEARCHAPP_BUILD_MEMORY_MB): its parts
derive from the total, a bad budget is refused before anything is read, and a real build of
real articles in a fresh process stays within the budget it was given above the memory of a
process that has built an index of one article (interpreter, modules, jieba's dictionaries).
The last test fails on the code before the budget: a writer's posting pool of
`limitmb=256` held every posting of these articles in memory (~245 MB)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from helpers import ROOT
from searchapp.engine import build_budget
from searchapp.engine.store import budget as B
from searchapp.errors import SearchAppError


@pytest.mark.parametrize("total", [B.MIN_MB, 100, 256, B.DEFAULT_MB, 1024, 4096])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parts_add_up_to_the_budget(total, workers):
    b = build_budget(total, workers)
    assert (b.total_mb, b.workers, b.source) == (total, workers, "argument")
    used = workers * (b.pool_mb * B.POOL_OVERHEAD + b.grams_mb)
    floors = workers * (B.MIN_POOL_MB * B.POOL_OVERHEAD + B.MIN_GRAMS_MB)
    assert used <= max(total, floors) + workers  # (rounding down to whole MB)
    if total >= 1024:  # a large budget is used, not left idle
        assert used >= 0.9 * total
    assert b.grams_bytes == b.grams_mb << 20


def test_more_budget_more_pool_and_grams():
    small, large = build_budget(256, 2), build_budget(2048, 2)
    assert large.pool_mb > small.pool_mb and large.grams_mb > small.grams_mb
    one, two = build_budget(512, 1), build_budget(512, 2)
    assert two.pool_mb < one.pool_mb and two.grams_mb < one.grams_mb  # shared by the writers


def test_budget_from_the_environment(monkeypatch):
    monkeypatch.delenv(B.ENV, raising=False)
    assert build_budget().total_mb == B.DEFAULT_MB and build_budget().source == "default"
    monkeypatch.setenv(B.ENV, "300")
    assert (build_budget().total_mb, build_budget().source) == (300, B.ENV)
    assert build_budget(200).total_mb == 200  # the argument wins
    monkeypatch.setenv(B.ENV, "lots")
    with pytest.raises(SearchAppError, match=B.ENV):
        build_budget()
    with pytest.raises(SearchAppError, match="at least"):
        build_budget(B.MIN_MB - 1)


def test_a_bad_budget_is_refused_before_anything_is_read(tmp_path, monkeypatch):
    from searchapp.index import build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(
        json.dumps({"id": "a1", "title": "标题", "body": "正文。"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    with pytest.raises(SearchAppError, match="at least"):
        build([tmp_path / "in"], tmp_path / "ix", memory_mb=8)
    assert not (tmp_path / "ix").exists()
    monkeypatch.setenv(B.ENV, "8")
    with pytest.raises(SearchAppError, match=B.ENV):
        build([tmp_path / "in"], tmp_path / "ix")
    assert not (tmp_path / "ix").exists()


@pytest.mark.slow
def test_cli_memory_option(tmp_path, runner):
    from searchapp.cli import main

    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "a1", "title": "标题", "body": "正文。"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    r = runner.invoke(main, ["index", str(tmp_path / "a.jsonl"), "--index", str(tmp_path / "ix"),
                             "--memory-mb", "10"])
    assert r.exit_code == 2 and "at least" in r.output, r.output
    r = runner.invoke(main, ["index", str(tmp_path / "a.jsonl"), "--index", str(tmp_path / "ix"),
                             "--memory-mb", "100"])
    assert r.exit_code == 0, r.output


#: Budget given to the measured build, MB, and what the process may hold above its baseline
#: beyond it (allocator slack, the planner's per-article records, Whoosh's per-document state).
BUDGET_MB = 64
SLACK_MB = 160
#: Real articles written by one writer (People's Daily, January 1998): enough postings that
#: the pool of the code before the budget (`limitmb=256`, never full here) held ~245 MB above
#: the baseline; with the budget the build stayed 40-128 MB above it in two runs (baseline with
#: the abbreviation miner's models loaded by the warm-up article; the miner's own work after
#: the writers is outside the budget and varies).
N_ARTICLES = 2000

_CHILD = textwrap.dedent("""
    import json, os, resource, sys
    from pathlib import Path
    from bench.pfr import articles
    from searchapp.index import build

    tmp = Path(sys.argv[1])
    with open(tmp / "one.jsonl", "w", encoding="utf-8") as f:
        # a definition, so the warm-up also loads what mining abbreviations loads (POS tags)
        f.write(json.dumps({"id": "w", "title": "热身", "body": "国家发展和改革委员会（以下简称"
                            "发改委）今天表示，中国经济发展良好。"}) + "\\n")
    with open(tmp / "many.jsonl", "w", encoding="utf-8") as f:
        for a in articles(limit=int(sys.argv[2])):
            f.write(json.dumps(a, ensure_ascii=False) + "\\n")
    build([tmp / "one.jsonl"], tmp / "ix1", workers=1)
    with open("/proc/self/status") as f:
        base = [int(l.split()[1]) for l in f if l.startswith("VmRSS:")][0] / 1024
    rep = build([tmp / "many.jsonl"], tmp / "ix2", workers=1)
    # VmHWM: the high-water mark of this process's own memory. Not ru_maxrss: Linux carries
    # the spawning process's high-water mark across exec into it (exec_mmap), so a large
    # pytest process made this child look large before it had built anything.
    with open("/proc/self/status") as f:
        peak = [int(l.split()[1]) for l in f if l.startswith("VmHWM:")][0] / 1024
    rusage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"base_mb": base, "peak_mb": peak, "ru_maxrss_mb": rusage,
                      "articles": rep.articles}))
""")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/status in KB")
def test_real_build_stays_within_its_budget(shared_dir, tmp_path):
    env = {**os.environ, B.ENV: str(BUDGET_MB), "PYTHONPATH": str(ROOT),
           "PYTHONWARNINGS": "ignore"}
    r = subprocess.run([sys.executable, "-c", _CHILD, str(tmp_path), str(N_ARTICLES)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["articles"] == N_ARTICLES
    assert got["peak_mb"] - got["base_mb"] <= BUDGET_MB + SLACK_MB, got


@pytest.mark.slow
def test_marks_of_duplicated_articles_take_little_memory(shared_dir, tmp_path):
    """Near-duplicate marks (duplicate_of, lineage) of a corpus in which every article has a
    copy are kept packed, not as a dict per article: what `Corpus.marks` leaves alive stays
    under 400 bytes an article (the dicts it held before: over 600 bytes an article as
    tracemalloc counts them, held by the building process and counted again in each forked
    writer). That the marks read back are those of marking the articles themselves:
    tests/index/test_streaming_build.py."""
    import gc
    import tracemalloc

    from bench.pfr import articles as pfr_articles  # bench/ is on sys.path (tests/conftest.py)
    from searchapp.index.corpus import Corpus
    from searchapp.model import Article

    base = [a for a in pfr_articles(limit=600) if len(a["body"]) > 200][:400]
    arts = [Article(id=f"{a['id']}-{k}", title=a["title"], body=a["body"], date=a["date"],
                    source=a["source"]) for k in range(3) for a in base]
    corpus = Corpus(tmp_path)
    try:
        for a in arts:
            corpus.add(a)
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            marks = corpus.marks(list(range(len(arts))), [])
            gc.collect()
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert marks is not None
        grouped = sum(marks.of(s)[0] is not None for s in range(len(arts)))
        assert grouped >= len(base)  # two copies of each article or more point to a first one
        assert kept / len(arts) < 400, f"{kept / len(arts):.0f} bytes an article"
    finally:
        corpus.close()
