"""Smoke run of the benchmark code on a few real People's Daily articles, so bench/ cannot rot.
No timing is asserted (speed targets live in bench/ scripts, never in tests)."""
from __future__ import annotations

import json
import re

import pytest

from bench import common, pfr

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not pfr.DEFAULT_SRC.exists(), reason="../shared PFR corpus missing")]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    d = tmp_path_factory.mktemp("pfr")
    path, stats = pfr.make_corpus(times=2, out=d / "pfr.jsonl", limit=6)
    return path, stats


def test_importer_strips_annotation(small):
    path, stats = small
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert stats["articles"] == len(rows) == 12 and stats["real_articles"] == 6
    assert "repeated 2x" in stats["note"]
    assert len({r["id"] for r in rows}) == 12
    for r in rows:
        assert set(r) == set(pfr.KEYS)
        assert re.fullmatch(r"1998-01-\d\d", r["date"]) and r["source"] == "人民日报"
        assert 1 <= r["page"] <= 16 and r["column"] == f"第{r['page']}版"
        text = r["title"] + r["body"]
        assert r["title"] and not re.search(r"/[a-zA-Z]{1,3}\b|\]n[tsz]|\[", text), text[:200]
        assert "  " not in text


def test_builds_and_queries_run(small, tmp_path):
    path, _ = small
    stock = common.run_child("stock_build", {"jsonl": str(path), "index_dir": str(tmp_path / "s")})
    prod = common.run_child("product_build", {"jsonl": str(path), "index_dir": str(tmp_path / "p"),
                                              "rebuild": True})
    assert stock["articles"] == 12 and prod["articles"] == 12 and prod["problems"] == 0
    assert stock["peak_rss_mb"] > 10 and prod["index_bytes"] > 0
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    qs = [rows[0]["title"][:4], rows[3]["title"][:3]]
    from bench.query import job_query
    r = job_query({"prod": str(tmp_path / "p"), "stock": str(tmp_path / "s"), "queries": qs, "rounds": 1})
    assert r["searchapp"]["queries_with_hits"] == 2
    assert r["stock_plain"]["p95_ms"] >= 0


def test_percentile_and_queries():
    assert common.pct([1, 2, 3, 4, 100], 50) == 3 and common.pct(list(range(1, 101)), 95) == 95
    qs = common.real_queries(10, limit_articles=60)
    assert len(qs) == 10 and all(1 <= len(q.split()) <= 4 and q.strip() for q in qs)


def test_lineage_benchmark_runs_and_scores(tmp_path):
    from bench import lineage

    res = lineage.run(seed=3, originals=20, out=tmp_path / "reprints", per_source=150)
    ours, base = res["searchapp"], res["baseline_date_only"]
    assert res["families"] == 20 and res["reprints"] > 20
    assert 0.0 <= ours["precision"] <= 1.0 and 0.0 <= ours["recall"] <= 1.0
    assert ours["true_originals"] == base["true_originals"]
    truth = json.loads((tmp_path / "reprints" / "truth.json").read_text("utf-8"))
    assert sum(t["role"] == "original" for t in truth.values()) == ours["true_originals"]


def test_scale_benchmark_runs_at_tiny_size(tmp_path, monkeypatch):
    """bench.scale end to end on 40 real articles: every part prints its figures beside stock's
    (no timing asserted)."""
    from bench import scale

    monkeypatch.setattr(scale, "WORK", tmp_path / "scale")
    out = tmp_path / "scale.json"
    assert scale.main(["--sizes", "1", "--limit", "40", "--queries", "6", "--first-sets", "2",
                       "--rounds", "1", "--runs", "1", "--seconds", "1", "--split-mb", "0",
                       "--out", str(out)]) == 0
    res = json.loads(out.read_text(encoding="utf-8"))["x1"]
    assert res["articles"] == 40
    b = res["build"]
    assert b["searchapp"]["runs"] == b["stock"]["runs"] == 3
    assert b["searchapp"]["peak_tree_rss_mb"] > 10 and b["searchapp"]["cpu_s_median"] > 0
    assert res["first"]["searchapp"]["queries"] == res["first"]["stock"]["queries"] == 6
    assert res["warm"]["searchapp"]["p99_ms"] >= res["warm"]["searchapp"]["p50_ms"]
    assert set(res["warm"]["searchapp"]["common_words_ms"]) == set(scale.COMMON)
    assert res["coldstart"]["serve_first_answer_s"] > 0
    assert res["server"]["html_search"]["errors"] == 0 and res["server"]["server_peak_rss_mb"] > 10
    for part in ("build", "first", "warm", "coldstart", "server"):
        assert len(res[part]["load_before"]) == 3


def test_tree_rss_splits_anonymous_from_file_backed_pages(tmp_path):
    """The sampler says what a peak was made of: a child holding 64 MiB of its own memory and
    mapping (and reading) a 32 MiB file shows both, each in its own part."""
    import subprocess
    import sys
    import time

    data = tmp_path / "mapped.bin"
    data.write_bytes(b"x" * (32 << 20))
    code = ("import mmap, sys, time\n"
            "own = bytearray(b'y' * (64 << 20))\n"
            f"f = open({str(data)!r}, 'rb'); m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)\n"
            "sum(m[i] for i in range(0, len(m), 4096))\n"
            "print('ready', flush=True); time.sleep(30)\n")
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "ready"
        rss = common.TreeRss(p.pid, every=0.05)
        time.sleep(0.5)
        peak = rss.stop()
    finally:
        p.kill()
        p.wait()
    split = rss.peak_split_mb
    assert split["anon"] >= 64 and split["file"] >= 32, split
    assert abs(split["anon"] + split["file"] + split["shmem"] - peak) < 2, (split, peak)
