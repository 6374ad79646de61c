"""One value per parameter, and the scalar parameters: sort, page and size, on/off switches.

    as_list(v) -> list                     a value or a list of values (None: none)
    one_value(values, name)                the one non-empty value or None; BadRequest
                                           `repeated_param` when two differ
    single(v, name)                        the two together, for callers outside the request
    parse_sort(v) -> one of SORTS
    parse_int(v, name, lo, hi, default)    BadRequest `not_integer` / `out_of_range`
    parse_bool(v, name, default)           one of TRUE_VALUES / FALSE_VALUES, else BadRequest

Each parser raises one typed error naming the parameter and its valid values (after SearXNG's
`webadapter.py`: parse_pageno, parse_time_range).
"""
from __future__ import annotations

from typing import Any

from searchapp.messages import bad_request
from searchapp.request.query_text import clean_text

__all__ = ["as_list", "one_value", "single", "parse_sort", "parse_int", "parse_bool", "SORTS",
           "TRUE_VALUES", "FALSE_VALUES"]

SORTS = ("relevance", "newest", "oldest")


def as_list(v: Any) -> list[Any]:
    """`v` as a list: None → [], a list or tuple → a list of its items, anything else → [v]."""
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def single(v: Any, name: str) -> Any:
    """The one value of parameter `name` given as a value or a list of values (a repeated URL
    parameter, a JSON key given twice: `bulk.loads_strict`); None when none is given or all are
    empty. Raises BadRequest `repeated_param` when two differ (compared as text)."""
    return one_value(as_list(v), name)


def one_value(values: list[Any], name: str) -> Any:
    """The one value of parameter `name` among `values` (None and "" left out); None when none
    is left. Raises BadRequest `repeated_param` when two differ (compared as text)."""
    vals = [v for v in values if v not in (None, "")]
    if len(vals) > 1 and len(set(map(str, vals))) > 1:
        raise bad_request("repeated_param", param=name)
    return vals[0] if vals else None


def parse_sort(v: Any) -> str:
    """One of SORTS; default relevance."""
    if v is None:
        return "relevance"
    s = clean_text(v).lower()
    if s not in SORTS:
        raise bad_request("unknown_value", param="sort", value=s[:40], valid=SORTS)
    return s


def parse_int(v: Any, name: str, lo: int, hi: int, default: int) -> int:
    """Integer in [lo, hi]; None → default. Raises BadRequest naming the range."""
    if v is None:
        return default
    if isinstance(v, bool):
        raise bad_request("not_integer", param=name, lo=lo, hi=hi, value=str(v))
    try:
        n = int(str(v).strip())
    except ValueError:
        raise bad_request("not_integer", param=name, lo=lo, hi=hi, value=str(v)[:40]) from None
    if not lo <= n <= hi:
        raise bad_request("out_of_range", param=name, lo=lo, hi=hi, value=n)
    return n


#: Accepted spellings of boolean-ish parameters (e.g. bulk `snippets`); anything else is a 400.
TRUE_VALUES = ("1", "true", "yes", "on")
FALSE_VALUES = ("0", "false", "no", "off")


def parse_bool(v: Any, name: str, default: bool = False) -> bool:
    """A boolean-ish parameter: None/"" → `default`; a bool as is; else one of TRUE_VALUES or
    FALSE_VALUES (case-insensitive). Raises BadRequest listing the valid values otherwise."""
    if v is None or v == "":
        return default
    if isinstance(v, bool):
        return v
    s = clean_text(v).lower()
    if s in TRUE_VALUES:
        return True
    if s in FALSE_VALUES:
        return False
    raise bad_request("unknown_value", param=name, value=s[:40], valid=TRUE_VALUES + FALSE_VALUES)
