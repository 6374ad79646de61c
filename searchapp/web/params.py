"""HTTP → plain request data: one small parser per web-only parameter, each raising one typed
error (`errors.BadRequest` 400 naming the valid values, `errors.NotFound` 404). The search
parameters themselves are parsed by the shared `SearchRequest.from_params`.
"""
from __future__ import annotations

import re

from flask import current_app, request

from searchapp.errors import BadRequest, NotFound
from searchapp.request import SearchRequest

#: `format` values of the search page and of /api/search (the page's default is html).
PAGE_FORMATS = ("html", "json", "csv", "jsonl")
API_FORMATS = ("json", "csv", "jsonl")
#: An article id as `model.make_id` makes it (16 hex) or as an export may carry it; anything
#: else (slashes, dots, very long, odd characters) is a 404 before the index is asked.
_ARTICLE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def parse_format(formats: tuple[str, ...], default: str) -> str:
    """The `format` parameter: one of `formats` (case-insensitive), else BadRequest listing them."""
    values = request.args.getlist("format")
    if not values:
        return default
    if len(set(values)) > 1:
        raise BadRequest("parameter 'format' given more than once", param="format", valid=formats)
    v = values[0].strip().lower()
    if v not in formats:
        raise BadRequest(f"unknown format {values[0][:40]!r}", param="format", valid=formats)
    return v


def parse_search(formats: tuple[str, ...], default_format: str) -> tuple[SearchRequest, str]:
    """(SearchRequest, format) from the query string. Raises BadRequest (unknown parameter,
    bad value, unknown format)."""
    fmt = parse_format(formats, default_format)
    req = SearchRequest.from_params(request.args.to_dict(flat=False), allowed_extra=("format",),
                                    default_size=current_app.config["PAGE_SIZE"])
    return req, fmt


def parse_article_id(article_id: str) -> str:
    """A well-formed article id, else NotFound (never an index lookup with odd input)."""
    if not _ARTICLE_ID.fullmatch(article_id or ""):
        raise NotFound("no such article (malformed id)", param="id")
    return article_id


def parse_q_only() -> str:
    """The article page's only parameter `q` (words to highlight); others are BadRequest."""
    unknown = sorted(k for k in request.args if k != "q")
    if unknown:
        raise BadRequest(f"unknown parameter {unknown[0]!r}", param=unknown[0], valid=["q"])
    return SearchRequest.from_params({"q": request.args.getlist("q")}).q
