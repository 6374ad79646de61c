"""The filter parameters: source, topic, month, lineage and the date range `from`/`to`.

    parse_values(values, name) -> tuple    facet values: strings of at most 200 characters,
                                           order kept, deduplicated
    parse_sources / parse_topics / parse_lineages / parse_month    one facet each
    parse_date(v, name) -> ISO day | None  `from`/`to`: a day, or a month's first/last day
    MISSING, LINEAGES                      the missing bucket's value; the lineage values

Each raises BadRequest naming the parameter (and its valid values where there is a list).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from typing import Any

from searchapp.analysis.text import to_simplified
from searchapp.messages import bad_request
from searchapp.request.query_text import clean_text
from searchapp.vocab.topics import resolve

__all__ = ["parse_values", "parse_sources", "parse_topics", "parse_lineages", "parse_month",
           "parse_date", "MISSING", "LINEAGES"]

#: The facet value of the articles without a value (no source, no date: the missing bucket of
#: `search.facets`); reserved: no outlet name starts with "_", a month is YYYY-MM.
MISSING = "_none"
#: Values of the `lineage` filter (reprint lineage, `archive.lineage.ROLES`): 原发, 转载, 先后不明.
LINEAGES = ("original", "reprint", "undetermined")
_LINEAGE_ALIASES = {"原发": "original", "转载": "reprint", "先后不明": "undetermined"}
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_DAY = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_YEAR_MONTH = re.compile(r"[0-9]{4}-[0-9]{1,2}")


def parse_values(values: list[Any], name: str) -> tuple[str, ...]:
    """Facet filter values: each a non-empty string of at most 200 characters; order kept,
    deduplicated. Anything but a string (a bulk JSON line's number, true, list, object or null)
    raises BadRequest `not_string_list`, as `parse_q` does for the query: `{"source": 123}` is not
    silently the outlet "123"."""
    out: list[str] = []
    for v in values:
        if not isinstance(v, str):
            raise bad_request("not_string_list", param=name)
        s = clean_text(v)
        if len(s) > 200:
            raise bad_request("value_too_long", param=name)
        if s and s not in out:
            out.append(s)
    return tuple(out)


def parse_sources(values: list[Any]) -> tuple[str, ...]:
    """Source filter values, folded the way indexed outlet names are (NFKC, traditional →
    simplified: `searchapp.sources` stores the simplified name), so `source=新華網` selects the
    facet value 新华网."""
    folded = [to_simplified(unicodedata.normalize("NFKC", v)) for v in parse_values(values, "source")]
    return tuple(dict.fromkeys(folded))


def parse_lineages(values: tuple[str, ...]) -> tuple[str, ...]:
    """Lineage filter values: each one of LINEAGES, or its Chinese label (原发, 转载, 先后不明),
    any case. Raises BadRequest listing LINEAGES for anything else."""
    out: list[str] = []
    for v in values:
        k = _LINEAGE_ALIASES.get(v, v.lower())
        if k not in LINEAGES:
            raise bad_request("unknown_value", param="lineage", value=v[:40], valid=LINEAGES)
        if k not in out:
            out.append(k)
    return tuple(out)


def parse_month(v: str) -> str:
    """"YYYY-MM" month facet value, or MISSING (the undated articles). A one-digit month
    (`2020-9`) is that month (`2020-09`), as `from`/`to` and the web's date fields take it."""
    if v != MISSING and _YEAR_MONTH.fullmatch(v) and 1 <= int(v[5:]) <= 12:
        v = f"{v[:4]}-{int(v[5:]):02d}"
    if v != MISSING and not _MONTH.fullmatch(v):
        raise bad_request("bad_month", param="month", value=v[:40])
    return v


def parse_date(v: Any, name: str) -> str | None:
    """ISO day "YYYY-MM-DD" (also "YYYY-M-D", as many users type it; a real calendar day, ASCII
    digits), or "YYYY-MM" (also "YYYY-M")
    → its first day for 'from', its last day for 'to'. Nothing else (Python's fromisoformat
    would also take 20200901 or 2020-W01-1, which the API does not document)."""
    if v is None:
        return None
    s = clean_text(v)
    try:
        if not _DAY.fullmatch(s) and not _YEAR_MONTH.fullmatch(s):
            raise ValueError(s)
        if _YEAR_MONTH.fullmatch(s):
            y, m = map(int, s.split("-"))
            first = _dt.date(y, m, 1)
            if name == "to":  # the month's last day (9999-12 included)
                return first.replace(day=calendar.monthrange(y, m)[1]).isoformat()
            return first.isoformat()
        return _dt.date(*map(int, s.split("-"))).isoformat()
    except ValueError:
        raise bad_request("bad_date_param", param=name, value=s[:40]) from None


def parse_topics(values: tuple[str, ...]) -> tuple[str, ...]:
    """Topic filter values → topic keys (`topics.resolve`: key, display label or alias, any
    case); a value no rule knows is kept as given (an index may hold topics of imported data;
    search answers an unknown one with a notice listing the valid topics)."""
    out: list[str] = []
    for v in values:
        k = resolve(v) or v
        if k not in out:
            out.append(k)
    return tuple(out)
