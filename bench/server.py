"""Benchmark: `searchapp serve` (default settings: waitress, 8 threads) under 20 concurrent
clients on 127.0.0.1, plus cold start (process start -> first answered query).

Server: the PFR ×N index (--times, default 1) from bench/query.py (bench/out/ix-searchapp-xN) on
a free loopback port.
Clients: --clients threads in this process, each with a keep-alive http.client connection,
sending GET /search?q=<real query> (the HTML page: top 10, facets, snippets) and, in a second
phase, /api/search (JSON). Each phase is bounded by --seconds (default 10, max 20) and by
--max-requests; loopback only. Server RSS is sampled every 0.2 s (psutil) and its peak reported.
Note: the clients share the 2 cores with the server, so req/s is a lower bound.

Cold start: median of --runs fresh processes of `python -m searchapp search Q --index DIR
--json` (start -> exit, jieba dictionary load included), and of `searchapp serve` from spawn to
the first answered /search; beside the stock setup (a process that opens the stock index with
ChineseAnalyzer and answers one query).

    python -m bench.server [--clients 20] [--seconds 10] [--runs 3]
"""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from bench.common import ROOT, emit, median, parser, pct, ratio
from bench.query import ensure_indexes

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index_dir: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "searchapp", "serve", "--index", str(index_dir),
           "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})


def wait_answer(port: int, path: str, deadline: float, proc: subprocess.Popen) -> float:
    """Poll until GET path answers 200; returns the time it did. Raises RuntimeError."""
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            c.close()
            if r.status == 200:
                return time.perf_counter()
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("server did not answer in time")


def load(port: int, prefix: str, queries: list[str], clients: int, seconds: float,
         max_requests: int) -> dict:
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    count = [0]

    def worker(k: int) -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = k
        mine = []
        while time.perf_counter() < stop_at:
            with lock:
                if count[0] >= max_requests:
                    break
                count[0] += 1
            q = queries[i % len(queries)]
            i += clients
            t0 = time.perf_counter()
            try:
                c.request("GET", f"{prefix}?q={urllib.parse.quote(q)}")
                r = c.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t0) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        c.close()
        with lock:
            lat.extend(mine)

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - t0
    return {"requests": len(lat), "errors": errors[0], "seconds": round(wall, 2),
            "req_per_s": round(len(lat) / wall, 1), "p50_ms": round(pct(lat, 50), 1),
            "p95_ms": round(pct(lat, 95), 1)}


def bench_server(clients: int, seconds: float, max_requests: int, times: int = 1) -> dict:
    import psutil

    from bench.common import real_queries
    prod, _ = ensure_indexes(times)
    qs = real_queries(200)
    port = free_port()
    proc = start_server(prod, port)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        p = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                peak[0] = max(peak[0], p.memory_info().rss)
            except psutil.Error:
                break
            time.sleep(0.2)

    try:
        wait_answer(port, "/search?q=%E4%B8%AD%E5%9B%BD", time.perf_counter() + 60, proc)
        th = threading.Thread(target=sample, daemon=True)
        th.start()
        out = {"clients": clients, "index_articles": 3148 * times,
               "html_search": load(port, "/search", qs, clients, seconds, max_requests),
               "api_search": load(port, "/api/search", qs, clients, seconds, max_requests)}
        done.set()
        out["server_peak_rss_mb"] = round(peak[0] / 2**20, 1)
        return out
    finally:
        done.set()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


_STOCK_ONE = ("import sys, warnings; warnings.simplefilter('ignore');"
              "import jieba; jieba.setLogLevel(60); from jieba.analyse import ChineseAnalyzer;"
              "from whoosh import index; from whoosh.qparser import MultifieldParser;"
              "ix = index.open_dir(sys.argv[1]); s = ix.searcher();"
              "r = s.search(MultifieldParser(['title', 'body'], ix.schema).parse(sys.argv[2]), limit=10);"
              "print([h['id'] for h in r][:3])")


def _timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "PYTHONWARNINGS": "ignore"}, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed: {r.stderr[-500:]}")
    return time.perf_counter() - t0


def bench_coldstart(runs: int, q: str = "经济 改革") -> dict:
    prod, stock = ensure_indexes(1)
    cli, stk, srv = [], [], []
    for _ in range(runs):
        cli.append(_timed([sys.executable, "-m", "searchapp", "search", q, "--index", str(prod), "--json"]))
        stk.append(_timed([sys.executable, "-c", _STOCK_ONE, str(stock), q]))
        port = free_port()
        t0 = time.perf_counter()
        proc = start_server(prod, port)
        try:
            t1 = wait_answer(port, f"/search?q={urllib.parse.quote(q)}", t0 + 60, proc)
            srv.append(t1 - t0)
        finally:
            proc.terminate()
            proc.wait(10)
    out = {"runs": runs, "cli_search_s": round(median(cli), 3), "stock_one_query_s": round(median(stk), 3),
           "serve_first_answer_s": round(median(srv), 3)}
    out["cli_over_stock"] = ratio(out["cli_search_s"], out["stock_one_query_s"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "server.json")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--max-requests", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--times", type=int, default=1, help="index size: PFR ×N (1 or 10)")
    a = ap.parse_args(argv)
    seconds = min(a.seconds, 20.0)
    res: dict = {"benchmark": "server", "targets": {"cold_start_s": "<= 2", "server_rss_mb": "<= 400"}}
    if not a.skip_load:
        res["load"] = bench_server(a.clients, seconds, a.max_requests, a.times)
    res["coldstart"] = bench_coldstart(a.runs)
    return emit(res, a.out)


if __name__ == "__main__":
    sys.exit(main())
