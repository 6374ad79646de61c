"""Stories: an article with all its copies (reprint lineage), and a search as distinct stories.

    copies(handle, article) -> [Article]                 the story's copies in publication order
    existing(handle, ids) -> set[str]                    the ids the live index still holds
    stories(handle, req, limit) -> {"stories", "undated", "matches"}   a followed search

A story is a near-duplicate group (`Article.lineage["story"]`, written at build time, the id of
its original); an article with no near-duplicate is a story of one.

A followed search (the Atom feed twin of a search) lists distinct stories, newest first: every
match of the request (its filters applied) is taken to its story; a story's place is its
`story_date` (the day it first appeared in the archive, its original's day), so a reprint of an
old story does not come back as news; its entry shows the earliest copy that matched. Stories
with no date at all cannot be placed in time and are counted in "undated", not listed.
"""
from __future__ import annotations

from typing import Any

from searchapp import engine
from searchapp.model import Article
from searchapp.request import SearchRequest
from searchapp.search.searching import filtered_matches

__all__ = ["copies", "stories", "existing"]


def _order(a: Article) -> tuple:
    lin = a.lineage or {}
    return (a.date is None, (a.date or "")[:10], lin.get("role") != "original", a.date or "", a.id)


def copies(handle, article: Article) -> list[Article]:
    """Every copy of `article`'s story held by the index (itself included), dated copies by
    day (the original first on its day), undated ones last."""
    story = (article.lineage or {}).get("story") or article.id
    with handle.searcher() as s:
        docs = engine.facet_docs(s, "story").get(story, frozenset())
        arts = [engine.stored_article(s, d) for d in docs]
    if all(a.id != article.id for a in arts):
        arts.append(article)
    return sorted(arts, key=_order)


def stories(handle, req: SearchRequest, limit: int) -> dict[str, Any]:
    """The `limit` newest distinct stories matching `req` (see the module docstring):
    {"stories": [{"story": id, "day": ISO day, "article": Article (earliest matching copy),
    "copies": [Article] (all copies, publication order), "matched": int}],
    "undated": stories without any date, "matches": articles matched}."""
    with handle.searcher() as s:
        docs = filtered_matches(s, req)
        story_col = engine.column(s, "story")
        day_col = engine.column(s, "story_date")
        date_col, id_col = engine.sort_columns(s)
        groups: dict[str, list[int]] = {}
        for d in docs:
            key = (story_col[d] if story_col is not None else None) or (
                id_col[d] if id_col is not None else str(d))
            groups.setdefault(key, []).append(d)
        dated: list[tuple[str, str, int]] = []
        undated = 0
        for key, ds in groups.items():
            days = [day_col[d] for d in ds if day_col is not None and day_col[d]]
            if not days:
                undated += 1
                continue
            first = min(ds, key=lambda d: ((date_col[d] if date_col is not None else None) or "~", d))
            dated.append((min(days), key, first))
        dated.sort(key=lambda t: (t[0], t[1]), reverse=True)
        chosen = dated[:limit]
        members = engine.facet_docs(s, "story")
        out = []
        for day, key, first in chosen:
            arts = sorted((engine.stored_article(s, d) for d in members.get(key, {first})),
                          key=_order)
            out.append({"story": key, "day": day, "article": engine.stored_article(s, first),
                        "copies": arts, "matched": len(groups[key])})
    return {"stories": out, "undated": undated, "matches": len(docs)}


def existing(handle, ids: list[str]) -> set[str]:
    """The ids among `ids` that the live index holds (a frozen list marks the others)."""
    with handle.searcher() as s:
        return {i for i in ids if engine.docnum_of(s, i) is not None}
