"""The message catalogue and the functions that fill it in: every notice and error the user can
see has a stable `code` and an English and a Chinese text.

    CATALOGUE                                     code → (English, Chinese) templates: notices,
                                                  request_texts and page_texts together
    text(code, lang="en", **params) -> str        the message in "en" or "zh"
    notice(code, **params) -> dict                {"code", "text" (English), "text_zh"}
    error(cls, code, ...)                         any SearchAppError class, with code + Chinese text
    bad_request(code, param=, valid=, **params)   errors.BadRequest, the same way

Unknown codes raise KeyError (a typo must fail the tests, not show a blank message).
"""
from __future__ import annotations

from typing import Any, Sequence

from searchapp.errors import BadRequest, SearchAppError
from searchapp.messages.notices import NOTICES
from searchapp.messages.page_texts import PAGE_TEXTS
from searchapp.messages.request_texts import REQUEST_TEXTS

__all__ = ["CATALOGUE", "text", "notice", "error", "bad_request"]

#: code → (English template, Chinese template); templates use str.format fields. A code is
#: defined in one of the three parts only (tests/test_messages.py).
CATALOGUE: dict[str, tuple[str, str]] = {**NOTICES, **REQUEST_TEXTS, **PAGE_TEXTS}


def text(code: str, lang: str = "en", **params: Any) -> str:
    """The message `code` in `lang` ("en" or "zh") with `params` filled in. KeyError on an
    unknown code."""
    en, zh = CATALOGUE[code]
    return (zh if lang == "zh" else en).format(**params)


def notice(code: str, **params: Any) -> dict[str, str]:
    """A user notice: {"code", "text" (English), "text_zh" (Chinese)}."""
    return {"code": code, "text": text(code, **params), "text_zh": text(code, "zh", **params)}


def error(cls: type[SearchAppError], code: str, *, param: str | None = None,
          valid: Sequence[str] | None = None, **params: Any) -> SearchAppError:
    """An exception of class `cls` with the English message, `code` and Chinese text."""
    return cls(text(code, param=param, **params), param=param, valid=valid, code=code,
               message_zh=text(code, "zh", param=param, **params))


def bad_request(code: str, *, param: str | None = None, valid: Sequence[str] | None = None,
                **params: Any) -> BadRequest:
    """`errors.BadRequest` (400) with code and Chinese text, naming `param` and `valid`."""
    return error(BadRequest, code, param=param, valid=valid, **params)  # type: ignore[return-value]
