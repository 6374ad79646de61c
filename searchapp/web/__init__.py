"""Flask web UI and JSON API: `create_app(config)` (application factory) and `serve(...)`.

Layout (one job per module):
  resources  the IndexHandle as a per-app resource (get_handle / close_handle / init_app)
  params     HTTP parameters → SearchRequest / format / article id (typed 400/404 errors)
  backend    the only calls into searchapp.search / snippets
  present    plain data → template context and JSON twin (facet toggle_url, chips, pager)
  urls       the one URL builder
  pages      HTML blueprint (/, /search, /article/<id>)
  api        JSON blueprint (/api/search, /api/articles/<id>, /api/openapi.json)
  archive    /archive/...: publications, calendars, issues in print order (+ /api twins)
  cite       /cite/...: frozen result lists, their GB/T 7714 / RIS exports (+ /api twins)
  feed       the Atom twin of every search (format=atom); atom writes the XML
  present_archive  contexts of the archive pages, an article's edition and reprint lineage
  bulk       POST /api/bulk (NDJSON stream; logic shared with the CLI in searchapp.bulk)
  export     CSV (UTF-8 BOM) / JSONL downloads
  handlers   one error handler: one JSON error shape, escaped HTML error pages
  security   security headers on every response
  server     waitress serving
  templatecache  compiled templates kept between starts (Jinja's bytecode cache)
Templates live in `searchapp/web/templates/` and static files (CSS, the one small script) in
`searchapp/web/static/` (served at /static/): package data, so an installed wheel serves the UI
from any working directory (the design card's top-level `templates/` did not travel with it).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from searchapp.config import MAX_PAGE_SIZE, Settings, check_public_url
from searchapp.web import (api, archive, bulk, cite, handlers, pages, params, resources,
                           security)
from searchapp.web.server import make_server, serve
from searchapp.web.templatecache import template_cache

__all__ = ["create_app", "make_server", "serve"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"

#: Largest request body accepted (bytes); larger is a 413 in the one error shape. Bulk batches
#: are limited in number of queries by config.MAX_BULK_BATCH as well.
MAX_CONTENT_LENGTH = 16 * 1024 * 1024


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The searchapp web app.

    Config: defaults (INDEX_DIR, PAGE_SIZE, MATCHER and PUBLIC_URL from
    `config.Settings.load()`, i.e. `index/` or $SEARCHAPP_INDEX, "arrays" or
    $SEARCHAPP_MATCHER, $SEARCHAPP_PUBLIC_URL; MAX_CONTENT_LENGTH 16 MiB), then
    `config` (e.g. a test's {"TESTING": True, "INDEX_DIR": tmp}). Nothing is opened here: the
    index is opened by the first request that needs it (`resources.get_handle`). Raises
    ValueError for a bad PAGE_SIZE, SearchAppError for a bad PUBLIC_URL.
    """
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder=str(STATIC),
                static_url_path="/static")
    settings = Settings.load()
    app.config.update(
        INDEX_DIR=str(settings.index_dir),
        PAGE_SIZE=settings.page_size,
        MATCHER=settings.matcher,
        PUBLIC_URL=settings.public_url,
        MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH,
        JSON_SORT_KEYS=False,
    )
    if config:
        app.config.update(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    size = app.config["PAGE_SIZE"]
    if not isinstance(size, int) or not 1 <= size <= MAX_PAGE_SIZE:
        raise ValueError(f"PAGE_SIZE must be 1..{MAX_PAGE_SIZE}, got {size!r}")
    check_public_url(app.config.get("PUBLIC_URL"))
    app.jinja_env.autoescape = True
    app.jinja_env.bytecode_cache = template_cache()  # compiled templates kept between starts
    app.url_map.strict_slashes = False
    app.url_map.converters["name"] = archive.NameConverter  # before the routes that use it

    resources.init_app(app)
    handlers.init_app(app)
    params.init_app(app)
    security.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(bulk.bp)
    app.register_blueprint(archive.bp)
    app.register_blueprint(archive.api_bp)
    app.register_blueprint(cite.bp)
    app.register_blueprint(cite.api_bp)
    return app
