"""Spelling suggestions ("did you mean", 您是不是要找): a likely intended query for a query
that finds (almost) nothing, drawn from the index's own vocabulary.

    correct_word(searcher, word) -> Correction | None     one query word
    did_you_mean(searcher, plan, full, hits_of) -> dict | None    the whole query

A word is corrected by changing ONE character:
  Chinese   a character replaced by a homophone (same toneless pinyin, `analysis.homophones`:
            pinyin input methods offer a syllable's characters whatever their tone), so that a
            window of 2–`MAX_WINDOW` ideographs of the word around it becomes an indexed word
            held by clearly more articles than the window as typed (網洛安全 → 网络安全; also a
            word jieba splits into single characters, 网 洛, merged into 网络). Candidates are
            ranked by the longest window they complete, then by its articles.
  Latin     an indexed word at Damerau (optimal string alignment) distance 1 from a word of 3–5
            letters, 1–2 from a longer one (the "AUTO" fuzziness of Elasticsearch's match query),
            case-folded (`rapidfuzz.distance.OSA`); distance 2 must be held by 10× more
            articles to beat distance 1 (`DISTANCE_PENALTY`).
A replacement is kept when its word is held by at least max(`MIN_DF`, `RATIO` × (articles of
the word as typed + 1)) articles (`engine.term_counts`, title or body).

The rule (`did_you_mean`): only when the query as typed has at most `LOW` articles holding
every word as a whole (`full`), the corrected query (each plain word corrected, other words,
filters, dates and pages as typed) is run, and it is suggested when it has at least
max(`MIN_HITS`, `RATIO` × (`full` + 1)) such articles: a suggestion must find clearly more.
When the query with every correction does not, each single correction is tried, best first, up
to `MAX_CHECKS` runs in all. Nothing is searched in its place: the answer stays that of the query
as typed and the suggestion is a notice with a link.

Cost: nothing for a query with more than `LOW` full hits. Otherwise at most `MAX_WORDS` words,
`MAX_LOOKUPS` term lookups per word (a hashed read of the term file each) and `MAX_CHECKS`
counting searches; a Latin word walks the index's Latin words once per index state
(`engine.latin_terms`, cached). pypinyin loads on the first such query of a process.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from searchapp import engine
from searchapp.analysis.analyzer import is_ideograph
from searchapp.analysis.homophones import homophones
from searchapp.analysis.text import normalize
from searchapp.query.plan import Plan
from searchapp.search.suggest import plan_query

__all__ = ["Correction", "correct_word", "did_you_mean", "LOW", "RATIO", "MIN_DF", "MIN_HITS",
           "MAX_WINDOW", "MAX_LOOKUPS", "MAX_WORDS", "MAX_CHECKS", "DISTANCE_PENALTY"]

#: The query as typed gets a suggestion only with at most this many full hits.
LOW = 2
#: A suggestion (a word, and the corrected query) must find this many times more (+1 smoothing).
RATIO = 3
#: A replacement word must be held by at least this many articles.
MIN_DF = 3
#: The corrected query must have at least this many full hits.
MIN_HITS = 3
#: Longest window of ideographs (characters) checked around a replaced character.
MAX_WINDOW = 4
#: Term lookups per query word (candidate windows; each is one hashed read per field, segment).
MAX_LOOKUPS = 1500
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


def correct_word(s, word: str) -> Correction | None:
    """The best one-character correction of query word `word` over searcher `s` (module
    docstring: homophones for ideographs, edit distance for Latin words), or None when no
    replacement is held by clearly more articles. Never raises for odd text (symbols, digits,
    mixed scripts: only runs of ideographs or an all-letter word are corrected)."""
    norm = normalize(word)
    if not norm:
        return None
    base = word if len(norm) == len(word) and normalize(word.lower()) == norm else norm
    if norm.isascii() and norm.isalpha():
        return _latin(s, word, norm)
    if any(is_ideograph(c) for c in norm):
        return _chinese(s, word, norm, base)
    return None


def _chinese(s, word: str, norm: str, base: str) -> Correction | None:
    # (position, replacement, window start, window end) for every window of 2..MAX_WINDOW
    # ideographs holding the position, positions in reading order
    todo: list[tuple[int, str, int, int]] = []
    looked: set[str] = set()
    n = len(norm)
    for i, c in enumerate(norm):
        if not is_ideograph(c):
            continue
        spans = [(a, b) for a in range(max(0, i - MAX_WINDOW + 1), i + 1)
                 for b in range(max(i + 1, a + 2), min(n, a + MAX_WINDOW) + 1)
                 if all(is_ideograph(x) for x in norm[a:b])]
        for h in homophones(c):
            for a, b in spans:
                cand = norm[a:i] + h + norm[i + 1:b]
                if cand not in looked and len(looked) >= MAX_LOOKUPS:
                    continue
                looked.add(cand)
                todo.append((i, h, a, b))
    if not todo:
        return None
    typed = engine.term_counts(s, {norm[a:b] for _, _, a, b in todo})
    found = engine.term_counts(s, looked)
    best: dict[tuple[int, str], tuple[int, int, int]] = {}  # (i, h) → (length, articles, typed)
    for i, h, a, b in todo:
        cand = norm[a:i] + h + norm[i + 1:b]
        got, was = found[cand], typed[norm[a:b]]
        if _enough(got, was, MIN_DF):
            score = (b - a, got, was)
            if score > best.get((i, h), (0, 0, 0)):
                best[(i, h)] = score
    if not best:
        return None
    (i, h), (_, got, was) = max(best.items(), key=lambda kv: (kv[1][0], kv[1][1], -kv[0][0]))
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


def did_you_mean(s, plan: Plan, full: int,
                 hits_of: Callable[[str], tuple[int, int]]) -> dict[str, Any] | None:
    """A suggested query for `plan` (the query as searched, `full` of its hits holding every
    word as a whole), or None (module docstring: the rule). `hits_of(q)` runs query text `q`
    with the request's filters and returns (total hits, full hits).

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
        c = correct_word(s, g[0].text)
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
