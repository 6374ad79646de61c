"""Shared helpers of the benchmarks: child-process runs with peak RSS, medians, percentiles,
the stock jieba + Whoosh baseline index, and real query strings from the PFR corpus.

Every measured run happens in a fresh child process (`python -m bench.common <job> <json>`), which
prints one JSON line with its own figures and its peak RSS: getrusage(RUSAGE_SELF) plus
getrusage(RUSAGE_CHILDREN) (the parallel index writers' processes run at the same time as the
parent, so their peaks add up; the sum is an upper bound), in MB.
"""
from __future__ import annotations

import json
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"


def median(xs: list[float]) -> float:
    return round(statistics.median(xs), 4) if xs else float("nan")


def pct(xs: list[float], p: float) -> float:
    """p-th percentile (nearest rank, p in 0..100) of xs."""
    s = sorted(xs)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def peak_rss_mb() -> float:
    """Peak RSS of this process plus the largest peak of its waited-for children, MB (Linux
    ru_maxrss is KB): an upper bound of the memory used at once by a build whose writer
    processes run beside it."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((me + kids) / 1024, 1)


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its waited-for children. On a shared,
    busy machine CPU time is a steadier basis for ratios than wall time."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 3)


def dir_size(p: Path) -> int:
    return sum(f.stat().st_size for f in Path(p).rglob("*") if f.is_file())


def run_child(job: str, args: dict[str, Any], timeout: float = 900) -> dict[str, Any]:
    """Run `job` in a fresh interpreter; returns its JSON result plus `wall_s` (process wall
    time). Raises RuntimeError with the child's stderr tail if it fails."""
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    r = subprocess.run([sys.executable, "-m", "bench.common", job, json.dumps(args)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{job} failed: {r.stderr[-2000:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["wall_s"] = round(wall, 3)
    return out


def load_avg() -> list[float]:
    """The machine's 1, 5 and 15-minute load averages (os.getloadavg), rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def proc_kb(pid: int, names: tuple[str, ...], file: str = "status") -> dict[str, int] | None:
    """The fields `names` (e.g. "VmRSS", "RssAnon"; "Pss" of file="smaps_rollup") of
    /proc/<pid>/<file> in KiB (proc(5)); a field the file lacks is 0. None when the file cannot
    be read (the process ended, or not Linux)."""
    want = {n + ":": n for n in names}
    got = dict.fromkeys(names, 0)
    try:
        with open(f"/proc/{pid}/{file}", "rb") as f:
            for line in f:
                w = line.split()
                if w and (name := want.get(w[0].decode("ascii", "replace"))):
                    got[name] = int(w[1])
    except (OSError, ValueError, IndexError):
        return None
    return got


class TreeRss:
    """Samples the summed RSS of a process and all its descendants every `every` seconds in a
    thread; `.peak_mb` is the largest sum seen. Forked writers share pages with their parent
    (copy-on-write), which this counts twice: an upper bound of the memory in use at once,
    tighter than adding each process's own peak (`peak_rss_mb`), which may come at different
    times.

    `.peak_split_mb` is what made up the peak sum, from /proc/<pid>/status of each process
    (Linux): {"anon": RssAnon, "file": RssFile, "shmem": RssShmem} in MiB. File-backed pages are
    the page cache of memory-mapped files (the index), shared by every process that maps them
    and given back by the kernel under pressure; anonymous pages are the processes' own."""

    def __init__(self, pid: int, every: float = 0.1):
        import threading
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self.peak_split_mb: dict[str, float] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        import psutil
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            total, split = 0, {"anon": 0, "file": 0, "shmem": 0}
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    continue
                parts = proc_kb(p.pid, ("RssAnon", "RssFile", "RssShmem")) or {}
                for k, kb in parts.items():
                    split[k[3:].lower()] += kb
            mb = round(total / 2**20, 1)
            if mb > self.peak_mb:
                self.peak_mb = mb
                self.peak_split_mb = {k: round(kb / 1024, 1) for k, kb in split.items()}
            self._stop.wait(self.every)

    def stop(self) -> float:
        self._stop.set()
        self._t.join(timeout=5)
        return self.peak_mb


def run_child_sampled(job: str, args: dict[str, Any], timeout: float = 3600,
                      env: dict[str, str] | None = None) -> dict[str, Any]:
    """`run_child` with the load average before and after (`load_before`, `load_after`) and
    the sampled peak RSS of the child's whole process tree (`peak_tree_rss_mb`, TreeRss)."""
    before = load_avg()
    t0 = time.perf_counter()
    full_env = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    p = subprocess.Popen([sys.executable, "-m", "bench.common", job, json.dumps(args)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                         env=full_env)
    sampler = TreeRss(p.pid)
    try:
        stdout, stderr = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        sampler.stop()
        raise RuntimeError(f"{job} timed out after {timeout} s")
    peak = sampler.stop()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{job} failed: {stderr[-2000:]}")
    out = json.loads(stdout.strip().splitlines()[-1])
    out.update(wall_s=round(wall, 3), peak_tree_rss_mb=peak, load_before=before,
               load_after=load_avg())
    return out


def parser(doc: str | None, out_name: str):
    """argparse parser of a benchmark script: description = first line of `doc`, and
    `--out` (default bench/out/<out_name>)."""
    import argparse

    ap = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT / out_name)
    return ap


def progress(key: str, value: Any) -> None:
    """One JSON line {key: value} on stderr (partial results of a long benchmark)."""
    print(json.dumps({key: value}, ensure_ascii=False), file=sys.stderr)


def emit(res: dict[str, Any], out: Path) -> int:
    """Write `res` as pretty JSON to `out` (folders created) and print it as one line on
    stdout; returns the exit status 0."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False))
    return 0


# ---------------------------------------------------------------- stock baseline (jieba+Whoosh)

def stock_schema():
    """The stock setup of issue 7: `jieba.analyse.ChineseAnalyzer` on title + body (stored)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        jieba.setLogLevel(60)
        from jieba.analyse import ChineseAnalyzer
    from whoosh import fields
    a = ChineseAnalyzer()
    return fields.Schema(id=fields.ID(stored=True, unique=True),
                         title=fields.TEXT(analyzer=a, stored=True),
                         body=fields.TEXT(analyzer=a, stored=True),
                         source=fields.ID(stored=True), date=fields.ID(stored=True))


def stock_build(jsonl: Path | list[Path], index_dir: Path) -> dict[str, Any]:
    """Build the stock index with one default `writer()` from one JSONL file or a list of
    them (read line by line). Returns {"articles": n}."""
    from whoosh import index as windex
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = windex.create_in(str(index_dir), stock_schema())
    w = ix.writer()
    n = 0
    for path in (jsonl if isinstance(jsonl, list) else [jsonl]):
        with open(path, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                w.add_document(id=a["id"], title=a["title"], body=a["body"],
                               source=a.get("source") or "", date=a.get("date") or "")
                n += 1
    w.commit()
    ix.close()
    return {"articles": n}


# ---------------------------------------------------------------- queries from real text

_NAME = re.compile(r"((?:\S+/nr\s+){1,2}|(?:\[[^\]]+\](?:nt|ns))|(?:\S+/n[st]))")


def real_queries(n: int = 200, seed: int = 1998, limit_articles: int | None = None) -> list[str]:
    """`n` queries of 1-4 words from the PFR corpus (fixed seed): half headline fragments (1-4
    consecutive jieba words of a real title), half names (person /nr, organisation /nt, place /ns
    from the corpus annotation)."""
    import lzma
    from bench.pfr import DEFAULT_SRC, articles
    from searchapp.analysis.tokenizer import words
    rng = random.Random(seed)
    arts = articles(limit=limit_articles)
    titles = [a["title"] for a in arts if 4 <= len(a["title"]) <= 40]
    names: set[str] = set()
    text = lzma.open(DEFAULT_SRC).read().decode("gbk")
    for m in _NAME.finditer(text[: 3_000_000]):
        s = re.sub(r"/[A-Za-z]+|[\[\]]|\s", "", m.group(0))
        s = re.sub(r"(nt|ns)$", "", s)
        if 2 <= len(s) <= 12:
            names.add(s)
    names_l = sorted(names)
    out: list[str] = []
    while len(out) < n:
        if len(out) % 2 == 0:
            toks = [w for w, _, _ in words(rng.choice(titles)) if any("\u4e00" <= c <= "\u9fff" for c in w)]
            if not toks:
                continue
            k = rng.randint(1, min(4, len(toks)))
            i = rng.randrange(len(toks) - k + 1)
            out.append(" ".join(toks[i:i + k]) if rng.random() < 0.5 else "".join(toks[i:i + k]))
        else:
            out.append(rng.choice(names_l))
    return out


# ---------------------------------------------------------------- child jobs

def _inputs(a: dict) -> list[Path]:
    """The job's input files: `paths` (a list) or `jsonl` (one file)."""
    return [Path(p) for p in a["paths"]] if "paths" in a else [Path(a["jsonl"])]


def _job_stock_build(a: dict) -> dict:
    t0 = time.perf_counter()
    r = stock_build(_inputs(a), Path(a["index_dir"]))
    r["seconds"] = round(time.perf_counter() - t0, 3)
    r["index_bytes"] = dir_size(Path(a["index_dir"]))
    return r


def _job_product_build(a: dict) -> dict:
    from searchapp.index import build
    t0 = time.perf_counter()
    rep = build(_inputs(a), a["index_dir"], rebuild=bool(a.get("rebuild", False)))
    secs = time.perf_counter() - t0
    return {"articles": rep.articles, "seconds": round(secs, 3), "problems": len(rep.problems),
            "problem_reasons": sorted({p["reason"][:120] for p in rep.problems})[:5],
            "noop": rep.noop, "full": rep.full, "index_bytes": dir_size(Path(a["index_dir"]))}


def _job_query(a: dict) -> dict:
    from bench.query import job_query
    return job_query(a)


def _job_scale(name: str):
    def job(a: dict) -> dict:
        from bench import scale_jobs
        return getattr(scale_jobs, name)(a)
    return job


JOBS = {"stock_build": _job_stock_build, "product_build": _job_product_build, "query": _job_query,
        **{n: _job_scale(n) for n in ("first_queries", "warm_queries", "profile")}}


def main(argv: list[str]) -> int:
    job, args = argv[0], json.loads(argv[1])
    res = JOBS[job](args)
    res["peak_rss_mb"] = peak_rss_mb()
    res["cpu_s"] = cpu_seconds()
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
