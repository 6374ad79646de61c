"""PDF reading (issue 15): accuracy and speed on generated issues the rules were not tuned on.

    python -m bench.pdf_reading [--seeds 6] [--first-seed 101] [--articles 12] [--part report]

For every source (PFR, THUCNews, Sogou), kind (magazine, newspaper) and seed, one issue is
generated with `bench.pdfgen` from the `report` half of the articles (rules were developed on
the `tune` half, seeds below 100) and drawn twice: in reading order and shuffled ("out").
Each PDF is read with `searchapp.ingest.pdf.read_pdf` and scored against its ground truth
(`bench.pdfgen.score`: the matching rule of ../shared/eval/score_segmentation.py).

Baseline in the same run: the same PDFs as plain text (pdfminer's `extract_text`, its
default layout analysis) through the text segmenter (`magazine.segment`), i.e. reading a PDF
without its layout.

Also: the bundled issue (corpus/*.txt) rendered to PDF (`bench.pdfgen.issue`) in order and
shuffled, read back and compared with the text segmenter's articles (same count, titles, ids,
and every other field but the printed page and publication only the PDF shows).

Prints one JSON object (also bench/out/pdf_reading.json): per order, pooled counts and
boundary F1, title exact, source and date accuracy (also over articles that print a source /
date: `*_given_acc`), page accuracy, pages, pages/s on wall time and on CPU time (this
process), and the same for the baseline; ratios; targets; the load average. Generating the
PDFs is not timed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.common import OUT, ROOT
from bench.common import emit
from bench.pdfgen import generate
from bench.pdfgen.issue import render_issue
from bench.pdfgen.score import merge, score

TARGETS = {"boundary_f1": 0.95, "title_acc": 0.90, "source_given_acc": 0.90,
           "date_given_acc": 0.90, "pages_per_s_wall": 5.0}
SOURCES = ("pfr", "thucnews", "sogou")
KINDS = ("magazine", "newspaper")


def _read(path: Path) -> tuple[list[dict], float, float]:
    from searchapp.ingest.pdf import PdfRefused, read_pdf

    data = path.read_bytes()
    w, c = time.perf_counter(), time.process_time()
    try:
        arts, _ = read_pdf(data, filename=path.name)
    except PdfRefused:
        arts = []
    return [a.to_dict() for a in arts], time.perf_counter() - w, time.process_time() - c


def _baseline(path: Path) -> tuple[list[dict], float, float]:
    from pdfminer.high_level import extract_text

    from searchapp.ingest.magazine import segment

    w, c = time.perf_counter(), time.process_time()
    text = extract_text(str(path))
    arts = segment(text, filename=path.name)
    return [a.to_dict() for a in arts], time.perf_counter() - w, time.process_time() - c


def _summary(scores: list[dict], pages: int, wall: float, cpu: float) -> dict:
    out = merge(scores)
    keep = ("truth", "predicted", "found", "boundary_precision", "boundary_recall", "boundary_f1",
            "title_acc", "source_acc", "date_acc", "source_given_acc", "date_given_acc", "page_acc",
            "author_acc")
    out = {k: out.get(k) for k in keep}
    out.update(issues=len(scores), pages=pages, read_wall_s=round(wall, 2), read_cpu_s=round(cpu, 2),
               pages_per_s_wall=round(pages / wall, 2) if wall else None,
               pages_per_s_cpu=round(pages / cpu, 2) if cpu else None)
    return out


def _same(a, b) -> bool:
    """Equal but for what only the PDF shows (origin, printed page, publication)."""
    pa = {**a.to_dict(), "origin": None, "page": None}
    pa["extra"] = {k: v for k, v in pa["extra"].items() if k != "publication"}
    return pa == {**b.to_dict(), "origin": None}


def _issue_round_trip(tmp: Path) -> dict:
    from searchapp.ingest.magazine import segment
    from searchapp.ingest.pdf import read_pdf

    txt = next((ROOT / "corpus").glob("*.txt"))
    ref = segment(txt.read_text(encoding="utf-8"), filename=txt.name)
    out = {"text_articles": len(ref)}
    for order in ("in", "out"):
        pdf = tmp / order / (txt.stem + ".pdf")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        info = render_issue(txt, pdf, order=order, seed=7)
        t = time.perf_counter()
        arts, _ = read_pdf(pdf.read_bytes(), filename=pdf.name)
        wall = time.perf_counter() - t
        out[order] = {"pages": info["pages"], "articles": len(arts),
                      "same_titles": [a.title for a in arts] == [a.title for a in ref],
                      "same_ids": [a.id for a in arts] == [a.id for a in ref],
                      "same_fields": len(arts) == len(ref) and all(_same(a, b) for a, b in zip(arts, ref)),
                      "pages_per_s_wall": round(info["pages"] / wall, 2)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=6, help="issues per source and kind")
    ap.add_argument("--first-seed", type=int, default=101)
    ap.add_argument("--articles", type=int, default=12)
    ap.add_argument("--part", default="report", choices=["report", "tune", "all"])
    ap.add_argument("--no-baseline", action="store_true")
    a = ap.parse_args(argv)
    load0 = os.getloadavg()
    res: dict = {"part": a.part, "seeds": [a.first_seed, a.first_seed + a.seeds - 1],
                 "articles_per_issue": a.articles, "load_avg_at_start": load0}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        per: dict[str, dict] = {o: {"scores": [], "base": [], "pages": 0, "wall": 0.0, "cpu": 0.0,
                                    "bwall": 0.0, "bcpu": 0.0} for o in ("in", "out")}
        by: dict[str, list] = {}
        for src in SOURCES:
            for kind in KINDS:
                for seed in range(a.first_seed, a.first_seed + a.seeds):
                    for order in ("in", "out"):
                        iss = generate(tmp, source=src, seed=seed, kind=kind, n_articles=a.articles,
                                       order=order, part=a.part)
                        arts, wall, cpu = _read(iss.pdf)
                        s = score(iss.articles, arts)
                        acc = per[order]
                        acc["scores"].append(s)
                        acc["pages"] += iss.pages
                        acc["wall"] += wall
                        acc["cpu"] += cpu
                        by.setdefault(f"{src}/{kind}/{order}", []).append(s)
                        if not a.no_baseline:
                            barts, bw, bc = _baseline(iss.pdf)
                            acc["base"].append(score(iss.articles, barts))
                            acc["bwall"] += bw
                            acc["bcpu"] += bc
                        iss.pdf.unlink()
        for order, acc in per.items():
            res[order] = _summary(acc["scores"], acc["pages"], acc["wall"], acc["cpu"])
            if acc["base"]:
                b = _summary(acc["base"], acc["pages"], acc["bwall"], acc["bcpu"])
                res[f"baseline_text_{order}"] = b
                res[f"ratio_wall_time_vs_baseline_{order}"] = round(acc["wall"] / acc["bwall"], 2)
        res["by_source_kind_order"] = {k: {m: merge(v).get(m) for m in
                                           ("boundary_f1", "title_acc", "source_given_acc",
                                            "date_given_acc")} for k, v in by.items()}
        res["bundled_issue"] = _issue_round_trip(tmp)
    res["targets"] = TARGETS
    res["meets_targets"] = all((res[o].get(k) or 0) >= v for o in ("in", "out")
                               for k, v in TARGETS.items())
    res["load_avg_at_end"] = os.getloadavg()
    res["cpus"] = os.cpu_count()
    return emit(res, OUT / "pdf_reading.json")


if __name__ == "__main__":
    sys.exit(main())
