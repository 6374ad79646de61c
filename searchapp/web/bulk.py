"""`POST /api/bulk`: many queries in one request, answered as a stream of NDJSON records in order.

Body: a JSON array of query objects (or plain query strings), or NDJSON / plain text with one
query per line: the same objects and the same per-line auto-detection as `searchapp bulk`
(see `searchapp.bulk`). URL parameters: `limit` (hits per query, 1..MAX_PAGE_SIZE, default 10),
`fields` (comma-separated hit fields), `snippets` (1/true). At most `config.MAX_BULK_BATCH`
queries per request: more is a 413 with the one error shape; an unreadable body or a bad URL
parameter is a 400 with it. Each record is the CLI's JSONL record: a bad line gets an `error`
record and the batch goes on. The view only translates HTTP ⇄ plain data; searchapp.bulk does
the work over the app's one shared index handle.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, request, stream_with_context

from searchapp import bulk
from searchapp.bulk.run import run_batch
from searchapp.analysis import no_lone_surrogates
from searchapp.config import MAX_BULK_BATCH
from searchapp.errors import PayloadTooLarge, SearchAppError
from searchapp.messages import bad_request, error
from searchapp.web.resources import get_handle

bp = Blueprint("bulk", __name__)

_URL_PARAMS = ("limit", "fields", "snippets")


def parse_body(data: bytes, options: bulk.BulkOptions) -> list[bulk.Item]:
    """Request body → Items. A body starting with `[` is a JSON array (each element an object or
    a string); anything else is NDJSON / plain text, one query per line (a final newline does not
    make an extra empty query). Raises BadRequest (invalid array body) or PayloadTooLarge."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        try:
            values = bulk.loads_strict(stripped.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise bad_request("bulk_bad_body", param="body", reason=e) from None
        if not isinstance(values, list):
            raise bad_request("bulk_not_array", param="body")
        _check_size(len(values))
        return [bulk.parse_value(no_lone_surrogates(v), n, options)
                for n, v in enumerate(values, 1)]
    lines = data.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    _check_size(len(lines))
    return list(bulk.read_items(lines, options))


def _check_size(n: int) -> None:
    if n > MAX_BULK_BATCH:
        raise error(PayloadTooLarge, "bulk_too_many", param="body", n=n, max=MAX_BULK_BATCH)
    if n == 0:
        raise bad_request("bulk_empty_batch", param="body")


@bp.errorhandler(SearchAppError)
def _error(e: SearchAppError):
    return jsonify(e.to_dict()), e.status


@bp.post("/api/bulk")
def api_bulk() -> Response:
    """Answer a batch: 200 with `application/x-ndjson`, one record per query, in order."""
    unknown = sorted(k for k in request.args if k not in _URL_PARAMS)
    if unknown:
        raise bad_request("unknown_param", param=unknown[0], valid=_URL_PARAMS)
    options = bulk.BulkOptions.parse(limit=request.args.get("limit"),
                                     fields=request.args.get("fields"),
                                     snippets=request.args.get("snippets"))
    items = parse_body(request.get_data(cache=False), options)
    handle = get_handle()  # IndexMissing → 503 here, before the stream starts

    def generate():
        for record in run_batch(items, options, handle=handle):
            yield json.dumps(record, ensure_ascii=False) + "\n"

    return Response(stream_with_context(generate()), mimetype="application/x-ndjson")
