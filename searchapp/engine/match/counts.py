"""Which path matched the queries of this process, and every fall-back to Whoosh's own code.

    count(what, n=1)             add to a counter
    match_counts() -> dict       a copy of the counters:
      "arrays"             queries evaluated on posting arrays (the default matcher)
      "posting_arrays"     posting lists read from a segment's posting arrays (long terms of
                           an index built with them: store/postarrays.py), not parsed
      "whoosh"             queries evaluated by the reference matcher (SEARCHAPP_MATCHER=whoosh)
      "fallback_subquery"  sub-queries the array matcher hands to Whoosh's matcher (a browse
                           query's Every, a phrase with slop, another query type)
      "fallback_postings"  posting lists whose block layout `postings` does not read
      "fallback_termdict"  term lookups through Whoosh's own term dictionary reader
      "fallback_scorer"    terms scored by Whoosh's scorer (another weighting, no segment key)
      "fallback_lengths"   field lengths read document by document (a lengths column layout
                           `bm25` does not read)

A fall-back gives the same answer, slower: an upgrade of Whoosh that changed a file layout would
show here (tests/engine assert none happens for the queries search builds) instead of silently
costing speed.
"""
from __future__ import annotations

import threading
from collections import Counter

__all__ = ["count", "match_counts"]

_counts: Counter[str] = Counter()
_lock = threading.Lock()


def count(what: str, n: int = 1) -> None:
    """Add `n` to the counter `what` (thread-safe)."""
    with _lock:
        _counts[what] += n


def match_counts() -> dict[str, int]:
    """The counters so far in this process (see the module docstring)."""
    with _lock:
        return dict(_counts)
