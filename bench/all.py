"""Run every benchmark and print one JSON object (also bench/out/all.json).

Each benchmark runs as its own process (`python -m bench.<name> ...`); its JSON (the last stdout
line) goes under its name, or {"error": ...} if it failed or is missing. Order: tokenizer
(equality + speed), segmentation and relevance (correctness numbers — run twice, with the fast
tokenizer and with $SEARCHAPP_TOKENIZER=jieba, and compared: an optimisation must not change
them), build, incremental, query, bulk, server (load + cold start), html_extraction, lineage
(precision/recall of the original in reprint lineage), pdf_reading.

    python -m bench.all            # full: x1 and x10 (31k) builds and queries (~1 h on 2 busy cores)
    python -m bench.all --quick    # x1 only, single runs (~10 min)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import OUT, ROOT

BENCH = Path(__file__).resolve().parent


def run(name: str, args: list[str], env: dict | None = None, timeout: float = 7200) -> dict:
    if not (BENCH / f"{name}.py").exists():
        return {"error": "missing"}
    t0 = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, "-m", f"bench.{name}", *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=timeout,
                           env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})})
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout} s"}
    out: dict = {}
    try:  # a script may print one pretty-printed object...
        whole = json.loads(r.stdout)
        out = whole if isinstance(whole, dict) else {"result": whole}
    except ValueError:  # ...or progress lines and a JSON object last
        for ln in reversed(r.stdout.strip().splitlines()):
            if ln.startswith("{"):
                try:
                    out = json.loads(ln)
                    break
                except ValueError:
                    continue
    if not out:
        return {"error": f"exit {r.returncode}: {r.stderr.strip()[-600:]}"}
    if r.returncode:
        out["exit_code"] = r.returncode
    out["bench_wall_s"] = round(time.perf_counter() - t0, 1)
    return out


def _strip(d: object) -> object:
    """Numbers of a result with timings removed (for the before/after-optimisation comparison)."""
    if isinstance(d, dict):
        return {k: _strip(v) for k, v in d.items()
                if not (k.endswith(("_s", "_ms", "_ms_mean", "path", "out")) or
                        any(x in k for x in ("seconds", "wall", "took", "time", "started")))}
    if isinstance(d, list):
        return [_strip(x) for x in d]
    return d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="*", default=None, help="run only these benchmarks")
    a = ap.parse_args(argv)
    q = a.quick
    plan: list[tuple[str, str, list[str], dict | None]] = [
        ("tokenizer", "tokenizer", [], None),
        ("segmentation", "segmentation", [], None),
        ("segmentation_jieba", "segmentation", [], {"SEARCHAPP_TOKENIZER": "jieba"}),
        ("relevance", "relevance", [], None),
        ("relevance_jieba", "relevance", ["--out", str(OUT / "relevance-jieba")],
         {"SEARCHAPP_TOKENIZER": "jieba"}),
        ("relevance_pfr", "relevance_pfr", [], None),
        ("build", "build", ["--times", "1"] + (["--runs", "1"] if q else []) +
         ([] if q else ["10", "--runs-big", "1"]), None),
        ("incremental", "incremental", ["--runs", "1" if q else "3"], None),
        ("query", "query", ["--times", "1"] + ([] if q else ["10"]) + (["--rounds", "1"] if q else []), None),
        ("bulk", "bulk", ["--n", "1000" if q else "10000"] + (["--naive-n", "200", "--runs", "1"] if q else []), None),
        ("server", "server", ["--seconds", "5" if q else "20", "--runs", "1" if q else "3"], None),
        ("html_extraction", "html_extraction", [], None),
        ("lineage", "lineage", [], None),
        ("pdf_reading", "pdf_reading", ["--seeds", "2" if q else "6"], None),
    ]
    res: dict = {"quick": q, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "machine": {"cpus": os.cpu_count(), "load_avg_at_start": os.getloadavg()}}
    for key, name, args, env in plan:
        if a.only and key not in a.only and name not in a.only:
            continue
        res[key] = run(name, args, env)
        print(f"[bench.all] {key}: done", file=sys.stderr)
    for k in ("segmentation", "relevance"):
        if k in res and f"{k}_jieba" in res:
            res[f"{k}_same_with_reference_tokenizer"] = _strip(res[k]) == _strip(res[f"{k}_jieba"])
    res["load_avg_at_end"] = os.getloadavg()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "all.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
