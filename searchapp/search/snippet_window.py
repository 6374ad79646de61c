"""Which window of a text a snippet shows: the one holding the most distinct terms, then the
most matches, then the earliest.

    best_window(spans, lows, width) -> ((distinct, matches, -start), start)

Split from `snippets`. Few matches (a rare word's hit) are walked in Python; many (a very common
word's hit: hundreds of `的`) are counted over numpy arrays, with the same answer.
"""
from __future__ import annotations

import numpy as np

__all__ = ["best_window", "ARRAYS_FROM"]

#: From this many matches on, the window is chosen over arrays (`_window_arrays`).
ARRAYS_FROM = 96


def best_window(spans: list[tuple[int, int]], lows: list[str], width: int) -> tuple[tuple, int]:
    """(key, start) of the best window: for each span i, the spans from i on that end within
    `start_i + width - 20`, key = (distinct terms among their `lows`, matches, -start), the
    largest key wins; ((0, 0, 0), 0) when no window holds a span. `spans`: sorted,
    non-overlapping (start, end) character offsets (`snippets.find_spans`); `lows`: the term
    each span is, aligned with `spans`."""
    if len(spans) >= ARRAYS_FROM:
        return _window_arrays(spans, lows, width)
    return _window_loop(spans, lows, width)


def _window_loop(spans: list[tuple[int, int]], lows: list[str], width: int) -> tuple[tuple, int]:
    """(key, start) of the best window: for each span i, the spans from i on that end within
    `start_i + width - 20`, key = (distinct terms, matches, -start), the largest key wins.
    `spans` are sorted and non-overlapping (find_spans), so those spans are a run [i, k) and k
    only grows with i: one pass with a sliding count, linear in the number of spans (a rescan
    per span would be quadratic: a body with tens of thousands of matches)."""
    best, anchor = (0, 0, 0), 0
    counts: dict[str, int] = {}
    k = 0
    for i, (s, _) in enumerate(spans):
        if i > 0 and i - 1 < k:  # span i-1 leaves the window
            c = lows[i - 1]
            counts[c] -= 1
            if not counts[c]:
                del counts[c]
        k = max(k, i)
        limit = s + width - 20
        while k < len(spans) and spans[k][1] <= limit:
            counts[lows[k]] = counts.get(lows[k], 0) + 1
            k += 1
        key = (len(counts), k - i, -s)
        if key > best:
            best, anchor = key, s
    return best, anchor


def _window_arrays(spans: list[tuple[int, int]], lows: list[str],
                   width: int) -> tuple[tuple, int]:
    """`_window_loop`'s answer in array operations: the window of span i is [i, k_i) with
    k_i = max(i, the number of spans ending within its limit) (ends ascend with starts); its
    distinct terms are counted per term from prefix sums."""
    se = np.asarray(spans, dtype=np.int64)
    starts, ends = se[:, 0], se[:, 1]
    n = len(spans)
    i = np.arange(n)
    k = np.maximum(i, np.searchsorted(ends, starts + (width - 20), side="right"))
    ids: dict[str, int] = {}
    term = np.fromiter((ids.setdefault(w, len(ids)) for w in lows), dtype=np.int64, count=n)
    distinct = np.zeros(n, dtype=np.int64)
    for t in range(len(ids)):
        ahead = np.concatenate(([0], np.cumsum(term == t)))
        distinct += (ahead[k] - ahead[i]) > 0
    most = int(distinct.max())
    if most == 0:
        return (0, 0, 0), 0
    count = np.where(distinct == most, k - i, -1)
    j = int(np.argmax(count))  # the first of the largest: the earliest start
    s = int(starts[j])
    return (most, int(count[j]), -s), s
