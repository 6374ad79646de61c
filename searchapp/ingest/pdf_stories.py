"""Columns of a page cut apart at gutters → the stories they belong to.

    group(parts, body, head_ratio) -> list[list[Frag]]

After an X-cut (`pdf_xycut`), `parts` are columns, left to right. A column with a headline at
its top (headline-type fragments before any other text in it) opens a story; a column without
one belongs to a neighbouring story or stands alone. Every way of grouping neighbouring
columns into blocks with at most one headline each is scored, and the cheapest kept:

* a block with a headline costs how badly the headline sits on it: the smaller of its left
  edge's distance from the block's left edge and its centre's distance from the block's
  centre, as a share of the block's width (a headline is set flush left or centred over the
  columns it heads: a short headline centred over the middle of three columns heads all
  three); a headline wrapped over two lines or more also pays its right edge's distance from
  the block's (it wrapped because it filled the width); a vertical headline stands at the
  left or right edge of its story;
* a column joining a story whose body text starts at another height pays `LEVEL` × the
  difference in units of `LEVEL_SPAN` body lines (at most `LEVEL`): a story's columns start
  level, below its headline, while the next story's columns start where its own text does;
* a block without a headline costs `HEADLESS` (a column that continues a story from above, or
  stands alone, is allowed when no headline fits it better).

Between equally good groupings, a column joins the story on its left (`LEFT_TIE` per column
standing left of its story's headline): text runs on from left to right.

When no column, or every column, has a headline, the columns are their own blocks. At most
`MAX_PARTS` columns are grouped (2^(n-1) groupings are tried); beyond that the columns stay
apart.
"""
from __future__ import annotations

from .pdf_lines import Frag

HEADLESS = 0.5
LEVEL = 0.3
LEVEL_SPAN = 3.0
LEFT_TIE = 0.01
MAX_PARTS = 10


def _head(part: list[Frag], body: float, ratio: float) -> tuple[float, float, str] | None:
    """(x0, x1, kind) of the headline at the top of a column — kind "wrapped" (two lines or
    more: it filled its block's width), "line" or "vertical" — or None."""
    heads = [f for f in part if f.size >= ratio * body]
    if not heads:
        return None
    first = min(heads, key=lambda f: f.top)
    if any(f.top < first.top - 0.5 * body for f in part if f.size < ratio * body):
        return None  # text above it: a headline further down, not the column's own
    if first.vertical:
        return first.x0, first.x1, "vertical"
    row = [f for f in heads if not f.vertical and f.top <= first.bottom + 2 * first.size]
    lines = {round(f.top / max(first.size, 1.0)) for f in row}
    return min(f.x0 for f in row), max(f.x1 for f in row), ("wrapped" if len(lines) > 1 else "line")


def _cost(head: tuple[float, float, str], x0: float, x1: float) -> float:
    w = max(x1 - x0, 1.0)
    h0, h1, kind = head
    if kind == "vertical":  # set at one edge of its story
        return min(abs(h0 - x0), abs(h1 - x1)) / w
    left = abs(h0 - x0)
    centre = abs((h0 + h1) / 2 - (x0 + x1) / 2)
    cost = min(left, centre) / w
    if kind == "wrapped":  # a headline that wrapped filled its block's width
        cost += abs(h1 - x1) / w
    return cost


def group(parts: list[list[Frag]], body: float, ratio: float) -> list[list[Frag]]:
    """Blocks of neighbouring columns, left to right (see module docstring)."""
    n = len(parts)
    if n < 2 or n > MAX_PARTS:
        return parts
    heads = [_head(p, body, ratio) for p in parts]
    if all(h is None for h in heads) or all(h is not None for h in heads):
        return parts
    ext = [(min(f.x0 for f in p), max(f.x1 for f in p)) for p in parts]
    tops = [min((f.top for f in p if f.size < ratio * body), default=max(f.bottom for f in p))
            for p in parts]
    best, best_cost = None, None
    for mask in range(1 << (n - 1)):  # bit i set: a block boundary after column i
        blocks, start, cost = [], 0, 0.0
        for i in range(n):
            if i == n - 1 or mask >> i & 1:
                hs = [heads[j] for j in range(start, i + 1) if heads[j] is not None]
                if len(hs) > 1:
                    cost = None
                    break
                if hs:
                    at = next(j for j in range(start, i + 1) if heads[j] is not None)
                    # a story's columns start level; on a tie, a column continues the story on
                    # its left (text runs left to right)
                    level = sum(min(1.0, abs(tops[j] - tops[at]) / (LEVEL_SPAN * body))
                                for j in range(start, i + 1) if j != at)
                    cost += _cost(hs[0], ext[start][0], ext[i][1]) + LEVEL * level + \
                        LEFT_TIE * (at - start)
                else:
                    cost += HEADLESS
                blocks.append((start, i))
                start = i + 1
        if cost is not None and (best_cost is None or cost < best_cost - 1e-9):
            best, best_cost = blocks, cost
    if best is None:
        return parts
    return [[f for j in range(a, b + 1) for f in parts[j]] for a, b in best]
