"""Recursive XY-cut of one page's fragments into leaves in reading order.

    cut(frags, body, page_gutters) -> list[list[Frag]]
    gutters_of(frags, body) -> list[(x0, x1)]

After Nagy & Seth 1984, "Hierarchical representation of optically scanned
documents"), adapted to Chinese magazine and newspaper pages:

* **Gutters** come from `pdf_gutters.gutters_of` (see there): vertical strips body text leaves
  empty between columns.
* A region is first cut at clear horizontal gaps (no fragment straddles them) at least
  `BAND_GAP` × the body size high: white space across the whole region, wider than any line
  spacing, separates bands of stories (blocks of a newspaper page, the end of one article's
  columns from the next headline).
* A region with gutters that no fragment crosses is cut at them, left part first (columns),
  except at a gutter beside which a headline stands alone (nothing across the gutter from
  half a line above the headline down to its bottom): that headline opens a band of columns
  below it, even when it is short enough to sit in one column. When every clean gutter is
  such, the strips holding only alone headlines are cut out first, top part first.
* When every gutter is crossed — a headline or an intro spanning two columns above them — the
  region is cut horizontally at clear gaps (no fragment straddles them) into bands: above every
  run of strips holding such *spanners* (a band opens with its headline), or, for a region
  that is a single band, below its opening spanners (headline apart from its columns). Top
  part first; each part is cut again.
* A region that has no gutter is a block: its fragments are read row by row (rows: fragments
  whose boxes overlap vertically by half), left to right. A region on one row is one line,
  except where a gap holds a gutter of the whole page (two columns' last lines).
* Vertical text: a vertical headline at the left or right edge of one story's columns is
  read before them; a part made only of vertical lines is read
  before the horizontal part it is nearest to; parts that are all vertical lines are read
  right to left.
* When the columns of a region form one story, its headline strips are cut off its top
  first, then the columns are read in order.

* Columns after an X-cut are grouped into the stories they belong to (`pdf_stories.group`):
  a column with no headline at its top joins a neighbour's headline when that headline is
  then aligned with its block — a short headline centred over the middle of three columns
  heads all three.
"""
from __future__ import annotations

from .pdf_gutters import HEAD_RATIO, crosses as _crosses, gutters_of
from .pdf_lines import Frag
from .pdf_stories import group

BAND_GAP = 1.5
_CLEAR_TOL = 0.15   # boxes of neighbouring rows may overlap by this × body size
_MAX_DEPTH = 40


def _one_row(frags: list[Frag]) -> bool:
    return max(f.top for f in frags) < min(f.bottom for f in frags)


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


def _bands(strips: list[list[Frag]], body: float) -> list[list[Frag]]:
    """Strips grouped into bands at clear horizontal gaps of at least `BAND_GAP` × body: white
    space across the whole region that is wider than any line spacing separates stories
    (blocks of a newspaper page, an article's end from the next headline)."""
    bands: list[list[Frag]] = []
    bottom = 0.0
    for s in strips:
        if bands and min(f.top for f in s) - bottom < BAND_GAP * body:
            bands[-1].extend(s)
        else:
            bands.append(list(s))
        bottom = max(bottom, max(f.bottom for f in s))
    return bands


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


def _beside_empty(h: Frag, g: tuple[float, float], frags: list[Frag]) -> bool:
    """Nothing across gutter `g` from half a line above headline `h` down to its bottom,
    while there is text on that side elsewhere: `h` opens a band of columns, it does not sit
    beside another column's text."""
    mid = (g[0] + g[1]) / 2
    left = (h.x0 + h.x1) / 2 < mid
    other = [f for f in frags if ((f.x0 + f.x1) / 2 < mid) != left]
    reach = h.top - 0.5 * (h.bottom - h.top)
    return bool(other) and not any(f.bottom > reach and f.top < h.bottom for f in other)


def _lone_heads(frags: list[Frag], strips: list[list[Frag]], gutters: list[tuple[float, float]],
                body: float) -> set[int]:
    """Fragments of headline strips (only headline-type fragments) with nothing beside them
    across any of `gutters` (see `_beside_empty`)."""
    out: set[int] = set()
    for s in strips:
        if all(f.size >= HEAD_RATIO * body for f in s) and \
                all(_beside_empty(f, g, frags) for f in s for g in gutters):
            out.update(id(f) for f in s)
    return out


def _edge_verticals(frags: list[Frag], body: float) -> set[int]:
    """Vertical headline-type fragments at the left or right edge of the region, with other
    text beside them: a vertical headline standing at the side of its story."""
    vs = [f for f in frags if f.vertical and f.size >= HEAD_RATIO * body]
    others = [f for f in frags if not f.vertical]
    if not vs or not others:
        return set()
    lo, hi = min(f.x0 for f in others), max(f.x1 for f in others)
    return {id(v) for v in vs if v.x0 >= hi - 0.5 * body or v.x1 <= lo + 0.5 * body}


def _split_row(frags: list[Frag], page_gutters: list[tuple[float, float]]) -> list[list[Frag]]:
    """A one-row region: apart only where a gap holds one of the page's column gutters (the
    last line of one column beside a credit in the next); other gaps are field separators."""
    row = sorted(frags, key=lambda f: f.x0)
    parts = [[row[0]]]
    for prev, f in zip(row, row[1:]):
        if any(prev.x1 <= (a + b) / 2 <= f.x0 for a, b in page_gutters):
            parts.append([f])
        else:
            parts[-1].append(f)
    return parts


def _cut(frags: list[Frag], body: float, depth: int,
         page_gutters: list[tuple[float, float]]) -> list[list[Frag]]:
    if len(frags) <= 1 or depth > _MAX_DEPTH:
        return [frags]
    if _one_row(frags):
        return _split_row(frags, page_gutters)
    strips = _strips(frags, body)
    bands = _bands(strips, body)
    if len(bands) > 1:
        return [leaf for b in bands for leaf in _cut(b, body, depth + 1, page_gutters)]
    gutters = gutters_of(frags, body)
    if not gutters:
        side = _edge_verticals(frags, body)  # one column and the vertical headline beside it
        if side:
            return [[f for f in frags if id(f) in side], [f for f in frags if id(f) not in side]]
        return [frags]
    clean = [g for g in gutters if not any(_crosses(f, g, body) for f in frags)]
    heads = [f for f in frags if f.size >= HEAD_RATIO * body]
    good = [g for g in clean if not any(_beside_empty(h, g, frags) for h in heads)]
    if clean and not good and len(strips) > 1:
        lone = _lone_heads(frags, strips, clean, body)
        runs = _runs(strips, lone) if lone else []
        if len(runs) > 1:
            return [leaf for r in runs for leaf in _cut(r, body, depth + 1, page_gutters)]
    if clean:
        columns = _x_parts(frags, good or clean)
        parts = group(columns, body, HEAD_RATIO)
        if len(parts) == 1 and len(columns) > 1:
            # one story: its headline first (a vertical one at its edge, or the strips of
            # headline type at its top), then its columns
            side = _edge_verticals(frags, body)
            if side:
                rest = [f for f in frags if id(f) not in side]
                return [[f for f in frags if id(f) in side]] + _cut(rest, body, depth + 1, page_gutters)
            k = 0
            while k < len(strips) - 1 and all(f.size >= HEAD_RATIO * body for f in strips[k]):
                k += 1
            if k:
                parts = [[f for s in strips[:k] for f in s], [f for s in strips[k:] for f in s]]
            else:
                parts = columns
        if len(parts) > 1:
            return [leaf for p in parts for leaf in _cut(p, body, depth + 1, page_gutters)]
        return [frags]
    spanners = {id(f) for f in frags if any(_crosses(f, g, body) for g in gutters)}
    runs = _runs(strips, spanners)
    if len(runs) <= 1:
        return [frags]
    # bands: cut above every run of spanning strips (a headline across columns opens a band);
    # a region that is one band is cut below its opening spanners (headline from columns)
    parts: list[list[Frag]] = []
    for i, r in enumerate(runs):
        if not parts or (i > 0 and any(id(f) in spanners for f in r)):
            parts.append(list(r))
        else:
            parts[-1].extend(r)
    if len(parts) == 1:
        parts = [runs[0], [f for r in runs[1:] for f in r]]
    return [leaf for r in parts for leaf in _cut(r, body, depth + 1, page_gutters)]


def cut(frags: list[Frag], body: float, page_gutters: list[tuple[float, float]]) -> list[list[Frag]]:
    """Leaves of `frags` in reading order (see module docstring); `body` in points;
    `page_gutters` from `gutters_of` over the whole page. Never raises."""
    return _cut(frags, body, 0, page_gutters)
