"""Benchmark: searchapp beside stock jieba + Whoosh at archive sizes 3k, 31k, 100k (300k on
demand), same run, printing JSON (issue 19).

Corpus: People's Daily January 1998 (bench/pfr.py), 3,148 real articles, repeated ×N under new
ids (×10 = 31,480, ×32 = 100,736, ×96 = 302,208; the vocabulary does not grow, so posting lists
are longer than a real archive's). Parts, per size, each measured child in a fresh process:

  build     full build, stock and searchapp interleaved; medians of 3 pairs when the first pair
            took under two minutes, else one pair. Wall and CPU seconds (user + system,
            children included), articles/s per wall second and per CPU-second, peak RSS of
            the whole process tree (sampled sum, bench.common.TreeRss) and of each process
            (getrusage peaks added). The last run's indexes are kept for the other parts.
  first     first-time queries: --first-sets fresh processes per engine (interleaved), each
            asking its own --first-per-set real queries once (no cache warmed by an earlier
            query); dictionaries are loaded before the clock starts (cold start has them).
            p50/p95/max over all of them, and the first query of each process on its own.
  warm      one process: a warm-up pass, then --rounds passes over the real queries; medians
            over rounds of p50/p95/p99/max, CPU ms per query; plus the very common words'
            medians (the tail). searchapp: top 10 + facets + snippets; stock: plain top 10.
  coldstart `searchapp serve` spawn → first /search answered and `searchapp search --json`
            process, beside a stock process answering one query; medians of --runs.
  server    `searchapp serve` under --clients keep-alive loopback clients (HTML, then JSON
            API, --seconds each): req/s, p95, peak RSS of the server and what it was made of
            (anonymous pages vs the page cache of the mapped index); median of --runs.
  profile   (with --profile) pyinstrument text profiles: first-time, warm and common-word
            queries, into bench/out/scale/profile-x<N>-<what>.txt.

The machine's load average (os.getloadavg) is recorded before and after every part and every
build run; ratios are searchapp ÷ stock in the same run.

    python -m bench.scale [--sizes 1 10 32] [--parts build,first,warm,coldstart,server]
                          [--profile] [--split-mb 60] [--limit K]
    python -m bench.scale --sizes 96        # 300k, on demand (about an hour and a half)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.common import (OUT, TreeRss, dir_size, emit, load_avg, median, parser, pct, progress,
                          ratio, run_child_sampled)
from bench.pfr import make_corpus

WORK = OUT / "scale"
#: A build pair taking longer than this (s) is run once, not three times.
MEDIAN_MAX_S = 120.0
#: Very common words of news text (the warm tail: tens of thousands of matches at 100k).
COMMON = ["的", "在", "中国", "发展", "经济", "人民", "记者"]
PARTS = ("build", "first", "warm", "coldstart", "server")


def corpus_files(times: int, split_mb: float, limit: int | None) -> tuple[list[Path], dict]:
    """The ×times corpus as JSONL files: one file, or parts of at most `split_mb` MB (0 = one
    file) for a reader that refuses large files. Returns (files, stats)."""
    path, st = make_corpus(times, limit=limit)
    size = path.stat().st_size
    if not split_mb or size <= split_mb * 1e6:
        return [path], {**st, "files": 1, "file_mb": round(size / 1e6, 1)}
    folder = path.with_suffix("").with_name(path.stem + f"-parts{int(split_mb)}")
    files = sorted(folder.glob("part-*.jsonl"))
    if not files:
        folder.mkdir(parents=True, exist_ok=True)
        out, k, written = None, 0, 0
        with open(path, "rb") as f:
            for line in f:
                if out is None or written + len(line) > split_mb * 1e6:
                    if out:
                        out.close()
                    k += 1
                    out = open(folder / f"part-{k:03d}.jsonl", "wb")
                    written = 0
                out.write(line)
                written += len(line)
        if out:
            out.close()
        files = sorted(folder.glob("part-*.jsonl"))
    return files, {**st, "files": len(files), "file_mb": round(size / 1e6, 1),
                   "split_mb": split_mb}


def _build_summary(runs: list[dict], n: int) -> dict:
    secs, cpu = [r["seconds"] for r in runs], [r["cpu_s"] for r in runs]
    return {"runs": len(runs), "seconds_median": median(secs), "seconds_all": secs,
            "cpu_s_median": median(cpu), "cpu_s_all": cpu,
            "articles_per_s": round(n / median(secs), 1),
            "articles_per_cpu_s": round(n / median(cpu), 1),
            "index_mb": round(median([r["index_bytes"] for r in runs]) / 1e6, 1),
            "peak_tree_rss_mb": max(r["peak_tree_rss_mb"] for r in runs),
            "peak_rss_sum_mb": max(r["peak_rss_mb"] for r in runs),
            "problems": max(r.get("problems", 0) for r in runs),
            "problem_reasons": runs[-1].get("problem_reasons", []),
            "load": [[r["load_before"][0], r["load_after"][0]] for r in runs]}


def part_build(times: int, files: list[Path], n: int, runs: int, env: dict,
               kinds: tuple[str, ...] = ("stock", "searchapp")) -> dict:
    stock, prod = [], []
    for i in range(runs):
        for kind, acc, job in (("stock", stock, "stock_build"), ("searchapp", prod, "product_build")):
            if kind not in kinds:
                continue
            d = WORK / f"tmp-{kind}-x{times}"
            shutil.rmtree(d, ignore_errors=True)
            acc.append(run_child_sampled(job, {"paths": [str(f) for f in files],
                                               "index_dir": str(d), "rebuild": True},
                                         timeout=6 * 3600, env=env))
            keep = WORK / f"ix-{kind}-x{times}"
            shutil.rmtree(keep, ignore_errors=True)
            d.rename(keep)
        if i == 0 and max(r["wall_s"] for r in stock + prod) > MEDIAN_MAX_S:
            break
    out = {k: _build_summary(runs_, n) for k, runs_ in (("stock", stock), ("searchapp", prod)) if runs_}
    if len(out) == 2:
        out["ratio_articles_per_s"] = ratio(out["searchapp"]["articles_per_s"],
                                            out["stock"]["articles_per_s"])
        out["ratio_articles_per_cpu_s"] = ratio(out["searchapp"]["articles_per_cpu_s"],
                                                out["stock"]["articles_per_cpu_s"])
    return out


def part_first(times: int, qs: list[str], sets: int, per_set: int, env: dict) -> dict:
    lat: dict[str, list[float]] = {"searchapp": [], "stock": []}
    firsts: dict[str, list[float]] = {"searchapp": [], "stock": []}
    opens: dict[str, list[float]] = {"searchapp": [], "stock": []}
    cpu: dict[str, list[float]] = {"searchapp": [], "stock": []}
    for k in range(sets):
        chunk = qs[k * per_set:(k + 1) * per_set]
        for kind in ("searchapp", "stock"):
            r = run_child_sampled("first_queries", {"kind": kind, "queries": chunk,
                                                    "index": str(WORK / f"ix-{kind}-x{times}")},
                                  env=env)
            lat[kind] += r["lat_ms"]
            firsts[kind].append(r["lat_ms"][0])
            opens[kind].append(r["open_ms"])
            cpu[kind].append(r["cpu_s"])
    out = {}
    for kind in lat:
        xs = lat[kind]
        out[kind] = {"queries": len(xs), "p50_ms": round(pct(xs, 50), 2),
                     "p95_ms": round(pct(xs, 95), 2), "max_ms": round(max(xs), 1),
                     "first_in_process_median_ms": round(median(firsts[kind]), 2),
                     "first_in_process_max_ms": round(max(firsts[kind]), 1),
                     "open_median_ms": round(median(opens[kind]), 2),
                     "process_cpu_s_median": median(cpu[kind])}
    out["ratio_p95"] = ratio(out["searchapp"]["p95_ms"], out["stock"]["p95_ms"])
    return out


def part_warm(times: int, qs: list[str], rounds: int, env: dict) -> dict:
    r = run_child_sampled("warm_queries", {"prod": str(WORK / f"ix-searchapp-x{times}"),
                                           "stock": str(WORK / f"ix-stock-x{times}"),
                                           "queries": qs, "common": COMMON, "rounds": rounds},
                          env=env)
    out = {k: r[k] for k in ("searchapp", "stock_plain")}
    out["process_peak_rss_mb"] = r["peak_tree_rss_mb"]
    out["ratio_p95"] = ratio(out["searchapp"]["p95_ms"], out["stock_plain"]["p95_ms"])
    out["ratio_cpu"] = ratio(out["searchapp"]["cpu_ms_per_query"], out["stock_plain"]["cpu_ms_per_query"])
    return out


def _timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed: {r.stderr[-500:]}")
    return time.perf_counter() - t0


def part_coldstart(times: int, runs: int, env: dict, q: str = "经济 改革") -> dict:
    from bench.server import _STOCK_ONE, free_port, wait_answer
    prod, stock = WORK / f"ix-searchapp-x{times}", WORK / f"ix-stock-x{times}"
    serve, cli, stk = [], [], []
    for _ in range(runs):
        port = free_port()
        t0 = time.perf_counter()
        proc = _serve(prod, port, env)
        try:
            serve.append(wait_answer(port, f"/search?q={urllib.parse.quote(q)}", t0 + 120, proc) - t0)
        finally:
            proc.terminate()
            proc.wait(10)
        cli.append(_timed([sys.executable, "-m", "searchapp", "search", q, "--index", str(prod),
                           "--json"], env))
        stk.append(_timed([sys.executable, "-c", _STOCK_ONE, str(stock), q], env))
    out = {"runs": runs, "serve_first_answer_s": round(median(serve), 3),
           "serve_all_s": [round(x, 3) for x in serve],
           "cli_search_s": round(median(cli), 3), "stock_one_query_s": round(median(stk), 3)}
    out["ratio_cli_over_stock"] = ratio(out["cli_search_s"], out["stock_one_query_s"])
    return out


def _serve(index: Path, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "searchapp", "serve", "--index", str(index),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def part_server(times: int, qs: list[str], clients: int, seconds: float, runs: int,
                env: dict) -> dict:
    from bench.server import free_port, load, wait_answer
    got = []
    for _ in range(runs):
        port = free_port()
        proc = _serve(WORK / f"ix-searchapp-x{times}", port, env)
        try:
            wait_answer(port, "/search?q=%E4%B8%AD%E5%9B%BD", time.perf_counter() + 120, proc)
            rss = TreeRss(proc.pid, every=0.2)
            html = load(port, "/search", qs, clients, seconds, 10**6)
            api = load(port, "/api/search", qs, clients, seconds, 10**6)
            got.append({"html": html, "api": api, "peak_rss_mb": rss.stop(),
                        "peak_split_mb": rss.peak_split_mb})
        finally:
            proc.terminate()
            proc.wait(10)
    med = sorted(got, key=lambda g: g["peak_rss_mb"])[len(got) // 2]
    return {"runs": runs, "clients": clients, "seconds_per_phase": seconds,
            "server_peak_rss_mb": med["peak_rss_mb"],
            "server_peak_rss_all_mb": [g["peak_rss_mb"] for g in got],
            # what the median run's peak was made of: own (anonymous) pages vs the page cache of
            # the memory-mapped index (file-backed, shared by every reader process)
            "server_peak_split_mb": med["peak_split_mb"],
            "html_search": med["html"], "api_search": med["api"]}


def part_profile(times: int, qs: list[str], env: dict) -> dict:
    out = {}
    for what, queries in (("first", qs[:40]), ("warm", qs), ("common", COMMON)):
        path = WORK / f"profile-x{times}-{what}.txt"
        r = run_child_sampled("profile", {"what": what, "queries": queries, "out": str(path),
                                          "index": str(WORK / f"ix-searchapp-x{times}")}, env=env)
        out[what] = {"file": str(path.relative_to(OUT.parent.parent)), "profiled_s": r["profiled_s"]}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "scale.json")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 32],
                    help="corpus repetitions: 1 = 3k, 10 = 31k, 32 = 100k, 96 = 300k")
    ap.add_argument("--parts", default=",".join(PARTS))
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--split-mb", type=float, default=60.0,
                    help="split the corpus into JSONL files of at most this many MB (0: one file)")
    ap.add_argument("--limit", type=int, default=None, help="only the first K real articles (smoke)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--first-sets", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3, help="cold start and server runs")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--searchapp-only", action="store_true",
                    help="build only searchapp (A/B of two versions during development; the "
                         "reported figures always pair it with stock)")
    a = ap.parse_args(argv)
    from bench.common import real_queries

    WORK.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SEARCHAPP_INDEX"}
    env["PYTHONWARNINGS"] = "ignore"
    parts = [p for p in a.parts.split(",") if p]
    qs = real_queries(a.queries, limit_articles=a.limit)
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.strip()
    res: dict = {"benchmark": "scale", "commit": git, "cpus": os.cpu_count(),
                 "started": time.strftime("%Y-%m-%d %H:%M:%S"), "load_at_start": load_avg(),
                 "env": {k: v for k, v in env.items() if k.startswith("SEARCHAPP_")}}
    for t in a.sizes:
        files, st = corpus_files(t, a.split_mb, a.limit)
        size: dict = {"articles": st["articles"], "corpus": st}
        per_set = max(1, len(qs) // a.first_sets)
        for part in parts + (["profile"] if a.profile else []):
            before, t0 = load_avg(), time.perf_counter()
            if part == "build":
                got = part_build(t, files, st["articles"], 3, env,
                                 ("searchapp",) if a.searchapp_only else ("stock", "searchapp"))
            elif part == "first":
                got = part_first(t, qs, a.first_sets, per_set, env)
            elif part == "warm":
                got = part_warm(t, qs, a.rounds, env)
            elif part == "coldstart":
                got = part_coldstart(t, a.runs, env)
            elif part == "server":
                got = part_server(t, qs, a.clients, a.seconds, a.runs, env)
            elif part == "profile":
                got = part_profile(t, qs, env)
            else:
                raise SystemExit(f"unknown part {part}; parts: {', '.join(PARTS)}")
            got.update(part_wall_s=round(time.perf_counter() - t0, 1), load_before=before,
                       load_after=load_avg())
            size[part] = got
            progress(f"x{t}.{part}", got)
        size["index_mb"] = {k: round(dir_size(WORK / f"ix-{k}-x{t}") / 1e6, 1)
                            for k in ("searchapp", "stock") if (WORK / f"ix-{k}-x{t}").exists()}
        res[f"x{t}"] = size
        (WORK / f"partial-x{t}.json").write_text(json.dumps(size, ensure_ascii=False, indent=1))
    res["load_at_end"] = load_avg()
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
