"""Normalisation folds width, script, case and interpuncts for matching, and its aligned form
maps every normalised character back onto the printed text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.text import compact, normalize, normalize_aligned


def test_folds():
    assert normalize("５Ｇ網絡ＡＩ") == "5g网络ai"
    assert normalize("约瑟夫•E・斯蒂格利茨") == "约瑟夫·e·斯蒂格利茨"
    assert compact(" 网络\n安全\u3000周 ") == "网络安全周"
    assert normalize(None) == "" and compact("") == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("網絡安全５Ｇab AIｉ·•\u3000㈠e\u0301ß")), max_size=30) | st.text(max_size=30))
def test_aligned_offsets_point_into_the_original(s):
    norm, starts = normalize_aligned(s)
    assert len(norm) == len(starts)
    assert starts == sorted(starts)
    assert all(0 <= i < len(s) for i in starts)
