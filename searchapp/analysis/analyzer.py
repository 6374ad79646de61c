"""Words as the index and the query see them: the analyzer-level functions over normalised text.

    text_spans(value) -> [(term, start, end)]     every analysed word of a text (article or query)
    word_spans(value) -> [(term, start, end)]     the same, kept for short values (query words)
    word_tokens(value) -> [term]                  just the terms
    meaningful(tok) -> bool                       worth indexing: a letter, digit or ideograph
    squeeze(s) / squeeze_word(word) -> str        normalised, alphanumeric characters only

Analysis: text → `text.normalize_aligned` (NFKC, OpenCC t2s, casefold, one interpunct) →
`tokenizer.words` (jieba precise mode, user dictionary) → tokens that contain at least one
letter, digit or ideograph (`str.isalnum`); whitespace and punctuation are dropped, nothing else
(single digits, single letters, `it`, `us`, single CJK characters are all kept). Offsets point
into the text *as printed* (mapped back through `normalize_aligned`), so highlights can be
placed exactly. The Whoosh adapter of these functions is `searchapp.engine.store.analyzer`.

The exact-substring recall guarantee is kept by a scan of each article's `squeeze`d text
(`analysis.literal` at index time, `engine.match.literal` at query time), not by an n-gram
field: see docs/search.md and bench/grams.py.
"""
from __future__ import annotations

import functools

from searchapp.analysis import text as _text
from searchapp.analysis.tokenizer import words

__all__ = ["meaningful", "squeeze", "squeeze_word", "text_spans", "word_spans", "word_tokens",
           "KEPT_CHARS", "KEPT_WORDS"]


def meaningful(tok: str) -> bool:
    """True when `tok` has at least one letter, digit or ideograph (so it is worth indexing)."""
    return any(c.isalnum() for c in tok)


def squeeze(s: str | None) -> str:
    """`text.compact(s)` keeping only alphanumeric characters (letters, digits, ideographs)."""
    return "".join(c for c in _text.compact(s) if c.isalnum())


@functools.lru_cache(maxsize=8192)
def squeeze_word(word: str) -> str:
    """`squeeze` of a query word or term, kept for the last 8,192 distinct words (the query
    builder, the literal clause, the synonym lookup and the highlighter each squeeze the same
    words; the traditional→simplified conversion in it is the costly part). Not for article
    text (use `squeeze`)."""
    return squeeze(word)


def word_spans(value: str) -> list[tuple[str, int, int]]:
    """Analysed word tokens of `value` as [(term, start, end)], offsets into `value` as printed
    (end exclusive). Terms are normalised (NFKC, simplified, casefolded). Values of at most
    `KEPT_CHARS` characters (query words) are kept, the last `KEPT_WORDS` distinct ones: the
    query parser, builder, highlighter and synonym lookup each tokenize the same words."""
    if len(value) <= KEPT_CHARS:
        return list(_kept_spans(value))
    return text_spans(value)


def word_tokens(value: str) -> list[str]:
    """Just the terms of `word_spans(value)` (what a query word turns into)."""
    return [t for t, _, _ in word_spans(value)]


#: Longest value whose tokens `word_spans` keeps, in characters; how many distinct values.
KEPT_CHARS = 64
KEPT_WORDS = 8192


@functools.lru_cache(maxsize=KEPT_WORDS)
def _kept_spans(value: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(text_spans(value))


def text_spans(value: str) -> list[tuple[str, int, int]]:
    """`word_spans` of any text, never kept (article text: the index-time analyzer's input)."""
    if not value:
        return []
    norm, starts = _text.normalize_aligned(value)
    out: list[tuple[str, int, int]] = []
    n = len(starts)
    for tok, s, e in words(norm):
        if not meaningful(tok) or s >= n:
            continue
        ostart = starts[s]
        oend = starts[min(e, n) - 1] + 1
        out.append((tok, ostart, oend))
    return out
