"""Benchmark: bulk lookups through the CLI and POST /api/bulk, beside a naive loop, same run.

Corpus: the People's Daily January 1998 articles (`bench/pfr.py`, 3,148 real articles) plus the
bundled magazine issue (`corpus/`), indexed once into a temporary folder.
Queries (default 10,000, fixed seed): half real headlines (whole, or their first 4..20
characters), half real names: person names (consecutive `/nr` tokens joined, e.g. surname +
given name), organisations (`/nt`) and places (`/ns`) from the PFR annotation, plus the bundled
issue's sources/authors/speakers. Plain-text lines, one query per line.

Modes, each over the same queries, same index:
  naive       in this process: for each query open_index + search + close (a searcher per query)
  cli_jobs1   `python -m searchapp bulk` (index opened once; start-up included in queries/s)
  cli_jobs2   the same with `--jobs 2` (a 2-process pool, order kept)
  cli_jobs2_distinct  the same over the distinct queries only, each once: what bulk gives without
              its answers to repeated lines (compare its queries/s with the naive loop's)
  http        `searchapp serve` (waitress) + one POST /api/bulk with all queries as NDJSON
Per-query latency: naive = wall time of open+search+close; CLI/HTTP = the record's `took_ms`
(search of that query in the batch). queries/s = queries / wall time of the whole mode. Each
mode runs `--runs` times (default 3, modes interleaved); reported: the run with the median
queries/s, with every run's queries/s beside it; ratios are of those medians.

    python -m bench.bulk [--n 10000] [--naive-n N] [--limit 10] [--out bench/out/bulk.json]
                         [--index bench/out/bulk-index]
                         [--modes naive,cli_jobs1,cli_jobs2,cli_jobs2_distinct,http]
                         [--runs 3]

Prints one JSON object (also written to --out).
"""
from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(ROOT))

from bench import pfr  # noqa: E402

_TOK = re.compile(r"^\[?(.+?)/([a-zA-Z]+)\]?[a-z]*$")


def _persons(run: list[str]) -> list[str]:
    """A run of consecutive `nr` tokens → person names: PFR tags surname and given name as two
    `nr` tokens (江/nr 泽民/nr), so a short token joins the next when the pair is ≤ 4 chars."""
    out, i = [], 0
    while i < len(run):
        if i + 1 < len(run) and len(run[i]) <= 2 and len(run[i]) + len(run[i + 1]) <= 4:
            out.append(run[i] + run[i + 1])
            i += 2
        else:
            out.append(run[i])
            i += 1
    return out


def pfr_names(src: Path = pfr.DEFAULT_SRC) -> list[str]:
    """Distinct person (`nr` runs, see _persons), organisation (`nt`) and place (`ns`) names, ≥ 2 chars."""
    names: dict[str, None] = {}
    with lzma.open(src) as f:
        text = f.read().decode("gbk")
    for line in text.splitlines():
        run: list[str] = []
        for tok in line.split()[1:]:
            m = _TOK.match(tok)
            if not m:
                continue
            word, tag = m.groups()
            if tag == "nr":
                run.append(word)
                continue
            if run:
                names.update(dict.fromkeys(_persons(run)))
                run = []
            if tag in ("nt", "ns"):
                names.setdefault(word)
        if run:
            names.update(dict.fromkeys(_persons(run)))
    return [n for n in names if len(n) >= 2]


def make_queries(n: int, titles: list[str], names: list[str], seed: int = 7) -> list[str]:
    """`n` queries: half headlines (whole or a 4..20-char prefix), half names; fixed seed."""
    rng = random.Random(seed)
    out = []
    titles = [t for t in titles if t.strip()]
    for i in range(n):
        if i % 2 == 0:
            t = rng.choice(titles)
            out.append(t if rng.random() < 0.5 else t[: rng.randint(4, 20)])
        else:
            out.append(rng.choice(names))
    return [" ".join(q.split()) for q in out]


def pct(values: list[float], p: float) -> float:
    """p-th percentile (nearest rank) of values, in their unit."""
    v = sorted(values)
    return v[min(len(v) - 1, max(0, round(p / 100 * len(v) + 0.5) - 1))] if v else float("nan")


def summary(latencies: list[float], wall: float, n: int, failures: int) -> dict:
    return {"queries": n, "wall_s": round(wall, 2), "queries_per_s": round(n / wall, 1),
            "p50_ms": round(statistics.median(latencies), 2), "p95_ms": round(pct(latencies, 95), 2),
            "failures": failures}


def run_naive(index_dir: Path, queries: list[str], limit: int) -> dict:
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    lat, fails = [], 0
    t0 = time.perf_counter()
    for q in queries:
        t = time.perf_counter()
        try:
            h = open_index(index_dir)
            search(h, SearchRequest(q=q, size=limit, snippets=False, facets=False))
            if hasattr(h, "close"):
                h.close()
        except Exception:  # noqa: BLE001 - counted, as bulk counts error records
            fails += 1
        lat.append((time.perf_counter() - t) * 1000)
    return summary(lat, time.perf_counter() - t0, len(queries), fails)


def _records_summary(lines: list[str], wall: float) -> dict:
    recs = [json.loads(x) for x in lines if x.strip()]
    lat = [r["took_ms"] for r in recs if "took_ms" in r]
    return summary(lat, wall, len(recs), sum("error" in r for r in recs))


def run_cli(index_dir: Path, qfile: Path, limit: int, jobs: int, env: dict) -> dict:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "searchapp", "bulk", str(qfile), "--index", str(index_dir),
                        "--limit", str(limit), "--jobs", str(jobs)],
                       capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - t0
    out = _records_summary(p.stdout.splitlines(), wall)
    out["cli_summary"] = p.stderr.strip().splitlines()[-1]
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_http(index_dir: Path, queries: list[str], limit: int, env: dict) -> dict:
    port = _free_port()
    srv = subprocess.Popen([sys.executable, "-m", "searchapp", "serve", "--index", str(index_dir),
                            "--port", str(port), "--threads", "4"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/api/search?q=warmup", timeout=30).read()
                break
            except OSError:
                time.sleep(0.1)
        body = ("\n".join(queries) + "\n").encode("utf-8")
        req = urllib.request.Request(f"{base}/api/bulk?limit={limit}", data=body,
                                     headers={"Content-Type": "application/x-ndjson"})
        t0 = time.perf_counter()
        first = None
        lines = []
        with urllib.request.urlopen(req, timeout=3600) as r:
            for line in r:
                if first is None:
                    first = time.perf_counter() - t0
                lines.append(line.decode("utf-8"))
        out = _records_summary(lines, time.perf_counter() - t0)
        out["first_record_ms"] = round((first or 0) * 1000, 1)
        return out
    finally:
        srv.terminate()
        srv.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="queries (default 10,000)")
    ap.add_argument("--naive-n", type=int, default=None, help="queries for the naive loop (default --n)")
    ap.add_argument("--limit", type=int, default=10, help="hits per query")
    ap.add_argument("--out", type=Path, default=OUT / "bulk.json")
    ap.add_argument("--modes", default="naive,cli_jobs1,cli_jobs2,cli_jobs2_distinct,http")
    ap.add_argument("--runs", type=int, default=3, help="runs of every mode; the median is reported")
    ap.add_argument("--index", type=Path, default=None,
                    help="keep the index here and reuse it (e.g. bench/out/bulk-index); default a temp folder")
    a = ap.parse_args(argv)

    from searchapp.index import build
    from searchapp.ingest import read_file

    env = {k: v for k, v in os.environ.items() if k != "SEARCHAPP_INDEX"}
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        tmp = Path(tmp)
        arts = pfr.articles()
        pfr_file = (a.index.parent if a.index else tmp) / "pfr-199801.jsonl"
        pfr.write_jsonl(pfr_file, arts)
        bundled = [a_ for f in sorted((ROOT / "corpus").glob("*.txt")) for a_ in read_file(f).articles]
        index_dir = a.index or tmp / "index"
        t0 = time.perf_counter()
        report = build([pfr_file, ROOT / "corpus"], index_dir).to_dict()  # incremental if reused
        build_s = time.perf_counter() - t0

        titles = [x["title"] for x in arts] + [x.title for x in bundled]
        names = pfr_names() + sorted({v for x in bundled for v in (x.source, x.author, x.speaker) if v})
        queries = make_queries(a.n, titles, names)
        qfile = tmp / "queries.txt"
        qfile.write_text("\n".join(queries) + "\n", encoding="utf-8")
        dfile = tmp / "distinct.txt"  # each query once: bulk's answers to repeats left out
        dfile.write_text("\n".join(dict.fromkeys(queries)) + "\n", encoding="utf-8")

        result = {"bench": "bulk", "machine_cpus": os.cpu_count(), "limit": a.limit,
                  "corpus": {"articles": report.get("articles"), "index_build_s": round(build_s, 1),
                             "sources": ["pfr-199801 (bench/pfr.py)", "corpus/ (bundled issue)"]},
                  "queries": {"n": len(queries), "headlines_and_prefixes": (len(queries) + 1) // 2,
                              "names": len(queries) // 2, "distinct": len(set(queries))},
                  "modes": {}}
        modes = a.modes.split(",")
        runs: dict[str, list[dict]] = {m: [] for m in modes}
        for k in range(a.runs):  # modes interleaved run by run, so drift hits all alike
            for mode in modes:
                print(f"bench.bulk: run {k + 1}/{a.runs} {mode} ...", file=sys.stderr, flush=True)
                if mode == "naive":
                    r = run_naive(index_dir, queries[: a.naive_n or a.n], a.limit)
                elif mode.startswith("cli_jobs"):
                    jobs, _, distinct = mode[len("cli_jobs"):].partition("_")
                    r = run_cli(index_dir, dfile if distinct else qfile, a.limit, int(jobs), env)
                elif mode == "http":
                    r = run_http(index_dir, queries, a.limit, env)
                else:
                    raise SystemExit(f"unknown mode {mode}")
                runs[mode].append(r)
        for mode, rs in runs.items():  # the run with the median queries/s, and every run's
            med = sorted(rs, key=lambda r: r["queries_per_s"])[len(rs) // 2]
            result["modes"][mode] = dict(med, runs_queries_per_s=[r["queries_per_s"] for r in rs])
        result["runs"] = a.runs
        m = result["modes"]
        ratios = {}
        for mode in m:
            if mode != "naive" and "naive" in m:
                ratios[f"{mode}_vs_naive_qps"] = round(m[mode]["queries_per_s"] / m["naive"]["queries_per_s"], 2)
        if "cli_jobs1" in m and "cli_jobs2" in m:
            ratios["cli_jobs2_vs_jobs1_qps"] = round(m["cli_jobs2"]["queries_per_s"] / m["cli_jobs1"]["queries_per_s"], 2)
        result["ratios"] = ratios
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
