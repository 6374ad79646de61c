"""Column gutters of a region of one page: where body text leaves a vertical strip empty.

    gutters_of(frags, body) -> list[(x0, x1)]      points, left to right
    crosses(frag, gutter, body) -> bool

Gutters are vertical strips at least `SPLIT_GAP` (`pdf_lines`) × the body size wide that
body-sized text (font size ≤ `HEAD_RATIO` × body) leaves empty, with text on both sides;
headlines are left out because they run across the columns they head. Only when a region
has no such strip are strips covered by at most `GUTTER_SHARE` of the fragments found on
either side taken (a body-type intro spanning two columns), and within one of those the
stretches of least coverage when wide enough (a sparse column between two full ones — one
last line and a credit — is a column, not a gutter).

`HEAD_RATIO` separates headline type from body type for the reading order (`pdf_xycut`,
`pdf_order`); `SPLIT_GAP` (`pdf_lines`) × the body size is the narrowest gutter.
"""
from __future__ import annotations

from .pdf_lines import SPLIT_GAP, Frag

HEAD_RATIO = 1.2
GUTTER_SHARE = 0.4


def gutters_of(frags: list[Frag], body: float) -> list[tuple[float, float]]:
    """x-intervals of the gutters of a region (see module docstring)."""
    base = [f for f in frags if f.size <= HEAD_RATIO * body]
    if len(base) < 3:  # a strip of headlines: they are the text here
        base = frags
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
    min_w = SPLIT_GAP * body

    def runs(ok) -> list[tuple[int, int]]:
        found, i = [], 0
        while i < nb:
            if ok(i):
                j = i
                while j + 1 < nb and ok(j + 1):
                    j += 1
                if j - i + 1 >= min_w:
                    found.append((i, j))
                i = j + 1
            else:
                i += 1
        return found

    # clean gutters first: strips no body text covers, with text on both sides
    out = [(lo + i, lo + j + 1) for i, j in runs(lambda k: cov[k] == 0 and left[k] and right[k])]
    if out:
        return out
    # else gutters crossed by a few spanning lines (an intro over two columns)
    for i, j in runs(lambda k: min(left[k], right[k]) >= 1 and
                     cov[k] <= GUTTER_SHARE * min(left[k], right[k])):
        # a wide low run may hold a sparse column (its last line, a credit): the gutters
        # are its stretches of least coverage, when they are wide enough
        m = min(cov[i:j + 1])
        least = [(a, b) for a, b in runs(lambda k: i <= k <= j and cov[k] == m)]
        out.extend((lo + a, lo + b + 1) for a, b in least or [(i, j)])
    return out


def crosses(f: Frag, g: tuple[float, float], body: float) -> bool:
    """The fragment runs across the gutter into the text beyond it (hanging punctuation that
    only reaches into the gutter does not count)."""
    return f.x0 < g[0] - 0.5 and f.x1 > g[1] + 0.5 * body
