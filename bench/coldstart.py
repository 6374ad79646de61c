"""Benchmark: cold start, process start -> first answered query (jieba dictionary load included),
for `searchapp search --json` and for `searchapp serve` (first /search answered), beside a stock
process (ChineseAnalyzer index, one query). Medians of --runs; see bench/server.py.

    python -m bench.coldstart [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.common import OUT
from bench.server import bench_coldstart


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=OUT / "coldstart.json")
    a = ap.parse_args(argv)
    res = {"benchmark": "coldstart", "targets": {"first_answer_s": "<= 2"}, **bench_coldstart(a.runs)}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
