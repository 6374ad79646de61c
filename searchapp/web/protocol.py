"""What waitress answers itself, before the app sees a request, brought in line with the app
(docs/web.md, "Errors: one shape"); `server` gives its channels these two classes.

- `Parser`: a request line with raw non-ASCII bytes (`GET /search?q=中`, as some clients and
  scripts send it) is refused by waitress's URI parser ("Bad URI"); the bytes are
  percent-encoded first (RFC 3986 §2.1: %XX of the octet), which is what a browser sends for the
  same URL, so the request is answered like its encoded twin (bytes that are not UTF-8 then get
  the app's own 400 `not_utf8`).
- `ErrorTask`: waitress's protocol errors (a malformed request line or header, oversized
  headers or body, a failure after the app started answering) come in the one JSON error shape
  with the security headers, instead of waitress's plain-text page.
"""
from __future__ import annotations

import json
import re
from typing import Any

from waitress.parser import HTTPRequestParser
from waitress.task import ErrorTask as _WaitressErrorTask

from searchapp.messages import text
from searchapp.web.security import HEADERS

__all__ = ["Parser", "ErrorTask"]

_HIGH = re.compile(rb"[\x80-\xff]")


class Parser(HTTPRequestParser):
    """waitress's request parser, raw non-ASCII bytes of the request line percent-encoded."""

    def parse_header(self, header_plus: bytes) -> Any:
        end = header_plus.find(b"\r\n")
        first = header_plus if end < 0 else header_plus[:end]
        if _HIGH.search(first):
            first = _HIGH.sub(lambda m: b"%%%02X" % m.group()[0], first)
            header_plus = first if end < 0 else first + header_plus[end:]
        return super().parse_header(header_plus)


class ErrorTask(_WaitressErrorTask):
    """waitress's error response, in the app's one error shape (JSON)."""

    def execute(self) -> None:
        e = self.request.error
        code = "internal" if e.code == 500 else "http_error"
        fields = {"name": f"{e.reason.lower()}: {e.body}", "status": e.code}
        d = {"ok": False, "error": text(code, **fields), "status": e.code, "code": code,
             "error_zh": text(code, "zh", **fields)}
        body = json.dumps(d, ensure_ascii=False).encode("utf-8")
        self.status = f"{e.code} {e.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.response_headers.extend(HEADERS.items())
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)
