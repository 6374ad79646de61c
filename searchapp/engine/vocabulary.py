"""The index's own vocabulary, for spelling suggestions: how many articles hold a word.

    term_counts(s, terms) -> {term: documents}      each term looked up in the term dictionary
    latin_terms(s, min_df) -> {term: documents}      every Latin-script word of the index
    field_terms(s, field) -> {term: documents}       every word of one field (names: author)

Both read the word fields plain query words search (`WORD_FIELDS`: title and body) through the
segment term files (`match.termdict`: a hashed lookup per term, an ordered walk per prefix).
A term's count is the larger of its title and body document frequencies, each summed over the
generation's segments as Whoosh's MultiReader does: a lower bound of the articles holding it in
either field (an article with the word in its title nearly always has it in its body too), and
never more than the articles of the index. Deleted articles still count until their segment is
rewritten (Whoosh keeps document frequencies per segment), which only makes a word look a
little more frequent than it is.
"""
from __future__ import annotations

import string
from typing import Iterable

from searchapp.cache import BoundedCache
from searchapp.engine.match.keys import index_key
from searchapp.engine.match.termdict import prefix_terms, term_info

__all__ = ["term_counts", "latin_terms", "field_terms", "WORD_FIELDS"]

#: Fields whose terms make the vocabulary (the word fields plain query words search).
WORD_FIELDS = ("title", "body")
#: (index key, min_df) → the Latin vocabulary, across searchers of the same index state;
#: sized in terms.
_LATIN = BoundedCache(2_000_000)
#: (index key, field) → that field's words (`field_terms`); sized in terms.
_FIELD = BoundedCache(1_000_000)


def _leaves(s):
    return [r for r, _ in s.reader().leaf_readers()]


def term_counts(s, terms: Iterable[str], fields: Iterable[str] = WORD_FIELDS) -> dict[str, int]:
    """{term: articles holding it} for each of `terms` (analysed forms: lower case, simplified;
    0 for a term the index lacks), the larger of its document frequencies in `fields` (by
    default title and body; a field the index lacks counts 0). Costs one hashed lookup per
    term, field and segment (three positioned reads)."""
    leaves = _leaves(s)
    fields = tuple(fields)
    out: dict[str, int] = {}
    for t in terms:
        if t in out:
            continue
        b = t.encode("utf-8")
        best = 0
        for f in fields:
            n = 0
            for r in leaves:
                ti = term_info(r, f, b)
                if ti is not None:
                    n += ti.doc_frequency()
            best = max(best, n)
        out[t] = best
    return out


def latin_terms(s, min_df: int = 1) -> dict[str, int]:
    """{term: articles} of every title or body term that starts with a Latin letter (a–z: the
    analyser lower-cases) and is held by at least `min_df` articles (the larger field count,
    as `term_counts`). Walks the term files in key order once per index state (kept in a
    bounded cache keyed by `index_key`; not kept for an index without one)."""
    key = (index_key(s), min_df)
    got = _LATIN.get(key) if key[0] is not None else None
    if got is not None:
        return got
    per_field: dict[str, dict[str, int]] = {f: {} for f in WORD_FIELDS}
    for r in _leaves(s):
        for f in WORD_FIELDS:
            counts = per_field[f]
            for letter in string.ascii_lowercase:
                for tb, df in prefix_terms(r, f, letter.encode("ascii")):
                    t = tb.decode("utf-8")
                    counts[t] = counts.get(t, 0) + df
    merged: dict[str, int] = {}
    for counts in per_field.values():
        for t, n in counts.items():
            if n > merged.get(t, 0):
                merged[t] = n
    got = {t: n for t, n in merged.items() if n >= min_df}
    if key[0] is not None:
        got = _LATIN.put(key, got, size=max(1, len(got)))
    return got


def field_terms(s, field: str) -> dict[str, int]:
    """{term: articles} of every term of the word field `field` (analysed forms; a field the
    index lacks: {}), document frequencies summed over segments as `term_counts`. Walks the
    term files once per index state and field (kept as `latin_terms` is): meant for the small
    name fields (`author`, `speaker`), whose words are names a search can offer."""
    key = (index_key(s), field)
    got = _FIELD.get(key) if key[0] is not None else None
    if got is not None:
        return got
    counts: dict[str, int] = {}
    for r in _leaves(s):
        for tb, df in prefix_terms(r, field, b""):
            t = tb.decode("utf-8")
            counts[t] = counts.get(t, 0) + df
    if key[0] is not None:
        counts = _FIELD.put(key, counts, size=max(1, len(counts)))
    return counts
