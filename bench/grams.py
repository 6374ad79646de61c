"""What the exact-substring recall guarantee costs, on real People's Daily articles: index build
time and size of the searchapp schema (a) `literal`: squeezed text in a compressed column,
scanned by `literal.LiteralQuery` (the choice), (b) `positions`: a character unigram+bigram field
with positions (exact phrase of bigrams), (c) `no_positions`: the same without positions (AND of
bigrams: same recall, false positives), (d) `none`: no guarantee at all; plus query latency of
the literal scan (after its one-time load) against the n-gram phrase query.

    .venv/bin/python -m bench.grams [--limit 1000] [--queries 200]

Prints one JSON object; ratios are against (c) measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# The character n-gram tokenizer the literal scan was measured against (moved here from
# the product: it no longer uses it). Unigrams and bigrams over squeeze(text);
# the unigram and the bigram starting at character i both get position i, so the phrase of
# squeeze(query)'s bigrams matches exactly the texts containing squeeze(query).
from typing import Iterator  # noqa: E402

from whoosh.analysis import Token  # noqa: E402

from searchapp.analysis import squeeze  # noqa: E402
from searchapp.engine.store.analyzer import StatelessTokenizer  # noqa: E402


def gram_query_terms(value: str, distinct: bool = False) -> list[str]:
    """The `grams` terms of a query string: its single character if squeeze(value) has length 1,
    else its bigrams in order (consecutive positions: as a phrase they match exactly the texts
    containing squeeze(value)); `distinct` drops repeats. [] if nothing alphanumeric is left."""
    s = squeeze(value)
    if len(s) <= 1:
        return [s] if s else []
    out = [s[i:i + 2] for i in range(len(s) - 1)]
    return list(dict.fromkeys(out)) if distinct else out


class GramTokenizer(StatelessTokenizer):
    """Whoosh tokenizer: character unigrams and bigrams of `squeeze(value)` (no positions used)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        s = squeeze(value)
        if not tokenize or mode == "query":
            grams = [(i, g) for i, g in enumerate(gram_query_terms(value, distinct=False))]
        else:
            grams = []
            for i, c in enumerate(s):
                grams.append((i, c))
                if i + 1 < len(s):
                    grams.append((i, s[i:i + 2]))
        for i, g in grams:
            t.text = g
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = g
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char
                t.endchar = start_char
            yield t


def gram_analyzer() -> GramTokenizer:
    """The analyzer of the `grams` field."""
    return GramTokenizer()


def _schema(variant: str):
    from whoosh import fields

    from searchapp.engine.store.schema import make_schema

    s = make_schema()
    if variant != "literal":
        s.remove("literal")
    if variant == "no_positions":
        s.add("grams", fields.TEXT(analyzer=gram_analyzer(), phrase=False))
    elif variant == "positions":
        s.add("grams", fields.TEXT(analyzer=gram_analyzer(), phrase=True))
    return s


def _size(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


def build(variant: str, arts, d: Path) -> dict:
    from whoosh import index

    from searchapp.engine.store.schema import to_document

    t0 = time.perf_counter()
    ix = index.create_in(str(d), _schema(variant))
    w = ix.writer(limitmb=256)
    for a in arts:
        doc = to_document(a)
        if variant != "literal":
            doc.pop("literal", None)
        if variant in ("positions", "no_positions"):
            doc["grams"] = "\n".join(x for x in (a.title, a.body, a.source) if x)
        w.add_document(**doc)
    w.commit()
    return {"seconds": round(time.perf_counter() - t0, 2), "bytes": _size(d), "ix": ix}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args(argv)
    from whoosh import query as Q

    from bench.pfr import articles as pfr_articles
    from searchapp.engine.match.literal import LiteralQuery
    from searchapp.model import Article
    from searchapp.analysis.tokenizer import warm

    warm()
    arts = [Article.from_dict(x) for x in pfr_articles(limit=args.limit)]
    out: dict = {"articles": len(arts)}
    with tempfile.TemporaryDirectory() as t:
        res = {}
        for v in ("none", "literal", "no_positions", "positions"):
            d = Path(t) / v
            d.mkdir()
            res[v] = build(v, arts, d)
        base = res["none"]
        for v, r in res.items():
            out[v] = {"build_s": r["seconds"], "index_mb": round(r["bytes"] / 2**20, 2),
                      "build_ratio": round(r["seconds"] / base["seconds"], 2),
                      "size_ratio": round(r["bytes"] / base["bytes"], 2)}
        rng = random.Random(7)
        qs = []
        while len(qs) < args.queries:
            a = rng.choice(arts)
            n = rng.randint(2, 6)
            if len(a.body) > n:
                i = rng.randrange(len(a.body) - n)
                if squeeze(a.body[i:i + n]):
                    qs.append(a.body[i:i + n])
        texts = [squeeze("\n".join(x for x in (a.title, a.body, a.source) if x)) for a in arts]
        lat, scan, fp = [], [], 0

        def gq(q):
            g = gram_query_terms(q)
            return Q.Term("grams", g[0]) if len(g) == 1 else Q.Phrase("grams", g)
        with res["positions"]["ix"].searcher() as s:
            for q in qs:
                t0 = time.perf_counter()
                set(s.docs_for_query(gq(q)))
                lat.append(time.perf_counter() - t0)
        with res["literal"]["ix"].searcher() as s:
            t0 = time.perf_counter()
            set(s.docs_for_query(LiteralQuery("预热")))
            out["literal_first_load_ms"] = round(1000 * (time.perf_counter() - t0), 1)
            for q in qs:
                t0 = time.perf_counter()
                found = set(s.docs_for_query(LiteralQuery(q)))
                scan.append(time.perf_counter() - t0)
                assert found == {i for i, tx in enumerate(texts) if squeeze(q) in tx}
        with res["no_positions"]["ix"].searcher() as s:
            for q in qs:
                g = gram_query_terms(q)
                loose = set(s.docs_for_query(Q.And([Q.Term("grams", x) for x in g])))
                exact = {i for i, tx in enumerate(texts) if squeeze(q) in tx}
                fp += len(loose) - len(exact)
        lat.sort()
        scan.sort()
        out["gram_phrase_ms_median"] = round(1000 * lat[len(lat) // 2], 3)
        out["gram_phrase_ms_p95"] = round(1000 * lat[int(len(lat) * 0.95)], 3)
        out["literal_scan_ms_median"] = round(1000 * scan[len(scan) // 2], 3)
        out["literal_scan_ms_p95"] = round(1000 * scan[int(len(scan) * 0.95)], 3)
        out["literal_memory_mb_utf8"] = round(sum(len(x.encode()) for x in texts) / 2**20, 2)
        out["no_positions_false_positives_per_query"] = round(fp / len(qs), 3)
    print(json.dumps(out, ensure_ascii=False))
    return out


if __name__ == "__main__":
    main()
