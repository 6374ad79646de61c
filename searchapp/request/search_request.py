"""The frozen `SearchRequest`: what the user asked for, read from a parameter mapping
(`from_params`: a URL query string, CLI options, a bulk JSON line) and written back
(`to_params`: permalinks, API links).

    SearchRequest.from_params(params, *, allowed_extra=(), default_size=…)   BadRequest on an
                                         unknown parameter (listing PARAMS) or a bad value
    PARAMS                               the parameter names
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

from searchapp.config import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE
from searchapp.messages import bad_request
from searchapp.request.filters import (parse_date, parse_lineages, parse_month, parse_sources,
                                       parse_topics, parse_values)
from searchapp.request.query_text import only_removed, parse_q
from searchapp.request.values import as_list, one_value, parse_bool, parse_int, parse_sort

__all__ = ["SearchRequest", "PARAMS"]

#: Request parameter names, as they appear in URLs, bulk JSON lines and the API description.
PARAMS = ("q", "source", "topic", "month", "lineage", "from", "to", "sort", "page", "size",
          "thesaurus")


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
        get = lambda k: as_list(params.get(k))  # noqa: E731
        raw_from, raw_to = one_value(get("from"), "from"), one_value(get("to"), "to")
        date_from, date_to = parse_date(raw_from, "from"), parse_date(raw_to, "to")
        notices: tuple[str, ...] = ()
        if date_from and date_to and date_from > date_to:  # read as the range it spans
            date_from, date_to = parse_date(raw_to, "from"), parse_date(raw_from, "to")
            notices = ("dates_swapped",)
        raw_q = one_value(get("q"), "q")
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
            sort=parse_sort(one_value(get("sort"), "sort")),
            page=parse_int(one_value(get("page"), "page"), "page", 1, MAX_PAGE, 1),
            size=parse_int(one_value(get("size"), "size"), "size", 1, MAX_PAGE_SIZE, default_size),
            notices=notices,
            thesaurus=parse_bool(one_value(get("thesaurus"), "thesaurus"), "thesaurus", True),
        )
