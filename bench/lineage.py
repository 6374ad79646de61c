"""Benchmark: precision and recall of the original (原发) in reprint lineage, printed as JSON.

    python -m bench.lineage [--seed 20] [--originals 300] [--out bench/out/reprints]
                            [--per-source N]

Data: `bench.reprints` (the real articles of ../shared/data plus reprinted copies with delays,
light edits and credits; the original of each family is known). The articles are read back by
searchapp's own JSONL reader and go through exactly what a build runs: near-duplicate groups
(`analysis.dedupe.find_groups`) and `archive.lineage.assign`.

Scores (each article of a family counts once):
  precision  of the articles marked 原发 in groups holding a generated copy, the share that are
             the true original
  recall     of the true originals (those with at least one reprint in the archive), the share
             marked 原发
  attributed of the reprints, the share whose `original` is the true one (for a family whose
             original is absent: whose `original` is None)
  grouped    of the reprints, the share placed in a group at all (near-duplicate recall)
  absent_ok  families without their original in the archive for which no copy is marked 原发
Groups made only of real articles (real near-duplicates of the data, no truth) are counted in
`unscored_real_groups` and left out. The baseline in the same run orders by date alone (no
credits): the earliest dated copy is the original.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from bench.reprints import write


def _machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "loadavg_1m": round(os.getloadavg()[0], 2)}


def score(arts: list, truth: dict[str, dict], groups: list[list[int]]) -> dict[str, Any]:
    """The scores of `arts` (Articles with `lineage` set) against `truth` (see module doc)."""
    in_family = {i for i, t in truth.items() if t.get("family")}
    scored_ids: set[str] = set()
    unscored = 0
    for g in groups:
        ids = {arts[i].id for i in g}
        if ids & in_family:
            scored_ids |= ids
        else:
            unscored += 1
    lin = {a.id: a.lineage or {} for a in arts}
    true_orig = {i for i, t in truth.items() if t["role"] == "original"}
    pred_orig = {i for i in scored_ids if lin[i].get("role") == "original"}
    tp = len(true_orig & pred_orig)
    reprints = [i for i, t in truth.items() if t["role"] == "reprint"]
    grouped = [i for i in reprints if i in scored_ids]
    attributed = sum(1 for i in grouped if lin[i].get("original") ==
                     (None if truth[i].get("absent") else truth[i]["family"]))
    absent = {t["family"] for t in truth.values() if t.get("absent")}
    members: dict[str, list[str]] = {}
    for i, t in truth.items():
        if t.get("absent"):
            members.setdefault(t["family"], []).append(i)
    absent_ok = sum(1 for f in absent if all(lin.get(i, {}).get("role") != "original"
                                             for i in members[f]))
    return {"precision": round(tp / len(pred_orig), 4) if pred_orig else None,
            "recall": round(tp / len(true_orig), 4) if true_orig else None,
            "true_positives": tp, "marked_original": len(pred_orig),
            "true_originals": len(true_orig),
            "attributed": round(attributed / len(reprints), 4) if reprints else None,
            "grouped": round(len(grouped) / len(reprints), 4) if reprints else None,
            "absent_families": len(absent), "absent_ok": absent_ok,
            "unscored_real_groups": unscored}


def run(seed: int = 20, originals: int = 300, out: Path = Path("bench/out/reprints"),
        per_source: int | None = None) -> dict[str, Any]:
    """Generate, read, group, assign, score; returns the JSON-able result (`per_source`: use
    only that many real articles of each collection, for a smoke run)."""
    from searchapp.analysis.dedupe import find_groups
    from searchapp.archive import lineage
    from searchapp.ingest import read_file

    arch, tr = write(out, seed, originals, per_source)
    truth = json.loads(tr.read_text("utf-8"))
    t0, c0 = time.perf_counter(), time.process_time()
    arts = read_file(arch).articles
    t1, c1 = time.perf_counter(), time.process_time()
    groups = find_groups(arts)
    t2, c2 = time.perf_counter(), time.process_time()
    lineage.assign(arts, groups)
    t3, c3 = time.perf_counter(), time.process_time()
    ours = score(arts, truth, groups)
    # the baseline, same groups: by date alone
    for g in groups:
        copies = [lineage.copy_of(arts[i]) for i in g]
        for c in copies:
            c.credits = []
        got = lineage.roles(copies)
        for i in g:
            arts[i].lineage = got[arts[i].id]
    base = score(arts, truth, groups)
    return {
        "benchmark": "lineage", "data": str(arch), "seed": seed, "per_source": per_source,
        "articles": len(arts), "families": sum(1 for t in truth.values() if t["role"] == "original")
        + len({t["family"] for t in truth.values() if t.get("absent")}),
        "reprints": sum(1 for t in truth.values() if t["role"] == "reprint"),
        "groups": len(groups),
        "searchapp": ours, "baseline_date_only": base,
        "seconds": {"read": round(t1 - t0, 2), "dedupe": round(t2 - t1, 2),
                    "lineage": round(t3 - t2, 3)},
        "cpu_seconds": {"read": round(c1 - c0, 2), "dedupe": round(c2 - c1, 2),
                        "lineage": round(c3 - c2, 3)},
        "machine": _machine(),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--originals", type=int, default=300)
    ap.add_argument("--per-source", type=int, default=None,
                    help="only the first N real articles of each collection (a quick run)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "reprints")
    a = ap.parse_args(argv)
    print(json.dumps(run(a.seed, a.originals, a.out, a.per_source), ensure_ascii=False))


if __name__ == "__main__":
    main()
