"""The rows a frozen result list keeps (`searchapp.cite`): a search's whole ordered result list
with what a citation needs of each article.

    result_items(handle, req, limit) -> (items, total)

An item: {"id", "title", "source", "publication", "issue", "issue_date", "author", "date",
"page", "url", "kind", "missing"} — `missing`: the query words the hit lacks as a whole (a
partial, "contain most of the words" match: as `Hit.missing`, the CSV `missing` column), [] for
a hit with every word; publication, issue, page and kind from `archive.edition_of` (a magazine
article is cited in its issue; a dated page without a print page as a web page).
"""
from __future__ import annotations

from typing import Any

from searchapp import engine
from searchapp.archive.editions import edition_of
from searchapp.config import MAX_PAGE_SIZE
from searchapp.request import SearchRequest
from searchapp.search.searching import search

__all__ = ["result_items"]


def result_items(handle, req: SearchRequest, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The first `limit` articles of `req`'s result list, in its order, as frozen rows; and the
    total number of hits. Raises IndexMissing when there is no index."""
    base = req.with_(page=1, size=MAX_PAGE_SIZE, facets=False, snippets=False, highlight=False)
    items: list[dict[str, Any]] = []
    total = 0
    page = 1
    while len(items) < limit:
        resp = search(handle, base.with_(page=page))
        total = resp.total
        if resp.page != page or not resp.hits:
            break
        with handle.searcher() as s:
            for h in resp.hits[: limit - len(items)]:
                a = engine.article_by_id(s, h.id)
                ed = edition_of(a) if a is not None else None
                items.append({"id": h.id, "title": h.title, "source": h.source,
                              "publication": ed.publication if ed else h.source,
                              "issue": ed.issue if ed else None,
                              "issue_date": ed.date if ed else None,
                              "author": h.author or h.speaker, "date": h.date,
                              "page": ed.page if ed else None, "url": h.url,
                              "kind": ed.kind if ed else ("web" if h.url else None),
                              "missing": list(h.missing)})
        if page >= resp.pages:
            break
        page += 1
    return items, total
