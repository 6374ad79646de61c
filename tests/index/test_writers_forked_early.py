"""A parallel build's child writer is forked before the build plans (engine/store/standby.py), so
its resident memory does not count again what the building process allocated while planning
(the readers, the records of every article): forked after planning, it did."""
from __future__ import annotations

import os

import pytest

from helpers import write_jsonl
from searchapp.index import build
from searchapp.index import plan as index_plan
from searchapp.index.store import read_current
from searchapp.vocab import abbrev

pytestmark = pytest.mark.slow

#: What the patched planner allocates and keeps alive until the build ends, MB.
BALLAST_MB = 256


def _rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_child_writer_does_not_count_what_planning_allocated(tmp_path, monkeypatch):
    docs = [{"id": f"w{i}", "title": f"新闻{i}", "body": f"今天的第{i}条消息，天气晴朗。",
             "date": "1998-01-05", "source": "测试报"}
            for i in range(40)]
    src = write_jsonl(tmp_path / "a.jsonl", docs)
    kept: list[bytearray] = []
    seen: dict[str, float] = {}
    real_plan, real_candidates = index_plan.make_plan, abbrev.candidates

    def planning(*args, **kwargs):  # planning that allocates (and touches) BALLAST_MB
        kept.append(bytearray(b"\x01") * (BALLAST_MB << 20))
        seen["parent"] = _rss_mb()
        return real_plan(*args, **kwargs)

    log = tmp_path / "rss"

    def candidates(text):  # runs in each writer as it adds an article
        with open(log, "a") as f:
            f.write(f"{os.getpid()} {_rss_mb():.1f}\n")
        return real_candidates(text)

    monkeypatch.setattr(index_plan, "make_plan", planning)
    monkeypatch.setattr(abbrev, "candidates", candidates)
    report = build([src], tmp_path / "ix", workers=2)
    assert report.articles == 40 and read_current(tmp_path / "ix")
    rows = [line.split() for line in log.read_text().split("\n") if line]
    child = [float(rss) for pid, rss in rows if int(pid) != os.getpid()]
    assert child, "no child writer added an article"
    # forked after planning, the child held the ballast too (its RSS ≥ the parent's then)
    assert max(child) < seen["parent"] - BALLAST_MB / 2, (max(child), seen["parent"])
