"""The snippet's window (`search.snippet_window`): chosen over arrays for many matches, with the
answer of the sliding count in Python, on random spans (runs of adjacent matches, long matches,
one term or several) and on a common word's hits."""
from __future__ import annotations

import random

from searchapp.search import snippet_window as W
from searchapp.search.snippets import find_spans


def _random_spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    out, at = [], rng.randint(0, 5)
    for _ in range(n):
        at += rng.choice([0, 1, 1, 2, 5, 30, 200])
        length = rng.choice([1, 1, 2, 4, 150, 400])
        out.append((at, at + length))
        at += length
    return out


def test_arrays_give_the_loops_window():
    rng = random.Random(5)
    for trial in range(1500):
        spans = _random_spans(rng, rng.randint(1, 300))
        terms = rng.choice([["的"], ["中国", "人民"], ["a", "b", "c", "d", "e"]])
        lows = [rng.choice(terms) for _ in spans]
        width = rng.choice([160, 60, 21, 20, 300])
        assert W._window_arrays(spans, lows, width) == W._window_loop(spans, lows, width), trial


def test_many_matches_are_counted_over_arrays(monkeypatch):
    text = "代表们讨论了经济发展的问题，人民的生活。" * 60 + "人民代表的大会。" * 5
    spans = find_spans(text, ["的", "人民"])
    lows = [text[s:e] for s, e in spans]
    assert len(spans) >= W.ARRAYS_FROM
    want = W._window_loop(spans, lows, 160)
    monkeypatch.setattr(W, "_window_loop", None)  # not used for this many
    assert W.best_window(spans, lows, 160) == want and want[0][0] >= 2
