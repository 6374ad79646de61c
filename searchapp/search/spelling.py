"""Spelling suggestions ("did you mean", 您是不是要找): a likely intended query for a query
that finds (almost) nothing, drawn from the index's own vocabulary.

    correct_word(searcher, word) -> Correction | None     one query word
    did_you_mean(searcher, plan, full, hits_of) -> dict | None    the whole query

A word is corrected by changing ONE character:
  Chinese   a character replaced by a homophone (same toneless pinyin, `analysis.homophones`:
            pinyin input methods offer a syllable's characters whatever their tone), so that
            the analyser's token holding it in the corrected word (two characters or more: the
            index's terms are the same analyser's tokens) is an indexed word held by clearly
            more articles than the same characters as typed (網洛安全 → 网络安全; a word jieba
            splits into single characters, 网 洛 安全, becomes one token again). Candidates are
            ranked by the longest token they complete, then by its articles.
  Latin     an indexed word at Damerau (optimal string alignment) distance 1 from a word of 3–5
            letters, 1–2 from a longer one (the "AUTO" fuzziness of Elasticsearch's match query),
            case-folded (`rapidfuzz.distance.OSA`); distance 2 must be held by 10× more
            articles to beat distance 1 (`DISTANCE_PENALTY`).
A replacement is kept when its word is held by at least max(`MIN_DF`, `RATIO` × (articles of
the word as typed + 1)) articles (`engine.term_counts`: bodies for Chinese windows, title or
body for Latin words).

The rule (`did_you_mean`): only when the query as typed has at most `LOW` articles holding
every word as a whole (`full`), the corrected query (each plain word corrected, other words,
filters, dates and pages as typed) is run, and it is suggested when it has at least
max(`MIN_HITS`, `RATIO` × (`full` + 1)) such articles: a suggestion must find clearly more.
When the query with every correction does not, each single correction is tried, best first, up
to `MAX_CHECKS` runs in all. Nothing is searched in its place: the answer stays that of the query
as typed and the suggestion is a notice with a link.

Cost: nothing for a query with more than `LOW` full hits. Otherwise at most `MAX_WORDS` words,
each held by at most `LOW` articles as a whole; of a word held by some, only the characters
the analyser leaves single (`correct_word`); `MAX_LOOKUPS` term lookups per word (a hashed read
of the body's term file each) and `MAX_CHECKS` counting searches; a Latin word walks the index's Latin words once per index state
(`engine.latin_terms`, cached). pypinyin loads on the first such query of a process.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any, Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from searchapp import engine
from searchapp.analysis.analyzer import is_ideograph, word_spans
from searchapp.analysis.homophones import homophones
from searchapp.analysis.text import normalize
from searchapp.query.plan import Plan
from searchapp.search.suggest import plan_query

__all__ = ["Correction", "correct_word", "did_you_mean", "LOW", "RATIO", "MIN_DF", "MIN_HITS",
           "MAX_LOOKUPS", "MAX_WORDS", "MAX_CHECKS", "DISTANCE_PENALTY"]

#: The query as typed gets a suggestion only with at most this many full hits.
LOW = 2
#: A suggestion (a word, and the corrected query) must find this many times more (+1 smoothing).
RATIO = 3
#: A replacement word must be held by at least this many articles.
MIN_DF = 3
#: The corrected query must have at least this many full hits.
MIN_HITS = 3
#: (position, homophone) candidates tried per query word: each is one run of the analyser
#: and at most one term lookup (a hashed read of the term file per segment).
MAX_LOOKUPS = 400
#: Field whose document frequencies rank candidate words (every article has a body; a word
#: of a title is nearly always in its body too, and one field halves the lookups).
CANDIDATE_FIELDS = ("body",)
#: Query words examined per query.
MAX_WORDS = 4
#: Counting searches run to verify a suggestion.
MAX_CHECKS = 3
#: A Latin candidate at distance d scores articles × DISTANCE_PENALTY ** (d - 1).
DISTANCE_PENALTY = 0.1
#: Latin words shorter than this are never corrected (too many neighbours: `ai`, `it`).
MIN_LATIN = 3


@dataclass(frozen=True)
class Correction:
    """One corrected word: `word` as typed, `suggested` (the typed text with the replacement:
    analysed form when normalising changed its length), `articles` holding the replacement
    word (for Chinese the completed window, e.g. 网络 for 网洛安全 → 网络安全), `typed_articles`
    holding the typed word or window."""

    word: str
    suggested: str
    articles: int
    typed_articles: int


def _enough(found: int, typed: int, floor: int) -> bool:
    return found >= max(floor, RATIO * (typed + 1))


def correct_word(s, word: str, whole: int = 0) -> Correction | None:
    """The best one-character correction of query word `word` over searcher `s` (module
    docstring: homophones for ideographs, edit distance for Latin words), or None when no
    replacement is held by clearly more articles. `whole`: articles holding the word as a
    whole (the search knows it); when some do, a Chinese word is a rare but well-formed word
    unless the analyser splits part of it into single characters, and only those characters
    are tried (`单` `字` runs are where a homophone typo breaks a word). Never raises for odd
    text (symbols, digits, mixed scripts: only runs of ideographs or an all-letter word are
    corrected)."""
    norm = normalize(word)
    if not norm:
        return None
    same = len(norm) == len(word)
    base = word if same and normalize(word.lower()) == norm else norm
    if norm.isascii() and norm.isalpha():
        return _latin(s, word, norm)
    if not any(is_ideograph(c) for c in norm):
        return None
    positions = range(len(norm))
    if whole and same:
        positions = [i for t, a, b in word_spans(word) if len(t) == 1 for i in range(a, b)]
    return _chinese(s, word, norm, base, positions)


def _chinese(s, word: str, norm: str, base: str, positions) -> Correction | None:
    # each (position, homophone): the corrected word as the analyser splits it; the token
    # holding the position is the word the index would have (its terms are the analyser's
    # tokens), and the same span of the typed word is what it replaces. Positions take turns
    # (round robin) so a long word's last characters are tried before the budget runs out.
    per_pos = [[(i, h) for h in homophones(norm[i])] for i in positions
               if is_ideograph(norm[i])]
    spans: dict[str, tuple[int, str, int, int]] = {}  # window → (i, h, start, end)
    tries = (x for row in itertools.zip_longest(*per_pos) for x in row if x)
    for i, h in itertools.islice(tries, MAX_LOOKUPS):
        fixed = norm[:i] + h + norm[i + 1:]
        for t, a, b in word_spans(fixed):
            if a <= i < b and b - a >= 2 and fixed[a:b] == t:
                spans.setdefault(t, (i, h, a, b))
    if not spans:
        return None
    found = engine.term_counts(s, spans, CANDIDATE_FIELDS)
    typed = engine.term_counts(s, {norm[a:b] for _, _, a, b in spans.values()},
                               CANDIDATE_FIELDS)
    best: tuple[tuple[int, int, int], int, str, int, int] | None = None
    for t, (i, h, a, b) in spans.items():
        got, was = found[t], typed[norm[a:b]]
        if _enough(got, was, MIN_DF):
            score = (b - a, got, -i)  # the longest word completed, then the most frequent
            if best is None or score > best[0]:
                best = (score, i, h, got, was)
    if best is None:
        return None
    _, i, h, got, was = best
    return Correction(word, base[:i] + h + base[i + 1:], got, was)


def _latin(s, word: str, norm: str) -> Correction | None:
    if len(norm) < MIN_LATIN:
        return None
    most = 1 if len(norm) <= 5 else 2
    typed = engine.term_counts(s, [norm])[norm]
    vocab = engine.latin_terms(s, MIN_DF)
    best: tuple[float, str, int] | None = None
    for cand, dist, _ in process.extract(norm, list(vocab), scorer=OSA.distance,
                                         score_cutoff=most, limit=50):
        if dist == 0 or not _enough(vocab[cand], typed, MIN_DF):
            continue
        score = vocab[cand] * DISTANCE_PENALTY ** (dist - 1)
        if best is None or (score, cand) > (best[0], best[1]):
            best = (score, cand, vocab[cand])
    if best is None:
        return None
    suggested = best[1].upper() if word.isupper() else best[1]
    return Correction(word, suggested, best[2], typed)


def did_you_mean(s, plan: Plan, full: int, hits_of: Callable[[str], tuple[int, int]],
                 whole: dict[str, int] | None = None) -> dict[str, Any] | None:
    """A suggested query for `plan` (the query as searched, `full` of its hits holding every
    word as a whole), or None (module docstring: the rule). `hits_of(q)` runs query text `q`
    with the request's filters and returns (total hits, full hits). `whole`: {word as typed:
    hits holding it as a whole} (missing: 0); a word held by more than `LOW` is left as it is.

    Returns {"q": the suggested query text, "total": its hits, "words": [{"word": as typed,
    "suggested": replacement}]}."""
    if full > LOW:
        return None
    fixes: dict[int, Correction] = {}
    for i, g in enumerate(plan.groups):
        if len(fixes) >= MAX_WORDS:
            break
        if len(g) != 1 or g[0].field or g[0].loose:
            continue
        n = (whole or {}).get(g[0].text, 0)
        if n > LOW:
            continue
        c = correct_word(s, g[0].text, n)
        if c is not None:
            fixes[i] = c
    if not fixes:
        return None
    tries = [fixes]
    if len(fixes) > 1:  # then each correction alone, the one held by most articles first
        tries += [{i: c} for i, c in sorted(fixes.items(), key=lambda kv: -kv[1].articles)]
    for swaps in tries[:MAX_CHECKS]:
        q = plan_query(plan, swaps={i: replace(plan.groups[i][0], text=c.suggested)
                                    for i, c in swaps.items()})
        total, got = hits_of(q)
        if _enough(got, full, MIN_HITS):
            return {"q": q, "total": total,
                    "words": [{"word": c.word, "suggested": c.suggested}
                              for c in swaps.values()]}
    return None
