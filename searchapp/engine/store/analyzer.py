"""The Whoosh word analyzer, the same at index and query time: `WordTokenizer` adapts
`searchapp.analysis.analyzer.text_tokens` (normalised jieba words, offsets on the printed text,
positions with a gap at every sentence or clause break) to Whoosh's Tokenizer protocol.

Fields `title`, `body`, `meta`, `author`, `speaker`, `source_t` use it. Positions are counted in
kept tokens (0, 1, 2, ...; one is skipped at each break of the literal form, so a phrase query
cannot span `。`, `，` or a field break), NOT in characters: jieba's bundled `ChineseAnalyzer` stores
character offsets as positions, which breaks phrase queries. Character offsets
(`startchar`/`endchar`) point into the text *as printed*, so highlights can be placed exactly.

Whoosh pickles the analyzer's class into each index's table of contents: this module's dotted
path (`searchapp.engine.store.analyzer.WordTokenizer`) is part of the on-disk format.
"""
from __future__ import annotations

from typing import Iterator

from whoosh.analysis import Token, Tokenizer

from searchapp.analysis.analyzer import text_tokens
from searchapp.analysis.text import normalize

__all__ = ["StatelessTokenizer", "WordTokenizer", "word_analyzer"]


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
            spans = [(normalize(value), 0, len(value), 0)]
        else:
            spans = text_tokens(value)  # article text: never kept
        for tok, s, e, i in spans:
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
