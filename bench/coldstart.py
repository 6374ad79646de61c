"""Benchmark: cold start, process start -> first answered query (jieba dictionary load included),
for `searchapp search --json` and for `searchapp serve` (first /search answered), beside a stock
process (ChineseAnalyzer index, one query). Medians of --runs; see bench/server.py.

    python -m bench.coldstart [--runs 3]
"""
from __future__ import annotations

import sys

from bench.common import emit, parser
from bench.server import bench_coldstart


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "coldstart.json")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    res = {"benchmark": "coldstart", "targets": {"first_answer_s": "<= 2"}, **bench_coldstart(a.runs)}
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
