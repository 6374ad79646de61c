"""A snippet starts and ends on a sentence, clause or word boundary: never inside a Latin word or
a number (`…ython 程序员`, `…O 周剑表示`), and between two Chinese characters only where the
analyzer puts a word boundary."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from searchapp.analysis.analyzer import text_spans
from searchapp.search.snippet_edges import SLACK, end_edge, in_latin_run, start_edge
from searchapp.search.snippets import best_snippet

WS = re.compile(r"\s+")


@pytest.fixture(scope="module")
def bodies(handle):
    from searchapp.search import search
    from searchapp.request import SearchRequest

    ids = [h.id for h in search(handle, SearchRequest(size=100, snippets=False)).hits]
    return [handle.get_article(i).body for i in ids]


@pytest.mark.slow
def test_every_cut_edge_of_every_snippet_falls_between_words(bodies):
    """Queries: Latin words and numbers of each article, and every 7th Chinese word."""
    checked = 0
    for body in bodies:
        col = WS.sub(" ", body)
        bounds = {p for _, s, e in text_spans(col) for p in (s, e)}
        words = sorted({t for t, _, _ in text_spans(body)})
        latin = [w for w in words if re.fullmatch(r"[a-z0-9]+", w)][:15]
        cjk = [w for w in words if not re.search(r"[a-z0-9]", w) and len(w) >= 2][::7][:15]
        for w in latin + cjk:
            plain, _ = best_snippet(body, [w])
            core = plain.strip("…").strip()
            i = col.find(core)
            assert i >= 0, (w, plain)
            for cut, pos in ((plain.startswith("…"), i), (plain.endswith("…"), i + len(core))):
                if not cut:
                    continue
                checked += 1
                assert not in_latin_run(col, pos), (w, col[max(0, pos - 12):pos + 12])
                if col[pos - 1].isalnum() and col[pos].isalnum():
                    assert pos in bounds, (w, col[max(0, pos - 12):pos + 12])
    assert checked > 300


@pytest.mark.parametrize("text,cut", [("比如 Python 程序员", 5), ("兼 CEO 周剑", 4),
                                      ("IMT-2020（5G）推进组", 4), ("增长 3.5%", 4),
                                      ("超过 1,000 万", 4), ("ＡＢＣ公司", 1)])
def test_a_latin_run_is_one_word(text, cut):
    assert in_latin_run(text, cut)


_TEXT = st.text(alphabet=st.sampled_from(list("人工智能发展，。 ABCxyz0129-.+、")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, data=st.data())
def test_edges_stay_in_reach_and_outside_latin_runs(text, data):
    n = len(text)
    lo = data.draw(st.integers(0, n))
    anchor = data.draw(st.integers(lo, n))
    s = start_edge(text, lo, anchor)
    assert lo - SLACK <= s <= anchor
    assert s == lo or not in_latin_run(text, s)  # lo itself only when no boundary is in reach
    keep = data.draw(st.integers(0, n))
    hi = data.draw(st.integers(keep, n))
    e = end_edge(text, hi, keep)
    assert keep <= e <= min(n, hi + SLACK) or e == hi
    assert e == hi or not in_latin_run(text, e)
