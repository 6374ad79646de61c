"""A page whose text is drawn rotated by 90° (a landscape page set sideways on a portrait sheet)
turned upright, so it is read like any other page.

    upright(page) -> (PageGlyphs, note | None)

The text matrix gives each glyph's direction (`pdf_glyphs`: "up" for a baseline rotated by
+90°, text running bottom to top; "down" for -90°, top to bottom). When at least `ROTATED_SHARE`
of a page's visible characters run one of those ways, the whole page is turned so that they
run left to right: every glyph's box is mapped into the rotated frame (width and height of the
page swap) and rotated glyphs become horizontal ("h"), ordinary ones rotated ones of the
opposite sense. Rows, columns, headlines and running heads are then found by the same rules
as on an upright page, and the lines read in order — as PDFium and a viewer rotating the page
show them.

On a page where rotated characters are a minority (a sideways caption, a vertical label along
the margin), they stay vertical lines (`pdf_lines`), but when there are at least `NOTE_MIN` of
them the page gets a note: their order within the page is a guess.
"""
from __future__ import annotations

from collections import Counter

from .pdf_glyphs import Glyph, PageGlyphs

ROTATED_SHARE = 0.5
NOTE_MIN = 20
#: a glyph's direction once the page is turned, by the sense the page is turned in
_TURNED = {"up": {"up": "h", "h": "down", "down": "up", "v": "v"},
           "down": {"down": "h", "h": "up", "up": "down", "v": "v"}}


def _turn(g: Glyph, sense: str, w: float, h: float) -> Glyph:
    """`g` in the frame of a page turned so that text running `sense` runs left to right
    (top-left origin kept; the turned page is `h` wide and `w` high)."""
    if sense == "up":  # text runs towards the top; its next line lies to the right
        x0, x1, top, bottom = h - g.bottom, h - g.top, g.x0, g.x1
    else:  # text runs downwards; its next line lies to the left
        x0, x1, top, bottom = g.top, g.bottom, w - g.x1, w - g.x0
    return Glyph(g.text, x0, top, x1, bottom, g.size, g.font, _TURNED[sense][g.dir])


def upright(page: PageGlyphs) -> tuple[PageGlyphs, str | None]:
    """`page` with its text turned upright when most of it is rotated (module docstring), and
    a note for the user ("page N: …") when the page keeps rotated text it reads as vertical
    lines; None when it reads as it should. The page passed in is not changed."""
    dirs = Counter(g.dir for g in page.glyphs if g.text.strip())
    total = sum(dirs.values())
    rotated = dirs["up"] + dirs["down"]
    if not total or not rotated:
        return page, None
    sense = "up" if dirs["up"] >= dirs["down"] else "down"
    if dirs[sense] >= ROTATED_SHARE * total:
        glyphs = [_turn(g, sense, page.width, page.height) for g in page.glyphs]
        turned = PageGlyphs(page.number, page.height, page.width, glyphs, page.image_share,
                            page.undefined, page.error, page.engine)
        return turned, None
    if rotated >= NOTE_MIN:
        return page, (f"page {page.number}: {rotated} of {total} characters are set rotated by "
                      "90°: read as vertical lines, their order on the page may be wrong")
    return page, None
