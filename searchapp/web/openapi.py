"""The OpenAPI 3.0 document served at /api/openapi.json.

Built from the app's own URL map (every route appears, with its path parameters and the view's
docstring as summary), then replaced by the hand-written operations below for every route we
serve; the schemas are in `openapi_schemas`. The document says what the app really does, and a
contract test holds it to that: schemathesis, every check, against the app served by waitress
(tests/web/test_contract.py). Error responses are documented with the media types the app
really answers with: pages answer errors as HTML (JSON with format=json|csv|jsonl), the API as
JSON. The search response links each hit to its article (`links`, for clients and stateful
testing); the article path parameter carries an example id from the live index when there is one.
"""
from __future__ import annotations

import re
import sys
from typing import Any

from flask import Flask

import searchapp
from searchapp.web.openapi_schemas import (BULK_BODY, COMPONENTS, bulk_parameters,
                                           search_parameters)
from searchapp.web.params import API_FORMATS, PAGE_FORMATS

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([A-Za-z_][A-Za-z0-9_]*)>")
_ERR = {"$ref": "#/components/schemas/Error"}
_HTML = {"schema": {"type": "string"}}


def _errors(statuses: tuple[int, ...], html: bool, json: bool) -> dict[str, Any]:
    """Error responses in the media types the route answers them with."""
    desc = {400: "Bad parameter (names it and the valid values)", 404: "No such route or "
            "article", 405: "Method not allowed", 413: "Too many queries in one batch",
            500: "Internal error", 503: "No index: build it with `searchapp index corpus/`"}
    content: dict[str, Any] = {}
    if html:
        content["text/html"] = _HTML
    if json:
        content["application/json"] = {"schema": _ERR}
    return {str(s): {"description": desc[s], "content": content} for s in statuses}


_PAGE_ERRORS = (400, 404, 405, 500, 503)


def _downloads() -> dict[str, Any]:
    return {"text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/atom+xml": {"schema": {"type": "string"}}}


def described(example_id: str | None = None) -> dict[str, dict[str, Any]]:
    """Hand-written operations: {path: {method: operation}}."""
    id_param: dict[str, Any] = {"name": "article_id", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}}
    if example_id:
        id_param["example"] = example_id
    q_param = {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "Words to highlight (the query the reader came from)."}
    search_json = {"$ref": "#/components/schemas/SearchResponse"}
    to_article = {"links": {"article": {
        "operationId": "apiArticle", "parameters": {"article_id": "$response.body#/hits/0/id"},
        "description": "The first hit's article"}}}
    page_search = {"operationId": "pageSearch",
                   "summary": "Search page (HTML); format=json|csv|jsonl for its twins",
                   "parameters": search_parameters(PAGE_FORMATS, "html"),
                   "responses": {"200": {"description": "Result page or download", "content": {
                       "text/html": _HTML, "application/json": {"schema": search_json},
                       **_downloads()}}, **_errors(_PAGE_ERRORS, True, True)}}
    return {
        "/": {"get": {**page_search, "operationId": "home",
                      "summary": "Home: the search page"}},
        "/search": {"get": page_search},
        "/article/{article_id}": {"get": {
            "operationId": "pageArticle",
            "summary": "Article page (HTML); `q` highlights its words, the other /search "
                       "parameters (the search the user came from) shape the back link",
            "parameters": [id_param] + search_parameters(None),
            "responses": {"200": {"description": "The article", "content": {"text/html": _HTML}},
                          **_errors(_PAGE_ERRORS, True, False)}}},
        "/api/search": {"get": {
            "operationId": "apiSearch", "summary": "Search (JSON twin of /search)",
            "parameters": search_parameters(API_FORMATS, "json"),
            "responses": {"200": {"description": "Results", "content": {
                "application/json": {"schema": search_json}, **_downloads()}, **to_article},
                **_errors(_PAGE_ERRORS, False, True)}}},
        "/api/articles/{article_id}": {"get": {
            "operationId": "apiArticle",
            "summary": "One article and its related articles (JSON twin of /article/<id>)",
            "parameters": [id_param, q_param],
            "responses": {"200": {"description": "The article", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/ArticleResponse"}}}},
                **_errors(_PAGE_ERRORS, False, True)}}},
        "/api/bulk": {"post": {
            "operationId": "apiBulk",
            "summary": "Many queries in one request: one NDJSON record per query, in order",
            "parameters": bulk_parameters(), "requestBody": BULK_BODY,
            "responses": {"200": {"description": "One record per query (docs/cli.md)",
                                  "content": {"application/x-ndjson": {"schema": {
                                      "type": "string"}}}},
                          **_errors((400, 404, 405, 413, 500, 503), False, True)}}},
        "/api/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3.0 document",
                                                            "content": {"application/json": {
                                                                "schema": {"type": "object"}}}},
                                                    **_errors((404, 405, 500), False, True)}}},
    }


def _error_media(path: str, op: dict[str, Any]) -> None:
    """Document each error response in the media types `handlers` answers it with: JSON under
    /api/, else an HTML page (or JSON, for format=json|jsonl|csv), whoever wrote the operation."""
    responses = op.get("responses", {})
    for status, resp in list(responses.items()):
        if str(status)[:1] in "45":
            content = {"application/json": {"schema": _ERR}}
            if not path.startswith("/api/"):
                content = {"text/html": _HTML, **content}
            responses[status] = {**resp, "content": content}  # a new dict: ops share theirs


def openapi_document(app: Flask, example_id: str | None = None) -> dict[str, Any]:
    """OpenAPI 3.0.3 document covering every rule in `app.url_map` (static files excepted);
    `example_id`: an article id of the index, given as the path parameter's example."""
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
                "responses": {"200": {"description": "OK"},
                              **_errors((400, 404, 405, 500, 503), False, True)}}
    for path, ops in described(example_id).items():
        for m, op in ops.items():
            if path in paths and m in paths[path]:
                paths[path][m] = op
    for bp in app.blueprints.values():
        extra = getattr(sys.modules.get(bp.import_name), "OPENAPI_PATHS", None)
        for path, ops in (extra or {}).items():
            for m, op in ops.items():
                if path in paths and m in paths[path]:
                    paths[path][m] = op
    for path, ops in paths.items():
        for op in ops.values():
            _error_media(path, op)
    return {
        "openapi": "3.0.3",
        "info": {"title": "searchapp", "version": searchapp.__version__,
                 "description": "Search engine for Chinese news articles: HTML pages and their "
                                "JSON twins. Every JSON error has the shape of "
                                "components/schemas/Error; pages answer errors as HTML. An "
                                "empty parameter value is the same as leaving it out."},
        "paths": dict(sorted(paths.items())),
        "components": COMPONENTS,
    }
