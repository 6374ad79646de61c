"""Highlighter: find the query's words in printed text, escape HTML, wrap matches in <mark>.

    highlight_terms(plan) -> list[str]             what to highlight for a parsed query
    highlight_marks(plan) -> Marks                 the same, knowing which terms are parts
    Marks.for_texts(title, body) -> list[str]      what to highlight in one document
    find_spans(text, terms) -> [(start, end)]      merged, sorted spans on `text` as printed
    highlight_html(text, terms_or_query) -> str    whole text, escaped, matches in <mark>
    best_snippet(text, terms, width=160) -> (plain, html)   best passage of ≤ ~width characters

Matching is the exact-substring recall guarantee's own (`analysis.literal`: literal forms,
Latin word edges, never across a sentence or clause break), mapped back onto the printed text
through `text.normalize_aligned` and `literal.literal_aligned`, so highlight offsets are exact on
what the user sees (full-width, traditional characters and all), `it` does not light up `with`,
and `"北京大学"` does not light up `北京。大学`.
HTML is escaped piece by piece (text between marks and inside marks), never after marking.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
import html
import re
import unicodedata
from typing import Iterable

from searchapp.analysis.analyzer import squeeze_word, word_pieces, word_tokens
from searchapp.analysis.literal import has_edges, literal_find, literal_needle
from searchapp.query.parser import parse
from searchapp.query.synonyms import variants
from searchapp.search.snippet_edges import end_edge, start_edge
from searchapp.search.snippet_regions import SNIPPET_CHARS, aligned, prepared, regions
from searchapp.search.snippet_window import best_window

__all__ = ["highlight_terms", "highlight_marks", "Marks", "find_spans", "highlight_html",
           "best_snippet", "SNIPPET_CHARS"]

#: How much of a body the snippet looks at, in characters. A news article is a few thousand
#: characters; a body far past this (an unsplit file, comment spam) would otherwise make every
#: hit's snippet cost time in proportion to the whole body. Past it, the snippet is taken from
#: the first SNIPPET_SCAN_CHARS characters (matches further on are not looked for).
SNIPPET_SCAN_CHARS = 100_000
#: How much of a text `highlight_html` marks, in characters; the rest is escaped unmarked, so the
#: article view of a pathological body costs time in proportion to this, not to the body.
HIGHLIGHT_CHARS = 1_000_000
#: Pieces of a text to put in literal form (`find_spans`) that cover at least this share of it
#: are put in that form whole instead (at most a third more work once, then kept): the next
#: query on the text then needs no pieces.
WHOLE_SHARE = 0.75
_SENT_END = "。！？!?；;\n"
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Marks:
    """What the highlighter marks for one query.

    terms   every term that may be marked in some document, longest first (a response's
            `query.terms`)
    words   ((forms, parts), ...): for each query word that has parts, `forms` = the word and
            its variants, `parts` = its sub-words and pieces that are no query word or variant
            themselves

    A part stands in for its word in documents that lack the word (the partial hits, whose
    `missing` names the word): in a document where the word (or a variant) occurs, the word
    is marked and its parts are not, so a phone's few lines of snippet are not diluted by
    `网络` and `安全` next to `网络安全`."""

    terms: tuple[str, ...] = ()
    words: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    def for_texts(self, *texts: str) -> list[str]:
        """The terms to mark in one document made of `texts` (its title and body, as printed),
        longest first: `terms` without the parts of every word found in one of the texts (a part
        of two words stays while one of them is lacking). Found as the highlighter finds
        (`find_spans`), in the first SNIPPET_SCAN_CHARS characters of each text (what a snippet
        looks at)."""
        if not self.words:
            return list(self.terms)
        parts: set[str] = set()
        kept: set[str] = set()
        for forms, pieces in self.words:
            parts.update(pieces)
            if not any(find_spans(t[:SNIPPET_SCAN_CHARS], forms) for t in texts if t):
                kept.update(pieces)
        return [t for t in self.terms if t not in parts or t in kept]


def highlight_marks(plan, loose: bool = False, variants_of=variants) -> Marks:
    """The `Marks` of a `query.Plan`: each positive word (not topic/source/date filters) and its
    synonyms/variants, longest first. A word the analyzer splits into several tokens is
    matched as a whole (phrase or literal) unless the search was relaxed, so its sub-words
    (of two or more characters) and its parts (`analysis.word_pieces`: 三峡 of 三峡工程) are
    added only when `loose` (some hit matches parts of the query only: best match) and the word
    is not a quoted phrase; they are `Marks.words` parts, marked only where the word is lacking.
    `variants_of(word) -> [variant]`: the search's thesaurus (`query.Thesaurus`; default the
    starter list)."""
    found: list[tuple[str, list[str], list[str]]] = []  # (word, its pieces, its variants)
    for w in plan.words():
        if w.field in ("topic", "source"):
            continue
        pieces = []
        if loose and not w.phrase:
            pieces = [t for t in word_tokens(w.text) if len(t) >= 2] + list(word_pieces(w.text))
        found.append((w.text, pieces, [] if w.phrase else list(variants_of(w.text))))
    whole = {c for text, _, vs in found for c in [text] + vs}
    out: list[str] = []
    words = []
    for text, pieces, vs in found:
        for c in [text] + pieces + vs:
            if squeeze_word(c) and c not in out:
                out.append(c)
        pieces = [c for c in dict.fromkeys(pieces) if squeeze_word(c) and c not in whole]
        if pieces:
            words.append((tuple(c for c in [text] + vs if squeeze_word(c)), tuple(pieces)))
    terms = tuple(sorted(out, key=lambda t: -len(squeeze_word(t))))
    return Marks(terms, tuple(words))


def highlight_terms(plan, loose: bool = False, variants_of=variants) -> list[str]:
    """Every term to highlight for a `query.Plan`, longest first: `highlight_marks(...).terms`
    (the parts included, though a document holding their word marks only the word)."""
    return list(highlight_marks(plan, loose, variants_of).terms)


def find_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Sorted, merged [(start, end)] character spans of `text` (as printed, end exclusive) where a
    term occurs as the literal scan sees it (`analysis.literal`: the term's literal form inside
    the text's, at Latin word edges, never across a sentence or clause break), so a highlight
    marks exactly what matched. Empty text or no terms → [].

    Only the sentences that can hold a match are put in literal form (`snippet_regions`): the same
    spans as the form of the whole text, at a fraction of the cost on a long body. The forms
    are kept with the prepared text (`snippet_regions.aligned`)."""
    if not text:
        return []
    prep = prepared(text)
    norm, starts = prep.norm, prep.starts
    needles = [t for t in (literal_needle(term) for term in terms) if t]
    spans: list[tuple[int, int]] = []
    whole = (0, len(norm))
    # a text already put in literal form whole is searched whole: the same spans as its
    # pieces' (`snippet_regions.regions`), without looking for them; pieces covering most of
    # the text (a very common word's hit) are put in that form whole, once
    pieces = [whole] if whole in prep.forms else regions(norm, needles, prep.gaps)
    if pieces and pieces != [whole] and sum(b - a for a, b in pieces) >= WHOLE_SHARE * len(norm):
        pieces = [whole]
    edged = [(t, has_edges(t)) for t in needles]  # without edges every occurrence matches
    for a, b in pieces:
        form, keep = aligned(text, prep, a, b)
        for t, edges in edged:
            pos = literal_find(form, t) if edges else form.find(t)
            while pos >= 0:
                spans.append((starts[a + keep[pos]], starts[a + keep[pos + len(t) - 1]] + 1))
                pos = literal_find(form, t, pos + 1) if edges else form.find(t, pos + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s_, e in spans:
        if merged and s_ <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s_, e))
    return merged


def _render(text: str, spans: list[tuple[int, int]], lo: int, hi: int, collapse: bool) -> str:
    """text[lo:hi] escaped, with the parts of `spans` (sorted, merged: `find_spans`) inside it
    in <mark>; only the spans that reach into [lo, hi) are looked at."""
    def esc(s: str) -> str:
        return html.escape(_WS.sub(" ", s) if collapse else s, quote=True)
    out: list[str] = []
    cur = lo
    first = bisect.bisect_right(spans, lo, key=_end)  # merged spans: the ends ascend too
    for s, e in spans[first:bisect.bisect_left(spans, hi, lo=first, key=_start)]:
        s, e = max(s, lo), min(e, hi)
        if e <= s:
            continue
        out.append(esc(text[cur:s]))
        out.append("<mark>" + esc(text[s:e]) + "</mark>")
        cur = e
    out.append(esc(text[cur:hi]))
    return "".join(out)


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _end(span: tuple[int, int]) -> int:
    return span[1]


def _terms(terms_or_query) -> list[str]:
    if isinstance(terms_or_query, Marks):
        return list(terms_or_query.terms)
    if isinstance(terms_or_query, str):
        return highlight_terms(parse(terms_or_query))
    if hasattr(terms_or_query, "words"):
        return highlight_terms(terms_or_query)
    return [t for t in terms_or_query if isinstance(t, str)]


def highlight_html(text: str, terms_or_query) -> str:
    """All of `text`, HTML-escaped, with every match of the terms in <mark>…</mark>.
    `terms_or_query`: a list of terms, a query string (parsed with `query.parse`), a Plan or
    `Marks` (all its terms: `Marks.for_texts` picks a document's).
    Whitespace is kept as printed (the page decides how to show line breaks).
    Only the first HIGHLIGHT_CHARS characters are searched for matches; the rest is escaped."""
    text = text or ""
    head = text[:HIGHLIGHT_CHARS]
    marked = _render(head, find_spans(head, _terms(terms_or_query)), 0, len(head), False)
    return marked + html.escape(text[HIGHLIGHT_CHARS:], quote=True)


def _is_mark(c: str) -> bool:
    return unicodedata.category(c) in ("Mn", "Me", "Mc") or c in "\u200d\ufe0f\ufe0e"


def best_snippet(text: str, terms_or_query, width: int = SNIPPET_CHARS) -> tuple[str, str]:
    """(plain, html) of the passage of about `width` characters with the most distinct terms
    (then the most matches, then the earliest). Starts at a sentence start when one is near,
    and both edges fall on a sentence, clause or word boundary (`snippet_edges`: never inside
    a Latin word or number); never splits a combining sequence, nor a match unless a run of
    adjacent matches would carry the window past 2 × `width` (comment spam, a repeated
    character): then the mark is cut there. "…" marks cut edges; whitespace collapsed.
    Only the first SNIPPET_SCAN_CHARS characters are looked at, so the cost is bounded
    whatever the body's length. No match → the beginning of the text."""
    text = text or ""
    whole = len(text)
    text = text[:SNIPPET_SCAN_CHARS]
    terms = _terms(terms_or_query)
    spans = find_spans(text, terms)
    n = len(text)
    best = (0, 0, 0)
    anchor = 0
    if spans:
        best, anchor = best_window(spans, [squeeze_word(text[s:e]) for s, e in spans], width)
    lo = 0
    if anchor > 0:
        lo = max(0, anchor - 30)
        cut = max(text.rfind(c, lo, anchor) for c in _SENT_END)
        lo = cut + 1 if cut >= lo else start_edge(text, lo, anchor)
        while lo < anchor and (text[lo].isspace() or _is_mark(text[lo])):
            lo += 1
    hi = min(n, lo + width)
    shown = bisect.bisect_left(spans, hi, key=_start)  # the spans starting before hi
    keep = max(lo, spans[shown - 1][1]) if shown else lo  # a match shown is shown whole ...
    keep = min(keep, lo + 2 * width)  # ... unless it runs on past twice the width: cut there
    hi = end_edge(text, max(hi, keep), keep)
    while hi < n and _is_mark(text[hi]):
        hi += 1
    pre = "…" if lo > 0 else ""
    post = "…" if hi < whole else ""
    plain = pre + _WS.sub(" ", text[lo:hi]).strip() + post
    body = _render(text, spans, lo, hi, True)
    return plain, pre + body.strip() + post
