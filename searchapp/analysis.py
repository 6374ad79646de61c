"""The Whoosh word analyzer, the same at index and query time.

WordTokenizer (fields `title`, `body`, `meta`, `author`, `speaker`, `source_t`):
  text → `searchapp.text.normalize_aligned` (NFKC, OpenCC t2s, casefold, one interpunct) →
  `searchapp.tokenize.words` (jieba precise mode, user dictionary) → tokens that contain at least
  one letter, digit or ideograph (`str.isalnum`); whitespace and punctuation are dropped, nothing
  else (single digits, single letters, `it`, `us`, single CJK characters are all kept).
  Positions are counted in kept tokens (0, 1, 2, ...), NOT in characters: jieba's bundled
  `ChineseAnalyzer` stores character offsets as positions, which breaks phrase queries.
  Character offsets (`startchar`/`endchar`) point into the text *as printed* (mapped back through
  `normalize_aligned`), so highlights can be placed exactly.

The exact-substring recall guarantee is kept by `searchapp.literal` (a scan of each article's
`squeeze`d text), not by an n-gram field: measured cheaper, see docs/search.md and bench/grams.py,
which holds the n-gram tokenizer it was compared with.
"""
from __future__ import annotations

import functools

from typing import Iterator

from whoosh.analysis import Token, Tokenizer

from searchapp import text as _text

__all__ = ["StatelessTokenizer", "WordTokenizer", "word_analyzer", "meaningful", "squeeze",
           "squeeze_word", "word_tokens", "word_spans"]


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
    return _spans(value)


def word_tokens(value: str) -> list[str]:
    """Just the terms of `word_spans(value)` (what a query word turns into)."""
    return [t for t, _, _ in word_spans(value)]


#: Longest value whose tokens `word_spans` keeps, in characters; how many distinct values.
KEPT_CHARS = 64
KEPT_WORDS = 8192


@functools.lru_cache(maxsize=KEPT_WORDS)
def _kept_spans(value: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_spans(value))


def _spans(value: str) -> list[tuple[str, int, int]]:
    from searchapp.tokenize import words

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


class StatelessTokenizer(Tokenizer):
    """A Whoosh tokenizer with no settings: two instances of the same class are equal (Whoosh
    compares field analyzers when it checks a schema), and it pickles by class alone."""

    def __eq__(self, other):
        return type(other) is type(self)

    def __hash__(self):
        return hash(type(self).__name__)


class WordTokenizer(StatelessTokenizer):
    """Whoosh tokenizer: normalised jieba words, positions in tokens, offsets on the printed text."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            spans = [(_text.normalize(value), 0, len(value))]
        else:
            spans = _spans(value)  # article text: never kept
        for i, (tok, s, e) in enumerate(spans):
            t.text = tok
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[s:e]
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + s
                t.endchar = start_char + e
            yield t


def word_analyzer() -> WordTokenizer:
    """The analyzer of every word field (a Tokenizer is a complete Whoosh analyzer by itself)."""
    return WordTokenizer()
