"""One URL builder for every link the web layer makes, so permalinks stay consistent.

The links themselves are built by `searchapp.search.envelope` (without Flask, so `searchapp search
--json` builds the same ones); this module puts them under the app's mount point
(`request.script_root`) and makes absolute links. A search URL is always
`SearchRequest.to_params()` (defaults left out, so equal requests give equal URLs) on the chosen
endpoint, plus optional extras such as `format`.

Absolute links (permalinks, the `link` column of exports) are built from the configured
`PUBLIC_URL` (`searchapp serve --public-url`, $SEARCHAPP_PUBLIC_URL), never from the request's
Host header, which any client can set (`Host: evil.example` must not put evil.example into a
permalink someone copies). Without a PUBLIC_URL they stay relative to the site.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import current_app, has_request_context, request

from searchapp.search import envelope
from searchapp.request import SearchRequest
from searchapp.search.envelope import toggled  # noqa: F401  (re-exported for the presenters)


def root() -> str:
    """The app's mount point ("" at the top of the site)."""
    return request.script_root if has_request_context() else ""


def search_url(req: SearchRequest, endpoint: str = "pages.search", *,
               extra: Mapping[str, Any] | None = None, external: bool = False, **changes: Any) -> str:
    """URL of `req` with `changes` (SearchRequest field names, e.g. page=2, sources=(...)) applied."""
    url = envelope.search_path(req, endpoint, root=root(), extra=extra, **changes)
    return absolute(url) if external else url


def params_url(params: Mapping[str, Any], endpoint: str = "pages.search") -> str:
    """URL of a parameter dict in `SearchRequest.to_params()` form (e.g. a zero-result suggestion);
    an unusable dict gives the bare page."""
    return envelope.params_path(params, endpoint, root=root())


def article_url(article_id: str, q: str | None = None, *, endpoint: str = "pages.article",
                external: bool = False, req: SearchRequest | None = None) -> str:
    """Link to an article page; `q` (the query the user came from) highlights its words there.
    With `req` (the search the user came from), the link carries that whole search state
    (`req.to_params()`: q, filters, sort, page, size; defaults left out) instead, so the article
    page's back link can restore the exact result list."""
    url = envelope.article_path(article_id, endpoint, root=root(), req=req, q=q)
    return absolute(url) if external else url


def absolute(path: str) -> str:
    """`path` (under the app's mount point) on the configured PUBLIC_URL; unchanged (relative)
    when none is configured."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return path
    r = root()
    if r and path.startswith(r):
        path = path[len(r):]
    return base.rstrip("/") + path
