"""Reading order of one page: fragments → blocks of lines, whatever order the file drew them in.

    body_size(frags) -> float
    read_page(frags, body) -> list[Block]

The cutting itself is `pdf_xycut.cut` (a recursive XY-cut, see there). Here: the body size,
headline pieces joined again, and the leaves read as lines.

Before cutting, the pieces of one headline row that a wide gap split (`打破技术壁垒  促进开放
合作` centred over two columns) are joined again when the file drew space characters between
them (one string with a space is one line), or else when their gap holds no column gutter of
the page and they do not both start where columns of body text start (those are headlines of
neighbouring articles).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .pdf_lines import Frag, join_row
from .pdf_gutters import HEAD_RATIO, gutters_of
from .pdf_xycut import cut


@dataclass
class Line:
    """One line of text in reading order: `text`, `size` (font size of most of its characters,
    points), `page`, box (`x0`, `top`, `x1`, `bottom`), `vertical`, `frags`."""

    text: str
    size: float
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    vertical: bool = False
    frags: list[Frag] = field(default_factory=list)


Block = list  # list[Line]: lines read one after another without a visual break


def body_size(frags: list[Frag]) -> float:
    """The font size most characters are set in (character-weighted median), points; 10.0 for
    a page without text."""
    sizes = sorted((f.size, f.n) for f in frags if f.n)
    total = sum(n for _, n in sizes)
    if not total:
        return 10.0
    acc = 0
    for s, n in sizes:
        acc += n
        if acc * 2 >= total:
            return s
    return sizes[-1][0]


def _column_starts(frags: list[Frag], body: float) -> list[float]:
    xs = sorted(f.x0 for f in frags if not f.vertical and abs(f.size - body) <= 0.15 * body)
    out: list[float] = []
    i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and xs[j + 1] - xs[i] <= 0.5 * body:
            j += 1
        if j - i + 1 >= 3:
            out.append(xs[i])
        i = j + 1
    return out


def _merge_heads(frags: list[Frag], body: float, gutters: list[tuple[float, float]]) -> list[Frag]:
    """Join the pieces of a headline row split at a wide gap (see module docstring)."""
    starts = _column_starts(frags, body)

    def apart(a: Frag, b: Frag) -> bool:
        """Two headlines: their gap holds a column gutter of the page, or both start where
        columns start."""
        if any(a.x1 <= (g0 + g1) / 2 <= b.x0 for g0, g1 in gutters):
            return True
        return all(any(abs(f.x0 - s) <= 0.15 * body for s in starts) for f in (a, b))

    heads = sorted((f for f in frags if not f.vertical and f.size >= HEAD_RATIO * body),
                   key=lambda f: (round(f.cy / (0.5 * f.size)), f.x0))
    if len(heads) < 2:
        return frags
    merged: dict[int, list[Frag]] = {}
    groups: list[list[Frag]] = []
    for f in heads:
        g = groups[-1] if groups else None
        p = g[-1] if g else None
        if p is not None and abs(p.cy - f.cy) <= 0.3 * p.size and \
                abs(p.size - f.size) <= 0.05 * p.size and 0 <= f.x0 - p.x1 <= 1.5 * p.size and \
                (f.lead or not apart(g[0], f)):
            g.append(f)
        else:
            groups.append([f])
    for g in groups:
        if len(g) > 1:
            merged[id(g[0])] = g
    if not merged:
        return frags
    drop = {id(f) for g in merged.values() for f in g[1:]}
    out = []
    for f in frags:
        if id(f) in drop:
            continue
        if id(f) in merged:
            g = merged[id(f)]
            f = Frag(join_row(g), g[0].x0, min(x.top for x in g), g[-1].x1,
                     max(x.bottom for x in g), g[0].size, sum(x.n for x in g), False, g[0].page,
                     g[0].lead)
        out.append(f)
    return out


def _rows(frags: list[Frag]) -> list[list[Frag]]:
    horiz = sorted((f for f in frags if not f.vertical), key=lambda f: (f.top, f.x0))
    rows: list[list[Frag]] = []
    for f in horiz:
        for r in rows[-3:]:
            ref = r[0]
            ov = min(ref.bottom, f.bottom) - max(ref.top, f.top)
            similar = max(ref.size, f.size) <= 1.5 * min(ref.size, f.size)
            if ov >= (0.5 * min(ref.height, f.height) if similar else 0.7 * max(ref.height, f.height)):
                r.append(f)
                break
        else:
            rows.append([f])
    return rows


def _line(frags: list[Frag]) -> Line:
    sizes = sorted((f.size, f.n) for f in frags)
    total = sum(n for _, n in sizes) or 1
    acc, size = 0, sizes[-1][0]
    for s, n in sizes:
        acc += n
        if acc * 2 >= total:
            size = s
            break
    return Line(join_row(frags) if not frags[0].vertical else frags[0].text, size, frags[0].page,
                min(f.x0 for f in frags), min(f.top for f in frags), max(f.x1 for f in frags),
                max(f.bottom for f in frags), frags[0].vertical, list(frags))


def _block(frags: list[Frag]) -> Block:
    vert = [f for f in frags if f.vertical]
    lines = [_line(r) for r in _rows(frags)]
    if vert:
        vlines = [_line([f]) for f in sorted(vert, key=lambda f: -f.x1)]
        if not lines:
            return vlines
        lines = sorted(lines + vlines, key=lambda ln: ln.top)
    return lines


def read_page(frags: list[Frag], body: float) -> list[Block]:
    """The page's text as blocks of lines in reading order (see module docstring). `body` is
    the body font size (`body_size`), points. Never raises for any input."""
    frags = [f for f in frags if f.text.strip()]
    if not frags:
        return []
    gutters = gutters_of(frags, body)
    frags = _merge_heads(frags, body, gutters)
    return [b for b in (_block(leaf) for leaf in cut(frags, body, gutters)) if b]
