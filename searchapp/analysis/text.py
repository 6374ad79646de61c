"""Text normalisation for *matching* (never for display: displayed text stays as printed).

`normalize(s)`: Unicode NFKC (full-width → half-width, `５Ｇ` → `5G`, ideographic space → space),
traditional → simplified Chinese (OpenCC `t2s`, so `網絡安全` matches `网络安全`), case folding,
and one interpunct for the many used in transliterated names (`·` `•` `‧` `・` `･` → `·`).
It maps one character to one character except where NFKC expands a compatibility character
(e.g. `㈠`), so offsets are *nearly* preserved; use `normalize_aligned` when exact offsets matter.

`fold_width(s)`: the full-width ASCII forms only (`ＣＥＯ` `５Ｇ` `：` → `CEO` `5G` `:`), as NFKC
maps them but one character for one, for rules that match a line and cut what they return from
it as printed (the readers' line rules, dates).

`normalize_many(values)`: `normalize` of each value with one OpenCC call (a file of short terms).

`compact(s)`: `normalize` with all whitespace removed: the form in which the exact-substring
recall guarantee is stated ("the normalised text contains the normalised query").

`is_symbol(c)`: a pictographic symbol that is searchable as a word of its own, like a letter or
an ideograph (emoji `😀` `👍`, `❤` `★` `☎` `©`): Unicode general category So ("Symbol, other"),
except box drawing, block elements and geometric shapes (U+2500–25FF: table rules and list
bullets ■ ● ◎ of printed pages), the degree sign (part of a unit: 30°C) and the Specials
(U+FFFC, U+FFFD: a replacement for an undecodable character, not text). Modifiers and joiners
(skin tones, U+FE0F, zero-width joiner) are not symbols: `👍🏽` is searched as `👍`.
`symbol_class()`: the same set as the body of a regular-expression character class;
`may_hold_symbol(s)`: whether a text holds one (or any supplementary-plane character).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import numpy as np

from searchapp.analysis import symbol_table

_INTERPUNCTS = str.maketrans({c: "·" for c in "•‧・･∙⋅"})
#: Full-width ASCII forms U+FF01–FF5E → U+0021–007E (Unicode's Halfwidth and Fullwidth Forms
#: block; NFKC maps them the same way, but NFKC may change a string's length and this does not).
_WIDTH = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)})
_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # deferred: its dictionaries load on first use, never at import time

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


#: Joins the values `normalize_many` converts in one call.
_JOIN = "\n"


def normalize_many(values: list[str]) -> list[str]:
    """`[normalize(v) for v in values]` with one OpenCC call for all of them: the values are
    joined by a line feed, normalised, and split again. Each step keeps the values apart: NFKC,
    casefolding and the interpunct map act per character and leave a line feed as it is, and
    OpenCC converts the longest phrase of its tables at each place, none of which holds a line
    feed, so no conversion reaches across one. Per value when a value holds a line feed itself
    or the parts do not come back one per value (tests/analysis/test_text.py compares both)."""
    if not values:
        return []
    if any(_JOIN in v for v in values):
        return [normalize(v) for v in values]
    parts = normalize(_JOIN.join(values)).split(_JOIN)
    return parts if len(parts) == len(values) else [normalize(v) for v in values]


def fold_width(s: str) -> str:
    """`s` with full-width ASCII forms made ASCII (`ＣＥＯ` → `CEO`, `２０２０` → `2020`),
    one character for one so that offsets into the folded string hold in the original."""
    return s.translate(_WIDTH)


def is_symbol(c: str) -> bool:
    """True when the single character `c` is a searchable symbol (module docstring)."""
    return (unicodedata.category(c) == "So" and not ("\u2500" <= c <= "\u25ff")
            and c != "\u00b0" and not ("\ufff0" <= c <= "\uffff"))


#: Where Unicode (15) has So characters outside U+2500–25FF worth scanning: Latin-1 to CJK
#: symbols, Yi radicals, the half-width forms, and the supplementary symbol blocks (emoji, U+1F000–1FBFF).
_SYMBOL_SCAN = ((0xA0, 0x3400), (0xA490, 0xA4D0), (0xFE00, 0xFFF0), (0x10100, 0x1FC00))


@functools.lru_cache(maxsize=1)
def symbol_ranges() -> tuple[tuple[int, int], ...]:
    """Every `is_symbol` character as ascending inclusive (first, last) code point ranges: the
    table stored for the running Python's Unicode version (`symbol_table`), else computed on
    first use from its Unicode database (`scanned_symbol_ranges`)."""
    stored = symbol_table.ranges(unicodedata.unidata_version)
    return stored if stored is not None else scanned_symbol_ranges()


def scanned_symbol_ranges() -> tuple[tuple[int, int], ...]:
    """`symbol_ranges` computed from the running Python's Unicode database: `is_symbol` of each
    code point of `_SYMBOL_SCAN` (~78,000 calls)."""
    cps = [c for a, b in _SYMBOL_SCAN for c in range(a, b) if is_symbol(chr(c))]
    runs: list[tuple[int, int]] = []
    for c in cps:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return tuple(runs)


@functools.lru_cache(maxsize=1)
def _symbol_lookup() -> bytes:
    """0x10001 bytes: 1 at each symbol of the Basic Multilingual Plane (`symbol_ranges`) and
    at 0x10000, where every supplementary-plane character is looked up; else 0."""
    table = bytearray(0x10001)
    for a, b in symbol_ranges():
        if b < 0x10000:
            table[a:b + 1] = b"\x01" * (b + 1 - a)
    table[0x10000] = 1
    return bytes(table)


#: Below this length `may_hold_symbol` looks characters up one by one (numpy's own cost per
#: call is larger).
_SHORT = 32


def may_hold_symbol(s: str) -> bool:
    """True when `s` holds a symbol of the Basic Multilingual Plane (`is_symbol`) or any
    supplementary-plane character (emoji and the other symbols there are not told apart from
    the rest of those planes); False when it holds neither. Looks each character up in a table
    of `symbol_ranges` (no regular expression of the whole class to compile: ~1 ms a process)."""
    table = _symbol_lookup()
    if len(s) < _SHORT:
        return any(table[min(ord(c), 0x10000)] for c in s)
    codes = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return bool(np.frombuffer(table, dtype=np.uint8)[np.minimum(codes, 0x10000)].any())


def char_class(ranges) -> str:
    """(first, last) code point ranges as the body of a regex character class (escaped)."""
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@functools.lru_cache(maxsize=1)
def symbol_class() -> str:
    """Every `is_symbol` character as the body of a regex character class (`char_class`)."""
    return char_class(symbol_ranges())


def compact(s: str | None) -> str:
    """`normalize(s)` with every whitespace character removed."""
    return _WS.sub("", normalize(s))


@functools.lru_cache(maxsize=65536)
def _char_norm(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold().translate(_INTERPUNCTS)


class _CharTable(dict):
    """`str.translate` table {code point: _char_norm(chr(code point))}, filled on first use of a
    character (`__missing__`), so a whole string is normalised per character at C speed."""

    MAX = 200_000  # distinct characters kept (a few MB at most); then the table starts afresh

    def __init__(self):
        super().__init__()
        self.expanding: set[str] = set()  # characters whose normal form is longer than one
        self.pattern: re.Pattern | None = None

    def __missing__(self, cp: int) -> str:
        if len(self) > self.MAX:
            self.clear()
        v = self[cp] = _char_norm(chr(cp))
        if len(v) > 1:
            self.expanding.add(chr(cp))
            self.pattern = None
        return v

    def expanding_re(self) -> re.Pattern:
        """Regex matching any character known to expand (rebuilt when one is added)."""
        pat = self.pattern
        if pat is None:
            pat = self.pattern = re.compile(
                "[" + "".join(re.escape(c) for c in sorted(self.expanding)) + "]")
        return pat


_TABLE = _CharTable()


def normalize_aligned(s: str) -> tuple[str, list[int]]:
    """Normalise character by character. Returns (normalised, starts) where `starts[i]` is the
    offset in `s` of the character that produced normalised character i; len(starts) ==
    len(normalised). Used by the highlighter to map matches back onto the printed text.

    Speed: OpenCC converts the whole string once (t2s maps one character to one almost always;
    where the length changes it falls back per character); NFKC + casefold + interpunct are
    applied per character through one cached `str.translate` table; when no character expands
    (the usual case) the offsets are the identity. Equal to the per-character definition
    (tests/analysis/test_text.py checks it on the bundled corpus)."""
    simp = to_simplified(s)
    if len(simp) != len(s):  # OpenCC phrase tables may change length; fall back per character
        simp = "".join(to_simplified(c) or c for c in s)
    out = simp.translate(_TABLE)
    if len(out) == len(simp):  # no mapping is empty, so every one has length 1
        return out, list(range(len(simp)))
    starts: list[int] = []
    prev = 0
    for m in _TABLE.expanding_re().finditer(simp):  # few: e.g. "…" → "...", "㈠" → "(一)"
        i = m.start()
        starts.extend(range(prev, i))
        starts.extend([i] * len(_TABLE[ord(simp[i])]))
        prev = i + 1
    starts.extend(range(prev, len(simp)))
    if len(starts) != len(out):  # a pattern built by another thread before a new character
        starts = []              # was added: per character (always right)
        for i, ch in enumerate(simp):
            starts.extend([i] * len(_TABLE[ord(ch)]))
    return out, starts


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def no_lone_surrogates(v: Any) -> Any:
    """`v` (a parsed JSON value: str, list, dict or scalar) with every lone UTF-16 surrogate in
    its strings and keys replaced by U+FFFD, as a decoder does with bad bytes. JSON's escape
    "\\ud800" without its pair decodes to such a code point: not a character, and it cannot be
    encoded as UTF-8, so storing or printing it fails (found with JSONL input and bulk queries).
    A string without one is returned as it is."""
    if isinstance(v, str):
        return _LONE_SURROGATE.sub("\ufffd", v) if _LONE_SURROGATE.search(v) else v
    if isinstance(v, list):
        return [no_lone_surrogates(x) for x in v]
    if isinstance(v, dict):
        return {no_lone_surrogates(k): no_lone_surrogates(x) for k, x in v.items()}
    return v
