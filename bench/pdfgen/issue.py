"""A text issue (the bundled corpus/*.txt) rendered back to PDF, for the round-trip test.

    render_issue(text_path, pdf_path, *, order="in", seed=0) -> dict

Every non-blank line of the text becomes one printed line, with its spaces (letter-spacing and
the two-space field separators survive as space characters), in one column: a line starting
with a space (a page start in the original PDF) starts a new page, and so does a full page.
Lines the text segmenter reads as an article's headline are set in headline type (1.6 × the
body size), its compilation headline (series) or section label (column) in a smaller display
type (1.3 ×), the rest in body type; every page gets
a running head (publication name) and a page number in the foot. Returns {"pages", "lines",
"headline_lines"}.

"Same articles" for the round trip means: the same titles in the same order, and the same ids.
Ids are `make_id(file stem, title, date, first 30 body characters)` (`ingest/magazine.py`),
never line numbers, so `x.pdf` and `x.txt` give equal ids when they give equal titles, dates
and openings.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from searchapp.ingest import layout
from searchapp.ingest.magazine import segment

from .fonts import register

_WS = re.compile(r"\s+")


def headline_lines(text: str, filename: str) -> dict[int, str]:
    """1-based numbers of the lines holding an article's headline ("title") or its series or
    column label ("label")."""
    lines = layout.split_lines(text)
    out: dict[int, str] = {}
    for a in segment(text, filename=filename):
        title = _WS.sub("", (a.title or "") + (a.subtitle or ""))
        label = _WS.sub("", (a.series or "") + (a.column or ""))
        lo, hi = a.origin["line_start"], a.origin["line_end"]
        for no in range(lo, hi + 1):
            t = _WS.sub("", layout.clean_line(lines[no - 1]))
            if len(t) >= 2 and t in title:
                out[no] = "title"
            elif len(t) >= 2 and t in label:
                out.setdefault(no, "label")
    return out


def render_issue(text_path: Path, pdf_path: Path, *, order: str = "in", seed: int = 0) -> dict:
    """Write `pdf_path` from the issue at `text_path` (see module docstring)."""
    fonts = register()
    text = Path(text_path).read_text(encoding="utf-8")
    heads = headline_lines(text, Path(text_path).name)
    body_font, head_font = fonts.embedded[0], fonts.embedded[0]
    W, H = 595.3, 841.9
    size, hsize, lsize, pitch = 9.0, 14.4, 11.7, 14.0
    top, bottom, left = 70.0, 60.0, 50.0
    c = canvas.Canvas(str(pdf_path), pagesize=(W, H), invariant=1)
    rng = random.Random(seed)
    pages, n_lines = 0, 0
    ops: list[tuple[str, float, float, float]] = []
    y = top

    def flush() -> None:
        nonlocal ops, pages
        if not ops:
            return
        pages += 1
        if order == "out":
            rng.shuffle(ops)
        c.setFont(body_font, 8)
        c.drawString(left, H - 40, "互联网天地")
        c.drawCentredString(W / 2, 30, str(pages))
        for t, x, yy, sz in ops:
            c.setFont(head_font if sz > size else body_font, sz)
            c.drawString(x, H - yy, t)
        c.showPage()
        ops = []

    for no, raw in enumerate(layout.split_lines(text), start=1):
        if not raw.strip():
            continue
        sz = {"title": hsize, "label": lsize}.get(heads.get(no, ""), size)
        step = pitch * (1.6 if no in heads else 1.0)
        if ops and (layout.is_page_start(raw) or y + step > H - bottom):
            flush()
            y = top
        line = raw.strip("\r\n\f").lstrip(" \u3000\t")
        while stringWidth(line, body_font, sz) > W - 2 * left and sz > 5:
            sz -= 0.5
        ops.append((line, left, y + sz, sz))
        y += step
        n_lines += 1
    flush()
    c.save()
    return {"pages": pages, "lines": n_lines, "headline_lines": len(heads)}
