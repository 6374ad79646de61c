"""Best-match ranking with coverage: one ranked list, articles with every word first.

    best_match(searcher, plan, allowed, scored, synonyms=True) -> Matched

Plain query words (not quoted, no field) are ranked by how much of the query an article
covers; quoted phrases, fielded words (`title:`, `source:`, `topic:`) and `-word` stay strict
(every hit satisfies them). Each plain word (an OR-group of the plan) brings evidence
(gathered by `search.wordevidence`):

  kind       what                                                          EVIDENCE
  exact      the word as a token / phrase in title, body or metadata, or another   1.0
             spelling of it (`WiFi` = `Wi-Fi`: `search.hyphens`)
  compound   the word as the start of a longer indexed word (`手机` in `手机用户`) 1.0
  variant    a thesaurus term of the word (synonym, abbreviation, full name)  1.0
  loose      every token of a word the analyzer splits, not adjacent          0.75
             (the hit still lacks the word as typed: `missing` names it)
  literal    the word's exact string only inside other words or across a line  0.6
             break (recall guarantee)
  in_number  the string of a word starting with a digit inside a longer number   0.25
             (`8.8%` in `28.8%`: an exact lookup's recall; the hit lacks the word)
  pieces     parts of the word (`三峡` of `三峡工程`; the tokens of a word the  0.5 × share/MOST
             analyzer splits, `西藏` `雪灾` of `西藏雪灾`, anywhere in the article; also
             at the start of longer words: `三峡库区`), by their share of the parts' idf
             (capped at 0.5: the exact string somewhere says more than the parts do)
  (`exact`, `compound` and `variant` are one query, kind "word")

An explicit OR-group (`人工智能 OR 区块链`) is the user's precise intent: each alternative
counts only as a whole (word, variant, literal); tokens apart, a longer number and parts are
left out for it, so no hit is there for holding a part of an alternative (third fresh tester,
F6). A word the analyzer reads without some of its symbols (`1=1` → `1 1`) is said as searched
(notice `searched_as`), so a count of articles "containing" it states what matched.

An article's evidence for a word is the best kind it has; all but parts, loose and in_number
are the word as a whole (an article with parts only, tokens apart or a longer number lacks the
word). Word weight = BM25's idf of the number of articles with the word as a whole (Robertson &
Zaragoza 2009, Lucene's non-negative form), so a rare word counts more than a common one. A
word found nowhere is named in the notice `words_not_found` and in every hit's `missing`, and
left out of the weights (as a web search engine shows results without a word no page has);
when no plain word is found anywhere, there is no answer (the parts of a word that occurs
nowhere do not stand in for it).

Hits: articles that reach words carrying at least half the query's weight (`MOST`: "most of
them"; a part counts by its share). Order, per hit:
  1. tier = Σ weight × reach / Σ weight (6 places), desc: how much of the query the article
     touches. A word is reached by the word itself, its tokens apart, its exact string or the
     parts that carry most of it (`TIER` 1.0: articles about 三峡库区 and 三峡工地 share the tier
     of a passing mention of 三峡工程, so BM25F decides between them); by a longer number only
     half; by fewer parts, by their share. A word holding a number (`wordevidence.holds_number`) is an exact
     amount: anything but the word itself (its tokens apart, its parts) reaches it at most half
     (`NUMBER_PART_TIER`), so the articles holding the amount come before other amounts.
     Articles with every word therefore come first, then those with most of them;
  2. BM25F (the sum of the evidence clauses' scores) × quality, desc, where quality = Σ weight
     × evidence / Σ weight × reach (the `EVIDENCE` of the kinds above: a word inside other
     words or only its parts count for less than the word);
  3. the stable tie order of `ordering`.
Every hit that lacks a word as a whole says which (`missing`); a one-word query's partial
hits are said as parts of it (`partial_parts`). A word holding an excluded word has no parts
evidence (`excluded_parts`). docs/search.md, "Best match".
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from searchapp import engine
from searchapp.messages import notice
from searchapp.query.plan import Plan
from searchapp.search.coverage import WordArrays, add_kind
from searchapp.search.docsets import inside, places, union
from searchapp.search.excluded_parts import no_parts_of_excluded
from searchapp.search.wordevidence import WordEvidence, alternatives, searched_as

__all__ = ["Matched", "best_match", "topic_keys", "EVIDENCE", "PIECES_EVIDENCE", "MOST"]

#: Evidence of each kind (the share of the word an article proves with it).
EVIDENCE = {"word": 1.0, "loose": 0.75, "literal": 0.6, "in_number": 0.25}
#: How much of a word an article touches with each kind (the tier it ranks in): the word, its
#: tokens apart or its main parts all touch it; its string inside other words, less; inside a
#: longer number, least. Within a tier, BM25F × evidence orders.
TIER = {"word": 1.0, "loose": 1.0, "literal": 1.0, "in_number": 0.5}
#: The most a word holding a number (`WordEvidence.amount`: `五十亿`, `1400亿`, `98世界杯`) is reached by
#: anything but itself: its tokens apart or its parts (`50` and `亿` of `五十亿`: another amount,
#: or the number and its unit apart) touch it only as a longer number does (`TIER["in_number"]`),
#: so every article holding the amount ranks first (fifth fresh tester, F2).
NUMBER_PART_TIER = TIER["in_number"]
#: Evidence of a word's parts when they are all there (a share of them gives a share of it).
PIECES_EVIDENCE = 0.5
#: A hit touches words carrying at least this share of the query's weight.
MOST = 0.5


@dataclass
class Matched:
    """The answer of a query before ordering and paging.

    docs        matching docnums inside `allowed` (all matches when `allowed` is None):
                int64, ascending
    plan        the plan as searched
    level       engine.STRICT when every hit has every word, else engine.ANY (partial hits:
                the highlighter marks the parts of words too)
    notices     `messages.notice` items about the matching (words found nowhere, partial hits)
    unfiltered  the matches without `allowed` (facet counts start from them), ascending
    scores      BM25F scores rounded to 6 places, aligned with `docs` (None unless asked)
    coverage    share of the query each hit covers (0..1, 6 places), aligned with `docs`, or
                None when there are no plain words (every hit matches the whole query)
    labels      the plain words (one per OR-group, as typed), the columns of `missing`
    missing     bool [len(docs), len(labels)]: the hit lacks that word as a whole, or None"""

    docs: np.ndarray
    plan: Plan
    level: int
    notices: list[dict]
    unfiltered: np.ndarray
    scores: np.ndarray | None
    coverage: np.ndarray | None = None
    labels: list[str] = field(default_factory=list)
    missing: np.ndarray | None = None

    @property
    def relaxed(self) -> bool:
        """Some hit lacks a word."""
        return self.missing is not None and bool(self.missing.any())

    def missing_words(self, i: int) -> list[str]:
        """The words hit `i` (position in `docs`) lacks."""
        if self.missing is None:
            return []
        return [w for w, m in zip(self.labels, self.missing[i]) if m]


def topic_keys(searcher) -> list[str]:
    """The topic keys the index holds (what `topic:` may resolve to besides the rule file)."""
    return list(engine.facet_arrays(searcher, "topic").values)


def _idf(df: int, n: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _plain(group) -> bool:
    return not engine.is_required(group) and not any(w.phrase for w in group)


def _add_pieces(wa: WordArrays, w: "WordEvidence", at, n: int) -> None:
    """Add the parts of word `w` to its arrays `wa` (in place) where the word itself is not
    there (`wa.missing`): their evidence, touch and reach by the parts' share of idf, their
    scores summed. Only the candidates holding a part change: elsewhere the share is 0, and
    max(x, 0.0) = x, x + 0.0 = x for the non-negative values these arrays hold."""
    # a part found nowhere proves nothing either way: only parts that occur weigh
    pw = {p: _idf(len(d), n) for p, (d, _) in w.pieces.items() if len(d)}
    total = sum(pw.values()) or 1.0
    nc = len(wa.best)
    share = np.zeros(nc)
    pscore = np.zeros(nc)
    held = np.zeros(nc, dtype=bool)
    for p, (d, x) in w.pieces.items():
        if p not in pw:
            continue
        pos, m = at(d)
        share[pos] += pw[p] / total
        pscore[pos] += x[m]
        held[pos] = True
    sel = np.flatnonzero(np.logical_and(held, wa.missing, out=held))
    sh = np.minimum(share[sel], 1.0)
    touch = np.minimum(1.0, sh / MOST)
    wa.best[sel] = np.maximum(wa.best[sel], PIECES_EVIDENCE * touch)
    wa.touch[sel] = np.maximum(wa.touch[sel], touch)
    wa.reach[sel] = np.maximum(wa.reach[sel], sh)
    wa.score[sel] = wa.score[sel] + pscore[sel]


def best_match(s, plan: Plan, allowed: np.ndarray | None, scored: bool,
               synonyms=True) -> Matched:
    """See the module docstring. `allowed`: ascending docnums the filters let through (None =
    every document); `scored`: compute BM25F scores (relevance order); `synonyms`: the
    thesaurus (`engine.evidence`: True, False or a `query.Thesaurus`)."""
    topics = topic_keys(s)
    plain = [g for g in plan.groups if _plain(g)] if not plan.unsearchable else []
    if not plain:
        return _strict(s, plan, allowed, scored, topics)
    strict_groups = [g for g in plan.groups if not _plain(g)]
    required = None
    req_scores = None
    if strict_groups:
        q = engine.build(Plan(text="", groups=strict_groups), engine.STRICT, topics)
        required, req_scores = engine.scored(s, q)
    words = [WordEvidence(s, g, synonyms) for g in plain]
    notices = no_parts_of_excluded(words, plain, plan)
    if required is not None and not len(required):
        notices += _missing_phrases(s, plan, allowed, topics)
    for g in plain:
        for w in g:
            alt = searched_as(w.text)
            if alt and alt != w.text:
                notices.append(notice("searched_as", word=w.text, searched=alt))
    lost = [w.label for w in words if not w.found]
    if lost:
        notices.append(notice("words_not_found", words="、".join(lost),
                              words_zh="、".join("或".join(f"“{a}”" for a in alternatives(w))
                                                for w in lost)))
    cand = union([d for w in words for d in w.docs()])
    if required is not None:
        cand = cand[inside(cand, required)]
    excl = engine.excluded_query(plan, topics)
    if excl is not None and len(cand):
        gone, _ = engine.scored(s, excl)
        cand = cand[~inside(cand, gone)]
    n = max(1, engine.doc_count(s))
    # a word found nowhere cannot be covered: it is named, missing from every hit, unweighted
    weights = np.array([_idf(len(w.whole), n) if w.found else 0.0 for w in words])
    nc = len(cand)
    cov, touched, tiers, reached, score = (np.zeros(nc) for _ in range(5))
    # a row per word (contiguous: each word's evidence reads and writes its own row), turned
    # into best match's [hits, words] table at the end
    missing = np.ones((len(words), nc), dtype=bool)
    at = places(cand).at  # each kind's and part's docs are distinct: plain indexing adds once
    part = np.empty(nc)
    for j, w in enumerate(words):
        wa = WordArrays.zeros(nc, missing[j])
        for kind, (d, x) in w.kinds.items():
            pos, m = at(d)
            # tokens apart, a longer number: not the word as a whole
            add_kind(wa, pos, x[m], EVIDENCE[kind], TIER[kind],
                     kind not in ("loose", "in_number"))
        if w.found and w.pieces:
            _add_pieces(wa, w, at, n)
        wj = weights[j]
        cov += np.multiply(wa.best, wj, out=part)
        tier = np.multiply(wa.touch, wj, out=part)  # the word's tier is its touch (≤ 1.0) …
        touched += tier
        if w.amount:  # … but a number's parts count at most NUMBER_PART_TIER
            tier = np.multiply(np.where(missing[j], np.minimum(wa.touch, NUMBER_PART_TIER),
                                        wa.touch), wj, out=part)
        tiers += tier
        reached += np.multiply(wa.reach, wj, out=part)
        score += wa.score
    wsum = float(weights.sum()) or 1.0
    keep = reached >= MOST * wsum - 1e-9
    if not any(w.found for w in words):
        keep[:] = False
    unfiltered = cand[keep]
    # element by element: computed for the kept candidates only
    cov, touched, score = cov[keep], touched[keep], score[keep]
    quality = np.where(touched > 0, cov / np.maximum(touched, 1e-12), 0.0)
    score = score * quality  # BM25F × how well the words it touches are matched
    # the tier: how much of the query the article touches
    cov, missing = np.round(tiers[keep] / wsum, 6), np.ascontiguousarray(missing[:, keep].T)
    if req_scores is not None and len(unfiltered):
        pos, m = places(required).at(unfiltered)
        score[m] += req_scores[pos]
    docs = unfiltered
    if allowed is not None:
        sel = inside(unfiltered, allowed)
        docs, cov, score, missing = docs[sel], cov[sel], score[sel], missing[sel]
    partial = bool(missing.any())
    if partial and len(docs):
        full = int((~missing.any(axis=1)).sum())
        if len(words) == 1:  # one word: "most of the words" would be none of them
            notices.append(notice("partial_parts", word=words[0].label, full=full,
                                  partial=len(docs) - full))
        else:
            notices.append(notice("partial_matches", full=full, partial=len(docs) - full))
    return Matched(docs, plan, engine.ANY if partial else engine.STRICT, notices, unfiltered,
                   np.round(score, 6) if scored else None, cov, [w.label for w in words], missing)


def _strict(s, plan: Plan, allowed, scored: bool, topics: list[str]) -> Matched:
    """A query without plain words (phrases, fields, exclusions only, or empty: browse): every
    hit satisfies all of it; an empty answer says which phrase matched nothing."""
    unfiltered, sc = engine.scored(s, engine.build(plan, engine.STRICT, topics))
    docs = unfiltered
    if allowed is not None:
        keep = inside(unfiltered, allowed)
        docs, sc = unfiltered[keep], sc[keep]
    notices = [] if len(docs) else _missing_phrases(s, plan, allowed, topics)
    return Matched(docs, plan, engine.STRICT, notices, unfiltered,
                   np.round(sc, 6) if scored else None)


def _missing_phrases(s, plan: Plan, allowed, topics: list[str]) -> list[dict]:
    """A `phrase_not_found` notice for each quoted phrase of a group that matches nothing (within
    `allowed`): the reason the answer is empty, since phrases are never relaxed."""
    out = []
    for group in plan.groups:
        phrases = [w for w in group if w.phrase]
        if not phrases:
            continue
        q = engine.group_query(group, engine.STRICT, topics)
        docs = engine.scored(s, q)[0] if q is not None else np.empty(0, dtype=np.int64)
        if not (len(docs) if allowed is None else inside(docs, allowed).any()):
            out += [notice("phrase_not_found", phrase=w.text) for w in phrases]
    return out
