"""Benchmark: where a full build's memory goes, and whether its peak grows with the corpus
(issue 19, "build memory bounded"). Prints JSON.

Each build runs in a fresh child process (`searchapp.index.build`, rebuild into an empty
folder) over the People's Daily corpus repeated ×N (bench/pfr.py; one JSONL file, or parts
of --split-mb MB). While it runs, this process samples every process of the child's tree
(the building process and its forked writers) every --every seconds from /proc: RSS, and its
anonymous part (RssAnon: the process's own memory; the rest is file pages, e.g. memory-mapped
files, which the kernel can drop) — each sample tagged with the build's phase (the first words
of its last progress message: reading, marking, hashing, indexing, committing, writing arrays,
switched). Reported per build: the peak of the tree's summed RSS (forked writers share the
parent's pages copy-on-write, which the sum counts twice: an upper bound) and of its summed
RssAnon, the same per phase, each process's own peak, the processes at the moment of the peak,
getrusage's ru_maxrss (self + largest child), wall and CPU seconds (user + system, children
included), the load average, and the memory budget in force (`SEARCHAPP_BUILD_MEMORY_MB`, as
the build resolves it; null for code without a budget).

    python -m bench.buildmem [--sizes 1 10] [--memory-mb N] [--runs 1]
                             [--ref DIR]   # also build with the code of another checkout
                                           # (e.g. a worktree of main), interleaved, same corpus

With --ref, each run builds with this checkout then with DIR's code (PYTHONPATH=DIR), so the
ratio of wall and CPU seconds compares the two in the same session.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import OUT, ROOT, emit, load_avg, median, parser, proc_kb, progress, ratio
from bench.scale import corpus_files

WORK = OUT / "buildmem"


def _proc_mem(pid: int) -> tuple[int, int, int] | None:
    """(VmRSS, RssAnon, Pss) of `pid` in bytes, None when it is gone. Pss (proportional set
    size) counts a page shared by k processes as 1/k in each: summed over the tree, the
    memory in use at once without the double count of forked writers' shared pages."""
    st = proc_kb(pid, ("VmRSS", "RssAnon"))
    sm = proc_kb(pid, ("Pss",), "smaps_rollup")
    if st is None or sm is None:
        return None
    return st["VmRSS"] * 1024, st["RssAnon"] * 1024, sm["Pss"] * 1024


def _children(pid: int) -> list[int]:
    out = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            out = [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out + [g for c in out for g in _children(c)]


class Sampler:
    """Samples the process tree of `pid` every `every` seconds in a thread; the phase is read
    from `phase_file` (written by the child)."""

    def __init__(self, pid: int, phase_file: Path, every: float):
        self.pid, self.phase_file, self.every = pid, phase_file, every
        self.samples: list[tuple[float, str, list[tuple[int, int, int]]]] = []
        self._stop = threading.Event()
        self._t0 = time.perf_counter()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _phase(self) -> str:
        try:
            msg = self.phase_file.read_text(encoding="utf-8")
        except OSError:
            return "start"
        words = msg.split()
        if not words:
            return "start"
        w = words[0]
        if w == "indexed":
            return "indexing"
        if w == "writing" and len(words) > 1:
            return f"writing {words[1]}"
        return w

    def _run(self) -> None:
        while not self._stop.is_set():
            procs = []
            for p in [self.pid] + _children(self.pid):
                m = _proc_mem(p)
                if m is not None:
                    procs.append((p, *m))
            if procs:
                self.samples.append((round(time.perf_counter() - self._t0, 2), self._phase(), procs))
            self._stop.wait(self.every)

    def stop(self) -> dict:
        self._stop.set()
        self._t.join(timeout=5)
        return summarise(self.samples)


def summarise(samples: list) -> dict:
    """Peaks of the sampled tree: overall, per phase, per process, and the tree at the peak."""
    mb = lambda b: round(b / 2**20, 1)  # noqa: E731
    by_phase: dict[str, dict] = {}
    per_proc: dict[int, int] = {}
    best = None
    for t, phase, procs in samples:
        rss, anon = sum(p[1] for p in procs), sum(p[2] for p in procs)
        pss = sum(p[3] for p in procs)
        ph = by_phase.setdefault(phase, {"from_s": t, "to_s": t, "peak_tree_rss_mb": 0,
                                         "peak_tree_anon_mb": 0, "peak_tree_pss_mb": 0,
                                         "max_processes": 0})
        ph["to_s"] = t
        ph["peak_tree_rss_mb"] = max(ph["peak_tree_rss_mb"], mb(rss))
        ph["peak_tree_anon_mb"] = max(ph["peak_tree_anon_mb"], mb(anon))
        ph["peak_tree_pss_mb"] = max(ph["peak_tree_pss_mb"], mb(pss))
        ph["max_processes"] = max(ph["max_processes"], len(procs))
        for pid, r, _, _ in procs:
            per_proc[pid] = max(per_proc.get(pid, 0), r)
        if best is None or rss > best[0]:
            best = (rss, anon, t, phase, procs)
    out = {"samples": len(samples), "by_phase": by_phase,
           "per_process_peak_mb": sorted((mb(v) for v in per_proc.values()), reverse=True)}
    if best:
        out.update(peak_tree_rss_mb=mb(best[0]), peak_tree_anon_mb=mb(best[1]), peak_at_s=best[2],
                   peak_phase=best[3],
                   at_peak=[{"rss_mb": mb(r), "anon_mb": mb(a), "pss_mb": mb(q)}
                            for _, r, a, q in best[4]])
        out["peak_tree_anon_max_mb"] = max(p["peak_tree_anon_mb"] for p in by_phase.values())
        out["peak_tree_pss_mb"] = max(p["peak_tree_pss_mb"] for p in by_phase.values())
    return out


def run_build(files: list[Path], code: Path, memory_mb: int | None, every: float) -> dict:
    """One full build in a child process with the code of checkout `code`, sampled."""
    WORK.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="build-", dir=WORK))
    phase = tmp / "phase"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONPATH": str(code)}
    env.pop("SEARCHAPP_INDEX", None)
    if memory_mb is not None:
        env["SEARCHAPP_BUILD_MEMORY_MB"] = str(memory_mb)
    args = {"paths": [str(f) for f in files], "index_dir": str(tmp / "ix"), "phase": str(phase)}
    before = load_avg()
    t0 = time.perf_counter()
    # run as a script from `code`: `searchapp` (and `bench.common`) come from that checkout
    p = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(args)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=code, env=env)
    s = Sampler(p.pid, phase, every)
    try:
        stdout, stderr = p.communicate(timeout=6 * 3600)
    finally:
        mem = s.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if p.returncode != 0:
        raise RuntimeError(f"build failed: {stderr[-2000:]}")
    out = json.loads(stdout.strip().splitlines()[-1])
    out.update(wall_s=round(time.perf_counter() - t0, 2), load_before=before, load_after=load_avg(),
               code=str(code), **mem)
    return out


def _child(args: dict) -> int:
    """In the child: the build, its phases written to args["phase"]; prints one JSON line."""
    phase = Path(args["phase"])

    def say(done, total, message):
        tmp = phase.with_suffix(".tmp")
        tmp.write_text(message, encoding="utf-8")
        os.replace(tmp, phase)

    import searchapp
    from searchapp import engine
    from searchapp.index import build
    t0 = time.perf_counter()
    rep = build([Path(p) for p in args["paths"]], args["index_dir"], rebuild=True, progress=say)
    secs = time.perf_counter() - t0
    budget = None  # code without a memory budget
    if hasattr(engine, "build_budget"):
        budget = engine.build_budget(None, engine.workers_for(rep.articles)).to_dict()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"articles": rep.articles, "build_s": round(secs, 2),
                      "cpu_s": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 2),
                      "ru_maxrss_self_mb": round(me.ru_maxrss / 1024, 1),
                      "ru_maxrss_children_mb": round(kids.ru_maxrss / 1024, 1),
                      "budget": budget, "searchapp_from": str(Path(searchapp.__file__).parent),
                      "problems": len(rep.problems)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(json.loads(argv[1]))
    ap = parser(__doc__, "buildmem.json")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--memory-mb", type=int, default=None,
                    help="SEARCHAPP_BUILD_MEMORY_MB for the builds (default: the code's default)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--ref", type=Path, default=None, help="another checkout to build with too")
    ap.add_argument("--every", type=float, default=0.2, help="sampling interval, s")
    ap.add_argument("--split-mb", type=float, default=0.0)
    a = ap.parse_args(argv)
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                         cwd=ROOT).stdout.strip()
    res: dict = {"benchmark": "buildmem", "commit": git, "cpus": os.cpu_count(),
                 "started": time.strftime("%Y-%m-%d %H:%M:%S"), "load_at_start": load_avg(),
                 "memory_mb_given": a.memory_mb}
    if a.ref:
        res["ref"] = str(a.ref.resolve())
        res["ref_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                                           capture_output=True, text=True, cwd=a.ref).stdout.strip()
    codes = [("this", ROOT)] + ([("ref", a.ref.resolve())] if a.ref else [])
    for t in a.sizes:
        files, st = corpus_files(t, a.split_mb, None)
        runs: dict[str, list] = {k: [] for k, _ in codes}
        for i in range(a.runs):
            for k, code in (codes if i % 2 == 0 else codes[::-1]):
                r = run_build(files, code, a.memory_mb, a.every)
                runs[k].append(r)
                progress(f"x{t}.{k}.{i}", {x: r.get(x) for x in (
                    "articles", "wall_s", "cpu_s", "peak_tree_rss_mb", "peak_tree_anon_mb",
                    "peak_tree_pss_mb", "peak_phase", "load_before")})
        size: dict = {"articles": st["articles"], "corpus": st}
        for k, rs in runs.items():
            size[k] = {"runs": rs, "wall_s_median": median([r["wall_s"] for r in rs]),
                       "cpu_s_median": median([r["cpu_s"] for r in rs]),
                       "peak_tree_rss_mb_max": max(r["peak_tree_rss_mb"] for r in rs),
                       "peak_tree_anon_mb_max": max(r["peak_tree_anon_mb"] for r in rs),
                       "peak_tree_pss_mb_max": max(r["peak_tree_pss_mb"] for r in rs),
                       "budget": rs[0].get("budget")}
        if a.ref:
            size["ratio_wall"] = ratio(size["this"]["wall_s_median"], size["ref"]["wall_s_median"])
            size["ratio_cpu"] = ratio(size["this"]["cpu_s_median"], size["ref"]["cpu_s_median"])
        res[f"x{t}"] = size
    res["load_at_end"] = load_avg()
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
