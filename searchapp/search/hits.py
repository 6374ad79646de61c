"""A stored Article as a ranked `Hit`, with its highlighted title and snippet."""
from __future__ import annotations

from searchapp import dates
from searchapp.model import Article
from searchapp.results import Hit
from searchapp.search.snippets import Marks, best_snippet, highlight_html

__all__ = ["to_hit"]


def to_hit(a: Article, score: float, rank: int, terms: Marks | list[str], snippets: bool,
           highlight: bool = True) -> Hit:
    """`a` as the hit at 1-based `rank` with `score`; `terms` are highlighted in the title
    (`highlight`) and choose the snippet (`snippets`). `Marks`: the terms of this article
    (`Marks.for_texts`: a query word's parts only where the word is lacking)."""
    if isinstance(terms, Marks):
        terms = terms.for_texts(a.title, a.body) if (highlight or snippets) else []
    h = Hit(id=a.id, title=a.title, score=float(score), rank=rank, source=a.source,
            **dates.api_fields(a.date), topics=a.topics, author=a.author, speaker=a.speaker,
            series=a.series, column=a.column, page=a.page, url=a.url,
            duplicate_of=a.duplicate_of)
    if highlight:
        h.title_html = highlight_html(a.title, terms)
    if snippets:
        h.snippet, h.snippet_html = best_snippet(a.body, terms)
    return h
