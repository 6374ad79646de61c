"""Pages of drawing operations → a PDF file (reportlab), in reading order or shuffled.

    render(pages, style, path, *, order="in", rng=None, mode="text", password=None)

* `order="in"`: operations are drawn in the order they were laid out (reading order);
  `"out"`: every page's operations are drawn in a random order (`rng`), so the content stream
  says nothing about reading order.
* `mode="text"`: ordinary text. `"ocr"`: the page is a picture of itself (Pillow, the raster
  CJK font) under an invisible text layer (render mode 3) that, like OCR output, draws every
  character on its own followed by a space. `"scan"`: the picture alone, no text layer;
  `"scan-first"`: the first page so, the others text.
* `password`: encrypt with this user password (a reader cannot open it without).
* With the non-embedded CID font, U+00B7 `·` is drawn as U+30FB `・`: reportlab's
  UniGB-UCS2-H encoding has no code for the first, and pdfminer reads the second back as the
  first, so the text read back is the text laid out.
* Vertical operations in a vertical-writing font are drawn with one string; everything else
  with `drawString` at the operation's position (y turned into reportlab's bottom-up
  coordinates), with the operation's character spacing (justified lines).
"""
from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from .ops import Op, Page
from .fonts import CID, register
from .style import Style

_DPI = 100


def _raster(page: Page, st: Style):
    from PIL import Image, ImageDraw, ImageFont

    W, H = st.page
    k = _DPI / 72
    img = Image.new("L", (int(W * k), int(H * k)), 255)
    draw = ImageDraw.Draw(img)
    font_path = register().raster
    cache: dict[int, object] = {}
    for op in page.ops:
        if op.role == "rule" or not op.text:
            continue
        px = max(6, int(op.size * k))
        if px not in cache:
            cache[px] = ImageFont.truetype(font_path, px) if font_path else ImageFont.load_default()
        f = cache[px]
        x = op.x
        for ch in op.text:
            if op.vertical:
                continue
            draw.text((x * k, (op.y - op.size * 0.88) * k), ch, font=f, fill=0)
            x += stringWidth(ch, op.font, op.size) + op.char_space
    return img


def _draw(c: canvas.Canvas, op: Op, H: float, invisible: bool) -> None:
    if op.font.startswith(CID):
        # reportlab's UniGB-UCS2-H drops U+00B7, and pdfminer reads U+30FB back as U+00B7
        op = Op(**{**op.__dict__, "text": op.text.replace("\u00b7", "\u30fb")})
    if op.role == "rule":
        c.setLineWidth(0.6)
        c.line(op.x, H - op.y, op.x1, H - op.y)
        return
    if not op.text:
        return
    t = c.beginText()
    t.setTextRenderMode(3 if invisible else 0)
    t.setFont(op.font, op.size)
    if invisible:  # OCR layer: each character placed alone, a space after it
        t.setCharSpace(0)
        x = op.x
        for ch in op.text:
            t.setTextOrigin(x, H - op.y)
            t.textOut(ch + " ")
            x += stringWidth(ch, op.font, op.size) + op.char_space
        c.drawText(t)
        return
    t.setTextOrigin(op.x, H - op.y)
    t.setCharSpace(op.char_space)  # always: Tc outlives ET, a later line would inherit it
    t.textOut(op.text)
    c.drawText(t)


def render(pages: list[Page], st: Style, path: Path, *, order: str = "in",
           rng: random.Random | None = None, mode: str = "text", password: str | None = None) -> None:
    """Write the PDF (see module docstring)."""
    rng = rng or random.Random(0)
    W, H = st.page
    enc = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    c = canvas.Canvas(str(path), pagesize=(W, H), encrypt=enc, invariant=1, pageCompression=1)
    c.setTitle("generated test issue")
    for n, page in enumerate(pages):
        ops = list(page.ops)
        if order == "out":
            rng.shuffle(ops)
        page_mode = "scan" if mode == "scan" or (mode == "scan-first" and n == 0) else mode
        if page_mode in ("ocr", "scan"):
            c.drawImage(ImageReader(_raster(page, st)), 0, 0, W, H)
        if page_mode != "scan":
            for op in ops:
                _draw(c, op, H, invisible=(page_mode == "ocr"))
        c.showPage()
    c.save()
