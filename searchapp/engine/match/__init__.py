"""engine.match: every scored match of a query over an open searcher, by one of two matchers.

    scored(searcher, q) -> (docnums int64 ascending, scores float64)
    matching_set(searcher, q) -> set[int]
    MATCHERS = ("arrays", "whoosh");  match_counts() -> dict

"arrays" (the default) evaluates the query tree on whole posting arrays (`arrays.py`, with
`postings`, `termdict`, `bm25`, `literal`, `textindex`); "whoosh" is the reference: Whoosh's own
matchers (`reference.py`). Both give the same documents and scores (tests/engine's
differential test); the searcher carries the choice (`engine.reader.Generation.searcher`).
Nothing here shapes what is stored: the index fingerprint leaves this package out.
"""
from __future__ import annotations

import numpy as np

from searchapp.config import MATCHERS
from searchapp.engine.match import arrays, reference
from searchapp.engine.match.counts import match_counts

__all__ = ["scored", "matching_set", "MATCHERS", "DEFAULT_MATCHER", "match_counts",
           "matcher_of"]

#: The matcher of a searcher opened without naming one (`config.MATCHERS` lists them all).
DEFAULT_MATCHER = MATCHERS[0]
#: Attribute of a Whoosh searcher naming its matcher (set by `Generation.searcher`).
ATTR = "_searchapp_matcher"


def matcher_of(searcher) -> str:
    """The matcher `searcher` was opened with (`DEFAULT_MATCHER` when none was named)."""
    return getattr(searcher, ATTR, DEFAULT_MATCHER)


def scored(searcher, q) -> tuple[np.ndarray, np.ndarray]:
    """Every live document matching `q` over all segments of `searcher`, as top-level docnums
    (int64, ascending) and their BM25F scores (float64, unrounded), by the searcher's matcher.
    Raises what Whoosh raises for a malformed query."""
    if matcher_of(searcher) == "whoosh":
        return reference.scored_arrays(searcher, q)
    return arrays.scored_arrays(searcher, q)


def matching_set(searcher, q) -> set[int]:
    """Top-level docnums of every live document matching `q` (no scores wanted)."""
    return set(scored(searcher, q)[0].tolist())
