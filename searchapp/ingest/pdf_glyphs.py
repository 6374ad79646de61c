"""The one door to pdfminer.six: PDF bytes → positioned glyphs, page by page.

    read_pages(data) -> list[PageGlyphs]      raises PdfRefused (encrypted, not a PDF, broken)

Each `Glyph` is one character as drawn: its text, its box in points with the origin at the
page's top-left corner (`x0 < x1`, `top < bottom`), its font size in points (the nominal size
times the text matrix's scale along the glyph's height, so a 10 pt font drawn at 150 % is 15),
the font name, and its direction: "h" for ordinary horizontal text, "v" for a vertical-writing
font (`Identity-V`, `UniGB-UCS2-V` …: characters advance downwards), "down"/"up" for text whose
baseline is rotated by -90°/+90°. The content stream order is not kept on purpose: the layout
is read from positions (`pdf_lines`, `pdf_order`), so a file that draws its columns in any
order reads the same.

pdfminer's own layout analysis (`LAParams`) is not run: it costs time, merges lines across
narrow gutters (its `char_margin` is 2 character widths) and its box order is not a reading
order. A glyph whose code has no Unicode mapping comes back as U+FFFD and is counted in
`PageGlyphs.undefined` (`pdf_quality` judges the page). A page that pdfminer cannot interpret
comes back with `error` set and no glyphs; the other pages are still read.
"""
from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass, field
from typing import NamedTuple

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psexceptions import PSException

from .pdf_fonts import Resources

# pdfminer logs every unusual object at WARNING; the reader reports what matters itself
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class PdfRefused(Exception):
    """The whole PDF cannot be read with confidence; `str(e)` is a one-line reason."""


class Glyph(NamedTuple):
    """One drawn character (see module docstring for units and directions)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    dir: str


@dataclass
class PageGlyphs:
    """One page: 1-based `number`, `width`/`height` in points, `glyphs`, `image_share` (0..1:
    share of the page area covered by images), `undefined` (glyphs without a Unicode mapping),
    `error` (why the page could not be interpreted, else None), `engine` (who read it)."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    image_share: float = 0.0
    undefined: int = 0
    error: str | None = None
    engine: str = "pdfminer"


class _Collector(PDFLayoutAnalyzer):
    """A pdfminer device that keeps glyph tuples instead of building LTChar objects."""

    def __init__(self, rsrcmgr: Resources):
        super().__init__(rsrcmgr, laparams=None)
        self.glyphs: list[Glyph] = []
        self.undefined = 0
        self.image_area = 0.0
        self.page_w = self.page_h = 0.0

    def begin_page(self, page, ctm) -> None:  # noqa: ANN001 - pdfminer's signature
        super().begin_page(page, ctm)
        self.page_w, self.page_h = self.cur_item.width, self.cur_item.height

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):  # noqa: ANN001
        try:
            text = font.to_unichr(cid)
        except Exception:  # noqa: BLE001 - PDFUnicodeNotDefined and broken CMaps alike
            text = "\ufffd"
            self.undefined += 1
        textwidth = font.char_width(cid)
        adv = textwidth * fontsize * scaling
        if text and text < " " or text == "\x7f":
            return adv  # control codes (a font mapping a glyph to U+0000 …) draw nothing readable
        a, b, c, d, e, f = matrix
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            box = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            box = (0, descent + rise, adv, descent + rise + fontsize)
        xs, ys = [], []
        for px, py in ((box[0], box[1]), (box[2], box[3]), (box[0], box[3]), (box[2], box[1])):
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
        size = fontsize * math.hypot(c, d) if not vertical else fontsize * math.hypot(a, b)
        if vertical:
            gdir = "v"
        elif abs(b) > abs(a):  # baseline rotated by about 90 degrees
            gdir = "up" if b > 0 else "down"
        else:
            gdir = "h"
        h = self.page_h
        self.glyphs.append(Glyph(text, min(xs), h - max(ys), max(xs), h - min(ys), abs(size),
                                 getattr(font, "fontname", "") or "", gdir))
        return adv

    def render_image(self, name, stream) -> None:  # noqa: ANN001
        fig = self.cur_item
        self.image_area += abs((fig.x1 - fig.x0) * (fig.y1 - fig.y0))

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:  # noqa: ANN001
        return None  # rules and boxes carry no text


def _document(data: bytes) -> PDFDocument:
    try:
        parser = PDFParser(io.BytesIO(data))
        return PDFDocument(parser, password="")
    except PDFPasswordIncorrect:
        raise PdfRefused("encrypted PDF: a password is needed to open it") from None
    except PDFEncryptionError as e:
        raise PdfRefused(f"encrypted PDF with an unsupported method ({e})") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
        raise PdfRefused(f"not a readable PDF ({type(e).__name__}: {e})") from None


def read_pages(data: bytes) -> list[PageGlyphs]:
    """Every page of the PDF in `data` as `PageGlyphs`, in page order.

    Raises PdfRefused when the document cannot be opened (password needed, unsupported
    encryption, no page tree, damaged beyond pdfminer's recovery). A page that fails to
    interpret is returned with `error` set; a PDF with an owner password only (printing or
    copying restricted) opens like any other, as in every viewer."""
    doc = _document(data)
    rsrc = Resources(caching=True)
    dev = _Collector(rsrc)
    interp = PDFPageInterpreter(rsrc, dev)
    out: list[PageGlyphs] = []
    try:
        pages = list(PDFPage.create_pages(doc))
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as e:
        raise PdfRefused(f"not a readable PDF: no page tree ({type(e).__name__})") from None
    if not pages:
        raise PdfRefused("PDF without pages")
    for n, page in enumerate(pages, start=1):
        dev.glyphs, dev.undefined, dev.image_area = [], 0, 0.0
        dev.page_w = dev.page_h = 0.0
        pg = PageGlyphs(n, 0.0, 0.0)
        try:
            interp.process_page(page)
        except RecursionError:
            pg.error = "content nested too deeply"
        except Exception as e:  # noqa: BLE001 - one broken page must not lose the others
            pg.error = f"cannot interpret this page ({type(e).__name__}: {e})"[:200]
        pg.width, pg.height = dev.page_w, dev.page_h
        w, h = pg.width, pg.height
        if pg.error is None:
            pg.glyphs = dev.glyphs
            pg.undefined = dev.undefined
            pg.image_share = min(1.0, dev.image_area / (w * h)) if w * h else 0.0
        out.append(pg)
    return out
