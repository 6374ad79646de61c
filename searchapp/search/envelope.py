"""The JSON twin of a search, the same on every surface: `/api/search`, `/search?format=json`
and `searchapp search --json` all print `search_envelope(resp, req)`, so a script can switch
between the CLI and the API without a field changing (docs/web.md, "JSON"; docs/cli.md).

    search_envelope(resp, req, root="") -> dict   SearchResponse.to_dict() + facet label and
                                                  toggle_url, request, links, hits[].links
    search_path(req, endpoint, root="", extra=None, **changes) -> str   "/api/search?q=5G"
    article_path(article_id, endpoint, root="", req=None, q=None) -> str
    facet_rows(resp, req, endpoint, root="") -> {facet: [{value, label, count, selected,
                                                          toggle_url}]}

Links are paths on the site (`root`: the app's mount point, "" at the top), built here without
Flask so the CLI builds the same ones; the web layer's `urls` module calls these functions and
a test holds them equal to Flask's `url_for` for every route. Query strings are encoded as
Werkzeug encodes them (quote_plus, with `!$'()*,/:;@` left as they are).
"""
from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote, urlencode

from searchapp.errors import SearchAppError
from searchapp.messages import LINEAGE_NAMES
from searchapp.request import MISSING, SearchRequest
from searchapp.search.facets import FACETS, missing_label
from searchapp.vocab.topics import label as topic_label

#: Endpoint name (as the web blueprints name them) → path template.
ROUTES = {"pages.search": "/search", "api.search": "/api/search",
          "pages.article": "/article/{article_id}", "api.article": "/api/articles/{article_id}"}
_SAFE = "!$'()*,/:;@"


def query_string(params: Mapping[str, Any]) -> str:
    """`params` (values str/int or lists of them; None left out) as a query string."""
    items = [(k, v) for k, v in params.items() if v is not None and v != []]
    return urlencode(items, doseq=True, safe=_SAFE)


def search_path(req: SearchRequest, endpoint: str = "api.search", *, root: str = "",
                extra: Mapping[str, Any] | None = None, **changes: Any) -> str:
    """Path + query of `req` (with `changes`, SearchRequest field names, applied) on
    `endpoint`; `extra` adds non-request parameters such as `format`."""
    if changes:
        req = req.with_(**changes)
    params: dict[str, Any] = req.to_params()
    if extra:
        params.update({k: v for k, v in extra.items() if v is not None})
    qs = query_string(params)
    return root + ROUTES[endpoint] + (f"?{qs}" if qs else "")


def article_path(article_id: str, endpoint: str = "pages.article", *, root: str = "",
                 req: SearchRequest | None = None, q: str | None = None) -> str:
    """Path of an article page (or its JSON twin). With `req` (the search the reader came
    from) the link carries that whole search state; else `q` alone (words to highlight)."""
    path = root + ROUTES[endpoint].format(article_id=quote(article_id, safe=""))
    qs = query_string(req.to_params() if req is not None else {"q": q or None})
    return path + (f"?{qs}" if qs else "")


def toggled(current: tuple[str, ...], value: str) -> tuple[str, ...]:
    """`current` with `value` removed if present, else appended (multi-select facet toggle)."""
    return tuple(v for v in current if v != value) if value in current else current + (value,)


def facet_label(name: str, value: str) -> str:
    """Display name of a facet value: a topic's label (`vocab.topics.label`), a lineage role's
    Chinese name (原发, 转载, 先后不明), the missing bucket's 未知来源 / 无日期, else the value."""
    if value == MISSING:
        return missing_label(name)
    if name == "topic":
        return topic_label(value)
    if name == "lineage":
        return LINEAGE_NAMES.get(value, value)
    return value


def facet_rows(resp: Any, req: SearchRequest, endpoint: str = "api.search", *,
               root: str = "") -> dict[str, list[dict[str, Any]]]:
    """Every facet value as {"value", "label", "count", "selected", "toggle_url"}; toggling
    resets to page 1. Order as search returned it."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, values in resp.facets.items():
        field = FACETS.get(name)
        current: tuple[str, ...] = getattr(req, field) if field else ()
        out[name] = [{
            "value": fv.value, "label": facet_label(name, fv.value), "count": fv.count,
            "selected": bool(fv.selected or fv.value in current),
            "toggle_url": (search_path(req, endpoint, root=root, page=1,
                                       **{field: toggled(current, fv.value)}) if field else None),
        } for fv in values]
    return out


def pager_links(resp: Any, req: SearchRequest, endpoint: str = "api.search", *,
                root: str = "") -> dict[str, str | None]:
    """first/prev/next/last of the page shown (None where there is none); past the last page,
    prev and last are the last page."""
    page, pages = resp.page, max(resp.pages, 1)
    url = lambda n: search_path(req, endpoint, root=root, page=n)  # noqa: E731
    return {"first": url(1) if page > 1 else None,
            "prev": url(min(page - 1, pages)) if page > 1 else None,
            "next": url(page + 1) if page < pages else None,
            "last": url(pages) if page != pages else None}


def search_envelope(resp: Any, req: SearchRequest, *, root: str = "") -> dict[str, Any]:
    """What /api/search answers and `searchapp search --json` prints: `resp.to_dict()` with
    facet rows (label, toggle_url on /api/search), `request` (the parameters as understood),
    `links` (self, html, first, prev, next, last), each hit's `links` (html: its article page
    carrying this search, json: its JSON twin), each suggestion's `url` and the spelling
    suggestion's `links` (`query.did_you_mean`: json and html of the suggested query, the
    request's filters kept)."""
    ep = "api.search"
    d = resp.to_dict()
    d["facets"] = facet_rows(resp, req, ep, root=root)
    d["request"] = req.to_params()
    d["links"] = {"self": search_path(req, ep, root=root),
                  "html": search_path(req, "pages.search", root=root),
                  **pager_links(resp, req, ep, root=root)}
    for h in d["hits"]:
        h["links"] = {"html": article_path(h["id"], root=root, req=req),
                      "json": article_path(h["id"], "api.article", root=root)}
    d["suggestions"] = [dict(s, url=params_path(s.get("params") or {}, ep, root=root))
                        for s in d["suggestions"] if isinstance(s, dict)]
    if d["query"].get("did_you_mean"):  # the suggested query, the request's filters kept
        q = d["query"]["did_you_mean"]["q"]
        d["query"]["did_you_mean"]["links"] = {
            "json": search_path(req, ep, root=root, q=q, page=1),
            "html": search_path(req, "pages.search", root=root, q=q, page=1)}
    return d


def params_path(params: Mapping[str, Any], endpoint: str = "pages.search", *,
                root: str = "") -> str:
    """Path of a parameter dict in `SearchRequest.to_params()` form (e.g. a zero-result
    suggestion), normalised through `SearchRequest.from_params`; an unusable dict gives the
    bare search page."""
    try:
        req = SearchRequest.from_params(dict(params))
    except SearchAppError:
        return root + ROUTES[endpoint]
    return search_path(req, endpoint, root=root)
