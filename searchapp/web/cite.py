"""Cite a result list: `引用此结果` freezes a search's ordered articles under a short stable URL.

    POST /cite            (form: the search's parameters)  → 303 to /cite/<key>
    GET  /cite/<key>      the frozen list; format=html|json|ris|gbt7714
    POST /api/cite        (query string or form: the search's parameters) → 201 + the list
    GET  /api/cite/<key>  JSON twin; format=json|ris|gbt7714

A frozen list keeps the query, its filters and sort, the time, and up to `cite.MAX_ITEMS`
articles in result order with their title, source, publication, author, date, page and URL
(`searchapp.cite.store`, a SQLite file beside the index that rebuilds never touch). The page
shows exactly those articles in that order; one the live index no longer holds is marked, never
dropped. Exports: GB/T 7714-2015 references and RIS (`searchapp.cite.formats`).
"""
from __future__ import annotations

import re
from typing import Any

from flask import (Blueprint, Response, current_app, jsonify, redirect, render_template, request,
                   url_for)

from searchapp.cite import MAX_ITEMS, FrozenList, FrozenStore, FrozenStoreError, gbt7714, ris
from searchapp.cite.formats import cited_day
from searchapp.errors import IndexMissing, NotFound, SearchAppError
from searchapp.messages import FACET_NAMES, FIELD_NAMES, SORT_NAMES, bad_request, error
from searchapp.request import SearchRequest
from searchapp.web import backend
from searchapp.web.openapi_schemas import search_parameters
from searchapp.web.params import parse_format
from searchapp.web.present import value_label
from searchapp.web.present_archive import date_label
from searchapp.web.urls import absolute, search_url

bp = Blueprint("cite", __name__)
api_bp = Blueprint("cite_api", __name__, url_prefix="/api")

PAGE_FORMATS = ("html", "json", "ris", "gbt7714")
API_FORMATS = ("json", "ris", "gbt7714")
_KEY = re.compile(r"[a-z2-7]{10,52}")
_FILTER_LABELS = {**FACET_NAMES, "from": FIELD_NAMES["date_from"], "to": FIELD_NAMES["date_to"],
                  "sort": FIELD_NAMES["sort"]}


def _store() -> FrozenStore:
    return FrozenStore(current_app.config["INDEX_DIR"])


def _unavailable(e: FrozenStoreError) -> SearchAppError:
    """The public answer names no server path: the whole reason goes to the server's log, and
    `searchapp repair --check` says it again with what to do."""
    current_app.logger.error("frozen result lists unavailable: %s", e)
    return error(SearchAppError, "frozen_store")


def _request_params() -> SearchRequest:
    """The search to freeze: form fields (the page's button) or the query string (scripts)."""
    source = request.form if request.form else request.args
    return SearchRequest.from_params(source.to_dict(flat=False),
                                     default_size=current_app.config["PAGE_SIZE"])


def freeze(req: SearchRequest) -> FrozenList:
    """Run `req` (its whole result list, at most MAX_ITEMS) and store it. Raises IndexMissing
    (503), or a 500 naming the file when the store cannot be written."""
    items, total = backend.result_items(req, MAX_ITEMS)
    params = {k: v for k, v in req.to_params().items() if k not in ("page", "size")}
    try:
        return _store().freeze(params, req.q, items, total, backend.generation())
    except FrozenStoreError as e:
        raise _unavailable(e) from None


def _load(key: str) -> FrozenList:
    if not _KEY.fullmatch(key or ""):
        raise error(NotFound, "no_such_frozen_list", param="key", key=key[:60])
    try:
        fl = _store().get(key)
    except FrozenStoreError as e:
        raise _unavailable(e) from None
    if fl is None:
        raise error(NotFound, "no_such_frozen_list", param="key", key=key)
    fl.items = backend.with_live_names(fl.items)  # a publication named since is cited by name
    return fl


def _items(fl: FrozenList, json_twin: bool) -> list[dict[str, Any]]:
    try:
        live = backend.existing_ids([it["id"] for it in fl.items])
    except IndexMissing:
        live = set()
    out = []
    for it in fl.items:
        exists = it["id"] in live
        day = cited_day(it) or None  # the date the GB/T 7714 and RIS exports give it
        d = dict(it, exists=exists, cited_date=day, date_label=date_label(day))
        d["url"] = (url_for("api.article" if json_twin else "pages.article", article_id=it["id"])
                    if exists else None)
        out.append(d)
    return out


def _export(fl: FrozenList, fmt: str) -> Response:
    cited = fl.created_at[:10]
    if fmt == "ris":
        body = ris(fl.items, cited, note=f"searchapp frozen list {fl.key}")
        mime, ext = "application/x-research-info-systems", "ris"
    else:
        body = gbt7714(fl.items, cited)
        mime, ext = "text/plain", "txt"
    resp = Response(body.encode("utf-8"), mimetype=mime)
    resp.headers["Content-Type"] = f"{mime}; charset=utf-8"
    resp.headers["Content-Disposition"] = f'attachment; filename="searchapp-{fl.key}.{ext}"'
    return resp


def _live_request(fl: FrozenList) -> SearchRequest | None:
    try:
        return SearchRequest.from_params(fl.request)
    except SearchAppError:
        return None


def list_json(fl: FrozenList) -> dict[str, Any]:
    """The JSON twin of a frozen list."""
    live = _live_request(fl)
    return {"ok": True, **fl.to_dict(), "items": _items(fl, json_twin=True),
            "links": {"self": url_for("cite_api.frozen", key=fl.key),
                      "html": url_for("cite.frozen", key=fl.key),
                      "ris": url_for("cite_api.frozen", key=fl.key, format="ris"),
                      "gbt7714": url_for("cite_api.frozen", key=fl.key, format="gbt7714"),
                      "search": search_url(live, "api.search") if live else None}}


def _filters(fl: FrozenList) -> list[tuple[str, str]]:
    out = []
    for name, label in _FILTER_LABELS.items():
        v = fl.request.get(name)
        if not v:
            continue
        values = v if isinstance(v, list) else [v]
        shown = [(SORT_NAMES.get(x, x) if name == "sort" else value_label(name, str(x)))
                 for x in values]
        out.append((label, "、".join(shown)))
    return out


@bp.post("/cite")
def create():
    """Freeze the result list of the search in the form; 303 to its page."""
    fl = freeze(_request_params())
    return redirect(url_for("cite.frozen", key=fl.key), code=303)


@bp.get("/cite/<key>")
def frozen(key: str):
    """A frozen result list: the same articles in the same order, gone ones marked."""
    fmt = parse_format(PAGE_FORMATS, "html")
    _only_format()
    fl = _load(key)
    if fmt in ("ris", "gbt7714"):
        return _export(fl, fmt)
    if fmt == "json":
        return jsonify(list_json(fl))
    items = _items(fl, json_twin=False)
    live = _live_request(fl)
    return render_template(
        "cite.html", fl=fl, items=items, gone=sum(1 for it in items if not it["exists"]),
        partial=sum(1 for it in items if it.get("missing")),
        filters=_filters(fl), created_label=date_label(fl.created_at.replace("Z", "")) + "（UTC）",
        live_url=search_url(live) if live else url_for("pages.search"),
        permalink=absolute(url_for("cite.frozen", key=fl.key)),
        json_url=url_for("cite_api.frozen", key=fl.key),
        ris_url=url_for("cite.frozen", key=fl.key, format="ris"),
        gbt_url=url_for("cite.frozen", key=fl.key, format="gbt7714"))


def _only_format() -> None:
    unknown = sorted(k for k in request.args if k != "format")
    if unknown:
        raise bad_request("unknown_param", param=unknown[0], valid=["format"])


@api_bp.post("/cite", endpoint="create")
def create_json():
    """Freeze a search's result list (parameters as for /api/search); 201 with the list."""
    fl = freeze(_request_params())
    resp = jsonify(list_json(fl))
    resp.status_code = 201
    resp.headers["Location"] = absolute(url_for("cite.frozen", key=fl.key))
    return resp


@api_bp.get("/cite/<key>", endpoint="frozen")
def frozen_json(key: str):
    """JSON twin of /cite/<key>; format=ris|gbt7714 for the exports."""
    fmt = parse_format(API_FORMATS, "json")
    _only_format()
    fl = _load(key)
    if fmt != "json":
        return _export(fl, fmt)
    return jsonify(list_json(fl))


def _form_fields() -> dict[str, Any]:
    """The search parameters as form fields: a repeatable one given once is a plain string."""
    out = {}
    for p in search_parameters(None):
        sch = p["schema"]
        out[p["name"]] = {"anyOf": [sch, sch["items"]]} if sch.get("type") == "array" else sch
    return out


def _openapi() -> dict[str, Any]:
    err = {code: {"description": d, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}
        for code, d in (("400", "Bad parameter"), ("404", "No such frozen list"),
                        ("500", "The frozen-list file cannot be used (the message says why)"),
                        ("503", "No index"))}
    key = {"name": "key", "in": "path", "required": True,
           "schema": {"type": "string", "pattern": "^[a-z2-7]{10,52}$"}}
    item = {"type": "object", "properties": {
        "rank": {"type": "integer"}, "id": {"type": "string"}, "title": {"type": "string"},
        "source": {"type": "string", "nullable": True},
        "publication": {"type": "string", "nullable": True,
                        "description": "the publication's name to cite (the live index's name "
                                       "when it has one now); null when the article states no "
                                       "source"},
        "publication_key": {"type": "string", "nullable": True,
                            "description": "its archive key (absent in older lists)"},
        "named": {"type": "boolean", "nullable": True,
                  "description": "false: known only by a key made from its issue file's name, "
                                 "or no source stated (publication null)"},
        "issn": {"type": "string", "nullable": True},
        "issue": {"type": "string", "nullable": True},
        "issue_date": {"type": "string", "nullable": True},
        "issue_number": {"type": "integer", "nullable": True,
                         "description": "the issue number (期号) the issue prints, cited as "
                                        "year(number); absent in older lists"},
        "issue_year": {"type": "integer", "nullable": True},
        "issue_total": {"type": "integer", "nullable": True,
                        "description": "the running count (总第N期) the issue prints, cited as "
                                       "printed when it prints no issue number; absent in older "
                                       "lists"},
        "author": {"type": "string", "nullable": True}, "date": {"type": "string", "nullable": True},
        "page": {"type": "integer", "nullable": True}, "url": {"type": "string", "nullable": True},
        "kind": {"type": "string", "nullable": True},
        "missing": {"type": "array", "items": {"type": "string"},
                    "description": "the query words this partial match lacks ([] for a hit with "
                                   "every word; absent in lists frozen before it was kept)"},
        "cited_date": {"type": "string", "nullable": True,
                       "description": "the date the page, GB/T 7714 and RIS give it (a magazine "
                                      "article: its issue's; else its own day)"},
        "exists": {"type": "boolean", "description": "the live index still holds this article"}}}
    body = {"type": "object", "required": ["ok", "key", "created_at", "request", "items"],
            "properties": {"ok": {"type": "boolean"}, "key": {"type": "string"},
                           "created_at": {"type": "string", "format": "date-time"},
                           "request": {"type": "object"}, "query_text": {"type": "string"},
                           "total": {"type": "integer"},
                           "generation": {"type": "integer", "nullable": True},
                           "items": {"type": "array", "items": item}, "links": {"type": "object"}}}
    exports = {"application/x-research-info-systems": {"schema": {"type": "string"}},
               "text/plain": {"schema": {"type": "string"}}}
    fmt = lambda formats, default: {"name": "format", "in": "query", "required": False,  # noqa: E731
                                    "schema": {"type": "string", "enum": list(formats),
                                               "default": default},
                                    "description": "ris: RIS records; gbt7714: GB/T 7714-2015 "
                                                   "references (text)"}
    params = [p for p in search_parameters(("json",), "json")
              if p["name"] not in ("format", "page", "size")]
    return {
        "/cite": {"post": {"summary": "Freeze the result list of a search (form fields: the "
                                      "search parameters); 303 to /cite/{key}",
                           "parameters": [],
                           "requestBody": {"content": {"application/x-www-form-urlencoded": {
                               "schema": {"type": "object", "additionalProperties": False,
                                          "properties": _form_fields()}}}},
                           "responses": {"303": {"description": "The frozen list's page"}, **err}}},
        "/cite/{key}": {"get": {"summary": "A frozen result list (HTML; format=json|ris|gbt7714)",
                                "parameters": [key, fmt(PAGE_FORMATS, "html")],
                                "responses": {"200": {"description": "The list", "content": {
                                    "text/html": {"schema": {"type": "string"}},
                                    "application/json": {"schema": body}, **exports}}, **err}}},
        "/api/cite": {"post": {"summary": "Freeze the result list of a search (the /api/search "
                                          "parameters in the query string or a form body)",
                               "parameters": params,
                               "responses": {"201": {"description": "The frozen list (Location: "
                                                                    "its page)", "content": {
                                   "application/json": {"schema": body}}}, **err}}},
        "/api/cite/{key}": {"get": {"summary": "A frozen result list (JSON twin of /cite/{key})",
                                    "parameters": [key, fmt(API_FORMATS, "json")],
                                    "responses": {"200": {"description": "The list", "content": {
                                        "application/json": {"schema": body}, **exports}},
                                        **err}}},
    }


#: OpenAPI operations of these routes (merged into /api/openapi.json by `web.openapi`).
OPENAPI_PATHS = _openapi()
