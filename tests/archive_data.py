"""A small archive for the archive, lineage, feed and citation tests (not fixtures, not tests):
five issues of People's Daily, January 1998 (real articles from ../shared/data, pages 1–3, four
articles a page; the 4th of January left out, so the calendar has a gap), two reprinted copies
of a real article under other outlets (one a digest dated before the original that credits it
with 本文转自, one a web copy three days later with a 来源 line), and the bundled magazine issue."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import CORPUS, SHARED

DAYS = ("1998-01-01", "1998-01-02", "1998-01-03", "1998-01-05", "1998-01-06")
GAP = "1998-01-04"
PAGES, PER_PAGE = 3, 4
ORIGINAL = "pfr-19980102-01-001"
DIGEST, WEB = "copy-digest", "copy-web"


def write_archive(folder: Path) -> dict:
    """Write the archive's JSONL files into `folder` (created); returns {"pfr": [ids in file
    order], "original": id, "copies": [ids], "paths": [inputs to index]}. Needs ../shared."""
    from bench.pfr import DEFAULT_SRC, articles

    src = SHARED / "data" / "pfr-199801" / DEFAULT_SRC.name
    folder.mkdir(parents=True, exist_ok=True)
    kept, per = [], {}
    for a in articles(src, limit=800):
        page = int(a["column"][1:-1])
        k = (a["date"], page)
        if a["date"] in DAYS and page <= PAGES and per.get(k, 0) < PER_PAGE:
            per[k] = per.get(k, 0) + 1
            kept.append(a)
    with open(folder / "pfr.jsonl", "w", encoding="utf-8") as f:
        for a in kept:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    base = next(a for a in kept if a["id"] == ORIGINAL)
    copies = [
        {"id": DIGEST, "title": base["title"], "body": "本文转自人民日报。\n\n" + base["body"],
         "source": "报刊文摘", "date": "1998-01-01"},
        {"id": WEB, "title": base["title"] + "（图）", "body": base["body"] + "\n\n来源：人民日报",
         "source": "新浪网", "date": "1998-01-05"},
    ]
    with open(folder / "reprints.jsonl", "w", encoding="utf-8") as f:
        for a in copies:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return {"pfr": [a["id"] for a in kept], "original": ORIGINAL, "copies": [DIGEST, WEB],
            "paths": [CORPUS, folder]}
