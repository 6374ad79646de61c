"""Reading order of one page: fragments → blocks of lines, whatever order the file drew them in.

    body_size(frags) -> float
    read_page(frags, body) -> list[Block]

A recursive XY-cut (Nagy & Seth 1984, "Hierarchical representation of optically scanned
documents") adapted to Chinese magazine and newspaper pages:

* **Gutters** are vertical strips at least `SPLIT_GAP` (`pdf_lines`) × the body size wide that
  body-sized text (font size ≤ `HEAD_RATIO` × body) leaves (almost) empty: covered by at most
  `GUTTER_SHARE` of the fragments found on either side of it. Headlines are left out of this
  count because they run across the columns they head.
* A headline standing alone across the region — a strip between clear horizontal gaps that
  holds only headline-type fragments, with nothing beside it across some gutter — is cut
  out first, top part first: it opens the article whose columns follow below it, even when
  it is short enough to sit in the first column.
* Otherwise a region with a gutter that no fragment crosses is cut there, left part first
  (columns).
* When every gutter is crossed — a headline or an intro spanning two columns above them — the
  region is cut horizontally at the clear gaps (no fragment straddles them) above and below
  the strips holding those *spanners*, top part first; each part is cut again.
* A region that lies on one row, or has no gutter, is a block: its fragments are read row by
  row (rows: fragments whose boxes overlap vertically by half), left to right.
* Vertical text: a part made only of vertical lines is read before the horizontal part it is
  nearest to (a vertical headline beside its article); parts that are all vertical lines are
  read right to left.

Before cutting, the pieces of one headline row that a wide gap split (`打破技术壁垒  促进开放
合作` centred over two columns, its gap right above the gutter) are joined again, unless each
piece starts where a column of body text starts (two headlines of neighbouring articles).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .pdf_lines import SPLIT_GAP, Frag, join_row

HEAD_RATIO = 1.2
GUTTER_SHARE = 0.4
_CLEAR_TOL = 0.15   # boxes of neighbouring rows may overlap by this × body size
_MAX_DEPTH = 40


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


def _merge_heads(frags: list[Frag], body: float) -> list[Frag]:
    """Join the pieces of a headline row split at a wide gap (see module docstring)."""
    starts = _column_starts(frags, body)

    def at_start(f: Frag) -> bool:
        return any(abs(f.x0 - s) <= 0.5 * body for s in starts)

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
                not (at_start(g[0]) and at_start(f)):
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


def _one_row(frags: list[Frag]) -> bool:
    return max(f.top for f in frags) < min(f.bottom for f in frags)


def _gutters(frags: list[Frag], body: float) -> list[tuple[float, float]]:
    """x-intervals of the gutters of a region (see module docstring)."""
    base = [f for f in frags if f.size <= HEAD_RATIO * body] or frags
    lo = min(f.x0 for f in frags)
    hi = max(f.x1 for f in frags)
    nb = int(hi - lo) + 2
    if nb < 3:
        return []
    diff = [0] * (nb + 1)
    for f in base:
        a = int(f.x0 - lo)
        b = int(f.x1 - lo) + 1
        diff[max(0, a)] += 1
        diff[min(nb, b)] -= 1
    cov = [0] * nb
    run = 0
    for i in range(nb):
        run += diff[i]
        cov[i] = run
    left = [0] * nb
    m = 0
    for i in range(nb):
        left[i] = m
        m = max(m, cov[i])
    right = [0] * nb
    m = 0
    for i in range(nb - 1, -1, -1):
        right[i] = m
        m = max(m, cov[i])
    out = []
    i = 0
    min_w = SPLIT_GAP * body
    def low(k: int) -> bool:
        m = min(left[k], right[k])
        return m >= 1 and cov[k] <= GUTTER_SHARE * m

    while i < nb:
        if low(i):
            j = i
            while j + 1 < nb and low(j + 1):
                j += 1
            if j - i + 1 >= min_w:
                out.append((lo + i, lo + j + 1))
            i = j + 1
        else:
            i += 1
    return out


def _crosses(f: Frag, g: tuple[float, float], body: float) -> bool:
    """The fragment runs across the gutter into the text beyond it (hanging punctuation that
    only reaches into the gutter does not count)."""
    return f.x0 < g[0] - 0.5 and f.x1 > g[1] + 0.5 * body


def _strips(frags: list[Frag], body: float) -> list[list[Frag]]:
    """Groups of fragments between clear horizontal gaps (no fragment straddles them), top to
    bottom; neighbouring rows whose boxes overlap by less than `_CLEAR_TOL` × body are apart."""
    out: list[list[Frag]] = []
    bottom = 0.0
    for f in sorted(frags, key=lambda f: f.top):
        if out and f.top < bottom - _CLEAR_TOL * body:
            out[-1].append(f)
            bottom = max(bottom, f.bottom)
        else:
            out.append([f])
            bottom = f.bottom
    return out


def _x_parts(frags: list[Frag], cuts: list[tuple[float, float]]) -> list[list[Frag]]:
    edges = sorted((a + b) / 2 for a, b in cuts)
    parts: list[list[Frag]] = [[] for _ in range(len(edges) + 1)]
    for f in frags:
        c = (f.x0 + f.x1) / 2
        k = sum(1 for e in edges if c > e)
        parts[k].append(f)
    parts = [p for p in parts if p]
    vert = [all(f.vertical for f in p) for p in parts]
    if all(vert):
        return parts[::-1]  # columns of vertical text: right to left
    if any(vert):
        order: list[list[Frag]] = []
        placed: set[int] = set()
        for i, p in enumerate(parts):
            if vert[i]:
                continue
            # vertical parts nearer to this part than to any other horizontal part go first
            for j, q in enumerate(parts):
                if vert[j] and j not in placed and _nearest_horizontal(parts, vert, j) == i:
                    order.append(q)
                    placed.add(j)
            order.append(p)
        order.extend(q for j, q in enumerate(parts) if vert[j] and j not in placed)
        return order
    return parts


def _nearest_horizontal(parts: list[list[Frag]], vert: list[bool], j: int) -> int:
    q0, q1 = min(f.x0 for f in parts[j]), max(f.x1 for f in parts[j])
    best, best_d = -1, None
    for i, p in enumerate(parts):
        if vert[i]:
            continue
        p0, p1 = min(f.x0 for f in p), max(f.x1 for f in p)
        d = q0 - p1 if p1 <= q0 else p0 - q1
        if best_d is None or d < best_d:
            best, best_d = i, d
    return best


def _runs(strips: list[list[Frag]], marked: set[int]) -> list[list[Frag]]:
    """Consecutive strips grouped by whether they hold a marked fragment."""
    runs: list[list[Frag]] = []
    kind = None
    for s in strips:
        k = any(id(f) in marked for f in s)
        if runs and k == kind:
            runs[-1].extend(s)
        else:
            runs.append(list(s))
            kind = k
    return runs


def _lone_heads(strips: list[list[Frag]], clean: list[tuple[float, float]], body: float) -> set[int]:
    """Fragments of headline strips that stand alone across the region: a strip of only
    headline-type fragments with nothing beside it on the other side of some clean gutter (a
    headline over the columns of its article, with the previous article's columns ended
    above it). Two headlines side by side over their own columns are not alone."""
    out: set[int] = set()
    for s in strips:
        if not all(f.size >= HEAD_RATIO * body for f in s):
            continue
        for g in clean:
            mid = (g[0] + g[1]) / 2
            left = any((f.x0 + f.x1) / 2 < mid for f in s)
            right = any((f.x0 + f.x1) / 2 >= mid for f in s)
            if left != right:
                out.update(id(f) for f in s)
                break
    return out


def _cut(frags: list[Frag], body: float, depth: int) -> list[list[Frag]]:
    if len(frags) <= 1 or depth > _MAX_DEPTH or _one_row(frags):
        return [frags]
    gutters = _gutters(frags, body)
    if not gutters:
        return [frags]
    clean = [g for g in gutters if not any(_crosses(f, g, body) for f in frags)]
    strips = _strips(frags, body)
    lone = _lone_heads(strips, clean, body) if clean and len(strips) > 1 else set()
    if lone:
        runs = _runs(strips, lone)
        if len(runs) > 1:
            return [leaf for r in runs for leaf in _cut(r, body, depth + 1)]
    if clean:
        parts = _x_parts(frags, clean)
        if len(parts) > 1:
            return [leaf for p in parts for leaf in _cut(p, body, depth + 1)]
        return [frags]
    spanners = {id(f) for f in frags if any(_crosses(f, g, body) for g in gutters)}
    runs = _runs(strips, spanners)
    if len(runs) <= 1:
        return [frags]
    return [leaf for r in runs for leaf in _cut(r, body, depth + 1)]


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
    frags = _merge_heads(frags, body)
    return [b for b in (_block(leaf) for leaf in _cut(frags, body, 0)) if b]
