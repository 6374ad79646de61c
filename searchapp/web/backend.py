"""The web layer's only door to the search engine: thin calls on the app's IndexHandle.

Every view goes through here, so HTML, JSON and exports call the same `searchapp.search`
functions and can never disagree. Nothing is opened at import: the index handle is the app's
resource (`resources.get_handle`), opened by the first request that needs it.
"""
from __future__ import annotations

from typing import Any, Iterator

from markupsafe import Markup, escape

from searchapp.config import MAX_PAGE_SIZE
from searchapp.errors import IndexMissing
from searchapp.model import Article
from searchapp.request import SearchRequest
from searchapp.results import Hit, SearchResponse
from searchapp.search import browse, frozen
from searchapp.search import related as find_related
from searchapp.search import stories as stories_mod
from searchapp.search import search as run_search
from searchapp.search.snippets import highlight_html
from searchapp.web.resources import get_handle

#: Most rows one CSV/JSONL export holds (documented in docs/web.md); the rest is cut off and the
#: export says so in a header (X-Searchapp-Truncated).
EXPORT_MAX_ROWS = 10_000


def search(req: SearchRequest, suggest: bool = True) -> SearchResponse:
    """`searchapp.search.search(handle, req, suggest=…)` → SearchResponse. Raises
    errors.IndexMissing (503)."""
    return run_search(get_handle(), req, suggest=suggest)


def get_article(article_id: str) -> Article | None:
    """Article or None."""
    return get_handle().get_article(article_id)


def related(article_id: str, limit: int = 5) -> list[Hit]:
    """More-like-this hits (with `duplicate_of` marking near-duplicates)."""
    return find_related(get_handle(), article_id, limit=limit)


def terms(q: str, article: Article | None = None) -> list[str]:
    """The words of query `q` as the engine understands them (for highlighting an article page):
    the `query.terms` of a one-hit search, so the article page marks exactly what search matched;
    for an `article`, the terms of that article (`search.snippets.Marks.for_texts`: a part of a
    query word only when the article lacks the word), as its hit in the results marks."""
    if not q:
        return []
    resp = search(SearchRequest(q=q, size=1, snippets=False, facets=False))
    if article is not None and resp.marks is not None:
        return resp.marks.for_texts(article.title, article.body)
    return list(resp.query.terms)


def highlighter(term_list: list[str]):
    """A function text → Markup: escaped text with `term_list` wrapped in <mark> (escape first,
    then mark: `search.snippets.highlight_html`). Without terms: just escaped."""
    if not term_list:
        return lambda text: escape(text or "")
    return lambda text: Markup(highlight_html(text or "", term_list))


def all_hits(req: SearchRequest) -> tuple[Iterator[Hit], int, list[dict[str, str]]]:
    """Every hit of `req` (all pages, in the request's order) for an export, at most
    EXPORT_MAX_ROWS; returns (iterator of Hit, total, notices: [{"code", "text"}] saying how
    the query was read, as /api/search gives them). Facets are not computed."""
    base = req.with_(size=MAX_PAGE_SIZE, page=1, facets=False)
    first = search(base)
    total = first.total
    notices = [{"code": n["code"], "text": n["text"]} for n in first.query.notice_items]

    def gen() -> Iterator[Hit]:
        n = 0
        resp, page = first, 1
        while True:
            for h in resp.hits:
                if n >= EXPORT_MAX_ROWS:
                    return
                n += 1
                yield h
            if page >= resp.pages or not resp.hits:
                return
            page += 1
            resp = search(base.with_(page=page))

    return gen(), total, notices



# -- the archive as printed, stories and reprint lineage, frozen lists --------------------------
def publications() -> dict[str, Any]:
    """`search.browse.publications` of the app's index."""
    return browse.publications(get_handle())


def publication_calendar(publication: str, year: int | None) -> dict[str, Any]:
    """`search.browse.publication_calendar`; raises NotFound."""
    return browse.publication_calendar(get_handle(), publication, year)


def issue(publication: str, issue_key: str) -> dict[str, Any]:
    """`search.browse.issue`; raises NotFound."""
    return browse.issue(get_handle(), publication, issue_key)


def copies(article: Article) -> list[Article]:
    """Every copy of the article's story, in publication order (`search.stories.copies`)."""
    return stories_mod.copies(get_handle(), article)


def stories(req: SearchRequest, limit: int) -> dict[str, Any]:
    """The newest distinct stories of a search (`search.stories.stories`), for its feed."""
    return stories_mod.stories(get_handle(), req, limit)


def existing_ids(ids: list[str]) -> set[str]:
    """The ids among `ids` that the live index holds."""
    return stories_mod.existing(get_handle(), ids)


def generation() -> int:
    """The live index generation (frozen lists record it)."""
    return get_handle().refresh()


def result_items(req: SearchRequest, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The rows of a frozen result list (`search.frozen.result_items`)."""
    return frozen.result_items(get_handle(), req, limit)


def with_live_names(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`search.frozen.with_live_names` of the app's index; the items as they are when there is
    no index."""
    try:
        return frozen.with_live_names(get_handle(), items)
    except IndexMissing:
        return items
