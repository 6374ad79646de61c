"""Relaxation: the first level of a query that matches something, tried in order.

    first_match(searcher, plan, allowed, scored) -> Matched

Levels (`engine.build`): STRICT (multi-token words as phrases, every group), LOOSE (every token
somewhere, every group), DROP (the groups that match no article at all left out, named in a
notice; strict, then loose), ANY (any group; articles matching more groups score higher). A
level "matches" when it has a document inside `allowed` (the facet and date filters). Field
restrictions and exclusions are never relaxed. docs/search.md, "Relaxation".
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from searchapp import engine
from searchapp.messages import notice
from searchapp.query.plan import Plan
from searchapp.search.docsets import inside

__all__ = ["Matched", "first_match", "topic_keys"]

#: Notice codes (searchapp.messages) of the relaxed levels; DROP names the words instead.
_NOTICES = {engine.LOOSE: "relaxed_loose", engine.ANY: "relaxed_any"}


@dataclass
class Matched:
    """What the first matching level gave.

    docs        matching docnums inside `allowed` (all matches when `allowed` is None):
                int64, ascending
    plan        the plan as searched (DROP leaves groups out)
    level       engine.STRICT, LOOSE, DROP or ANY
    notices     `messages.notice` items saying how the query was relaxed
    unfiltered  the level's matches without `allowed` (facet counts start from them), ascending
    scores      BM25F scores rounded to 6 places, aligned with `docs`, when asked for"""

    docs: np.ndarray
    plan: Plan
    level: int
    notices: list[dict]
    unfiltered: np.ndarray
    scores: np.ndarray | None


def topic_keys(searcher) -> list[str]:
    """The topic keys the index holds (what `topic:` may resolve to besides the rule file)."""
    return list(engine.facet_arrays(searcher, "topic").values)


def first_match(searcher, plan: Plan, allowed: np.ndarray | None, scored: bool) -> Matched:
    """The first relaxation level of `plan` with a match inside `allowed` (ascending docnums;
    None = every document), or the STRICT level's empty answer. `scored`: compute the scores
    too (one scored pass gives both the matching set and the ranking)."""
    topics = topic_keys(searcher)
    for level, build_level, skip in _levels(searcher, plan, allowed, topics):
        unfiltered, scores = _run(searcher, engine.build(plan, build_level, topics, skip), scored)
        docs = unfiltered
        if allowed is not None:
            keep = inside(unfiltered, allowed)
            docs = unfiltered[keep]
            scores = None if scores is None else scores[keep]
        if len(docs) or (level == engine.STRICT and not plan.groups):
            return _matched(docs, plan, level, skip, unfiltered, scores)
    unfiltered, _ = engine.scored(searcher, engine.build(plan, engine.STRICT, topics))
    return Matched(unfiltered[:0], plan, engine.STRICT,
                   _missing_phrases(searcher, plan, allowed, topics), unfiltered, None)


def _missing_phrases(searcher, plan: Plan, allowed, topics: list[str]) -> list[dict]:
    """A `phrase_not_found` notice for each quoted phrase of a group that matches nothing (within
    `allowed`): the reason the answer is empty, since phrases are never relaxed."""
    out = []
    for group in plan.groups:
        phrases = [w for w in group if w.phrase]
        if phrases and not _group_matches(searcher, group, allowed, topics):
            out += [notice("phrase_not_found", phrase=w.text) for w in phrases]
    return out


def _levels(searcher, plan: Plan, allowed, topics: list[str]):
    """(level, level the query is built at, groups left out) to try, in order: STRICT, then
    (after STRICT found nothing) LOOSE, DROP strict and loose when some groups match nothing
    at all, ANY."""
    yield engine.STRICT, engine.STRICT, frozenset()
    if not plan.groups:
        return
    yield engine.LOOSE, engine.LOOSE, frozenset()
    empty = frozenset(i for i, g in enumerate(plan.groups)
                      if not engine.is_required(g) and not _group_matches(searcher, g, allowed, topics))
    if empty and len(empty) < len(plan.groups):
        yield engine.DROP, engine.STRICT, empty
        yield engine.DROP, engine.LOOSE, empty
    yield engine.ANY, engine.ANY, frozenset()


def _group_matches(searcher, group, allowed, topics) -> bool:
    q = engine.group_query(group, engine.LOOSE, topics)
    if q is None:
        return False
    docs, _ = engine.scored(searcher, q)
    return bool(len(docs) if allowed is None else inside(docs, allowed).any())


def _run(searcher, q, scored: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """(matching docnums ascending, their scores rounded to 6 places, or None) of `q`."""
    ids, sc = engine.scored(searcher, q)
    # numpy's rounding to 6 places: the same values as round(x, 6) (docs/performance.md)
    return ids, (np.round(sc, 6) if scored else None)


def _matched(docs, plan: Plan, level: int, skip: frozenset[int], unfiltered, scores) -> Matched:
    notices: list[dict] = []
    if level == engine.DROP:
        names = " ".join(plan.groups[i][0].text for i in sorted(skip))
        notices.append(notice("dropped_words", words=names))
        plan = dataclasses.replace(plan, groups=[g for i, g in enumerate(plan.groups) if i not in skip])
    elif level in _NOTICES:
        notices.append(notice(_NOTICES[level]))
    return Matched(docs, plan, level, notices, unfiltered, scores)
