"""`ExcludingQuery(a, b)`: a's matches without b's, correct on Whoosh's own matchers too.

Whoosh 2.7's `AndNotMatcher` checks its first match against the excluded matcher only when
both happen to start on the same document (`_find_first`); when b's first posting comes before
a's first match and b also holds that document, the document is returned although it contains
the excluded word (tests/engine/test_exclusion.py builds the case).
`_AndNotMatcher` skips b forward to a's first match as `_find_next` does for every later one.
The array matcher (`arrays`) takes a set difference and never had the problem.
"""
from __future__ import annotations

from whoosh import query as Q
from whoosh.matching import AndNotMatcher

__all__ = ["ExcludingQuery"]


class _AndNotMatcher(AndNotMatcher):
    """`AndNotMatcher` whose first match is checked against the excluded matcher too."""

    def _find_first(self):
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class ExcludingQuery(Q.AndNot):
    """Whoosh's `AndNot(a, b)` (same scoring: a's scores) with a correct first match."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _AndNotMatcher(scored, excluded)
