"""Facet filters and counts over document-number sets (source, topic, month, date range).

Rule (docs/search.md): values within one facet OR, facets AND; the count of a value is the
number of hits the current query would have with that value selected alone in its facet and the
other facets' filters kept. So counts never disagree with hits: selecting a value shows exactly
`count` results.
"""
from __future__ import annotations

from whoosh import query as Q

from searchapp.results import FacetValue
from searchapp.vocab.topics import resolve as resolve_topic

__all__ = ["FACETS", "value_docs", "filter_docs", "date_docs", "counts", "intersect"]

#: Facet name (SearchResponse.facets key, request attribute) → index field.
FACETS = {"source": ("source", "sources"), "topic": ("topics", "topics"), "month": ("month", "months")}


def value_docs(searcher, fieldname: str) -> dict[str, frozenset[int]]:
    """{value: docnums} for every term of an ID/KEYWORD field, cached on the searcher (its reader
    never changes). Deleted documents are removed."""
    cache = searcher.__dict__.setdefault("_searchapp_facets", {})
    if fieldname not in cache:
        r = searcher.reader()
        out: dict[str, frozenset[int]] = {}
        if fieldname in r.indexed_field_names():
            for tb in r.lexicon(fieldname):
                v = tb.decode("utf-8") if isinstance(tb, bytes) else tb
                ids = r.postings(fieldname, tb).all_ids()
                out[v] = frozenset(d for d in ids if not r.is_deleted(d)) if r.has_deletions() else frozenset(ids)
        cache[fieldname] = out
    return cache[fieldname]


def filter_docs(searcher, facet: str, values) -> frozenset[int] | None:
    """Docnums carrying any of `values` in `facet` (None = no filter). Topic values are resolved
    by `topics.resolve` (key, display label or alias, any case)."""
    if not values:
        return None
    fieldname = FACETS[facet][0]
    vd = value_docs(searcher, fieldname)
    out: set[int] = set()
    for v in values:
        if facet == "topic":  # key, label or alias of the rule file, any case (topics.resolve)
            out |= vd.get(resolve_topic(v, known=vd) or v, frozenset())
        else:
            out |= vd.get(v, frozenset())
    return frozenset(out)


def date_docs(searcher, date_from: str | None, date_to: str | None) -> frozenset[int] | None:
    """Docnums whose date is within [date_from, date_to] (inclusive ISO days; either may be None).
    Articles without a date never match a date filter. None when both bounds are None."""
    if not date_from and not date_to:
        return None
    q = Q.TermRange("date", date_from or "0000", (date_to or "9999") + "\uffff")
    return frozenset(searcher.docs_for_query(q))


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
    vd = value_docs(searcher, FACETS[facet][0])
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
    else:
        out.sort(key=lambda f: (-f.count, f.value))
    return out
