"""The OpenAPI 3.0 document served at /api/openapi.json.

Built from the app's own URL map (every route appears, with its path parameters and the view's
docstring as summary), then enriched with the hand-written parameter and schema descriptions
below; a blueprint may contribute more through a module attribute `OPENAPI_PATHS` (same shape
as `paths` in OpenAPI). tests/web/test_api.py checks that every route and every search parameter
(`searchapp.request.PARAMS` + `format`) is described.
"""
from __future__ import annotations

import re
import sys
from typing import Any

from flask import Flask

import searchapp
from searchapp.config import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS
from searchapp.request import LINEAGES, SORTS
from searchapp.web.params import API_FORMATS, PAGE_FORMATS

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([A-Za-z_][A-Za-z0-9_]*)>")


def _str(desc: str, **kw: Any) -> dict[str, Any]:
    return {"type": "string", "description": desc, **kw}


def search_parameters(formats: tuple[str, ...], default_format: str) -> list[dict[str, Any]]:
    """The query parameters of /search and /api/search (the same ones, except `format`)."""
    many = {"type": "array", "items": {"type": "string", "maxLength": 200}}
    p = [
        ("q", _str(f"Query: words (all must match), OR, -word, \"phrase\", title:/source:/topic: "
                   f"fields. At most {MAX_QUERY_CHARS} characters.", maxLength=MAX_QUERY_CHARS)),
        ("source", {**many, "description": "Source filter; repeat for OR."}),
        ("topic", {**many, "description": "Topic filter: the key (AI), its display label (人工智能) "
                               "or an alias, any case; repeat for OR. An unknown topic gives 0 "
                               "results with the notice unknown_topic. Empty = no filter."}),
        ("month", {"type": "array", "items": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
                   "description": "Month filter YYYY-MM; repeat for OR."}),
        ("lineage", {"type": "array", "items": {"type": "string", "enum": list(LINEAGES)},
                     "description": "Reprint lineage filter: original (原发: the copy that ran "
                                    "first), reprint (转载), undetermined (先后不明); the Chinese "
                                    "labels are accepted too; repeat for OR."}),
        ("from", _str("First day (inclusive), YYYY-MM-DD or YYYY-MM.")),
        ("to", _str("Last day (inclusive), YYYY-MM-DD or YYYY-MM.")),
        ("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"}),
        ("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1,
                  "description": "1-based; a page past the last shows the last page."}),
        ("size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                  "description": "Results per page."}),
        ("format", {"type": "string", "enum": list(formats), "default": default_format,
                    "description": "csv/jsonl download every hit (CSV with UTF-8 BOM); atom is "
                                   "the search's Atom 1.0 feed: distinct stories newest first, "
                                   "`size` entries, no `page`, `sort` only newest."}),
    ]
    out = []
    for name, schema in p:
        desc = schema.pop("description", None) if "description" in schema else None
        item = {"name": name, "in": "query", "required": False, "schema": schema}
        if desc:
            item["description"] = desc
        if schema.get("type") == "array":
            item["style"], item["explode"] = "form", True
        out.append(item)
    return out


def _err(desc: str) -> dict[str, Any]:
    return {"description": desc, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}


ERRORS = {"400": _err("Bad parameter (names it and the valid values)"),
          "404": _err("No such route or article"),
          "405": _err("Method not allowed"),
          "500": _err("Internal error"),
          "503": _err("No index: build it with `searchapp index corpus/`")}

COMPONENTS = {"schemas": {
    "Error": {"type": "object", "required": ["ok", "error", "status"], "properties": {
        "ok": {"type": "boolean", "enum": [False]}, "error": {"type": "string"},
        "status": {"type": "integer"}, "param": {"type": "string"},
        "valid": {"type": "array", "items": {"type": "string"}},
        "code": {"type": "string", "description": "stable message code (searchapp.messages)"},
        "error_zh": {"type": "string", "description": "the message in Chinese"}}},
    "FacetValue": {"type": "object", "required": ["value", "count", "selected", "toggle_url"],
                   "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                                  "count": {"type": "integer"},
                                  "selected": {"type": "boolean"}, "toggle_url": {"type": "string"}}},
    "Hit": {"type": "object", "required": ["id", "title", "score", "rank"], "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "score": {"type": "number"},
        "rank": {"type": "integer"}, "source": {"type": "string", "nullable": True},
        "date": {"type": "string", "nullable": True},
        "topics": {"type": "array", "items": {"type": "string"}},
        "title_html": {"type": "string"}, "snippet_html": {"type": "string"},
        "snippet": {"type": "string"}, "duplicate_of": {"type": "string", "nullable": True},
        "page": {"type": "integer", "nullable": True,
                 "description": "printed page of the issue (1 = front page)"}}},
    "SearchResponse": {"type": "object", "required": ["ok", "query", "total", "hits", "facets"],
                       "properties": {
        "ok": {"type": "boolean"}, "total": {"type": "integer"},
        "query": {"type": "object", "properties": {
            "text": {"type": "string"}, "explain": {"type": "string"},
            "terms": {"type": "array", "items": {"type": "string"}},
            "notices": {"type": "array", "items": {"type": "string"}},
            "fallback": {"type": "boolean"},
            "notice_items": {"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "string"}, "text": {"type": "string"},
                "text_zh": {"type": "string"}}}}}},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}},
        "page": {"type": "integer"}, "size": {"type": "integer"}, "pages": {"type": "integer"},
        "took_ms": {"type": "number"},
        "suggestions": {"type": "array", "items": {"type": "object"}},
        "request": {"type": "object"}, "links": {"type": "object"}}},
    "ArticleResponse": {"type": "object", "required": ["ok", "article", "related"], "properties": {
        "ok": {"type": "boolean"}, "article": {"type": "object"},
        "related": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "links": {"type": "object"}}},
}}


def _json(ref: str, desc: str) -> dict[str, Any]:
    return {"description": desc, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _html(desc: str) -> dict[str, Any]:
    return {"description": desc, "content": {"text/html": {"schema": {"type": "string"}}}}


def _downloads() -> dict[str, Any]:
    return {"text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/atom+xml": {"schema": {"type": "string"}}}


def described() -> dict[str, dict[str, Any]]:
    """Hand-written operations: {path: {method: operation}}."""
    id_param = {"name": "article_id", "in": "path", "required": True,
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}}
    q_param = {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "Words to highlight (the query the reader came from)."}
    page_search = {"summary": "Search page (HTML); format=json|csv|jsonl for its twins",
                   "parameters": search_parameters(PAGE_FORMATS, "html"),
                   "responses": {"200": {"description": "Result page or download", "content": {
                       "text/html": {"schema": {"type": "string"}},
                       "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}},
                       **_downloads()}}, **ERRORS}}
    return {
        "/": {"get": {**page_search, "summary": "Home: the search page"}},
        "/search": {"get": page_search},
        "/article/{article_id}": {"get": {
            "summary": "Article page (HTML); `q` highlights its words, the other /search "
                       "parameters (the search the user came from) shape the back link",
            "parameters": [id_param] + [p for p in search_parameters(PAGE_FORMATS, "html")
                                        if p["name"] != "format"],
            "responses": {"200": _html("The article"), **ERRORS}}},
        "/api/search": {"get": {
            "summary": "Search (JSON twin of /search)",
            "parameters": search_parameters(API_FORMATS, "json"),
            "responses": {"200": {"description": "Results", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}},
                **_downloads()}}, **ERRORS}}},
        "/api/articles/{article_id}": {"get": {
            "summary": "One article and its related articles (JSON twin of /article/<id>)",
            "parameters": [id_param, q_param],
            "responses": {"200": _json("ArticleResponse", "The article"), **ERRORS}}},
        "/api/openapi.json": {"get": {"summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3.0 document"}}}},
    }


def openapi_document(app: Flask) -> dict[str, Any]:
    """OpenAPI 3.0.3 document covering every rule in `app.url_map` (static files excepted)."""
    paths: dict[str, dict[str, Any]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        view = app.view_functions.get(rule.endpoint)
        doc = ((view.__doc__ or "").strip().splitlines() or [rule.endpoint])[0]
        for m in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            params = [{"name": a, "in": "path", "required": True, "schema": {"type": "string"}}
                      for a in sorted(rule.arguments)]
            paths.setdefault(path, {})[m.lower()] = {
                "summary": doc, "parameters": params,
                "responses": {"200": {"description": "OK"}, **ERRORS}}
    for path, ops in described().items():
        for m, op in ops.items():
            if path in paths and m in paths[path]:
                paths[path][m] = op
    for bp_name, bp in app.blueprints.items():
        extra = getattr(sys.modules.get(bp.import_name), "OPENAPI_PATHS", None)
        for path, ops in (extra or {}).items():
            for m, op in ops.items():
                if path in paths and m in paths[path]:
                    paths[path][m] = op
    return {
        "openapi": "3.0.3",
        "info": {"title": "searchapp", "version": searchapp.__version__,
                 "description": "Search engine for Chinese news articles: HTML pages and their "
                                "JSON twins. Every error has the shape of components/schemas/Error."},
        "paths": dict(sorted(paths.items())),
        "components": COMPONENTS,
    }
