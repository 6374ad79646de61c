"""A query word that holds a word the query excludes is reached by itself only (used by
`search.bestmatch`; docs/search.md, "Best match", 7).

    no_parts_of_excluded(words, plain, plan) -> notices

`数字经济 -数字`: every article with 数字经济 holds 数字, so what the parts of 数字经济 would add
is the articles with 经济 and without 数字 — the opposite of what was typed, offered as "most of"
the query. The parts of such a word are dropped as evidence and the notice `excluded_part` says
so. Only an exclusion that applies everywhere (an unfielded `-word` or `-"phrase"`) does this:
`-title:数字` excludes less.
"""
from __future__ import annotations

from searchapp.analysis.text import compact
from searchapp.messages import notice
from searchapp.query.plan import Plan

__all__ = ["no_parts_of_excluded"]


def no_parts_of_excluded(words: list, plain: list, plan: Plan) -> list[dict]:
    """A plain word that holds a word the query excludes everywhere (`数字经济 -数字`, an
    unfielded `-word` or `-"phrase"`) is reached by itself only: its parts no longer stand in
    for it (once 数字 is excluded, 经济 alone is not "most of" 数字经济, it is its opposite).
    `words`: the best-match evidence of each plain OR-group (objects with `label` and `pieces`,
    {part: (docs, scores)}), aligned with `plain`, the groups. Drops those words' parts
    (sets `pieces` to {}) and returns an `excluded_part` notice for each word that had any."""
    banned = [compact(w.text) for w in plan.excluded if w.field is None and compact(w.text)]
    out = []
    for w, group in zip(words, plain):
        hit = next((b for b in banned for x in group if b in compact(x.text)), None)
        if hit is None or not w.pieces:
            continue
        w.pieces = {}
        out.append(notice("excluded_part", word=w.label, excluded=hit))
    return out
