"""Whether a text may hold a symbol is looked up in a table of the symbol ranges, not tested
by a regular expression of the whole class: a process's first literal form (its first query
word) compiled that class (~1 ms; issue 19, first-time queries). The answer is the same for
every code point, alone and inside long texts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from searchapp.analysis import literal, text
from searchapp.analysis.text import char_class, may_hold_symbol, symbol_ranges

BODY = next((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt")).read_text("utf-8")


def _reference() -> re.Pattern:
    """The pattern it replaces: BMP symbols and every supplementary-plane character."""
    bmp = [(a, b) for a, b in symbol_ranges() if b < 0x10000]
    return re.compile(f"[{char_class(bmp)}\U00010000-\U0010ffff]")


def test_plain_texts_compile_no_symbol_class(monkeypatch):
    for v in list(vars(literal).values()) + list(vars(text).values()):
        if hasattr(v, "cache_clear"):
            v.cache_clear()
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda p, *a: compiled.append(p) or real(p, *a))
    assert literal.literal_needle("人工智能") == "人工智能"
    assert literal.literal_form(BODY[:20000]) and not may_hold_symbol(BODY[:20000])
    assert not [p for p in compiled if len(p) > 400]  # the symbol class is ~2,000 characters
    assert literal.literal_form("点赞👍") == "点赞👍"  # a symbol: the patterns that keep it
    assert [p for p in compiled if len(p) > 400]


def test_short_and_long_texts():
    assert not may_hold_symbol("") and not may_hold_symbol("5G网络，“安全”。\x01\x07")
    assert may_hold_symbol("★") and may_hold_symbol("版权©") and may_hold_symbol("𠀀")
    assert not may_hold_symbol("30°C") and not may_hold_symbol("■●◎")  # not searchable symbols
    long_plain = BODY[:5000]
    assert not may_hold_symbol(long_plain)
    assert may_hold_symbol(long_plain + "👍") and may_hold_symbol("★" + long_plain)
    assert may_hold_symbol(long_plain[:100] + "\ud800" + "〒") and not may_hold_symbol(long_plain + "\ud800")


@pytest.mark.slow
def test_every_code_point_as_before():
    ref = _reference()
    for c in list(range(0x20000)) + list(range(0x20000, 0x110000, 97)):
        ch = chr(c)
        assert may_hold_symbol(ch) == (ref.search(ch) is not None), hex(c)
    pad = "中" * 40
    for start in range(0, 0x110000, 64):  # each run of 64 inside a long text
        chunk = pad + "".join(map(chr, range(start, min(start + 64, 0x110000)))) + pad
        assert may_hold_symbol(chunk) == (ref.search(chunk) is not None), hex(start)
        for c in (start, start + 17, start + 63):
            s = pad + chr(c) + pad
            assert may_hold_symbol(s) == (ref.search(s) is not None), hex(c)
