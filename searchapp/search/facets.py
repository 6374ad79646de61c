"""Facet filters and counts over document-number sets (source, topic, month, reprint lineage
原发/转载, date range).

Rule (docs/search.md): values within one facet OR, facets AND; the count of a value is the
number of hits the current query would have with that value selected alone in its facet and the
other facets' filters kept. So counts never disagree with hits: selecting a value shows exactly
`count` results.

Missing buckets (docs/web.md, "Phones, keyboard, accessibility"): an article with no source or
no date is counted in the source facet's and the month facet's MISSING value (label 未知来源 /
无日期), so a facet's counts add up to the hits and the reader sees what no month or source
accounts for; the value filters like any other (`source=_none`: the articles without a source).
A leading underscore marks a reserved value (a name an outlet does not carry; a month is
YYYY-MM). Topics and lineage have no such bucket: an article may carry several topics or none,
and every article has a lineage role.
"""
from __future__ import annotations

import numpy as np

from searchapp import engine
from searchapp.cache import kept_on
from searchapp.messages import MISSING_NAMES
from searchapp.request import MISSING
from searchapp.results import FacetValue
from searchapp.search.docsets import inside, intersect, union
from searchapp.vocab.sources import normalize_source
from searchapp.query.synonyms import topic_named

__all__ = ["FACETS", "MISSING", "MISSING_LABELS", "missing_label", "filter_docs", "counts",
           "intersect"]

#: Facet name (SearchResponse.facets key, `engine.facet_arrays` name) → SearchRequest attribute.
FACETS = {"source": "sources", "topic": "topics", "month": "months", "lineage": "lineages"}
#: Order of the lineage facet's values (a fixed order reads better than counts: 原发 first).
_LINEAGE_ORDER = {"original": 0, "reprint": 1, "undetermined": 2}
#: The facets with a bucket of articles without a value (`request.MISSING`), and its label.
MISSING_LABELS = MISSING_NAMES


def missing_label(facet: str) -> str:
    """Display name of `facet`'s missing bucket (未知来源, 无日期); MISSING for another facet."""
    return MISSING_LABELS.get(facet, MISSING)


def _without_value(searcher, facet: str) -> np.ndarray:
    """Ascending live docnums with no value in `facet`, kept on the searcher."""
    def compute() -> np.ndarray:
        fc = engine.facet_arrays(searcher, facet)
        live = engine.live_docs(searcher)
        if fc.of is not None:
            return live[fc.of[live] < 0]
        have = union([fc.docs_of(i) for i in range(len(fc.values))])
        return np.setdiff1d(live, have, assume_unique=True)
    return kept_on(searcher, f"_searchapp_missing_{facet}", compute)


def filter_docs(searcher, facet: str, values) -> np.ndarray | None:
    """Ascending docnums carrying any of `values` in `facet` (None = no filter). Topic values
    are resolved by `query.topic_named` (key, display label or alias, any case, or what a
    thesaurus variant of it names: `人工智慧`); a source value
    the index does not hold by `sources.normalize_source` (the outlet an alias is filed as, as
    ingest files it: `新浪` → `新浪网`)."""
    if not values:
        return None
    fc = engine.facet_arrays(searcher, facet)
    index = {v: i for i, v in enumerate(fc.values)}
    parts = []
    for v in values:
        if facet == "topic":  # key, label or alias of the rule file, any case (topic_named)
            v = topic_named(v, known=fc.values) or v
        elif facet == "source" and v not in index:  # an alias: the outlet it is filed as
            v = normalize_source(v) or v
        if v == MISSING and facet in MISSING_LABELS:
            parts.append(_without_value(searcher, facet))
        elif v in index:
            parts.append(fc.docs_of(index[v]))
    return union(parts)


def counts(searcher, facet: str, docs: np.ndarray, selected) -> list[FacetValue]:
    """FacetValues of `facet` over `docs` (ascending docnums, already filtered by the query and
    the OTHER facets). Order: month by date; others by count desc, then value; the MISSING
    bucket (source, month) last. Selected values always listed."""
    fc = engine.facet_arrays(searcher, facet)
    per_value = _value_counts(fc, np.asarray(docs, dtype=np.int64))
    sel = {v.casefold() if facet == "topic" else v for v in selected}
    out: list[FacetValue] = []
    for v, c in zip(fc.values, per_value):
        key = v.casefold() if facet == "topic" else v
        if c or key in sel:
            out.append(FacetValue(v, c, key in sel))
    missing = None
    if facet in MISSING_LABELS:
        c = int(np.count_nonzero(inside(np.asarray(docs, dtype=np.int64),
                                        _without_value(searcher, facet))))
        if c or MISSING in sel:
            missing = FacetValue(MISSING, c, MISSING in sel)
    seen = {f.value.casefold() if facet == "topic" else f.value for f in out}
    seen |= {MISSING} if missing else set()
    for v in selected:  # a selected value the index does not know
        if (v.casefold() if facet == "topic" else v) not in seen:
            out.append(FacetValue(v, 0, True))
    if facet == "month":
        out.sort(key=lambda f: f.value)
    elif facet == "lineage":
        out.sort(key=lambda f: (_LINEAGE_ORDER.get(f.value, 9), f.value))
    else:
        out.sort(key=lambda f: (-f.count, f.value))
    return out + ([missing] if missing else [])


def _value_counts(fc, docs: np.ndarray) -> list[int]:
    """How many of `docs` hold each value of the facet: one `bincount` of the documents' value
    when each document holds at most one, else a count per value over a mask of `docs`."""
    if not len(docs) or not fc.values:
        return [0] * len(fc.values)
    if fc.of is not None:
        return np.bincount(fc.of[docs] + 1, minlength=len(fc.values) + 1)[1:].tolist()
    mask = np.zeros(int(docs[-1]) + 1, dtype=bool)
    mask[docs] = True
    out = []
    for i in range(len(fc.values)):
        vd = fc.docs_of(i)
        vd = vd[vd < len(mask)]
        out.append(int(np.count_nonzero(mask[vd])))
    return out
