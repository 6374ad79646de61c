"""Score articles read from a generated PDF against its ground truth.

    score(truth, predicted) -> dict
    merge(scores) -> dict            pooled over several issues (counts summed, then ratios)

Matching rule of ../shared/eval/score_segmentation.py: a truth article is *found* when exactly
one predicted body (whitespace removed) holds its `body_first` within its first 60 characters
and its `body_last` within its last 60. Boundary precision = predicted articles that are the
match of some truth article / predicted; recall = found / truth; F1 their harmonic mean.
Fields over found articles: `title` (whitespace removed, exact), `source` and `date` (exact,
null = null; also reported over the articles whose truth has a value: `*_given`), `page`
(printed page number, `origin["page"]`), `author` (over articles with a byline).
"""
from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def _c(s: object) -> str:
    return _WS.sub("", str(s or ""))


def _counts(truth: list[dict], pred: list[dict]) -> dict:
    bodies = [_c(p.get("body")) for p in pred]
    matched: set[int] = set()
    c = {"truth": len(truth), "predicted": len(pred), "found": 0}
    for k in ("title", "source", "date", "page", "author", "source_given", "date_given"):
        c[k] = c[k + "_n"] = 0
    for g in truth:
        first, last = _c(g["body_first"]), _c(g["body_last"])
        hits = []
        for i, b in enumerate(bodies):
            a, z = b.find(first), b.rfind(last)
            if a != -1 and z != -1 and a <= 60 and len(b) - (z + len(last)) <= 60 and a <= z + len(last):
                hits.append(i)
        if len(hits) != 1:
            continue
        p = pred[hits[0]]
        matched.add(hits[0])
        c["found"] += 1
        checks = {"title": _c(g["title"]) == _c(p.get("title")),
                  "source": (g.get("source") or None) == (_c(p.get("source")) or None),
                  "date": (g.get("date") or None) == ((p.get("date") or "")[:10] or None),
                  "page": g.get("page") == (p.get("origin") or {}).get("page")}
        for k, ok in checks.items():
            c[k] += ok
            c[k + "_n"] += 1
        if g.get("source"):
            c["source_given"] += checks["source"]
            c["source_given_n"] += 1
        if g.get("date"):
            c["date_given"] += checks["date"]
            c["date_given_n"] += 1
        if g.get("author"):
            c["author"] += _c(g["author"]) == _c(p.get("author"))
            c["author_n"] += 1
    c["matched_pred"] = len(matched)
    return c


def _ratios(c: dict) -> dict:
    out = dict(c)
    r = c["found"] / c["truth"] if c["truth"] else 0.0
    p = c["matched_pred"] / c["predicted"] if c["predicted"] else 0.0
    out["boundary_recall"] = round(r, 4)
    out["boundary_precision"] = round(p, 4)
    out["boundary_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    for k in ("title", "source", "date", "page", "author", "source_given", "date_given"):
        out[k + "_acc"] = round(c[k] / c[k + "_n"], 4) if c[k + "_n"] else None
    return out


def score(truth: list[dict], predicted: list[dict]) -> dict:
    """Counts and ratios for one issue (see module docstring); `predicted` are `Article`
    dicts (`to_dict()`)."""
    return _ratios(_counts(truth, predicted))


def merge(scores: list[dict]) -> dict:
    """Pool several `score` results: counts summed, ratios recomputed."""
    keys = [k for k in (scores[0] if scores else {}) if isinstance(scores[0][k], int)]
    total = {k: sum(s[k] for s in scores) for k in keys}
    return _ratios(total) if total else {}
