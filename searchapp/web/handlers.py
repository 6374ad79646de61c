"""One error handler for the whole app: exceptions carry their HTTP status
(`searchapp.errors.SearchAppError`, werkzeug's HTTPException); the handler answers in JSON
(the one error shape `{"ok": false, "error", "status", "param"?, "valid"?}`) for /api/* and
non-HTML formats, else with an escaped HTML error page of the same status. Unexpected
exceptions are logged with their traceback on the server and answered as a plain 500:
never a traceback at the user. (After Datasette's `handle_exception.py`.)
"""
from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from searchapp.search.envelope import query_string
from searchapp.errors import IndexDamaged, IndexMissing, IndexOutdated, SearchAppError
from searchapp.messages import STATUS_TITLES, text
from searchapp.web.resources import BUILD_HINT



def wants_json() -> bool:
    """JSON for the API and for non-HTML formats; HTML for pages."""
    if request.path.startswith("/api/"):
        return True
    fmt = request.args.get("format", "html").strip().lower()
    return fmt in ("json", "jsonl", "csv")


#: The code of an error raised without one, by status (every JSON error carries a `code`).
CODE_BY_STATUS = {400: "bad_request", 409: "index_busy", 413: "payload_too_large",
                  503: "index_missing"}


def to_error(e: BaseException) -> SearchAppError:
    """Any exception → SearchAppError with status, a user-safe message and a message code."""
    if isinstance(e, SearchAppError):
        if e.code is not None:
            return e
        code = CODE_BY_STATUS.get(e.status, "error")
        return SearchAppError(e.message, param=e.param, valid=e.valid, status=e.status,
                              code=code, message_zh=e.message_zh or text(code, "zh",
                                                                         message=e.message))
    if isinstance(e, HTTPException):
        status = e.code or 500
        valid = None
        key, kw = "http_error", {"name": (e.name or "error").lower(), "status": status}
        if status == 404:
            key, kw = "not_found", {}
        if status == 405:
            key, kw = "method_not_allowed", {"method": request.method}
            valid = sorted(e.valid_methods) if getattr(e, "valid_methods", None) else None
        if status == 413:
            key, kw = "too_large", {"limit": current_app.config.get("MAX_CONTENT_LENGTH")}
        if status == 416:
            key, kw = "range_not_satisfiable", {}
        return _coded(key, status, valid, kw)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return _coded("internal", 500, None, {})


def _coded(key: str, http_status: int, valid, fields: dict[str, Any]) -> SearchAppError:
    """A SearchAppError with message `key` of the catalogue filled with `fields` (a dict, so a
    message field may be called `status` too: `http_error` has one)."""
    return SearchAppError(text(key, **fields), status=http_status, valid=valid, code=key,
                          message_zh=text(key, "zh", **fields))


def handle(e: BaseException) -> Any:
    """The app's errorhandler(Exception)."""
    if isinstance(e, HTTPException) and e.code is not None and e.code < 400:
        return e  # redirects (e.g. a missing trailing slash) are responses, not errors
    err = to_error(e)
    if wants_json():
        resp = jsonify(err.to_dict())
    else:
        resp = _html(err)
    resp.status_code = err.status
    if err.status == 405 and err.valid:
        resp.headers["Allow"] = ", ".join(err.valid)
    if isinstance(e, HTTPException):  # e.g. 416's Content-Range: bytes */<length>
        for k, v in e.get_headers():
            if k.lower() not in ("content-type", "content-length") and k not in resp.headers:
                resp.headers[k] = v
    return resp


def _retry_url(err: SearchAppError) -> str | None:
    """This page's URL without the parameter the error names (the rest of the search kept), for
    a 400 on a page; None when there is nothing to take away."""
    if err.status != 400 or not err.param or err.param not in request.args:
        return None
    rest = {k: v for k, v in request.args.to_dict(flat=False).items() if k != err.param}
    qs = query_string(rest)
    return request.script_root + request.path + (f"?{qs}" if qs else "")


def _no_index(err: SearchAppError) -> bool:
    """Is "build the index first" the right advice? Only when there is no index: a damaged one
    needs `searchapp repair` (its message says how), an outdated one `--rebuild`."""
    return isinstance(err, IndexMissing) and not isinstance(err, (IndexDamaged, IndexOutdated))


def _html(err: SearchAppError) -> Response:
    d = err.to_dict()
    try:
        body = render_template("error.html", error=d, title=STATUS_TITLES.get(err.status, STATUS_TITLES[None]),
                               build_hint=BUILD_HINT if _no_index(err) else None,
                               repair_hint=isinstance(err, IndexDamaged),
                               retry_url=_retry_url(err),
                               search_q="" if err.param == "q" else
                               (request.args.get("q") or "")[:500])
    except Exception:  # the error page itself failed: plain escaped text, still no traceback
        current_app.logger.exception("error page failed")
        body = f"<!doctype html><title>{err.status}</title><p>{escape(err.message)}</p>"
    return Response(body, mimetype="text/html")


def init_app(app: Flask) -> None:
    """Route every exception through `handle`."""
    app.register_error_handler(Exception, handle)
