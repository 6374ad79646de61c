"""Benchmark: incremental re-index through the `searchapp index` CLI, beside a full build.

Corpus: the PFR ×N articles split into one JSONL file per day and copy (31 files at ×1, 310 at
×10), in a temporary folder. Steps, each a fresh `python -m searchapp index DIR --index IX --json`
process (start-up and jieba load included), repeated --runs times:
  full       first build of the folder (also `--rebuild` afterwards for the later runs)
  unchanged  the same command again (target: <= 5% of full)
  one_file   after rewriting one file (one article's body changed)
Beside: the stock full build of the same articles (bench/common.stock_build) in the same run
(skip with --no-stock).
The commands run a snapshot of the `searchapp` package copied at the start (PYTHONPATH): the
index fingerprint hashes the pipeline's source, so a live tree edited by others during the run
would otherwise force full rebuilds and measure nothing incremental.

    python -m bench.incremental [--times 1] [--runs 3]
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, emit, median, parser, ratio, run_child
from bench.pfr import make_corpus


def split_by_day(jsonl: Path, folder: Path) -> list[Path]:
    """Write one JSONL per (date, copy) into `folder`; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[str]] = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            copy = a["id"].rsplit("-r", 1)[1] if "-r" in a["id"] else "1"
            files.setdefault(f"{a['date']}-c{copy}", []).append(line)
    out = []
    for name, lines in sorted(files.items()):
        p = folder / f"{name}.jsonl"
        p.write_text("".join(lines), encoding="utf-8")
        out.append(p)
    return out


_SNAPSHOT: list[str] = []


def cli_index(folder: Path, ix: Path, *extra: str) -> tuple[float, dict]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    if _SNAPSHOT:
        env["PYTHONPATH"] = _SNAPSHOT[0]
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "searchapp", "index", str(folder), "--index", str(ix),
                        "--json", *extra], cwd=folder.parent, capture_output=True, text=True,
                       timeout=3600, env=env)
    secs = time.perf_counter() - t0
    if r.returncode not in (0,):
        raise RuntimeError(f"searchapp index failed ({r.returncode}): {r.stderr[-800:]}")
    return secs, json.loads(r.stdout)


def touch_one(p: Path, k: int) -> None:
    """Change one article's body in file `p` (appends a sentence, different each call)."""
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    a = json.loads(lines[0])
    a["body"] += f"\n\n（本报讯 第{k}次更正）"
    lines[0] = json.dumps(a, ensure_ascii=False) + "\n"
    p.write_text("".join(lines), encoding="utf-8")


def bench_size(times: int, runs: int, stock_too: bool = True) -> dict:
    src, st = make_corpus(times)
    full, noop, one, stock = [], [], [], []
    reports = {}
    with tempfile.TemporaryDirectory(prefix="bench-incr-") as tmp:
        folder, ix = Path(tmp) / "corpus", Path(tmp) / "ix"
        files = split_by_day(src, folder)
        shutil.copytree(ROOT / "searchapp", Path(tmp) / "code" / "searchapp",
                        ignore=shutil.ignore_patterns("__pycache__"))
        _SNAPSHOT[:] = [str(Path(tmp) / "code")]
        for i in range(runs):
            s, reports["full"] = cli_index(folder, ix, *(["--rebuild"] if i else []))
            full.append(s)
            s, reports["unchanged"] = cli_index(folder, ix)
            noop.append(s)
            touch_one(files[len(files) // 2], i)
            s, reports["one_file"] = cli_index(folder, ix)
            one.append(s)
            if stock_too:
                stock.append(run_child("stock_build", {"jsonl": str(src), "index_dir": f"{tmp}/stock{i}"},
                                       timeout=3600)["wall_s"])
    out = {"articles": st["articles"], "files": len(files), "runs": runs,
           "full_s": round(median(full), 2), "unchanged_s": round(median(noop), 2),
           "one_file_s": round(median(one), 2),
           "stock_full_s": round(median(stock), 2) if stock else None,
           "reports": {k: {x: v.get(x) for x in ("articles", "added", "updated", "unchanged",
                                                  "noop", "full", "files_read")}
                       for k, v in reports.items()}}
    out["unchanged_over_full"] = ratio(out["unchanged_s"], out["full_s"])
    out["one_file_over_full"] = ratio(out["one_file_s"], out["full_s"])
    out["full_speedup_vs_stock"] = ratio(out["stock_full_s"], out["full_s"]) if stock else None
    return out


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "incremental.json")
    ap.add_argument("--times", type=int, nargs="+", default=[1])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-stock", action="store_true")
    a = ap.parse_args(argv)
    res: dict = {"benchmark": "incremental", "targets": {"unchanged_over_full": "<= 0.05"}}
    for t in a.times:
        res[f"x{t}"] = bench_size(t, a.runs, not a.no_stock)
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
