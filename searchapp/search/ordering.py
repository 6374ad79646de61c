"""Ordering a query's matches: relevance (score, then newest, then id), newest, oldest.

    order(searcher, docs, sort, scores, limit=None) -> list[(docnum, score)]

Ties are broken by date (newest first; undated last) then id, so pages never shift. For large
match sets, or once direct reads have added up to the index's size, a rank per document (date,
then id) is computed once per index generation and shared by its searchers; until then small
sets are sorted directly from the date and id columns.
"""
from __future__ import annotations

import heapq

from searchapp import engine
from searchapp.cache import BoundedCache, Tally, kept_on

__all__ = ["order"]

#: Below this many matches, a query without shared ranks sorts its matches directly (building
#: ranks reads the date and id of every document: ~0.1 s at 3k, too much for a one-shot search).
_DIRECT_MAX = 2000
#: ({docnum: rank newest-first}, {docnum: rank oldest-first}) of the last index states.
_RANKS = BoundedCache(4)
#: Date/id reads made by direct ordering, per index state (see _paid_off).
_READS = Tally(64)


def _ranks(searcher, build: bool = True):
    """({docnum: rank newest-first}, {docnum: rank oldest-first}) over every document, ties by
    id ascending, undated articles last in both; computed once per index generation and shared
    by its searchers, so ordering a query's matches is one sort on integer keys. None when not
    built yet and `build` is False."""
    key = engine.index_key(searcher)
    cache = kept_on(searcher, "_searchapp_ranks", dict)
    if "ranks" in cache:
        return cache["ranks"]
    if key is not None:
        got = _RANKS.get(key)
        if got is not None:
            cache["ranks"] = got
            return got
    if not build:
        return None
    dates, ids = engine.sort_columns(searcher)
    keys = []
    for d in sorted(engine.live_docs(searcher)):
        dt = (dates[d] or "") if dates is not None else ""
        ident = (ids[d] or "") if ids is not None else str(d)
        keys.append((d, dt, ident))
    keys.sort(key=lambda k: k[2])
    newest = sorted(keys, key=lambda k: k[1], reverse=True)   # stable: id order kept
    oldest = sorted(keys, key=lambda k: (k[1] == "", k[1]))
    got = ({k[0]: i for i, k in enumerate(newest)}, {k[0]: i for i, k in enumerate(oldest)})
    cache["ranks"] = got
    if key is not None:
        got = _RANKS.put(key, got)
    return got


def _paid_off(searcher, n: int) -> bool:
    """Count `n` more date/id reads for this index state; True once the count reaches its
    document count, when building the shared ranks (which reads every document once) costs no
    more than the direct reads already made (ski-rental: Karlin et al. 1988). A one-shot
    search never builds them; a server or bulk run does after a few hundred queries."""
    key = engine.index_key(searcher)
    return key is not None and _READS.add(key, n) >= engine.doc_count_all(searcher)


def _order_direct(searcher, docs, sort: str, scores) -> list[tuple[int, float]]:
    """`_order` by reading each match's date and id (same order as the ranks)."""
    dates, ids = engine.sort_columns(searcher)
    date = (lambda d: dates[d] or "") if dates is not None else (lambda d: "")
    ident = (lambda d: ids[d] or "") if ids is not None else (lambda d: str(d))
    use = sort == "relevance" and scores is not None
    items = [(d, scores.get(d, 0.0) if use else 0.0, date(d), ident(d)) for d in docs]
    items.sort(key=lambda x: x[3])
    if sort == "oldest":
        items.sort(key=lambda x: (x[2] == "", x[2]))
    else:  # newest, and relevance ties: newest first, undated last
        items.sort(key=lambda x: x[2], reverse=True)
    if use:
        items.sort(key=lambda x: -x[1])
    return [(d, sc) for d, sc, _, _ in items]


def order(searcher, docs: set[int], sort: str, scores: dict[int, float] | None,
           limit: int | None = None) -> list[tuple[int, float]]:
    """The first `limit` (None = all) of `docs` as (docnum, score) in the order of `sort`:
    relevance = score desc (`scores`; a doc without one scores 0), then newest; newest/oldest
    by date (undated last), ties by id. Scores are 0.0 when `scores` is None."""
    ranks = _ranks(searcher, build=len(docs) > _DIRECT_MAX)
    if ranks is None:
        read = docs
        if sort == "relevance" and scores is not None and limit is not None and len(docs) > limit:
            # only documents scoring at least the limit-th best score can be in the first
            # `limit`: the date and id tie-breaks are read for those alone
            cut = heapq.nlargest(limit, (scores.get(d, 0.0) for d in docs))[-1]
            read = [d for d in docs if scores.get(d, 0.0) >= cut]
        if _paid_off(searcher, len(read)):
            ranks = _ranks(searcher)
        else:
            items = _order_direct(searcher, read, sort, scores)
            return items if limit is None else items[:limit]
    newest, oldest = ranks
    rank = oldest if sort == "oldest" else newest
    far = len(rank)
    if sort == "relevance" and scores is not None:
        keyed = [(-scores.get(d, 0.0), rank.get(d, far), d) for d in docs]
    else:
        keyed = [(0.0, rank.get(d, far), d) for d in docs]
    if limit is not None and limit < len(keyed) // 4:
        top = heapq.nsmallest(limit, keyed)
    else:
        keyed.sort()
        top = keyed if limit is None else keyed[:limit]
    return [(d, -ns if ns else 0.0) for ns, _, d in top]
