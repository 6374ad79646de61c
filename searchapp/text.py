"""Text normalisation for *matching* (never for display: displayed text stays as printed).

`normalize(s)`: Unicode NFKC (full-width → half-width, `５Ｇ` → `5G`, ideographic space → space),
traditional → simplified Chinese (OpenCC `t2s`, so `網絡安全` matches `网络安全`), case folding,
and one interpunct for the many used in transliterated names (`·` `•` `‧` `・` `･` → `·`).
It maps one character to one character except where NFKC expands a compatibility character
(e.g. `㈠`), so offsets are *nearly* preserved; use `normalize_aligned` when exact offsets matter.

`compact(s)`: `normalize` with all whitespace removed: the form in which the exact-substring
recall guarantee is stated ("the normalised text contains the normalised query").
"""
from __future__ import annotations

import functools
import re
import unicodedata

_INTERPUNCTS = str.maketrans({c: "·" for c in "•‧・･∙⋅"})
_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: nothing is loaded at import time

    return opencc.OpenCC("t2s")


def to_simplified(s: str) -> str:
    """Traditional → simplified with OpenCC `t2s` (character and phrase tables of the OpenCC project)."""
    return _t2s().convert(s) if s else s


def normalize(s: str | None) -> str:
    """NFKC + t2s + casefold + unified interpunct. Returns str (empty for None)."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = to_simplified(s)
    return s.casefold().translate(_INTERPUNCTS)


def compact(s: str | None) -> str:
    """`normalize(s)` with every whitespace character removed."""
    return _WS.sub("", normalize(s))


@functools.lru_cache(maxsize=65536)
def _char_norm(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold().translate(_INTERPUNCTS)


def normalize_aligned(s: str) -> tuple[str, list[int]]:
    """Normalise character by character. Returns (normalised, starts) where `starts[i]` is the
    offset in `s` of the character that produced normalised character i; len(starts) ==
    len(normalised). Used by the highlighter to map matches back onto the printed text.
    (Per-character results are cached; when no character expands, the offsets are the identity.)"""
    simp = to_simplified(s)
    if len(simp) != len(s):  # OpenCC phrase tables may change length; fall back per character
        simp = "".join(to_simplified(c) or c for c in s)
    mapped = list(map(_char_norm, simp))
    out = "".join(mapped)
    if len(out) == len(simp):  # no mapping is empty, so every one has length 1
        return out, list(range(len(simp)))
    starts: list[int] = []
    for i, n in enumerate(mapped):
        starts.extend([i] * len(n))
    return out, starts
