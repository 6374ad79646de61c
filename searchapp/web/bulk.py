"""`POST /api/bulk`: many queries in one request, answered as a stream of NDJSON records in order.

Body: a JSON array of query objects (or plain query strings), or NDJSON / plain text with one
query per line: the same objects and the same per-line auto-detection as `searchapp bulk`
(see `searchapp.bulk`). The Content-Type decides when it says: `application/json` is an array,
`application/x-ndjson` / `text/plain` are lines (a plain-text query may start with `[`); any
other type (curl's default form type, none) is sniffed: an array when the body starts with `[`.
URL parameters (empty = default): `size` (hits per query, 1..MAX_PAGE_SIZE, default 10; `limit`
is the same option, as on the CLI),
`fields` (comma-separated hit fields), `snippets` (1/true), `thesaurus` (0/off: no
variants). At most `config.MAX_BULK_BATCH`
queries per request: more is a 413 with the one error shape; an unreadable body or a bad URL
parameter is a 400 with it. Each record is the CLI's JSONL record: a bad line gets an `error`
record and the batch goes on. The view only translates HTTP ⇄ plain data; searchapp.bulk does
the work over the app's one shared index handle.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, request, stream_with_context

from searchapp import bulk
from searchapp.bulk.run import run_batch
from searchapp.analysis import no_lone_surrogates
from searchapp.config import MAX_BULK_BATCH
from searchapp.errors import PayloadTooLarge
from searchapp.messages import bad_request, error
from searchapp.request import single
from searchapp.web.resources import get_handle

bp = Blueprint("bulk", __name__)

_URL_PARAMS = ("size", "limit", "fields", "snippets", "thesaurus")


#: Media types whose body is one query per line, never sniffed as a JSON array.
LINE_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines",
              "text/plain")


def parse_body(data: bytes, options: bulk.BulkOptions, mimetype: str = "") -> list[bulk.Item]:
    """Request body → Items. `mimetype` application/json: a JSON array (each element an object
    or a string); one of LINE_TYPES: NDJSON / plain text, one query per line (a final newline
    does not make an extra empty query); anything else: an array when the body starts with `[`,
    else lines. Raises BadRequest (not a JSON array, empty batch) or PayloadTooLarge."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if mimetype == "application/json" or (mimetype not in LINE_TYPES
                                          and stripped.startswith(b"[")):
        try:
            values = bulk.loads_strict(stripped.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise bad_request("bulk_bad_body", param="body", reason=e) from None
        if not isinstance(values, list):
            raise bad_request("bulk_not_array", param="body")
        _check_size(len(values))
        return [bulk.parse_value(no_lone_surrogates(v), n, options)
                for n, v in enumerate(values, 1)]
    lines = bulk.body_lines(data)
    while lines and not lines[-1].strip():
        lines.pop()
    _check_size(len(lines))
    return list(bulk.read_items(lines, options))


def _check_size(n: int) -> None:
    if n > MAX_BULK_BATCH:
        raise error(PayloadTooLarge, "bulk_too_many", param="body", n=n, max=MAX_BULK_BATCH)
    if n == 0:
        raise bad_request("bulk_empty_batch", param="body")


@bp.post("/api/bulk")
def api_bulk() -> Response:
    """Answer a batch: 200 with `application/x-ndjson`, one record per query, in order."""
    unknown = sorted(k for k in request.args if k not in _URL_PARAMS)
    if unknown:
        raise bad_request("unknown_param", param=unknown[0], valid=_URL_PARAMS)
    # empty = default (the web rule); a repeated parameter, or `size` beside a different
    # `limit` (one option, two spellings), is `repeated_param`, as on /api/search
    arg = lambda k: single(request.args.getlist(k), k)  # noqa: E731
    limit = single(request.args.getlist("size") + request.args.getlist("limit"), "size")
    options = bulk.BulkOptions.parse(limit=limit, fields=arg("fields"),
                                     snippets=arg("snippets"), thesaurus=arg("thesaurus"))
    items = parse_body(request.get_data(cache=False), options, request.mimetype)
    handle = get_handle()  # IndexMissing → 503 here, before the stream starts

    def generate():
        for record in run_batch(items, options, handle=handle):
            yield json.dumps(record, ensure_ascii=False) + "\n"

    return Response(stream_with_context(generate()), mimetype="application/x-ndjson")
