"""Which pages of a PDF can be read with confidence, and by which engine (step 2 of `pdf`).

    trusted_pages(data, problems) -> list[PageGlyphs]       raises PdfRefused

Every page is read by pdfminer (`pdf_glyphs`) and judged (`pdf_quality.verdict`):
* a page whose characters have no Unicode mapping, or came out as Western letters, is read
  again by PDFium (`pdf_pdfium.page_glyphs`), its mojibake decoded back as GBK
  (`pdf_quality.repair_gbk`) — `_second_reading`;
* a page that passes and holds CJK text is cross-checked against PDFium's reading of the
  same page (`pdf_quality.second_opinion`): when the two disagree, the reading that is common
  Chinese is used (PDFium's page in place of pdfminer's), and when neither is, the page is
  refused as "misread" — `_CrossCheck`;
* a scan, a blank page, a page that cannot be interpreted or decoded is skipped.
What was done is reported per page in `problems` ("page N: …").
"""
from __future__ import annotations

from collections import Counter

from .pdf_glyphs import PageGlyphs, PdfRefused, read_pages
from .pdf_quality import (MIN_IDEOGRAPHS, Verdict, ideographs, repair_gbk, second_opinion,
                          verdict)


def trusted_pages(data: bytes, problems: list[str]) -> list[PageGlyphs]:
    """The pages of the PDF in `data` whose text can be trusted, each read by the engine that
    reads it right (module docstring); a line in `problems` for each page skipped or read
    otherwise. Raises PdfRefused when no page is left (the one-line reason of the commonest
    kind: scan, uninterpretable, undecodable or misread)."""
    pages = read_pages(data)
    good: list[PageGlyphs] = []
    kinds: Counter[str] = Counter()
    first_reason: dict[str, str] = {}
    check = _CrossCheck(data)
    for pg in pages:
        if pg.error:
            kinds["error"] += 1
            first_reason.setdefault("error", pg.error)
            problems.append(f"page {pg.number}: {pg.error}; page skipped")
            continue
        v = verdict(pg)
        if v.kind in ("undefined", "mojibake"):
            pg, v = _second_reading(data, pg, v, problems)
        elif v.ok:
            pg, v = check.page(pg, problems)
        if v.ok:
            good.append(pg)
        elif v.kind != "empty":
            kinds[v.kind] += 1
            first_reason.setdefault(v.kind, v.reason)
            problems.append(f"page {pg.number}: {v.reason}; page skipped")
    if not good:
        if not kinds:
            raise PdfRefused("no text on any page")
        kind = kinds.most_common(1)[0][0]
        what = {"image": "image-only PDF without a text layer (a scan: needs OCR)",
                "error": f"no page can be interpreted ({first_reason.get('error', '')})",
                }.get(kind, f"text cannot be decoded on any page ({first_reason.get(kind, '')})")
        raise PdfRefused(what)
    return good


class _CrossCheck:
    """pdfminer's reading of each page against PDFium's (`pdf_quality.second_opinion`);
    PDFium reads the document's text once, at the first page worth comparing."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.texts: list[str] | None = None
        self.opened = False

    def page(self, pg: PageGlyphs, problems: list[str]) -> tuple[PageGlyphs, Verdict]:
        """(page, verdict) for a page pdfminer's verdict passed: the page itself when the
        readings agree (or it has too few ideographs to compare, or PDFium cannot read the
        file), PDFium's page when it is the one that reads as Chinese, else a "misread"
        verdict. A line in `problems` whenever the readings disagree."""
        mine = "".join(g.text for g in pg.glyphs)
        if len(ideographs(mine)) < MIN_IDEOGRAPHS:
            return pg, Verdict(True, "ok", "")
        if not self.opened:
            from .pdf_pdfium import page_texts  # deferred: PDFium loads only for CJK pages

            self.texts, self.opened = page_texts(self.data), True
        if self.texts is None or pg.number > len(self.texts):
            return pg, Verdict(True, "ok", "")
        op = second_opinion(mine, self.texts[pg.number - 1])
        if op.keep == "theirs":
            from .pdf_pdfium import page_glyphs  # deferred: PDFium loads only for a page it must reread

            try:
                alt = page_glyphs(self.data, pg.number)
            except PdfRefused:
                alt = None
            if alt is not None and verdict(alt).ok:
                problems.append(f"page {pg.number}: {op.reason}; text read with PDFium instead")
                return alt, Verdict(True, "ok", "")
            return pg, Verdict(False, "misread", op.reason)
        if op.keep == "neither":
            return pg, Verdict(False, "misread", op.reason)
        if op.reason:
            problems.append(f"page {pg.number}: {op.reason}")
        return pg, Verdict(True, "ok", "")


def _second_reading(data: bytes, pg: PageGlyphs, v: Verdict, problems: list[str]
                    ) -> tuple[PageGlyphs, Verdict]:
    """A page whose pdfminer text cannot be decoded, read again by PDFium: its page when the
    text passes (`pdf_quality.verdict`), or after a GBK repair when it is mojibake; else the
    page and verdict as they were. What was done is a line in `problems`."""
    from .pdf_pdfium import page_glyphs  # deferred: PDFium loads only for a page that needs it

    try:
        alt = page_glyphs(data, pg.number)
    except PdfRefused:
        return pg, v
    note = f"page {pg.number}: {v.reason} with pdfminer"
    v2 = verdict(alt)
    if v2.ok:
        problems.append(f"{note}; text read with PDFium instead")
        return alt, v2
    if v2.kind == "mojibake":
        fixed = repair_gbk(alt.glyphs)
        if fixed is not None:
            alt.glyphs = fixed
            v3 = verdict(alt)
            if v3.ok:
                problems.append(f"{note}; read with PDFium and decoded as GBK "
                                "(its font declares a one-byte Western encoding)")
                return alt, v3
    return pg, v
