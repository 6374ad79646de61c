"""Screenshots of the archive pages for docs/ and the README: docs/calendar.png (the calendar of
People's Daily, January 1998, desktop width) and docs/issue.png (one issue in print order at
360 px). Real articles from ../shared/data; the 14th and 15th of January are left out of the
index on purpose, so the calendar shows how missing issues look.

    .venv/bin/python scripts/screenshots.py [--out docs]

Builds a temporary index, serves it with waitress on a free port and drives Debian's Chromium
(/usr/bin/chromium) with Playwright. Not part of `make test`.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pfr import articles  # noqa: E402
from searchapp.index import build  # noqa: E402
from searchapp.web import create_app, make_server  # noqa: E402
from searchapp.web.server import url_of  # noqa: E402

LEFT_OUT = ("1998-01-14", "1998-01-15")
ISSUE = "1998-01-05"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "pfr.jsonl"
        with open(data, "w", encoding="utf-8") as f:
            for art in articles():
                if art["date"] not in LEFT_OUT:
                    f.write(json.dumps(art, ensure_ascii=False) + "\n")
        build([data], Path(tmp) / "index")
        server = make_server(create_app({"INDEX_DIR": str(Path(tmp) / "index")}), port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        base = url_of(server).rstrip("/")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium",
                                  args=["--no-sandbox", "--disable-gpu"])
            pg = b.new_page(viewport={"width": 1100, "height": 760}, locale="zh-CN")
            pg.goto(f"{base}/archive/{quote('人民日报')}")
            pg.screenshot(path=str(a.out / "calendar.png"), full_page=False)
            pg = b.new_page(viewport={"width": 360, "height": 720}, locale="zh-CN")
            pg.goto(f"{base}/archive/{quote('人民日报')}/{ISSUE}")
            pg.screenshot(path=str(a.out / "issue.png"), full_page=False)
            b.close()
        server.close()
    print(f"wrote {a.out / 'calendar.png'} and {a.out / 'issue.png'}")


if __name__ == "__main__":
    main()
