"""The one door to pypdfium2 (PDFium): a second opinion on one page's text.

    page_glyphs(data, number) -> PageGlyphs     same shape as `pdf_glyphs.read_pages` gives
    page_texts(data) -> list[str] | None         every page's plain text, for a cross-check

Used when pdfminer's text of a page cannot be trusted (`pdf_quality`): PDFium maps character
codes through its own font tables and substitutes a system font with real widths for a font
that is neither embedded nor described by /Widths, so the glyph boxes are usable where
pdfminer's are empty. Boxes are PDFium's "loose" character boxes (the advance cell from the
font's ascent to its descent), the font size is `FPDFText_GetFontSize`; characters PDFium
generates itself (spaces and line breaks it infers) are left out. Coordinates as in
`pdf_glyphs`: points, origin at the page's top-left corner. Raises PdfRefused when PDFium
cannot open the document or the page.
"""
from __future__ import annotations

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .pdf_glyphs import Glyph, PageGlyphs, PdfRefused


def page_texts(data: bytes) -> list[str] | None:
    """The text of every page of the PDF in `data` as PDFium reads it (`FPDFText_GetText`,
    its inferred spaces and line breaks included), in page order; "" for a page PDFium cannot
    read, None when it cannot open the document. Used to cross-check pdfminer's reading
    (`pdf_quality.second_opinion`): a few per cent of pdfminer's time per page."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    out: list[str] = []
    try:
        for i in range(len(doc)):
            try:
                page = doc[i]
                textpage = page.get_textpage()
                out.append(textpage.get_text_range())
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                out.append("")
    finally:
        doc.close()
    return out


def page_glyphs(data: bytes, number: int) -> PageGlyphs:
    """Glyphs of page `number` (1-based) of the PDF in `data`, read by PDFium."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise PdfRefused(f"PDFium cannot open this PDF ({e})") from None
    try:
        if not 1 <= number <= len(doc):
            raise PdfRefused(f"no page {number}")
        page = doc[number - 1]
        width, height = page.get_size()
        textpage = page.get_textpage()
        raw = textpage.raw
        glyphs: list[Glyph] = []
        undefined = 0
        for i in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            cp = pdfium_c.FPDFText_GetUnicode(raw, i)
            if cp in (0, 0xFFFE, 0xFFFF):
                undefined += 1
                cp = 0xFFFD
            ch = chr(cp)
            if ch in "\r\n":
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(raw, i) or (top - bottom)
            angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
            gdir = "h"
            if angle >= 0 and abs(math.sin(angle)) > 0.7:
                gdir = "up" if math.sin(angle) > 0 else "down"
            glyphs.append(Glyph(ch, left, height - top, right, height - bottom, float(size),
                                "", gdir))
        image_area = 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            l, b, r, t = obj.get_pos()
            image_area += abs((r - l) * (t - b))
        share = min(1.0, image_area / (width * height)) if width * height else 0.0
        return PageGlyphs(number, width, height, glyphs, share, undefined, engine="pdfium")
    except pdfium.PdfiumError as e:
        raise PdfRefused(f"PDFium cannot read page {number} ({e})") from None
    finally:
        doc.close()
