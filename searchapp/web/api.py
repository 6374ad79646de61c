"""JSON blueprint (/api): the JSON twins of the pages, with exactly the pages' parameters, and
the OpenAPI description. Same `backend` calls as the HTML blueprint."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from searchapp.errors import NotFound, SearchAppError
from searchapp.messages import error
from searchapp.request import SearchRequest
from searchapp.web import backend, present, present_archive
from searchapp.web.export import export_response
from searchapp.web.feed import feed_request, feed_response
from searchapp.web.openapi import openapi_document
from searchapp.web.params import API_FORMATS, parse_article_id, parse_q_only, parse_search

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """JSON twin of /search: SearchResponse.to_dict() + facet toggle_url + request + links."""
    req, fmt = parse_search(API_FORMATS, "json")
    if fmt in ("csv", "jsonl"):
        return export_response(req, fmt)
    if fmt == "atom":
        return feed_response(feed_request(req, request.args))
    return jsonify(present.search_json(backend.search(req), req))


@bp.get("/articles/<path:article_id>")
def article(article_id: str):
    """JSON twin of /article/<id>: the article's every field and its related articles."""
    article_id = parse_article_id(article_id)
    parse_q_only()
    art = backend.get_article(article_id)
    if art is None:
        raise error(NotFound, "no_such_article", param="id")
    d = present.article_json(art, backend.related(art.id))
    d["edition"] = present_archive.edition_view(art)
    d["lineage"] = present_archive.lineage_view(art, backend.copies(art), json_twin=True)
    return jsonify(d)


@bp.get("/openapi.json")
def openapi():
    """OpenAPI 3.0 description of every route of this app."""
    return jsonify(openapi_document(current_app, _example_id()))


def _example_id() -> str | None:
    """An article id of the live index (the document's example), or None without an index."""
    try:
        resp = backend.search(SearchRequest(size=1, snippets=False, facets=False, highlight=False))
    except SearchAppError:
        return None
    return resp.hits[0].id if resp.hits else None
