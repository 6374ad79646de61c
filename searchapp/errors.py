"""Exceptions that carry their HTTP status, so one handler can answer in JSON or HTML and the
CLI can turn them into one line on stderr. Error shape (JSON): {"ok": false, "error": str,
"status": int} plus optional "param", "valid" (list of accepted values), "code" (stable
message code of `searchapp.messages`) and "error_zh" (the Chinese text of the message)."""
from __future__ import annotations

from typing import Any, Sequence


class SearchAppError(Exception):
    """Base class: `status` is the HTTP status to answer with; `message` is for the user."""

    status = 500

    def __init__(self, message: str, *, param: str | None = None,
                 valid: Sequence[str] | None = None, status: int | None = None,
                 code: str | None = None, message_zh: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.message_zh = message_zh
        self.param = param
        self.valid = list(valid) if valid is not None else None
        if status is not None:
            self.status = status

    def to_dict(self) -> dict[str, Any]:
        """The one error shape shared by every endpoint, the CLI's --json and bulk records."""
        d: dict[str, Any] = {"ok": False, "error": self.message, "status": self.status}
        if self.param is not None:
            d["param"] = self.param
        if self.valid is not None:
            d["valid"] = self.valid
        if self.code is not None:
            d["code"] = self.code
        if self.message_zh is not None:
            d["error_zh"] = self.message_zh
        return d


class BadRequest(SearchAppError):
    """A parameter the user sent cannot be used (400). Names the parameter and the valid values."""

    status = 400


class NotFound(SearchAppError):
    """No such article or route (404)."""

    status = 404


class PayloadTooLarge(SearchAppError):
    """A bulk batch or request body over the documented limit (413)."""

    status = 413


class IndexMissing(SearchAppError):
    """No index at the configured folder (503 on the web; a one-line error in the CLI)."""

    status = 503


class IndexBusy(SearchAppError):
    """Another process holds the index writer lock (409)."""

    status = 409


class IndexOutdated(IndexMissing):
    """The index was written with other fields than this searchapp's schema: it must be
    rebuilt (503 on the web; a one-line error in the CLI saying how)."""


class IndexChanged(SearchAppError):
    """An index file was changed on disk (cut short) while a reader had it open: the request
    failed; the live generation has been opened again, so the next request reads the folder as
    it is now. `code` "index_changed"; 503 on the web (retry); exit 2 in the CLI."""

    status = 503

    def __init__(self, message: str, **kw):
        kw.setdefault("code", "index_changed")
        super().__init__(message, **kw)


class IndexDamaged(IndexMissing):
    """The index folder is damaged (its CURRENT pointer, a manifest or an index file): nothing
    was written or deleted. `message` says what is wrong, which generations are intact and how
    to repair (`searchapp repair`); `code` is "index_damaged". 503 on the web; exit 2 in the
    CLI."""

    def __init__(self, message: str, **kw):
        kw.setdefault("code", "index_damaged")
        super().__init__(message, **kw)
