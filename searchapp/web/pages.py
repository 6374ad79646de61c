"""HTML blueprint: the search page and the article page. Views only translate HTTP ⇄ plain
data: parse → call `backend` → render (`present` builds links and labels)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request

from searchapp.errors import NotFound
from searchapp.messages import error
from searchapp.web import backend, present, present_archive
from searchapp.web.export import export_response
from searchapp.web.feed import feed_request, feed_response, feed_url
from searchapp.web.params import PAGE_FORMATS, parse_article_id, parse_article_search, parse_search
from searchapp.web.urls import search_url

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    """The home page: the search page (with no query it lists every article with its facets)."""
    return search()


@bp.get("/search")
def search():
    """Search page. Parameters: see `searchapp.request.PARAMS` + `format` (html|json|csv|jsonl|atom)."""
    req, fmt = parse_search(PAGE_FORMATS, "html")
    if fmt in ("csv", "jsonl"):
        return export_response(req, fmt)
    if fmt == "atom":
        return feed_response(feed_request(req, request.args))
    resp = backend.search(req)
    if fmt == "html" and resp.page > resp.pages:  # a stale or edited link: its last page
        return redirect(search_url(req, page=resp.pages))
    if fmt == "json":
        return jsonify(present.search_json(resp, req))
    ctx = present.search_page(resp, req, current_app.config["PAGE_SIZE"])
    ctx["feed_url"] = feed_url(req)
    ctx["cite_fields"] = [(k, v) for k, vs in req.to_params().items() if k not in ("page", "size")
                          for v in (vs if isinstance(vs, list) else [vs])]
    return render_template("search.html", **ctx)


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    """Article page; `?q=` highlights the searched words; the other /search parameters (the
    search the user came from) only shape the back link. Bad ones are a 400, as on /search."""
    article_id = parse_article_id(article_id)
    came_from = parse_article_search()
    q = came_from.q
    art = backend.get_article(article_id)
    if art is None:
        raise error(NotFound, "no_such_article", param="id")
    ctx = present.article_page(art, backend.related(art.id), q,
                               backend.highlighter(backend.terms(q, art)), came_from)
    ctx["edition"] = present_archive.edition_view(art)
    ctx["lineage"] = present_archive.lineage_view(art, backend.copies(art))
    return render_template("article.html", **ctx)
