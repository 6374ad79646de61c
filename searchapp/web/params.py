"""HTTP → plain request data: one small parser per web-only parameter, each raising one typed
error (`errors.BadRequest` 400 naming the valid values, `errors.NotFound` 404). The search
parameters themselves are parsed by the shared `SearchRequest.from_params`.
"""
from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from flask import current_app, g, request
from werkzeug.datastructures import ImmutableMultiDict

from searchapp.analysis.charsets import CODEC_NAMES, chinese_reading
from searchapp.errors import NotFound
from searchapp.messages import bad_request, error
from searchapp.request import SearchRequest
from searchapp.web.sharing import is_sharing_marker

#: `format` values of the search page and of /api/search (the page's default is html).
PAGE_FORMATS = ("html", "json", "csv", "jsonl", "atom")
API_FORMATS = ("json", "csv", "jsonl", "atom")
#: An article id as `model.make_id` makes it (16 hex) or as an export may carry it; anything
#: else (slashes, dots, very long, odd characters) is a 404 before the index is asked.
_ARTICLE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


#: Response header naming the legacy encoding a query string was read in (`read_query_string`),
#: on every response to such a request: exports and pages without notices say it too.
READ_AS_HEADER = "Searchapp-Query-Read-As"
#: The search notice (`searchapp.messages`) of each legacy encoding a query was read in.
_READ_AS_NOTICES = {"GB18030": "query_read_as_gb18030", "Big5": "query_read_as_big5"}


def read_query_string() -> None:
    """Every parameter name and value of the raw query string, percent-decoded, must be UTF-8;
    a value that is not is read as Chinese in GB18030 or Big5 when its bytes decode strictly
    and plausibly so (`analysis.charsets.chinese_reading`, the rule of bulk lines and file
    readers), as old Chinese pages percent-encode their forms (`?q=%CD%F8%C2%E7` is 网络).
    Werkzeug replaces undecodable escapes silently (`%80` would be searched as the text "80"),
    so the raw bytes (`request.query_string`) are read, and `request.args` is rebuilt from them
    when a value was read in a legacy encoding; never silently: `query_read_as()` names the
    codecs for the search's notice and READ_AS_HEADER. Outside `/api/`, the markers that
    link-sharing services append (`sharing.is_sharing_marker`: utm_*, fbclid, WeChat's
    from=singlemessage…) are dropped, so a shared link opens its page. Raises BadRequest
    `not_utf8` naming the parameter (a name that is not UTF-8, a value no codec reads with
    confidence).
    Runs before every request (`init_app`)."""
    pairs: list[tuple[str, str]] = []
    read_as: list[str] = []
    for part in request.query_string.split(b"&"):
        if not part:
            continue
        raw_name, _, raw_value = part.partition(b"=")
        name_b = unquote_to_bytes(raw_name.replace(b"+", b" "))
        name = name_b.decode("utf-8", "replace")
        value_b = unquote_to_bytes(raw_value.replace(b"+", b" "))
        try:
            name_b.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request("not_utf8", param=name[:40]) from None
        try:
            value = value_b.decode("utf-8")
        except UnicodeDecodeError:
            got = chinese_reading(value_b)
            if got is None:
                raise bad_request("not_utf8", param=name[:40]) from None
            value, codec = got
            read_as.append(CODEC_NAMES[codec])
        pairs.append((name, value))
    kept = pairs if request.path.startswith("/api/") else \
        [(n, v) for n, v in pairs if not is_sharing_marker(n, v)]
    if read_as or len(kept) < len(pairs):
        request.args = ImmutableMultiDict(kept)
    if read_as:
        g.query_read_as = tuple(dict.fromkeys(read_as))


def query_read_as() -> tuple[str, ...]:
    """The legacy encodings ("GB18030", "Big5") this request's query string was read in by
    `read_query_string`, in order; () when it was UTF-8."""
    return g.get("query_read_as", ())


def _say_read_as(response):
    if query_read_as():
        response.headers[READ_AS_HEADER] = ", ".join(query_read_as())
    return response


def init_app(app) -> None:
    """Read the query string's encoding before any view runs (pages, API, bulk alike), and name
    a legacy encoding it was read in on the response."""
    app.before_request(read_query_string)
    app.after_request(_say_read_as)


def parse_format(formats: tuple[str, ...], default: str) -> str:
    """The `format` parameter: one of `formats` (case-insensitive), else BadRequest listing them.
    An empty value is the default (the rule for every parameter, `searchapp.request`)."""
    values = [v.strip().lower() for v in request.args.getlist("format") if v.strip()]
    if not values:
        return default
    if len(set(values)) > 1:
        raise bad_request("repeated_param", param="format", valid=formats)
    if values[0] not in formats:
        raise bad_request("unknown_value", param="format", value=values[0][:40], valid=formats)
    return values[0]


def parse_search(formats: tuple[str, ...], default_format: str) -> tuple[SearchRequest, str]:
    """(SearchRequest, format) from the query string. Raises BadRequest (unknown parameter,
    bad value, unknown format)."""
    fmt = parse_format(formats, default_format)
    req = SearchRequest.from_params(request.args.to_dict(flat=False), allowed_extra=("format",),
                                    default_size=current_app.config["PAGE_SIZE"])
    read_as = tuple(_READ_AS_NOTICES[c] for c in query_read_as())
    return (req.with_(notices=req.notices + read_as) if read_as else req), fmt


def parse_article_id(article_id: str) -> str:
    """A well-formed article id, else NotFound (never an index lookup with odd input)."""
    if not _ARTICLE_ID.fullmatch(article_id or ""):
        raise error(NotFound, "malformed_id", param="id")
    return article_id


def parse_article_search() -> SearchRequest:
    """The article page's parameters: the search state the user came from (the /search
    parameters, `q` also highlights), validated like /search. Raises BadRequest (unknown
    parameter, bad value), as /search does."""
    return SearchRequest.from_params(request.args.to_dict(flat=False),
                                     default_size=current_app.config["PAGE_SIZE"])


def parse_q_only() -> str:
    """The article page's only parameter `q` (words to highlight); others are BadRequest."""
    unknown = sorted(k for k in request.args if k != "q")
    if unknown:
        raise bad_request("unknown_param", param=unknown[0], valid=["q"])
    return SearchRequest.from_params({"q": request.args.getlist("q")}).q
