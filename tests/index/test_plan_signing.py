"""Planning classifies and signs the articles it reads in two processes (`index/signing.py`):
the idle child writer, forked before planning, takes a share of each window of articles. The
plan it makes is the one a single process makes (same articles, topics, near-duplicate marks,
hashes), and a helper that dies or fails mid-plan loses nothing: its share is worked out by the
building process and the writer's job goes to a process forked then."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import WORDS, write_jsonl
from searchapp.engine.store.standby import standby
from searchapp.index import build, signing
from searchapp.index.plan import make_plan
from searchapp.index.store import read_current

pytestmark = pytest.mark.slow


def _docs() -> list[dict]:
    """Real People's Daily articles, some again under new ids (near-duplicates: marks and
    lineage), and articles about topics of the rule file (topics to classify)."""
    from bench.pfr import articles

    arts = articles(limit=260)
    copies = [{**a, "id": f"{a['id']}-copy", "source": "转载报"} for a in arts[:30]]
    topical = [{"id": f"topic{i}", "title": f"{WORDS[i % len(WORDS)]}发展观察",
                "body": f"{WORDS[i % len(WORDS)]}是今年的热点。第{i}期报道介绍了相关进展。",
                "date": "2020-09-01", "source": "测试报"} for i in range(40)]
    return arts + copies + topical


def _logged(log: Path):
    """`signing.signed` that writes its process id to `log` at each call."""
    real = signing.signed

    def signed(items, affine):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(items, affine)

    return signed


def _planned(src: Path, folder: Path, helper) -> tuple[dict, list[dict]]:
    plan = make_plan([src], folder, None, True, lambda *a, **k: None, helper=helper)
    try:
        return plan.manifest["articles"], [a.to_dict() for a in plan.write]
    finally:
        plan.close()


def test_the_child_writer_classifies_and_signs_a_share_and_the_plan_is_the_same(tmp_path,
                                                                                monkeypatch):
    src = write_jsonl(tmp_path / "a.jsonl", _docs())
    log = tmp_path / "pids"
    monkeypatch.setattr(signing, "signed", _logged(log))
    alone = _planned(src, tmp_path / "one", None)
    with standby(1) as ready:
        helped = _planned(src, tmp_path / "two", ready.helper())
        child = ready.helper().pid
    pids = [int(p) for p in log.read_text().split()]
    assert child in pids and os.getpid() in pids  # both processes did a share
    hashes, written = helped
    assert hashes == alone[0] and written == alone[1]
    assert sum(1 for a in written if a["topics"]) >= 10  # topics were classified
    assert sum(1 for a in written if a["duplicate_of"]) >= 25  # and near-duplicates marked


@pytest.mark.parametrize("how", ["dies", "raises"])
def test_a_helper_that_fails_mid_plan_loses_nothing(tmp_path, monkeypatch, how):
    src = write_jsonl(tmp_path / "a.jsonl", _docs())
    real = signing.signed
    parent = os.getpid()
    calls = tmp_path / "calls"

    def failing(items, affine):  # the child answers one share, then fails at the next
        if os.getpid() != parent:
            with open(calls, "a") as f:
                f.write("1\n")
            if len(calls.read_text().split()) >= 2:
                if how == "dies":
                    os._exit(3)
                raise RuntimeError("a rule broke")
        return real(items, affine)

    expected = build([src], tmp_path / "alone", workers=1)
    monkeypatch.setattr(signing, "signed", failing)
    report = build([src], tmp_path / "ix", workers=2)
    assert len(calls.read_text().split()) == 2  # it did fail mid-plan
    assert report.problems == [] and report.articles == expected.articles == len(_docs())
    manifest = json.loads((tmp_path / "ix" / read_current(tmp_path / "ix") /
                           "manifest.json").read_text())
    first = json.loads((tmp_path / "alone" / read_current(tmp_path / "alone") /
                        "manifest.json").read_text())
    assert manifest["articles"] == first["articles"]  # every article, with the same content
    # two writers still wrote: the job went to a process forked after planning
    segments = [n for n in manifest["index_files"] if n.endswith(".seg")]
    assert len(segments) == 2, segments


def test_what_the_child_writer_runs_for_the_planner_loads_no_reader():
    """The child writer is forked before planning so that the readers' modules (HTML, PDF,
    tables: several MB) are not resident in it; helping the planner must not load them."""
    import subprocess
    import sys

    from helpers import ROOT

    probe = ("import sys, searchapp.index.build, searchapp.engine\n"
             "import searchapp.index.signing\n"
             "print(sorted(m for m in sys.modules if m.startswith('searchapp.ingest')))\n")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
