"""Characters that sound the same: the homophones a typo of Chinese input can swap in.

    readings(char) -> frozenset[str]        toneless pinyin readings of one character
    homophones(char) -> tuple[str, ...]     common characters sharing a reading, `char` excluded
    warm()                                  load pypinyin and build the table now (server start)

Readings come from pypinyin's character dictionary (`pypinyin.pinyin_dict`, every reading of
a polyphonic character, tones dropped with `pypinyin.contrib.tone_convert.to_normal`): pinyin
input methods offer every character of a syllable whatever its tone, which is how a wrong
character of the same sound gets typed (网洛 for 网络).

Homophones are drawn from the 3,755 characters of GB 2312-1980 level 1 (一级汉字, the
"frequently used" set, rows 16–55, bytes 0xB0A1–0xD7F9): the characters a frequent word is
written with. A syllable has at most ~80 of them (`yi`), ~9 on average, which bounds the
candidates a spelling suggestion looks up. pypinyin is imported and the table built once per
process, when first asked for, never at import (pypinyin's import loads its phrase dictionary).
"""
from __future__ import annotations

import functools

__all__ = ["readings", "homophones", "common_chars", "warm"]


@functools.cache
def common_chars() -> tuple[str, ...]:
    """The 3,755 level-1 characters of GB 2312-1980, in the standard's order (by pinyin)."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:  # the unassigned tail of row 55
                pass
    return tuple(out)


def readings(char: str) -> frozenset[str]:
    """The toneless pinyin readings of `char` (`"络"` → {"luo", "lao"}); empty for a character
    pypinyin does not know (a letter, a digit, a rare ideograph). Raises nothing."""
    if len(char) != 1:
        return frozenset()
    table, to_normal = _pypinyin()
    got = table.get(ord(char))
    return frozenset(to_normal(p) for p in got.split(",")) if got else frozenset()


@functools.cache
def _pypinyin():
    """(pypinyin's code point → "reading,reading" table, its tone stripper)."""
    # deferred: pypinyin loads its phrase dictionary on import (~0.7 s); only a query that
    # finds (almost) nothing asks for homophones
    from pypinyin import pinyin_dict
    from pypinyin.contrib.tone_convert import to_normal
    return pinyin_dict.pinyin_dict, to_normal


@functools.cache
def _by_reading() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for c in common_chars():
        for r in readings(c):
            table.setdefault(r, []).append(c)
    return {r: tuple(cs) for r, cs in table.items()}


@functools.cache
def homophones(char: str) -> tuple[str, ...]:
    """The level-1 characters sharing a toneless reading with `char`, `char` itself left out,
    each once, in GB 2312 order (`"洛"` → 络, 罗, 落, 逻, …); () when `char` has no reading."""
    table = _by_reading()
    seen = dict.fromkeys(c for r in sorted(readings(char)) for c in table.get(r, ()))
    seen.pop(char, None)
    return tuple(seen)


def warm() -> int:
    """Import pypinyin and build the reading → characters table now (a server does it before
    it listens, so the first query that finds nothing does not wait ~0.3 s for it). Returns
    the number of readings."""
    return len(_by_reading())
