"""Spelling suggestions (`searchapp.search.spelling`): how often a homophone typo gets its word
back, how often a correct query gets a suggestion, and what a zero-hit query pays for them.

    .venv/bin/python -m bench.spelling [--index DIR] [--n 100] [--seed 7] [--queries-out FILE]
    python bench/spelling.py --time FILE --index DIR [--rounds 5]     (any venv: main's too)

Evaluation (default): over the index (default: corpus/ built into bench/out/ix-spelling-corpus),
the `--n` most frequent words of two or more ideographs (document frequency over the stored
titles and bodies, analysed as the index analyses them: `analysis.analyzer.word_tokens`) held
by at least `spelling.RATIO` articles; each is corrupted once: one character, at a position
and by a homophone drawn with a fixed seed among those that make a non-word (the typo is no
indexed term). Each typo is searched as typed (`search.search`): "recovered" when
`query.did_you_mean.q` is the word, "wrong" when it suggests something else, "none" when it
suggests nothing. Correct queries: the same words as typed (frequent: a suggestion there is
always wrong), up to `--n` correct words of 1–2 articles (rare words: a suggestion there
replaces a real word) and up to `--n` common words of jieba's dictionary (frequency ≥ 1000)
that no article holds (0 hits: a suggestion offers another word for a real one; it is only
right when the user meant the other word). Prints one JSON object.

Timing (`--time FILE`): median and mean wall ms and CPU ms per search of the queries in FILE
(one a line) over warm searchers, `--rounds` passes after a warm-up pass, with the load
average beside. Only imports `searchapp.index.open_index`, `searchapp.request.SearchRequest`
and `searchapp.search.search`, so main's venv runs the same file: interleave runs of both
for the added cost (docs/performance.md, "Spelling suggestions").
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_queries(index_dir: str, queries: list[str], rounds: int) -> dict:
    """Per-search wall and CPU ms of `queries` over a warm index (a warm-up pass first)."""
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    h = open_index(index_dir)
    for q in queries:  # warm-up: searchers, caches, pypinyin's table
        search(h, SearchRequest(q=q))
    wall, cpu = [], 0.0
    c0 = time.process_time()
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            search(h, SearchRequest(q=q))
            wall.append((time.perf_counter() - t0) * 1000)
    cpu = (time.process_time() - c0) * 1000 / max(1, len(wall))
    h.close()
    return {"queries": len(queries), "rounds": rounds,
            "median_ms": round(statistics.median(wall), 2),
            "mean_ms": round(statistics.fmean(wall), 2), "cpu_ms": round(cpu, 2),
            "load_avg": [round(x, 2) for x in os.getloadavg()]}


def _corpus_index() -> Path:
    from searchapp.index import build

    out = ROOT / "bench" / "out" / "ix-spelling-corpus"
    if not (out / "CURRENT").exists():
        build([ROOT / "corpus"], out)
    return out


def _doc_freq(h) -> dict[str, int]:
    """{word: articles} over stored titles and bodies, words as the index analyses them."""
    from searchapp import engine
    from searchapp.analysis.analyzer import word_tokens

    df: dict[str, int] = {}
    with h.searcher() as s:
        for a in engine.all_articles(s):
            for w in set(word_tokens(a.title or "")) | set(word_tokens(a.body or "")):
                df[w] = df.get(w, 0) + 1
    return df


def evaluate(index_dir: Path, n: int, seed: int) -> tuple[dict, list[str]]:
    """(the figures of the module docstring, the typo queries made)."""
    from searchapp import engine
    from searchapp.analysis.analyzer import is_ideograph
    from searchapp.analysis.homophones import homophones
    from searchapp.analysis.tokenizer import load_jieba
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search
    from searchapp.search.spelling import RATIO

    rng = random.Random(seed)
    h = open_index(index_dir)
    df = _doc_freq(h)
    words = [w for w in df if len(w) >= 2 and all(is_ideograph(c) for c in w)]
    frequent = sorted((w for w in words if df[w] >= RATIO), key=lambda w: (-df[w], w))[:n]
    rare = sorted(w for w in words if df[w] <= 2)
    rng.shuffle(rare)
    rare = rare[:n]
    typos: list[tuple[str, str]] = []
    with h.searcher() as s:
        for w in frequent:
            options = [w[:i] + alt + w[i + 1:] for i, c in enumerate(w) for alt in homophones(c)]
            options = [t for t in options if not engine.term_counts(s, [t])[t]]
            if options:
                typos.append((w, rng.choice(options)))
    out = {"recovered": 0, "wrong": 0, "none": 0}
    t_typo = []
    for w, t in typos:
        t0 = time.perf_counter()
        got = search(h, SearchRequest(q=t)).query.did_you_mean
        t_typo.append((time.perf_counter() - t0) * 1000)
        out["recovered" if got and got["q"] == w else "wrong" if got else "none"] += 1
    frequent_suggested = sum(bool(search(h, SearchRequest(q=w)).query.did_you_mean)
                             for w in frequent)
    # correct words the index lacks: common words of jieba's dictionary (frequency >= 1000)
    # that no article holds; a suggestion there offers another word for a real one
    freq = load_jieba().FREQ
    absent = sorted(w for w, f in freq.items() if f >= 1000 and 2 <= len(w) <= 4
                    and all(is_ideograph(c) for c in w) and w not in df)
    rng.shuffle(absent)
    absent_hits = absent_suggested = 0
    for w in absent:
        if absent_hits >= n:
            break
        r = search(h, SearchRequest(q=w))
        if r.total == 0:
            absent_hits += 1
            absent_suggested += bool(r.query.did_you_mean)
    rare_suggested = sum(bool(search(h, SearchRequest(q=w)).query.did_you_mean) for w in rare)
    h.close()
    k = max(1, len(typos))
    return {
        "index": str(index_dir), "articles_words": len(df), "seed": seed,
        "typos": len(typos), "recovered_share": round(out["recovered"] / k, 3),
        "wrong_suggestion_share": round(out["wrong"] / k, 3),
        "no_suggestion_share": round(out["none"] / k, 3),
        "frequent_correct": len(frequent),
        "frequent_correct_suggested_share": round(frequent_suggested / max(1, len(frequent)), 3),
        "rare_correct": len(rare),
        "rare_correct_suggested_share": round(rare_suggested / max(1, len(rare)), 3),
        "absent_correct": absent_hits,
        "absent_correct_suggested_share": round(absent_suggested / max(1, absent_hits), 3),
        "typo_search_median_ms": round(statistics.median(t_typo), 2) if t_typo else None,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }, [t for _, t in typos]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", type=Path, default=None)
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--queries-out", type=Path, default=None,
                   help="write the typo queries here (one a line) for --time")
    p.add_argument("--time", type=Path, default=None, help="time the queries of this file")
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args(argv)
    if a.time:
        if a.index is None:
            p.error("--time needs --index")
        qs = [x for x in a.time.read_text("utf-8").splitlines() if x.strip()]
        print(json.dumps(time_queries(str(a.index), qs, a.rounds)))
        return 0
    res, typos = evaluate(a.index or _corpus_index(), a.n, a.seed)
    if a.queries_out:
        a.queries_out.write_text("".join(t + "\n" for t in typos), "utf-8")
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
