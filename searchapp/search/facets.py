"""Facet filters and counts over document-number sets (source, topic, month, reprint lineage
原发/转载, date range).

Rule (docs/search.md): values within one facet OR, facets AND; the count of a value is the
number of hits the current query would have with that value selected alone in its facet and the
other facets' filters kept. So counts never disagree with hits: selecting a value shows exactly
`count` results.
"""
from __future__ import annotations

from searchapp import engine
from searchapp.results import FacetValue
from searchapp.vocab.topics import resolve as resolve_topic

__all__ = ["FACETS", "filter_docs", "counts", "intersect"]

#: Facet name (SearchResponse.facets key, `engine.facet_docs` name) → SearchRequest attribute.
FACETS = {"source": "sources", "topic": "topics", "month": "months", "lineage": "lineages"}
#: Order of the lineage facet's values (a fixed order reads better than counts: 原发 first).
_LINEAGE_ORDER = {"original": 0, "reprint": 1, "undetermined": 2}


def filter_docs(searcher, facet: str, values) -> frozenset[int] | None:
    """Docnums carrying any of `values` in `facet` (None = no filter). Topic values are resolved
    by `topics.resolve` (key, display label or alias, any case)."""
    if not values:
        return None
    vd = engine.facet_docs(searcher, facet)
    out: set[int] = set()
    for v in values:
        if facet == "topic":  # key, label or alias of the rule file, any case (topics.resolve)
            out |= vd.get(resolve_topic(v, known=vd) or v, frozenset())
        else:
            out |= vd.get(v, frozenset())
    return frozenset(out)


def intersect(base: frozenset[int] | set[int], *sets: frozenset[int] | None) -> set[int]:
    """`base` ∩ every non-None set."""
    out = set(base)
    for s in sets:
        if s is not None:
            out &= s
    return out


def counts(searcher, facet: str, docs: set[int], selected) -> list[FacetValue]:
    """FacetValues of `facet` over `docs` (already filtered by the query and the OTHER facets).
    Order: month by date; others by count desc, then value. Selected values always listed."""
    vd = engine.facet_docs(searcher, facet)
    sel = {v.casefold() if facet == "topic" else v for v in selected}
    out: list[FacetValue] = []
    for v, ds in vd.items():
        c = len(ds & docs) if len(ds) < len(docs) else len(docs & ds)
        key = v.casefold() if facet == "topic" else v
        if c or key in sel:
            out.append(FacetValue(v, c, key in sel))
    seen = {f.value.casefold() if facet == "topic" else f.value for f in out}
    for v in selected:  # a selected value the index does not know
        if (v.casefold() if facet == "topic" else v) not in seen:
            out.append(FacetValue(v, 0, True))
    if facet == "month":
        out.sort(key=lambda f: f.value)
    elif facet == "lineage":
        out.sort(key=lambda f: (_LINEAGE_ORDER.get(f.value, 9), f.value))
    else:
        out.sort(key=lambda f: (-f.count, f.value))
    return out
