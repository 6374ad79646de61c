"""Plain data that search returns and every surface (HTML, JSON API, CLI, bulk) renders.

Facets share one shape: {"value", "count", "selected"}; the web layer adds "toggle_url".
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Hit:
    """One ranked result.

    score        BM25F score (float, higher is better; 0.0 under date sorts)
    rank         1-based position in the whole result list
    date         the local date of publication as printed, "YYYY-MM-DD" ("YYYY-MM" when only
                 the month was printed; or None)
    published    the publication time, ISO 8601 with its UTC offset, or None when no time was
                 printed; `published_offset_assumed`: True when the offset is China Standard
                 Time because none was printed (`searchapp.dates`)
    page         the printed page of the issue (int, 1 = front page) or None
    missing      the query words this hit lacks as a whole (best match: it matches most of the
                 query, or only parts of a long word); [] when it has them all
    title_html   title with matched words in <mark>, HTML-escaped first ("" when the request's
                 `highlight` is off)
    snippet_html best passage of the body (≤ ~160 characters) with <mark>, escaped first; "" when
                 snippets were not requested
    snippet      the same passage as plain text (no markup)
    """

    id: str
    title: str
    score: float
    rank: int
    source: str | None = None
    date: str | None = None
    published: str | None = None
    published_offset_assumed: bool = False
    topics: list[str] = field(default_factory=list)
    author: str | None = None
    speaker: str | None = None
    series: str | None = None
    column: str | None = None
    page: int | None = None
    url: str | None = None
    duplicate_of: str | None = None
    title_html: str = ""
    snippet_html: str = ""
    snippet: str = ""
    missing: list[str] = field(default_factory=list)
    also_in: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class FacetValue:
    """One value of a facet: `count` hits of the current query (other facets' filters applied)
    carry it; `selected` when it is an active filter."""

    value: str
    count: int
    selected: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class ParsedQuery:
    """The query as understood: `text` the user's string, `explain` a readable form of the parsed
    query, `terms` the words used for highlighting (a part of a longer query word, there in a
    relaxed search, is marked only in hits lacking that word), `notices` messages to show the
    user (e.g. the parser fell back to plain words), `fallback` True when the query language
    could not be read.
    `notice_items`: the same notices as {"code" (stable, `searchapp.messages`), "text" (English),
    "text_zh" (Chinese)}, in the same order (additive; `notices` keeps the English texts).
    `relaxed`: some hits lack query words (best match lists them in each hit's `missing`).
    `also_searched`: the thesaurus variants searched with the query's plain words, as
    [{"word": as typed, "variants": [as written]}] ([] when none, or the request's
    `thesaurus` is off).
    `did_you_mean`: a spelling suggestion (`search.spelling`) when the query finds (almost)
    nothing and a one-character correction finds clearly more: {"q": the suggested query
    text, "total": its hits, "words": [{"word": as typed, "suggested": replacement}]}, else
    None. The hits are always those of the query as typed."""

    text: str
    explain: str = ""
    terms: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    fallback: bool = False
    notice_items: list[dict[str, str]] = field(default_factory=list)
    relaxed: bool = False
    also_searched: list[dict[str, Any]] = field(default_factory=list)
    did_you_mean: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class SearchResponse:
    """Result of `searchapp.search.search`.

    total     number of matching articles (all pages)
    hits      this page's hits, at most `size`
    facets    {"source": [FacetValue], "topic": [...], "month": [...]} (month in date order)
    page      the page asked for (past the last one it has no hits and the notice
              `page_past_end`), pages = total pages (≥ 1)
    took_ms   wall time of the search in milliseconds
    suggestions  for zero results: list of {"label": str, "params": dict} (a request to try)
    marks     the highlighter's terms (`search.snippets.Marks`: which are parts of a query word,
              marked only in articles lacking it), for a page that marks a whole article; not
              in `to_dict` (the JSON has `query.terms` and each hit's marked title and snippet)
    """

    query: ParsedQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    size: int
    pages: int
    took_ms: float
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    marks: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "query": self.query.to_dict(),
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [v.to_dict() for v in vs] for k, vs in self.facets.items()},
            "page": self.page,
            "size": self.size,
            "pages": self.pages,
            "took_ms": round(self.took_ms, 2),
            "suggestions": self.suggestions,
        }
