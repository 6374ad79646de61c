"""The reference matcher: every scored match of a query through Whoosh's own matchers.

    scored_arrays(searcher, q) -> (docnums int64 ascending, scores float64)

What `arrays.scored_arrays` computes on posting arrays, computed the way Whoosh's documentation
describes: `searcher.search_with_collector(q, UnlimitedCollector())` (one matcher tree per
segment, advanced posting by posting; deleted documents skipped by the collector). Exclusions
are correct because the query builder uses `exclusion.ExcludingQuery`. Selected by the
`matcher` setting ("whoosh"; `config.Settings`, $SEARCHAPP_MATCHER): a switch back to Whoosh
when the array matcher is in doubt, and the reference of tests/engine's differential test.
"""
from __future__ import annotations

import numpy as np
from whoosh import collectors

from searchapp.engine.match.counts import count

__all__ = ["scored_arrays"]


def scored_arrays(searcher, q) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, scores) of every live document matching `q`, docnums ascending (top-level);
    scores as Whoosh's matchers compute them with `searcher.weighting` (None counts as 0.0).
    Raises what Whoosh raises for a malformed query."""
    count("whoosh")
    c = collectors.UnlimitedCollector()
    searcher.search_with_collector(q, c)
    pairs = sorted((d, sc or 0.0) for sc, d in c.items)
    ids = np.fromiter((d for d, _ in pairs), dtype=np.int64, count=len(pairs))
    sc = np.fromiter((s for _, s in pairs), dtype=np.float64, count=len(pairs))
    return ids, sc
