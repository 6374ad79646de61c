"""Take the README's screenshots: the results page on a phone (360 px) and on a desktop (1280 px),
the phone's filter sheet, and an article page on both, from the bundled corpus, served by waitress on a
free port and shot by Debian's Chromium (Playwright). Writes docs/screenshots/*.png.

    .venv/bin/python scripts/ui_screenshots.py         (make screenshots)
"""
from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "5G"


def main() -> int:
    from playwright.sync_api import sync_playwright

    from searchapp.index import build
    from searchapp.web import create_app, make_server
    from searchapp.web.server import url_of

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "corpus"], Path(tmp) / "index")
        server = make_server(create_app({"INDEX_DIR": str(Path(tmp) / "index")}), port=0,
                             threads=2)
        threading.Thread(target=server.run, daemon=True).start()
        base = url_of(server).rstrip("/")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            phone = b.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=1)
            phone.goto(f"{base}/search?q={QUERY}")
            phone.screenshot(path=str(OUT / "search-phone.png"))
            phone.locator(".filter-toggle").click()
            phone.screenshot(path=str(OUT / "filters-phone.png"))
            phone.goto(f"{base}/search?q={QUERY}")
            phone.locator(".hit h3 a").first.click()
            phone.wait_for_load_state()
            phone.screenshot(path=str(OUT / "article-phone.png"))
            desk = b.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
            desk.goto(f"{base}/search?q={QUERY}")
            desk.screenshot(path=str(OUT / "search-desktop.png"))
            desk.locator(".hit h3 a").first.click()
            desk.wait_for_load_state()
            desk.screenshot(path=str(OUT / "article-desktop.png"))
            b.close()
        server.close()
    for f in sorted(OUT.glob("*.png")):
        shrink(f)
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size // 1024} KB")
    return 0


def shrink(path: Path, colors: int = 96) -> None:
    """Re-save `path` as a palette PNG (`colors` colours, no dithering: flat UI colours and
    anti-aliased text stay clean) when Pillow is installed (it comes with reportlab, a test
    dependency); otherwise leave Chromium's PNG as it is."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                                           dither=Image.Dither.NONE)
    small.save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
