"""Ranking benchmark on a newspaper month: searchapp beside four lexical baselines, same run.

    .venv/bin/python -m bench.relevance_pfr [--set dev|own|all] [--per-query] [--out FILE]

Articles: the 3,148 People's Daily articles of January 1998 as JSONL (`bench.pfr`: `id`,
`title`, `body`, `date`, `page` = N, `column` = `第N版`, `source`), the form the held-back
scoring indexes. searchapp indexes them with `searchapp index` into `bench/out/ix-relevance-pfr`
(incremental: unchanged input and code is a no-op, changed code rebuilds) and answers every
query with `searchapp bulk --format jsonl` (input lines `{"id": qid, "q": query, "limit": 100}`),
exactly as a script would. The CLI is called as a program so this benchmark does not depend on
searchapp's module layout.

Baselines (`bench.baselines`, same articles, same queries): stock Whoosh AND and OR (jieba
`ChineseAnalyzer`), BM25 on jieba tokens, character-bigram BM25.

Query sets (each scored by `../shared/eval/pfr_dev/score_pfr.py`):
  dev   ../shared/eval/pfr_dev/ (16 judged queries, 4 per group A-D)
  own   bench/eval_pfr_own/ (queries of the same four kinds written and judged by the ranking
        engineer over the same month, never from ../shared/eval; see its README.md)

Prints one JSON object (also written to --out, default bench/out/relevance_pfr.json):
  {"<set>": {"systems": {name: {"overall": {...}, "groups": {"A": {...}, ...}, "no_answer": ..}},
             "best_baseline": {group: {"name", "nDCG@10"}},
             "searchapp_vs_best": {group: nDCG@10 difference}, "per_query": ... (--per-query)},
   "index_seconds": ..., "bulk_seconds": {set: ...}, "articles": 3148}
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import baselines, pfr

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SETS = {
    "dev": SHARED_EVAL / "pfr_dev",
    "own": Path(__file__).resolve().parent / "eval_pfr_own",
}
SCORER = SHARED_EVAL / "pfr_dev" / "score_pfr.py"
INDEX = ROOT / "bench" / "out" / "ix-relevance-pfr"
GROUPS = ("A", "B", "C", "D")
METRICS = ("nDCG@10", "recall@10", "recall@100", "MRR@10", "judged@10")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def set_files(folder: Path) -> dict[str, Path]:
    """queries/qrels/pooled files of a query set folder (shared dev names or own names)."""
    def pick(*names: str) -> Path:
        for n in names:
            if (folder / n).exists():
                return folder / n
        raise FileNotFoundError(f"{folder}: none of {names}")
    return {"queries": pick("queries_dev.jsonl", "queries.jsonl"),
            "qrels": pick("qrels_dev.txt", "qrels.txt"),
            "pooled": pick("pooled_dev.txt", "pooled.txt")}


def searchapp_bin() -> str:
    """The `searchapp` program of the running interpreter's environment."""
    exe = Path(sys.executable).parent / "searchapp"
    return str(exe) if exe.exists() else shutil.which("searchapp") or "searchapp"


def build_index(jsonl: Path, index_dir: Path) -> float:
    """`searchapp index JSONL --index DIR`; returns wall seconds. Raises CalledProcessError."""
    t0 = time.perf_counter()
    subprocess.run([searchapp_bin(), "index", str(jsonl), "--index", str(index_dir)],
                   check=True, capture_output=True, text=True)
    return time.perf_counter() - t0


def run_bulk(index_dir: Path, queries: list[dict], tmp: Path, limit: int = 100) -> tuple[list[dict], float]:
    """Every query through `searchapp bulk --format jsonl`; returns (records, wall seconds)."""
    inp, outp = tmp / "bulk_in.jsonl", tmp / "bulk_out.jsonl"
    inp.write_text("".join(json.dumps({"id": q["qid"], "q": q["query"], "limit": limit},
                                      ensure_ascii=False) + "\n" for q in queries), "utf-8")
    t0 = time.perf_counter()
    subprocess.run([searchapp_bin(), "bulk", str(inp), "--index", str(index_dir), "--format",
                    "jsonl", "--jobs", "1", "--limit", str(limit), "-o", str(outp)],
                   check=True, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    return load_jsonl(outp), secs


def score(results: list[dict], files: dict[str, Path], tmp: Path, name: str) -> dict:
    """score_pfr.py --per-query over `results` ({"id", "hits"} records)."""
    rp = tmp / f"RESULTS_{name}.jsonl"
    rp.write_text("".join(json.dumps({"id": r["id"], "hits": r.get("hits") or []},
                                     ensure_ascii=False) + "\n" for r in results), "utf-8")
    cmd = [sys.executable, str(SCORER), "--qrels", str(files["qrels"]), "--queries",
           str(files["queries"]), "--results", str(rp), "--pooled", str(files["pooled"]),
           "--per-query"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def _summary(rep: dict) -> dict:
    out = {"overall": {k: rep["overall"].get(k) for k in METRICS + ("n_queries",)},
           "groups": {g: {k: v.get(k) for k in METRICS} for g, v in rep["groups"].items()}}
    if rep.get("no_answer"):
        out["no_answer"] = rep["no_answer"]
    return out


def evaluate(set_name: str, articles: list[dict], index_dir: Path, tmp: Path,
             per_query: bool = False) -> tuple[dict, float]:
    """Score searchapp and the baselines on one query set; returns (report, bulk seconds)."""
    files = set_files(SETS[set_name])
    queries = load_jsonl(files["queries"])
    ours, bulk_s = run_bulk(index_dir, queries, tmp)
    runs = {"searchapp": ours, **baselines.run_all(articles, queries, tmp / "baselines")}
    reps = {name: score(res, files, tmp, f"{set_name}_{name}") for name, res in runs.items()}
    systems = {name: _summary(r) for name, r in reps.items()}
    groups = sorted(reps["searchapp"]["groups"]) + ["overall"]

    def ndcg(name: str, g: str) -> float:
        r = reps[name]
        return (r["overall"] if g == "overall" else r["groups"].get(g, {})).get("nDCG@10", 0.0)

    best = {}
    for g in groups:
        name = max(baselines.NAMES, key=lambda n: ndcg(n, g))
        best[g] = {"name": name, "nDCG@10": ndcg(name, g)}
    out = {"systems": systems, "best_baseline": best,
           "searchapp_vs_best": {g: round(ndcg("searchapp", g) - best[g]["nDCG@10"], 4)
                                 for g in groups}}
    if per_query:
        out["per_query"] = {
            qid: {"query": v["query"], "group": v["group"],
                  **{name: reps[name]["per_query"][qid].get("nDCG@10",
                                                             reps[name]["per_query"][qid].get("hits"))
                     for name in runs}}
            for qid, v in reps["searchapp"]["per_query"].items()}
    return out, bulk_s


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=["dev", "own", "all"], default="all")
    ap.add_argument("--per-query", action="store_true")
    ap.add_argument("--index", type=Path, default=INDEX)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "relevance_pfr.json")
    a = ap.parse_args(argv)
    names = ["dev", "own"] if a.set == "all" else [a.set]
    names = [n for n in names if SETS[n].exists()]
    jsonl, _ = pfr.make_corpus(1)
    articles = load_jsonl(jsonl)
    report: dict = {"articles": len(articles)}
    report["index_seconds"] = round(build_index(jsonl, a.index), 2)
    report["bulk_seconds"] = {}
    with tempfile.TemporaryDirectory(prefix="relevance_pfr_") as t:
        for n in names:
            tmp = Path(t) / n
            tmp.mkdir()
            report[n], secs = evaluate(n, articles, a.index, tmp, a.per_query)
            report["bulk_seconds"][n] = round(secs, 2)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    print(json.dumps(report, ensure_ascii=False))
    return report


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
