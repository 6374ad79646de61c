"""One frozen `SearchRequest`, built alike from a web query string, CLI options or a bulk JSON
line. Each parameter is parsed by one small function that raises `BadRequest` naming the
parameter and its valid values (after SearXNG's `webadapter.py`: parse_pageno, parse_time_range).

One rule for empty values, everywhere: a parameter given with an empty value (`sort=`, `page=`,
`topic=`) is the same as not giving it (its default). Messages come from `searchapp.messages`
(stable code, English + Chinese text).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

from searchapp.analysis.text import to_simplified
from searchapp.config import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS
from searchapp.messages import bad_request
from searchapp.vocab.topics import resolve

SORTS = ("relevance", "newest", "oldest")
#: The facet value of the articles without a value (no source, no date: the missing bucket of
#: `search.facets`); reserved: no outlet name starts with "_", a month is YYYY-MM.
MISSING = "_none"
#: Request parameter names, as they appear in URLs, bulk JSON lines and the API description.
PARAMS = ("q", "source", "topic", "month", "lineage", "from", "to", "sort", "page", "size",
          "thesaurus")
#: Values of the `lineage` filter (reprint lineage, `archive.lineage.ROLES`): 原发, 转载, 先后不明.
LINEAGES = ("original", "reprint", "undetermined")
_LINEAGE_ALIASES = {"原发": "original", "转载": "reprint", "先后不明": "undetermined"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that text copied from web pages carries inside words: zero-width space,
# word joiner, BOM / zero-width no-break space, soft hyphen (ZWJ stays: emoji sequences use it).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_DAY = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_YEAR_MONTH = re.compile(r"[0-9]{4}-[0-9]{1,2}")


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for.

    q          query text in the query language (may be empty: then filters alone select)
    sources, topics, months   facet filters; values within one facet OR, facets AND
    lineages   reprint-lineage filter: values of LINEAGES (原发 / 转载 / 先后不明)
    date_from, date_to        inclusive ISO days "YYYY-MM-DD" or None
    sort       one of SORTS
    page       1-based page number (1..MAX_PAGE); a page past the last has no hits and the notice page_past_end
    size       results per page (1..MAX_PAGE_SIZE)
    snippets   compute highlighted snippets (bulk may switch them off for speed)
    facets     compute facet counts
    thesaurus  search each plain word's thesaurus variants too (the starter list and the pairs
               the archive defines: `search.thesaurus`); off (`thesaurus=off`) searches the
               words alone, for this query
    highlight  compute each hit's `title_html` (bulk switches it off unless that field is
               output: a highlighter pass per hit costs; not a URL parameter)
    notices    codes (`searchapp.messages`) of what reading the parameters changed, reported
               by search with the query's notices: "dates_swapped" when `from` was after `to`
               (the range is searched earlier-to-later, as the query language's `date:` does);
               "query_controls_only" when `q` held only control or invisible characters (the
               request then matches nothing, never every article)
    """

    q: str = ""
    sources: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    lineages: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    snippets: bool = True
    facets: bool = True
    highlight: bool = True
    notices: tuple[str, ...] = ()
    thesaurus: bool = True

    def with_(self, **changes: Any) -> "SearchRequest":
        """Copy with some fields changed (dataclasses.replace)."""
        return replace(self, **changes)

    def to_params(self) -> dict[str, Any]:
        """The URL/JSON parameter form (inverse of `from_params`), defaults left out."""
        d: dict[str, Any] = {}
        if self.q:
            d["q"] = self.q
        if self.sources:
            d["source"] = list(self.sources)
        if self.topics:
            d["topic"] = list(self.topics)
        if self.months:
            d["month"] = list(self.months)
        if self.lineages:
            d["lineage"] = list(self.lineages)
        if self.date_from:
            d["from"] = self.date_from
        if self.date_to:
            d["to"] = self.date_to
        if self.sort != "relevance":
            d["sort"] = self.sort
        if self.page != 1:
            d["page"] = self.page
        if self.size != DEFAULT_PAGE_SIZE:
            d["size"] = self.size
        if not self.thesaurus:
            d["thesaurus"] = "off"
        return d

    @classmethod
    def from_params(cls, params: Mapping[str, Any], *, allowed_extra: Iterable[str] = (),
                    default_size: int = DEFAULT_PAGE_SIZE) -> "SearchRequest":
        """Build from a mapping whose values are str, int, or lists of them (a Flask MultiDict
        converted with `to_dict(flat=False)`, a bulk JSON object, CLI options).

        Raises BadRequest for an unknown parameter (listing PARAMS + allowed_extra) or a bad
        value. Names not in PARAMS but in `allowed_extra` are ignored here (the caller uses them).
        """
        allowed = set(PARAMS) | set(allowed_extra)
        unknown = sorted(k for k in params if k not in allowed)
        if unknown:
            raise bad_request("unknown_param", param=unknown[0], valid=sorted(allowed))
        get = lambda k: _as_list(params.get(k))  # noqa: E731
        raw_from, raw_to = _one(get("from"), "from"), _one(get("to"), "to")
        date_from, date_to = parse_date(raw_from, "from"), parse_date(raw_to, "to")
        notices: tuple[str, ...] = ()
        if date_from and date_to and date_from > date_to:  # read as the range it spans
            date_from, date_to = parse_date(raw_to, "from"), parse_date(raw_from, "to")
            notices = ("dates_swapped",)
        raw_q = _one(get("q"), "q")
        q = parse_q(raw_q)
        if not q and only_removed(raw_q):
            notices += ("query_controls_only",)
        return cls(
            q=q,
            sources=parse_sources(get("source")),
            topics=parse_topics(parse_values(get("topic"), "topic")),
            months=tuple(parse_month(m) for m in parse_values(get("month"), "month")),
            lineages=parse_lineages(parse_values(get("lineage"), "lineage")),
            date_from=date_from,
            date_to=date_to,
            sort=parse_sort(_one(get("sort"), "sort")),
            page=parse_int(_one(get("page"), "page"), "page", 1, MAX_PAGE, 1),
            size=parse_int(_one(get("size"), "size"), "size", 1, MAX_PAGE_SIZE, default_size),
            notices=notices,
            thesaurus=parse_bool(_one(get("thesaurus"), "thesaurus"), "thesaurus", True),
        )


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def single(v: Any, name: str) -> Any:
    """The one value of parameter `name` given as a value or a list of values (a repeated URL
    parameter, a JSON key given twice: `bulk.loads_strict`); None when none is given or all are
    empty. Raises BadRequest `repeated_param` when two differ (compared as text)."""
    return _one(_as_list(v), name)


def _one(values: list[Any], name: str) -> Any:
    vals = [v for v in values if v not in (None, "")]
    if len(vals) > 1 and len(set(map(str, vals))) > 1:
        raise bad_request("repeated_param", param=name)
    return vals[0] if vals else None


def clean_text(s: str) -> str:
    """Remove control characters (NUL included) and trim; keeps tabs/newlines as spaces."""
    return _CONTROL.sub("", str(s)).replace("\t", " ").replace("\r", " ").replace("\n", " ").strip()


def parse_q(v: Any) -> str:
    """Query text: at most MAX_QUERY_CHARS characters as given; a control character separates
    words (a space: `5G\\x00AI` is `5G AI`, never the word `5GAI`), invisible in-word characters
    (zero-width space, word joiner, BOM, soft hyphen) are dropped (`5\\u200bG` is `5G`).
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
    return clean_text(_INVISIBLE.sub("", _CONTROL.sub(" ", str(v))))


def only_removed(v: Any) -> bool:
    """True when query text `v`, as sent, held a control or invisible character: with `parse_q`
    leaving nothing of it, it held only those besides white space (`%00`, a zero-width space).
    Such a query is not an empty one (which lists every article): searching reports
    `query_controls_only` and finds nothing, as it does for punctuation alone."""
    return isinstance(v, str) and bool(_CONTROL.search(v) or _INVISIBLE.search(v))


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
