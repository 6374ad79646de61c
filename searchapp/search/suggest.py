"""Zero-result suggestions: requests that would find something (drop a filter, drop the
rarest word, try a synonym variant), each checked by really running it.

    suggest_requests(searcher, req, plan, total) -> [{"label", "label_zh", "code", "params"}]
    plan_query(plan, skip, swaps) -> str     a plan as query text, a group left out or replaced
    Borrowed(searcher)      a handle over an already-open searcher (for nested searches)

`total(searcher, request) -> int` is supplied by `searchapp.search` (no import cycle).
"""
from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Callable

from searchapp import engine
from searchapp.search import facets as F
from searchapp.messages import FACET_NAMES, notice
from searchapp.query.plan import Plan, Word
from searchapp.request import SearchRequest
from searchapp.query.synonyms import variants

__all__ = ["suggest_requests", "plan_query", "Borrowed"]


def _render(w: Word) -> str:
    t = f'"{w.text}"' if w.phrase or " " in w.text else w.text
    return f"{w.field}:{t}" if w.field else t


def plan_query(plan: Plan, skip: int | None = None, swaps: dict[int, Word] | None = None) -> str:
    """`plan` as query text again: OR-groups, `-words`, `date:` and `page:` as parsed, with
    group `skip` left out and each group `i` of `swaps` replaced by the one word `swaps[i]`."""
    parts = []
    for i, g in enumerate(plan.groups):
        if i == skip:
            continue
        ws = [swaps[i]] if swaps and i in swaps else g
        parts.append(" OR ".join(_render(w) for w in ws))
    parts += ["-" + _render(w) for w in plan.excluded]
    if plan.date_from or plan.date_to:
        parts.append(f"date:{plan.date_from or ''}..{plan.date_to or ''}")
    parts += [f"page:{p}" for p in sorted(plan.pages)]
    return " ".join(parts)


def suggest_requests(s, req: SearchRequest, plan: Plan,
                     total: Callable[[Any, SearchRequest], int]) -> list[dict[str, Any]]:
    """Zero results: requests that would find something (drop a filter, drop the rarest word,
    try a variant), each {"label", "label_zh", "code", "params"}; only those that really have
    results."""
    out: list[dict[str, Any]] = []

    def works(r: SearchRequest) -> bool:
        return total(s, r) > 0

    for name, attr in F.FACETS.items():
        for v in getattr(req, attr):
            r = req.with_(**{attr: tuple(x for x in getattr(req, attr) if x != v)}, page=1)
            if works(r):
                out.append(_suggestion("suggest_without_filter", r, facet=name, value=v,
                                       facet_zh=FACET_NAMES.get(name, name)))
    if req.date_from or req.date_to:
        r = req.with_(date_from=None, date_to=None, page=1)
        if works(r):
            out.append(_suggestion("suggest_without_dates", r))
    if len(plan.groups) > 1:
        freq = []
        for i, g in enumerate(plan.groups):
            gq = engine.group_query(g, engine.LOOSE, list(engine.facet_arrays(s, "topic").values))
            freq.append((len(engine.scored(s, gq)[0]) if gq is not None else 0, i))
        _, rare = min(freq)
        r = req.with_(q=plan_query(plan, skip=rare), page=1)
        if works(r):
            out.append(_suggestion("suggest_without_word", r, word=plan.groups[rare][0].text))
    for i, g in enumerate(plan.groups):
        for v in variants(g[0].text)[:2]:
            r = req.with_(q=plan_query(plan, swaps={i: Word(v)}), page=1)
            if works(r):
                out.append(_suggestion("suggest_variant", r, variant=v, word=g[0].text))
    return out[:5]


def _suggestion(code: str, r: SearchRequest, **kw) -> dict[str, Any]:
    """{"label" (English), "label_zh", "code", "params"} of a zero-result suggestion."""
    n = notice(code, **kw)
    return {"label": n["text"], "label_zh": n["text_zh"], "code": code, "params": r.to_params()}


class Borrowed:
    """A handle over an already-open searcher (for suggestions computed inside one search)."""

    def __init__(self, searcher):
        self._s = searcher

    def searcher(self):
        """The borrowed searcher, as a context manager that leaves it open."""
        return nullcontext(self._s)


