"""Segmentation accuracy of the magazine segmenter on the shared dev gold (issue 3 targets).

Run from the project root: `.venv/bin/python -m bench.segmentation [--gold PATH] [--input PATH]`.
Segments the bundled issue (default: the .txt in corpus/), writes the articles as JSONL to a
temporary file, runs `../shared/eval/score_segmentation.py GOLD OUT --only-gold-ids` and prints
one JSON object: the scorer's numbers, the targets, `meets_targets`, the number of articles and
the segmentation time in seconds. Exit status 1 when the shared eval folder is missing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
#: Targets from issue 3 (dev gold).
TARGETS = {"boundary_recall": 0.97, "title_acc": 0.93, "source_acc": 0.97, "date_acc": 0.93,
           "topics_micro_f1": 0.90}


def main(argv: list[str] | None = None) -> int:
    from searchapp.ingest.magazine import segment

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=EVAL / "seed_gold_dev.jsonl")
    ap.add_argument("--input", type=Path, default=next((ROOT / "corpus").glob("*.txt"), None))
    args = ap.parse_args(argv)
    scorer = EVAL / "score_segmentation.py"
    if not scorer.is_file() or not args.gold.is_file():
        print(json.dumps({"error": f"missing {scorer} or {args.gold}"}))
        return 1
    text = args.input.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    arts = segment(text, filename=args.input.name)
    seconds = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "segments.jsonl"
        out.write_text("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in arts),
                       encoding="utf-8")
        res = subprocess.run([sys.executable, str(scorer), str(args.gold), str(out), "--only-gold-ids"],
                             capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    report = {"input": args.input.name, "articles": len(arts), "segment_seconds": round(seconds, 3),
              **scores, "targets": TARGETS,
              "meets_targets": all(scores.get(k, 0) >= v for k, v in TARGETS.items())}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
