"""Where a snippet window may start and end: on a sentence or clause boundary when one is near,
else between two words — never inside a Latin word or a number (`…ython 程序员`, `…O 周剑表示`,
`…2020（5G）推进组` were cuts inside `Python`, `CEO`, `IMT-2020`).

    start_edge(text, lo, anchor) -> int    a start at or after `lo`, at most `anchor`
    end_edge(text, hi, keep) -> int        an end near `hi`, never before `keep`

Words are the analyzer's tokens (`analysis.text_spans`, jieba) of a short slice around the
edge, so a Chinese word is not cut either; a Latin run is letters and digits, joined by `-`,
`.`, `_`, `/`, `+`, `'` or `,` between two of them (IMT-2020, 3.5, 1,000, O'Brien: one
run). The window's size is the caller's; an edge moves by at most SLACK characters.
"""
from __future__ import annotations

import unicodedata

from searchapp.analysis.analyzer import text_spans

__all__ = ["start_edge", "end_edge", "in_latin_run", "SLACK"]

#: How far (characters) an edge may move to reach a boundary.
SLACK = 16
_SENTENCE_END = "。！？!?；;\n"
_CLAUSE_END = "，、：,:）)」』”"
_JOINERS = "-._/+',"


def _latin(c: str) -> bool:
    """A Latin letter or digit, half- or full-width (`Ａ` is `A`)."""
    if c.isascii():
        return c.isalnum()
    k = unicodedata.normalize("NFKC", c)
    return len(k) == 1 and k.isascii() and k.isalnum()


def in_latin_run(text: str, i: int) -> bool:
    """True when cutting `text` at position `i` would split a Latin word or number."""
    if i <= 0 or i >= len(text):
        return False
    a, b = text[i - 1], text[i]
    if _latin(a) and _latin(b):
        return True
    if a in _JOINERS and _latin(b) and i >= 2 and _latin(text[i - 2]):
        return True
    return b in _JOINERS and _latin(a) and i + 1 < len(text) and _latin(text[i + 1])


def _word_cuts(text: str, lo: int, hi: int) -> list[int]:
    """Sorted positions in [lo, hi] between two words: the analyzer's token edges over the slice
    (with SLACK characters of context either side) and the edges of spaces and punctuation;
    none inside a Latin run."""
    a, b = max(0, lo - SLACK), min(len(text), hi + SLACK)
    cuts = {0, len(text)}
    for _, s, e in text_spans(text[a:b]):
        cuts.update((a + s, a + e))
    for i in range(max(1, lo), min(len(text), hi + 1)):
        if not text[i - 1].isalnum() or not text[i].isalnum():
            cuts.add(i)
    return sorted(c for c in cuts if lo <= c <= hi and not in_latin_run(text, c))


def _after(text: str, lo: int, hi: int, chars: str) -> int | None:
    """The first position in (lo, hi] right after one of `chars`, or None."""
    for i in range(lo, min(hi, len(text))):
        if text[i] in chars:
            return i + 1
    return None


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i].isspace():
        i += 1
    return i


def start_edge(text: str, lo: int, anchor: int) -> int:
    """A window start for a window meant to start near `lo` and holding `anchor` (the first
    match's start): `lo` itself at a sentence start, else the first clause start in
    [lo, anchor), else the first word boundary in [lo, anchor], else the last one before `lo`."""
    if lo <= 0:
        return 0
    if text[lo - 1] in _SENTENCE_END:
        return _skip_space(text, lo, anchor)
    clause = _after(text, lo, anchor, _CLAUSE_END + _SENTENCE_END)
    if clause is not None and clause <= anchor:
        return _skip_space(text, clause, anchor)
    ahead = _word_cuts(text, lo, anchor)
    if ahead:
        return _skip_space(text, ahead[0], anchor)
    back = _word_cuts(text, max(0, lo - SLACK), lo)
    return back[-1] if back else lo


def end_edge(text: str, hi: int, keep: int) -> int:
    """A window end near `hi` (exclusive), never before `keep` (the end of the last match the
    window shows): right after a sentence or clause end in the last SLACK characters, else the
    last word boundary in [keep, hi], else the first one after `hi`."""
    n = len(text)
    if hi >= n:
        return n
    lo = max(keep, hi - SLACK)
    for chars in (_SENTENCE_END, _CLAUSE_END):
        ends = [i + 1 for i in range(lo, hi) if text[i] in chars]
        if ends:
            return ends[-1]
    back = _word_cuts(text, lo, hi)
    if back:
        return back[-1]
    ahead = _word_cuts(text, hi, min(n, hi + SLACK))
    return ahead[0] if ahead else hi
