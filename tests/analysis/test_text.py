"""Normalisation folds width, script, case and interpuncts for matching, and its aligned form
maps every normalised character back onto the printed text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from searchapp.analysis.text import compact, normalize, normalize_aligned, normalize_many


def test_folds():
    assert normalize("５Ｇ網絡ＡＩ") == "5g网络ai"
    assert normalize("约瑟夫•E・斯蒂格利茨") == "约瑟夫·e·斯蒂格利茨"
    assert compact(" 网络\n安全\u3000周 ") == "网络安全周"
    assert normalize(None) == "" and compact("") == ""


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("網絡安全５Ｇab AIｉ·•\u3000㈠e\u0301ß")), max_size=30) | st.text(max_size=30))
def test_aligned_offsets_point_into_the_original(s):
    norm, starts = normalize_aligned(s)
    assert len(norm) == len(starts)
    assert starts == sorted(starts)
    assert all(0 <= i < len(s) for i in starts)


def _reference_aligned(s):
    """The per-character definition (as first written): t2s of the whole string when it keeps
    the length, else per character; then NFKC + casefold + interpunct per character."""
    import unicodedata

    from searchapp.analysis.text import _INTERPUNCTS, to_simplified

    simp = to_simplified(s)
    if len(simp) != len(s):
        simp = "".join(to_simplified(c) or c for c in s)
    out, starts = [], []
    for i, ch in enumerate(simp):
        for c in unicodedata.normalize("NFKC", ch).casefold().translate(_INTERPUNCTS):
            out.append(c)
            starts.append(i)
    return "".join(out), starts


def test_fast_aligned_equals_definition_on_the_corpus():
    """The fast path (one OpenCC call, one cached translate table, expansions by regex) gives
    exactly the per-character result on every paragraph of the bundled issue and odd strings."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "corpus"
    paras = [p for f in sorted(root.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n")]
    paras += ["㈠網絡…ﬁ ß ＡＩ e\u0301 ㎡ ½ ①", "", "…" * 5]
    assert len(paras) > 50
    for p in paras:
        assert normalize_aligned(p) == _reference_aligned(p)


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_the_width_fold_keeps_the_length_and_agrees_with_nfkc(s):
    """One width fold serves every rule that cuts its values from the text as printed (the
    magazine line rules, the date readers): one character for one, and where it changes a
    character it gives what NFKC gives."""
    import unicodedata

    from searchapp.analysis.text import fold_width
    from searchapp.ingest.html_dates import fold_digits

    out = fold_width(s)
    assert len(out) == len(s)
    assert all(a == b or unicodedata.normalize("NFKC", a) == b for a, b in zip(s, out))
    assert fold_digits(s) == out.replace("\u3000", " ")
    assert fold_width("ＣＥＯ５Ｇ：２０２０－０９－０１") == "CEO5G:2020-09-01"


def test_normalize_many_keeps_each_value_apart():
    """One OpenCC call for many values gives each value's own form: no phrase of the tables
    reaches across the join (乾隆 is a phrase kept as it is; 乾 alone is 干)."""
    assert normalize("乾隆") == "乾隆" and normalize("乾") == "干"
    assert normalize_many(["乾", "隆"]) == ["干", "隆"]
    assert normalize_many(["網絡", "", "ＡＩ", "㈠ß"]) == ["网络", "", "ai", "(一)ss"]
    assert normalize_many(["a\nb", "頭髮"]) == ["a\nb", "头发"]  # a line feed of its own
    assert normalize_many([]) == []


@pytest.mark.slow
def test_normalize_many_equals_per_value_on_the_corpus_in_traditional_script():
    """Every line of the bundled issue, in traditional script (OpenCC s2t: real phrases), gives
    in one call what it gives alone."""
    from pathlib import Path

    import opencc

    root = Path(__file__).resolve().parents[2] / "corpus"
    lines = [ln for f in sorted(root.glob("*.txt")) for ln in f.read_text("utf-8").splitlines()]
    s2t = opencc.OpenCC("s2t")
    trad = [s2t.convert(ln) for ln in lines]
    assert len(trad) > 200 and sum(a != b for a, b in zip(lines, trad)) > 100
    assert normalize_many(trad) == [normalize(x) for x in trad]
    assert normalize_many(lines) == [normalize(x) for x in lines]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("乾隆著作頭髮理後天網絡安全５Ｇab ｉ·•\u3000㈠"
                                                       "e\u0301ß\n\r\u2028")), max_size=6)
                | st.text(max_size=6), max_size=8))
def test_normalize_many_equals_per_value(values):
    assert normalize_many(values) == [normalize(v) for v in values]
