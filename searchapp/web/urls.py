"""One URL builder for every link the web layer makes, so permalinks stay consistent.

A search URL is always `SearchRequest.to_params()` (defaults left out, so equal requests give
equal URLs) on the chosen endpoint, plus optional extras such as `format`.

Absolute links (permalinks, the `link` column of exports) are built from the configured
`PUBLIC_URL` (`searchapp serve --public-url`, $SEARCHAPP_PUBLIC_URL), never from the request's
Host header, which any client can set (`Host: evil.example` must not put evil.example into a
permalink someone copies). Without a PUBLIC_URL they stay relative to the site.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import current_app, request, url_for

from searchapp.errors import SearchAppError
from searchapp.request import SearchRequest

#: facet name (URL parameter) → SearchRequest field holding its selected values
FACET_FIELDS = {"source": "sources", "topic": "topics", "month": "months", "lineage": "lineages"}


def search_url(req: SearchRequest, endpoint: str = "pages.search", *,
               extra: Mapping[str, Any] | None = None, external: bool = False, **changes: Any) -> str:
    """URL of `req` with `changes` (SearchRequest field names, e.g. page=2, sources=(...)) applied."""
    if changes:
        req = req.with_(**changes)
    params: dict[str, Any] = req.to_params()
    if extra:
        params.update({k: v for k, v in extra.items() if v is not None})
    return _absolute(url_for(endpoint, **params)) if external else url_for(endpoint, **params)


def params_url(params: Mapping[str, Any], endpoint: str = "pages.search") -> str:
    """URL of a parameter dict in `SearchRequest.to_params()` form (e.g. a zero-result suggestion).
    Values are normalised through `SearchRequest.from_params`; an unusable dict gives the bare page."""
    try:
        req = SearchRequest.from_params(dict(params))
    except SearchAppError:  # a suggestion we cannot read is dropped to the plain search page
        return url_for(endpoint)
    return search_url(req, endpoint)


def toggled(current: tuple[str, ...], value: str) -> tuple[str, ...]:
    """`current` with `value` removed if present, else appended (multi-select facet toggle)."""
    return tuple(v for v in current if v != value) if value in current else current + (value,)


def article_url(article_id: str, q: str | None = None, *, endpoint: str = "pages.article",
                external: bool = False, req: SearchRequest | None = None) -> str:
    """Link to an article page; `q` (the query the user came from) highlights its words there.
    With `req` (the search the user came from), the link carries that whole search state
    (`req.to_params()`: q, filters, sort, page, size; defaults left out) instead, so the article
    page's back link can restore the exact result list."""
    if req is not None:
        url = url_for(endpoint, article_id=article_id, **req.to_params())
    else:
        url = url_for(endpoint, article_id=article_id, q=q or None)
    return _absolute(url) if external else url


def _absolute(path: str) -> str:
    """`path` (as url_for gives it, under the app's script root) on the configured PUBLIC_URL;
    unchanged (relative) when none is configured."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return path
    root = request.script_root if request else ""
    if root and path.startswith(root):
        path = path[len(root):]
    return base.rstrip("/") + path
