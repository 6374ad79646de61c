"""Mined pairs over a corpus: which articles define each (full name, short form) pair, and the
query-time table of every term's partners (`query.synonyms.Thesaurus`).

    Pairs(by_pair)                         {(full, short): {article id}}, merged over a corpus
    Pairs.add(article_id, title, body);  Pairs.drop(ids);  Pairs.table() -> {key: (term, ...)}
"""
from __future__ import annotations

from typing import Iterable

from searchapp.analysis.analyzer import squeeze_many
from searchapp.vocab.abbrev.definitions import candidates, resolve

__all__ = ["Pairs", "MIN_ARTICLES", "MAX_FULL"]

#: Articles that must define a pair before it is used at query time.
MIN_ARTICLES = 1
#: Full names a short form may stand for at query time (the most defined, if several).
MAX_FULL = 3


class Pairs:
    """Mined pairs over a corpus: {(full, short): set of the article ids that define it}."""

    def __init__(self, by_pair: dict[tuple[str, str], set[str]] | None = None):
        self.by_pair: dict[tuple[str, str], set[str]] = by_pair or {}

    def add(self, article_id: str, *texts: str | None) -> None:
        """Record the pairs the article's texts (title, body, …) define."""
        self.add_found(article_id, (candidates(t) for t in texts if t))

    def add_found(self, article_id: str, found: Iterable[tuple[tuple[str, str, str], ...]]) -> None:
        """Record the pairs of the article's texts given as their `candidates` (one tuple a
        text): the same as `add` with the texts."""
        for cands in found:
            for pair in resolve(cands):
                self.by_pair.setdefault(pair, set()).add(article_id)

    def merge(self, other: "Pairs") -> None:
        """Add what `other` records (the ids of a pair both hold are united)."""
        for pair, ids in other.by_pair.items():
            self.by_pair.setdefault(pair, set()).update(ids)

    def drop(self, ids: Iterable[str]) -> None:
        """Forget what the articles `ids` defined (deleted or rewritten articles)."""
        gone = set(ids)
        if not gone:
            return
        for pair in list(self.by_pair):
            left = self.by_pair[pair] - gone
            if left:
                self.by_pair[pair] = left
            else:
                del self.by_pair[pair]

    def counts(self) -> dict[tuple[str, str], int]:
        """{(full, short): articles defining it}."""
        return {p: len(ids) for p, ids in self.by_pair.items()}

    def table(self, min_articles: int = MIN_ARTICLES) -> dict[str, tuple[str, ...]]:
        """{squeezed term: (partner as written, ...)}: a full name's short forms and a short
        form's full names (at most MAX_FULL, those defined in the most articles), over pairs
        defined in at least `min_articles` articles; the most defined first."""
        kept = [(full, short, len(ids)) for (full, short), ids in self.by_pair.items()
                if len(ids) >= min_articles]
        keys = iter(squeeze_many([t for full, short, _ in kept for t in (full, short)]))
        out: dict[str, list[tuple[int, str]]] = {}
        for full, short, n in kept:
            kf, ks = next(keys), next(keys)
            if kf == ks:
                continue
            out.setdefault(kf, []).append((n, short))
            out.setdefault(ks, []).append((n, full))
        table = {}
        for key, partners in out.items():
            partners.sort(key=lambda x: (-x[0], x[1]))
            table[key] = tuple(dict.fromkeys(p for _, p in partners[:MAX_FULL]))
        return table
