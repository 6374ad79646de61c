"""Glyphs → text fragments: runs of characters that sit on one line and touch each other.

    fragments(glyphs) -> list[Frag]
    join_row(frags) -> str

A `Frag` is the smallest piece the reading-order step (`pdf_order`) moves around: the glyphs
of one text line up to a gap wider than `SPLIT_GAP` × the font size (× the page's body size,
when smaller: the gutter between two neighbouring stories' headlines is set in body units), or
up to any visible gap where the size jumps by `SIZE_JUMP` (a vertical headline set close to
the column beside it). Such a gap is a column
gutter, a field separator (`部长   肖亚庆`) or the space around a centred word; fragments of
one row that end up next to each other in reading order are joined again by `join_row`, with
the spaces their gap stands for.

Rules (all relative to the glyphs' own font size, never to a page size or a font name):

* **Rows.** Horizontal glyphs are sorted by the centre of their box; a glyph whose centre
  lies within `ROW_TOL` × its size of the row's first glyph belongs to that row. Glyphs of
  different sizes on one baseline (a header's `第3版` beside its name) stay one row.
* **Duplicates.** A glyph drawn twice at (almost) the same place — fake bold, a shadow: less
  than `DUP_TOL` of its width and a tenth of its size apart — is kept once (`ll` in `All`
  is two letters).
* **Spaces.** Space characters the file draws are kept; a gap of ≥ `SPACE_GAP` × size
  between two visible glyphs without one reads as a space (Latin words placed one by one).
  A row in which at least `OCR_SPACED` of the neighbouring characters have a space drawn
  between them (an OCR text layer puts one after every character, digits and Latin letters
  included: `6 月 1 8 日`) loses those single spaces; a run of two or more stays as a field
  separator of two (`部 长   肖 亚 庆` → `部长  肖亚庆`, as `layout.clean_line` reads it).
* **Vertical text.** Glyphs of a vertical-writing font, glyphs rotated by 90°, and runs of at
  least three stacked single-character fragments (`VERTICAL_MIN`: a vertical headline set
  one character under the other in a horizontal font), all but one of them with no other
  text of their size within `_ALONE` × their size on their row (so a column of list numbers
  `1` `2` `3` beside their items is not one; a headline beside body type is), become vertical
  fragments, read top to bottom (bottom to top for text rotated by +90°).
"""
from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass

from .pdf_glyphs import Glyph

ROW_TOL = 0.35
OCR_SPACED = 0.8
SPLIT_GAP = 0.8
SIZE_JUMP = 1.3
SPACE_GAP = 0.25
DUP_TOL = 0.3
VERTICAL_MIN = 3
_STACK_GAP = 0.8   # largest gap between two stacked characters of one vertical line, × size
_STACK_X = 0.3     # largest offset of their centres, × size
_ALONE = 1.5       # a character this far (× size) from any other on its row may be stacked
_SPACE_RUN = re.compile(r" +")


@dataclass
class Frag:
    """A run of glyphs: `text`, box (`x0`, `top`, `x1`, `bottom`, points, top-left origin),
    `size` (median font size of its visible glyphs, points), `n` (visible characters),
    `vertical` (read top to bottom), `page` (1-based page number, set by the caller), `lead`
    (space characters the file drew between this fragment and the one before it on its row,
    when they fill at least half of the gap; else 0)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    n: int
    vertical: bool = False
    page: int = 0
    lead: int = 0

    @property
    def cy(self) -> float:
        """Vertical centre of the box."""
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _visible(g: Glyph) -> bool:
    return bool(g.text.strip())


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    ordered = sorted(glyphs, key=lambda g: ((g.top + g.bottom) / 2, g.x0))
    rows: list[list[Glyph]] = []
    ref = None
    for g in ordered:
        c = (g.top + g.bottom) / 2
        if ref is not None and c - ref[0] <= ROW_TOL * max(min(ref[1], g.size), 1e-3):
            rows[-1].append(g)
        else:
            rows.append([g])
            ref = (c, g.size)
    return rows


def _make(glyphs: list[Glyph], text: str, vertical: bool = False) -> Frag:
    vis = [g for g in glyphs if _visible(g)] or glyphs
    return Frag(text, min(g.x0 for g in vis), min(g.top for g in vis), max(g.x1 for g in vis),
                max(g.bottom for g in vis), statistics.median(g.size for g in vis),
                sum(1 for g in glyphs if _visible(g)), vertical)


def _split_row(row: list[Glyph], body: float) -> list[Frag]:
    row.sort(key=lambda g: g.x0 + g.x1)  # by centre: a space drawn at a glyph's origin sorts first
    out: list[Frag] = []
    cur: list[Glyph] = []
    text: list[str] = []
    last: Glyph | None = None   # last visible glyph of the current fragment
    pending_space = lead = 0
    pending_width = 0.0         # width of the space glyphs since the last visible one
    pairs = spaced = 0          # neighbouring visible glyphs, and those with a space between
    for g in row:
        if not _visible(g):
            if last is not None:
                pending_space += 1
                pending_width += g.x1 - g.x0
            continue
        if last is not None:
            size = min(last.size, g.size) or 1.0
            if g.text == last.text and \
                    abs(g.x0 - last.x0) < min(DUP_TOL * (last.x1 - last.x0), 0.1 * size):
                continue  # drawn twice at (almost) the same place: fake bold, a shadow
            pairs += 1
            spaced += pending_space > 0
            gap = g.x0 - last.x1
            ratio = max(last.size, g.size) / (size or 1.0)
            if gap > SPLIT_GAP * min(size, body) or (ratio >= SIZE_JUMP and gap >= SPACE_GAP * size):
                out.append(_make(cur, "".join(text)))
                # spaces count as drawn between the two only when they fill most of the gap
                # (a trailing space at the end of one line is not a field separator)
                out[-1].lead, lead = lead, (pending_space if pending_width >= 0.5 * gap else 0)
                cur, text, pending_space = [], [], 0
            elif pending_space:
                text.append(" " * pending_space)
            elif gap >= SPACE_GAP * size:
                text.append(" ")
        pending_space, pending_width = 0, 0.0
        cur.append(g)
        text.append(g.text)
        last = g
    if cur:
        out.append(_make(cur, "".join(text)))
        out[-1].lead = lead
    if pairs >= 3 and spaced >= OCR_SPACED * pairs:
        for f in out:  # an OCR layer's space after every character: one space is none
            f.text = _SPACE_RUN.sub(lambda m: "" if len(m.group()) == 1 else "  ", f.text)
            f.lead = 2 if f.lead > 1 else 0
    return out


def _chains(items: list[tuple[Glyph | Frag, str]], upward: bool = False) -> list[list[tuple]]:
    """Group stacked single characters into vertical runs (top to bottom)."""
    items = sorted(items, key=lambda it: (it[0].top, it[0].x0))
    tops = [it[0].top for it in items]
    used = [False] * len(items)
    chains: list[list[tuple]] = []
    for i, it in enumerate(items):
        if used[i]:
            continue
        chain = [it]
        used[i] = True
        cur = it[0]
        while True:
            size = cur.bottom - cur.top if isinstance(cur, Glyph) else cur.size
            size = max(size, getattr(cur, "size", size), 1e-3)
            cx = (cur.x0 + cur.x1) / 2
            lo = bisect.bisect_left(tops, cur.bottom - 0.3 * size)
            hi = bisect.bisect_right(tops, cur.bottom + _STACK_GAP * size)
            nxt = None
            for j in range(lo, hi):
                if used[j]:
                    continue
                o = items[j][0]
                if abs((o.x0 + o.x1) / 2 - cx) <= _STACK_X * size and \
                        0.75 <= (o.size or 1) / (cur.size or 1) <= 1.33:
                    nxt = j
                    break
            if nxt is None:
                break
            used[nxt] = True
            chain.append(items[nxt])
            cur = items[nxt][0]
        chains.append(chain[::-1] if upward else chain)
    return chains


def _vertical_frag(chain: list[tuple]) -> Frag:
    text = "".join(t for _, t in chain)
    boxes = [b for b, _ in chain]
    return Frag(text, min(b.x0 for b in boxes), min(b.top for b in boxes),
                max(b.x1 for b in boxes), max(b.bottom for b in boxes),
                statistics.median(b.size for b in boxes), len(text.replace(" ", "")), True)


def _body(glyphs: list[Glyph]) -> float:
    sizes = sorted(g.size for g in glyphs if _visible(g))
    return sizes[len(sizes) // 2] if sizes else 10.0


def fragments(glyphs: list[Glyph]) -> list[Frag]:
    """The fragments of one page's glyphs (see module docstring); `page` is left 0."""
    body = _body(glyphs)
    horiz = [g for g in glyphs if g.dir == "h"]
    out: list[Frag] = []
    singles: list[tuple[Frag, str]] = []
    alone: set[int] = set()
    for row in _rows(horiz):
        frags = _split_row(row, body)
        for i, f in enumerate(frags):  # one character split off its row
            if f.n == 1 and len(f.text) == 1:
                singles.append((f, f.text))
                near = [g for g in (frags[i - 1] if i else None,
                                    frags[i + 1] if i + 1 < len(frags) else None)
                        if g is not None and min(abs(g.x0 - f.x1), abs(f.x0 - g.x1)) <= _ALONE * f.size]
                if all(g.size * 1.2 <= f.size for g in near):
                    alone.add(id(f))  # no neighbour near it on its row, or only smaller type
        out.extend(frags)
    # stacked characters of a horizontal font: a vertical line set by hand (all but one of
    # them alone on their rows: the first may sit level with a neighbour's headline)
    if len(singles) >= VERTICAL_MIN:
        taken: set[int] = set()
        for ch in _chains(singles):
            if len(ch) >= VERTICAL_MIN and sum(id(f) in alone for f, _ in ch) >= len(ch) - 1:
                out.append(_vertical_frag(ch))
                taken.update(id(f) for f, _ in ch)
        if taken:
            out = [f for f in out if id(f) not in taken]
    for d in ("v", "down", "up"):
        vs = [(g, g.text) for g in glyphs if g.dir == d and _visible(g)]
        if d != "v":  # rotated glyphs: their box is wide and short; stack by their centres
            vs = [(Frag(g.text, g.x0, g.top, g.x1, g.bottom, g.size, 1), t) for g, t in vs]
        for ch in _chains(vs, upward=(d == "up")):
            out.append(_vertical_frag([(b if isinstance(b, Frag) else
                                        Frag(t, b.x0, b.top, b.x1, b.bottom, b.size, 1), t)
                                       for b, t in ch]))
    return out


def join_row(frags: list[Frag]) -> str:
    """Text of fragments that sit on one row, left to right. Between two of them go the space
    characters the file drew there (`Frag.lead`), else two spaces: fragments are split only at
    gaps wider than any word space, so the gap is a field separator (`部长  肖亚庆`), as
    `pdftotext -layout` keeps it. Fragments carry their inner spaces themselves."""
    frags = sorted(frags, key=lambda f: f.x0)
    out = ""
    for i, f in enumerate(frags):
        if i:
            out += " " * f.lead if f.lead else "  "
        out += f.text
    return out
