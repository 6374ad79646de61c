"""The cost bound of one query: how many words, how long each, for `query.parser`.

    limit_words(plan)    at most MAX_WORDS words of at most MAX_WORD_CHARS characters each,
                         with the notices `too_many_words` and `long_word`
"""
from __future__ import annotations

from searchapp.query.plan import Plan

__all__ = ["limit_words", "MAX_WORDS", "MAX_WORD_CHARS"]

#: Most words (positive and excluded) one query may use; more are ignored with a notice (each
#: word costs a literal scan and a few posting lists, so this bounds the cost of one query).
MAX_WORDS = 32
#: Longest word, in characters: a longer one (a pasted sentence without spaces, which the
#: analyzer splits into hundreds of tokens) is cut to its first MAX_WORD_CHARS characters, with
#: a notice. An article holding the whole word holds its head too (recall is kept), and the
#: cost of one word is bounded as MAX_WORDS bounds the count.
MAX_WORD_CHARS = 64


def limit_words(plan: Plan) -> None:
    """At most MAX_WORDS words (positive first, then excluded) of at most MAX_WORD_CHARS
    characters each (an excluded word is never cut: a shorter one would exclude more), with
    a notice."""
    long_words = [w for g in plan.groups for w in g if len(w.text) > MAX_WORD_CHARS]
    for w in long_words:
        w.text = w.text[:MAX_WORD_CHARS].rstrip()
    if long_words:
        plan.note("long_word", n=MAX_WORD_CHARS)
    n = sum(len(g) for g in plan.groups) + len(plan.excluded)
    if n <= MAX_WORDS:
        return
    kept, room = [], MAX_WORDS
    for g in plan.groups:
        if room <= 0:
            break
        kept.append(g[:room])
        room -= len(kept[-1])
    plan.groups = kept
    plan.excluded = plan.excluded[:max(0, room)]
    plan.note("too_many_words", n=MAX_WORDS)
