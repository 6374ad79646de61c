"""Articles → pages of drawing operations, with the ground truth of what went where.

    compose(kits, style, rng, issue_label) -> (pages, truths)

* **Magazine** (`style.kind == "magazine"`): articles follow each other; each opens with its
  headline block across all columns, its body runs in balanced columns below and continues on
  the next page when the page is full.
* **Newspaper**: each page is filled with bands; a band holds one article across all columns
  or two side by side (column split drawn at random); an article that cannot fit a page is cut
  at a line (the truth records what was printed). One article in five with a short headline
  gets a vertical headline at the right of its block.

Coordinates: `Op.x` from the left edge, `Op.y` the baseline's distance from the top edge,
points. `Op.role`: "head", "sub", "byline", "credit", "body", "furniture", "rule"; `Op.article`
is the article's index (-1 for furniture).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from .furniture import draw_furniture
from .ops import Op, Page
from .style import Style
from .typeset import Kit, wrap

_ASCENT = 0.88


@dataclass
class _Line:
    text: str
    size: float
    font: str
    role: str
    align: str = "left"
    indent: float = 0.0
    gap_after: float = 0.0
    justify: bool = False


def _head_lines(kit: Kit, width: float, st: Style, fonts_v: str | None) -> list[_Line]:
    hs = st.body_size * st.head_ratio
    out = [_Line(t, hs, st.head_font, "head", st.head_align) for t in wrap(kit.head, width, st.head_font, hs)]
    if kit.sub:
        ss = st.body_size * st.sub_ratio
        out += [_Line(t, ss, st.head_font, "sub", st.head_align) for t in wrap(kit.sub, width, st.head_font, ss)]
    out[-1].gap_after = st.body_size * 0.6
    for text, role in ((kit.byline, "byline"), (kit.top_credit, "credit")):
        if text:
            out.append(_Line(text, st.body_size * 0.95, st.body_font, role))
    if kit.byline or kit.top_credit:
        out[-1].gap_after = st.body_size * 0.4
    return out


def _body_lines(kit: Kit, width: float, st: Style) -> list[_Line]:
    out: list[_Line] = []
    ind = 2 * st.body_size if st.indent else 0.0
    paras = list(kit.paras)
    if kit.paren_credit:
        paras[-1] = paras[-1] + kit.paren_credit
    for p in paras:
        lines = wrap(p, width, st.body_font, st.body_size, ind)
        for i, t in enumerate(lines):
            out.append(_Line(t, st.body_size, st.body_font, "body", indent=ind if i == 0 else 0.0,
                             justify=st.justify and i + 1 < len(lines)))
        out[-1].gap_after = st.para_gap * st.body_size
    if kit.end_credit:
        out.append(_Line(kit.end_credit, st.body_size, st.body_font, "credit", align="right"))
    return out


def _h(ln: _Line, st: Style) -> float:
    pitch = st.leading if ln.role == "body" else 1.3
    return ln.size * pitch + ln.gap_after


def _emit(page: Page, ln: _Line, x: float, y: float, width: float, art: int) -> float:
    """Draw `ln` with its top at `y` in a box of `width` from `x`; returns the baseline."""
    natural = stringWidth(ln.text, ln.font, ln.size)
    cs = 0.0
    if ln.align == "center":
        x += max(0.0, (width - natural) / 2)
    elif ln.align == "right":
        x += max(0.0, width - natural)
    x += ln.indent
    if ln.justify and len(ln.text) > 1:
        cs = (width - ln.indent - natural) / (len(ln.text) - 1)
        cs = cs if 0 < cs < 0.25 * ln.size else 0.0
    base = y + ln.size * _ASCENT
    page.ops.append(Op(ln.text, x, base, ln.font, ln.size, ln.role, art, cs))
    return base


def _fill(lines: list[_Line], st: Style, k: int, cap: float) -> list[list[_Line]]:
    """Lines into at most `k` columns no taller than `cap`, balanced when they all fit."""
    total = sum(_h(ln, st) for ln in lines)
    tallest = max((_h(ln, st) for ln in lines), default=0.0)
    target = min(cap, total / k + 0.99 * tallest)  # balanced: columns differ by a line at most
    cols: list[list[_Line]] = [[]]
    h = 0.0
    for ln in lines:
        lh = _h(ln, st)
        if h + lh > target + 1e-6 and cols[-1]:
            if len(cols) == k:
                if h + lh > cap:
                    break
            else:
                cols.append([])
                h = 0.0
        cols[-1].append(ln)
        h += lh
    return cols


class _Truth:
    def __init__(self, kit: Kit, n: int):
        self.d = dict(kit.truth, n=n)
        self.body = ""
        self.credit_printed = False


def compose(kits: list[Kit], st: Style, rng: random.Random, issue_label: str,
            fonts_v: str | None = None) -> tuple[list[Page], list[dict]]:
    """Lay out `kits` (see module docstring); `issue_label` is printed in the running head;
    `fonts_v` names a vertical-writing font (else vertical headlines stack characters)."""
    W, H = st.page
    top, right, bottom, left = st.margins
    cw = (W - left - right - st.gutter * (st.columns - 1)) / st.columns
    pages: list[Page] = []
    truths = [_Truth(k, i) for i, k in enumerate(kits)]

    def new_page() -> Page:
        p = Page(st.first_page + len(pages))
        pages.append(p)
        return p

    def place_cols(page: Page, cols: list[list[_Line]], x0: float, y0: float, art: int) -> float:
        ybot = y0
        for c, col in enumerate(cols):
            y = y0
            for ln in col:
                _emit(page, ln, x0 + c * (cw + st.gutter), y, cw, art)
                _record(truths[art], ln)
                y += _h(ln, st)
            ybot = max(ybot, y)
        return ybot

    page = new_page()
    y = top
    if st.kind == "magazine":
        for a, kit in enumerate(kits):
            head = _head_lines(kit, W - left - right, st, fonts_v)
            body = _body_lines(kit, cw, st)
            hh = sum(_h(ln, st) for ln in head)
            if y + hh + 3 * st.body_size * st.leading > H - bottom:
                page, y = new_page(), top
            truths[a].d["page"] = page.number
            for ln in head:
                _emit(page, ln, left, y, W - left - right, a)
                _record(truths[a], ln)
                y += _h(ln, st)
            while body:
                cols = _fill(body, st, st.columns, H - bottom - y)
                placed = sum(len(c) for c in cols)
                if placed == 0:
                    page, y = new_page(), top
                    continue
                y = place_cols(page, cols, left, y, a)
                body = body[placed:]
                if body:
                    page, y = new_page(), top
            y += st.body_size * st.leading * 1.5
    else:
        a = 0
        while a < len(kits):
            two = st.columns >= 3 and a + 1 < len(kits) and rng.random() < 0.6
            widths = [st.columns] if not two else [rng.randint(1, st.columns - 1)]
            if two:
                widths.append(st.columns - widths[0])
            blocks = []
            for j, w in enumerate(widths):
                blocks.append(_block(kits[a + j], w, cw, st, rng, fonts_v, H - top - bottom))
            band_h = max(b[0] for b in blocks)
            if y + band_h > H - bottom and y > top:
                page, y = new_page(), top
            cap = H - bottom - y
            c0 = 0
            for j, (w, (_bh, blk)) in enumerate(zip(widths, blocks)):
                _place_block(page, blk, kits[a + j], a + j, left + c0 * (cw + st.gutter), y, w, cw,
                             st, cap, truths[a + j], fonts_v)
                c0 += w
            y += min(band_h, cap) + st.body_size * st.leading * 1.5
            a += len(widths)
    for p in pages:
        draw_furniture(p, st, issue_label, rng)
    out = []
    for t in truths:
        body = t.body
        kit = kits[t.d["n"]]
        if kit.paren_credit and body.endswith(kit.paren_credit):
            body = body[: -len(kit.paren_credit)]
            t.credit_printed = True
        t.d["source"] = t.d.pop("credit") if t.credit_printed else None
        t.d.pop("credit", None)
        t.d["body_first"], t.d["body_last"] = body[:15], body[-15:]
        t.d["body_chars"] = len(body)
        out.append(t.d)
    return pages, out


def _record(t: _Truth, ln: _Line) -> None:
    if ln.role == "body":
        t.body += "".join(ln.text.split())
    elif ln.role == "credit":
        t.credit_printed = True


def _block(kit: Kit, w: int, cw: float, st: Style, rng: random.Random, fonts_v: str | None,
           max_h: float) -> tuple[float, dict]:
    bw = w * cw + (w - 1) * st.gutter
    hs = st.body_size * st.head_ratio
    vertical = len(kit.head) <= 14 and not kit.sub and rng.random() < st.vertical_head_p
    if vertical:
        body_w = bw - hs * 1.6
        k = max(1, w)
        cwb = (body_w - (k - 1) * st.gutter) / k
        head = [ln for ln in _head_lines(kit, body_w, st, fonts_v) if ln.role not in ("head", "sub")]
        body = _body_lines(kit, cwb, st)
        bh = sum(_h(ln, st) for ln in head) + sum(_h(ln, st) for ln in body) / k + st.body_size * 2
        if bh >= len(kit.head) * hs * 1.08:
            return min(bh, max_h), {"vertical": True, "head": head, "body": body, "cw": cwb, "k": k}
    head = _head_lines(kit, bw, st, fonts_v)
    body = _body_lines(kit, cw, st)
    hh = sum(_h(ln, st) for ln in head)
    bh = hh + sum(_h(ln, st) for ln in body) / w + st.body_size * st.leading * 2
    return min(bh, max_h), {"vertical": False, "head": head, "body": body, "cw": cw, "k": w}


def _place_block(page: Page, blk: dict, kit: Kit, art: int, x0: float, y0: float, w: int,
                 cw: float, st: Style, cap: float, t: _Truth, fonts_v: str | None) -> None:
    bw = w * cw + (w - 1) * st.gutter
    hs = st.body_size * st.head_ratio
    t.d["page"] = page.number
    y = y0
    body_x = x0
    if blk["vertical"]:
        vx = x0 + bw - hs * 1.2
        if fonts_v and st.head_font == st.body_font and "STSong" in st.head_font:
            page.ops.append(Op(kit.head, vx, y0, fonts_v, hs, "head", art, vertical=True))
        else:
            for i, ch in enumerate(kit.head):
                page.ops.append(Op(ch, vx, y0 + hs * (i * 1.05 + _ASCENT), st.head_font, hs, "head", art))
        bw = bw - hs * 1.6
    for ln in blk["head"]:
        _emit(page, ln, body_x, y, bw, art)
        _record(t, ln)
        y += _h(ln, st)
    k, ccw = blk["k"], blk["cw"]
    cols = _fill(blk["body"], st, k, y0 + cap - y)
    for c, col in enumerate(cols):
        yy = y
        for ln in col:
            _emit(page, ln, body_x + c * (ccw + st.gutter), yy, ccw, art)
            _record(t, ln)
            yy += _h(ln, st)
