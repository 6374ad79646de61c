"""Query text as sent → the text searched: control and invisible characters, the length limit.

    clean_text(s) -> str        control and invisible characters removed, tabs/newlines as
                                spaces, trimmed (every text parameter goes through it)
    parse_q(v) -> str           the `q` parameter: BadRequest `not_string`, `query_too_long`
    only_removed(v) -> bool     `q` held control or invisible characters (then nothing is left:
                                the notice `query_controls_only`, never every article)
"""
from __future__ import annotations

import re
from typing import Any

from searchapp.analysis.controls import strip_invisible
from searchapp.config import MAX_QUERY_CHARS
from searchapp.messages import bad_request

__all__ = ["clean_text", "parse_q", "only_removed"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that text copied from web pages carries inside words (zero-width space,
# word joiner, BOM, soft hyphen, a joiner outside an emoji sequence) go by
# `analysis.controls.strip_invisible`: the rule stored fields are cleaned by, so what is typed
# and what is stored agree.


def clean_text(s: str) -> str:
    """Remove control characters (NUL included) and invisible ones (`strip_invisible`: a filter
    value `郑\\u200b州日报` is the source 郑州日报, as stored) and trim; keeps tabs/newlines as
    spaces."""
    s = strip_invisible(_CONTROL.sub("", str(s)))
    return s.replace("\t", " ").replace("\r", " ").replace("\n", " ").strip()


def parse_q(v: Any) -> str:
    """Query text: at most MAX_QUERY_CHARS characters as given; a control character separates
    words (a space: `5G\\x00AI` is `5G AI`, never the word `5GAI`), invisible in-word characters
    (zero-width space, word joiner, BOM, soft hyphen, a joiner outside an emoji sequence:
    `analysis.controls.strip_invisible`) are dropped (`5\\u200bG` is `5G`).
    None (not given) is "". Anything but a string (a bulk JSON line's number, true, list or
    object) raises BadRequest `not_string`: `{"q": 123}` is not silently the text "123" (a
    script that meant the text writes "123")."""
    if v is None:
        return ""
    if not isinstance(v, str):
        raise bad_request("not_string", param="q")
    n = len(str(v))  # as sent: the documented limit is on the parameter, not what is left of it
    if n > MAX_QUERY_CHARS:
        raise bad_request("query_too_long", param="q", n=n, max=MAX_QUERY_CHARS)
    return clean_text(_CONTROL.sub(" ", str(v)))


def only_removed(v: Any) -> bool:
    """True when query text `v`, as sent, held a control or invisible character: with `parse_q`
    leaving nothing of it, it held only those besides white space (`%00`, a zero-width space).
    Such a query is not an empty one (which lists every article): searching reports
    `query_controls_only` and finds nothing, as it does for punctuation alone."""
    return isinstance(v, str) and bool(_CONTROL.search(v) or strip_invisible(v) != v)
