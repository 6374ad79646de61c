"""The schemas of the OpenAPI document (`searchapp.web.openapi`): request parameters, request
bodies and response bodies, written to say exactly what the app accepts and returns, so a
contract test (schemathesis, tests/web/test_contract.py) can hold the app to them.

Rules the schemas encode (docs/web.md): an empty value is the same as leaving a parameter out,
so every optional parameter also accepts ""; dates are `YYYY-MM-DD` (a real calendar day) or
`YYYY-MM`; months `YYYY-MM`; digits are ASCII.
"""
from __future__ import annotations

from typing import Any

from searchapp.bulk import HIT_FIELDS
from searchapp.config import MAX_BULK_BATCH, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS
from searchapp.request import FALSE_VALUES, LINEAGES, SORTS, TRUE_VALUES

EMPTY = {"type": "string", "enum": [""]}
_YEAR = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"  # 0001..9999 (Python's date)
_LEAP = ("(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)")
_DAY = (f"(?:{_YEAR}-(?:(?:0?[1-9]|1[0-2])-(?:0?[1-9]|1[0-9]|2[0-8])"
        f"|(?:0?[13-9]|1[0-2])-(?:29|30)|(?:0?[13578]|1[02])-31)|{_LEAP}-0?2-29)")
#: `from`/`to`: a calendar day (`YYYY-MM-DD`, also `YYYY-M-D`), a month (`YYYY-MM`, also
#: `YYYY-M`), or empty.
DATE_PATTERN = f"^(?:{_DAY}|{_YEAR}-(?:0?[1-9]|1[0-2]))?$"
#: A month filter value: `YYYY-MM` (also `YYYY-M`), `_none` (the undated articles), or empty
#: (= no filter).
MONTH_PATTERN = r"^(?:[0-9]{4}-(?:0?[1-9]|1[0-2])|_none)?$"


def optional_int(lo: int, hi: int, default: int | None = None) -> dict[str, Any]:
    """An integer parameter lo..hi that may also be given empty (= its default)."""
    n: dict[str, Any] = {"type": "integer", "minimum": lo, "maximum": hi}
    if default is not None:
        n["default"] = default
    return {"anyOf": [n, EMPTY]}


def optional_enum(values: tuple[str, ...], default: str, desc: str) -> dict[str, Any]:
    return {"type": "string", "enum": [*values, ""], "default": default, "description": desc}


def search_parameters(formats: tuple[str, ...] | None, default_format: str = "") -> list[dict]:
    """The query parameters of /search, /api/search and the article page (`formats` None: no
    `format` parameter)."""
    many = lambda item, desc: {"type": "array", "items": item, "description": desc}  # noqa: E731
    text = {"type": "string", "maxLength": 200}
    p: list[tuple[str, dict[str, Any]]] = [
        ("q", {"type": "string", "maxLength": MAX_QUERY_CHARS, "description":
               "Query: words (all must match), OR, -word, \"phrase\", title:/source:/topic:/"
               f"speaker:/author: fields, date:. At most {MAX_QUERY_CHARS} characters."}),
        ("source", many(text, "Source filter; repeat for OR. The value _none (label 未知来源) "
                        "selects the articles without a source.")),
        ("topic", many(text, "Topic filter: the key (AI), its display label (人工智能) or an "
                       "alias, any case; repeat for OR. An unknown topic gives 0 results with "
                       "the notice unknown_topic.")),
        ("month", many({"type": "string", "pattern": MONTH_PATTERN},
                       "Month filter YYYY-MM; repeat for OR. The value _none (label 无日期) "
                       "selects the articles without a date.")),
        ("lineage", many({"type": "string", "enum": [*LINEAGES, "原发", "转载", "先后不明", ""]},
                         "Reprint lineage filter: original (原发: the copy that ran first), "
                         "reprint (转载), undetermined (先后不明); the Chinese labels are "
                         "accepted too; repeat for OR.")),
        ("from", {"type": "string", "pattern": DATE_PATTERN,
                  "description": "First day (inclusive), YYYY-MM-DD or YYYY-MM (its first day)."}),
        ("to", {"type": "string", "pattern": DATE_PATTERN,
                "description": "Last day (inclusive), YYYY-MM-DD or YYYY-MM (its last day); not "
                               "before `from`."}),
        ("sort", optional_enum(SORTS, "relevance", "Order of the hits.")),
        ("page", {**optional_int(1, MAX_PAGE, 1),
                  "description": "1-based; a page past the last has no hits and the notice page_past_end (the HTML page redirects to the last page)."}),
        ("size", {**optional_int(1, MAX_PAGE_SIZE), "description": "Results per page."}),
        ("thesaurus", {"type": "string", "enum": [*TRUE_VALUES, *FALSE_VALUES, ""],
                       "description": "Also search each plain word's thesaurus variants (the "
                       "starter list and the abbreviations the archive defines), listed in "
                       "query.also_searched (default on); off: the words alone."}),
    ]
    if formats is not None:
        p.append(("format", optional_enum(formats, default_format,
                                          "csv/jsonl download every hit (CSV with UTF-8 BOM); "
                                          "atom is the search's Atom 1.0 feed: distinct stories "
                                          "newest first, `size` entries, no `page`, `sort` "
                                          "only newest.")))
    out = []
    for name, schema in p:
        schema = dict(schema)
        item = {"name": name, "in": "query", "required": False,
                "description": schema.pop("description"), "schema": schema}
        if schema.get("type") == "array":
            item["style"], item["explode"] = "form", True
        out.append(item)
    return out


def bulk_parameters() -> list[dict[str, Any]]:
    f = "(?:" + "|".join(HIT_FIELDS) + ")"
    fields = f"^(?:(?:[ ]*{f}?[ ]*,)*[ ]*{f}[ ]*(?:,[ ]*{f}?[ ]*)*)?$"  # ≥ 1 field, or empty
    return [
        {"name": "size", "in": "query", "required": False, "description":
         "Hits per query (a line's own `size`/`limit` overrides it). `limit`, its older "
         "spelling, is still read; both with different values are a 400 repeated_param.",
         "schema": optional_int(1, MAX_PAGE_SIZE, 10)},
        {"name": "fields", "in": "query", "required": False, "description":
         "Comma-separated hit fields of each record (default id,title,source,date,score).",
         "schema": {"type": "string", "pattern": fields}},
        {"name": "snippets", "in": "query", "required": False, "description":
         "Add the plain-text snippet to each hit.",
         "schema": {"type": "string", "enum": [*TRUE_VALUES, *FALSE_VALUES, ""]}},
        {"name": "thesaurus", "in": "query", "required": False, "description":
         "Search thesaurus variants (default on; a line's own `thesaurus` overrides it); "
         "each record's `also_searched` lists them.",
         "schema": {"type": "string", "enum": [*TRUE_VALUES, *FALSE_VALUES, ""]}},
    ]


BULK_BODY = {
    "required": True,
    "description": f"At most {MAX_BULK_BATCH} queries (more is a 413). A JSON array whose "
                   "elements are query strings or objects {id, q, source, topic, month, from, "
                   "to, sort, page, size|limit, snippets, thesaurus} (docs/cli.md); or "
                   "NDJSON / plain "
                   "text, one query per line (a line starting with { is a JSON object). An "
                   "element or line that cannot be used gets an error record; the batch goes on.",
    "content": {
        "application/json": {"schema": {"type": "array", "minItems": 1,
                                        "maxItems": MAX_BULK_BATCH, "items": {}},
                             "example": ["5G", {"id": "q2", "q": "网络安全", "topic": "AI"}]},
        "application/x-ndjson": {"schema": {"type": "string", "pattern": r"[^\s\ufeff]"}},
        "text/plain": {"schema": {"type": "string", "pattern": r"[^\s\ufeff]"}},
    },
}

_STR = {"type": "string"}
_NSTR = {"type": "string", "nullable": True}
_LINKS = {"type": "object", "additionalProperties": {"type": "string", "nullable": True}}
HIT = {"type": "object", "required": ["id", "title", "score", "rank"], "properties": {
    "id": _STR, "title": _STR, "score": {"type": "number"}, "rank": {"type": "integer"},
    "source": _NSTR,
    "date": {**_NSTR, "description": "local date of publication as printed, YYYY-MM-DD "
                                     "(YYYY-MM when only the month was printed)"},
    "published": {**_NSTR, "description": "publication time, ISO 8601 with UTC offset; null "
                                          "when no time was printed"},
    "published_offset_assumed": {"type": "boolean", "description": "the offset is China "
                                 "Standard Time (+08:00) because the source printed none"},
    "topics": {"type": "array", "items": _STR},
    "author": _NSTR, "speaker": _NSTR, "series": _NSTR, "column": _NSTR, "url": _NSTR,
    "duplicate_of": _NSTR, "title_html": _STR, "snippet_html": _STR, "snippet": _STR,
    "page": {"type": "integer", "nullable": True,
             "description": "printed page of the issue (1 = front page)"},
    "missing": {"type": "array", "items": _STR,
                "description": "query words this hit lacks as a whole (best match: it matches "
                               "most of the query); [] when it has them all"},
    "also_in": {"type": "array", "items": {
        "type": "object", "required": ["file", "id"],
        "properties": {"file": _STR, "id": {**_NSTR, "description": "the copy's id (null: "
                                                                    "not indexed, its id clashed)"}}},
        "description": "other files with the same bytes that hold this article (identical "
                       "copies are listed once); [] when none"},
    "links": {**_LINKS, "description": "html: the article page (carrying the search), json: "
                                       "its JSON twin"}}}

COMPONENTS = {"schemas": {
    "Error": {"type": "object", "required": ["ok", "error", "status", "code"], "properties": {
        "ok": {"type": "boolean", "enum": [False]}, "error": _STR,
        "status": {"type": "integer"}, "param": _STR,
        "valid": {"type": "array", "items": _STR},
        "code": {"type": "string", "description": "stable message code (searchapp.messages)"},
        "error_zh": {"type": "string", "description": "the message in Chinese"}}},
    "FacetValue": {"type": "object", "required": ["value", "label", "count", "selected",
                                                  "toggle_url"],
                   "properties": {"value": _STR, "label": _STR, "count": {"type": "integer"},
                                  "selected": {"type": "boolean"}, "toggle_url": _STR}},
    "Hit": HIT,
    "SearchResponse": {"type": "object", "required": ["ok", "query", "total", "hits", "facets",
                                                      "page", "size", "pages", "request",
                                                      "links"], "properties": {
        "ok": {"type": "boolean"}, "total": {"type": "integer"},
        "query": {"type": "object", "properties": {
            "text": _STR, "explain": _STR, "terms": {"type": "array", "items": _STR},
            "notices": {"type": "array", "items": _STR}, "fallback": {"type": "boolean"},
            "relaxed": {"type": "boolean",
                        "description": "some hits lack query words (each hit's `missing`)"},
            "also_searched": {"type": "array", "description": "thesaurus variants searched "
                              "with each plain word ([] with thesaurus=off)",
                              "items": {"type": "object", "required": ["word", "variants"],
                                        "properties": {"word": _STR, "variants": {
                                            "type": "array", "items": _STR}}}},
            "did_you_mean": {
                "type": "object", "nullable": True,
                "description": "spelling suggestion (您是不是要找) when the query finds (almost) "
                               "nothing and a one-character correction finds clearly more "
                               "(docs/search.md, \"Did you mean\"); null otherwise. The hits "
                               "stay those of the query as typed.",
                "required": ["q", "total", "words"],
                "properties": {"q": _STR, "total": {"type": "integer"},
                               "words": {"type": "array", "items": {
                                   "type": "object", "required": ["word", "suggested"],
                                   "properties": {"word": _STR, "suggested": _STR}}},
                               "links": {"type": "object", "properties": {
                                   "json": _STR, "html": _STR}}}},
            "notice_items": {"type": "array", "items": {"type": "object", "properties": {
                "code": _STR, "text": _STR, "text_zh": _STR,
                "q": {"type": "string", "description": "calendar_words only: the query with "
                      "the words read as a date or page quoted, to search them as text "
                      "(docs/search.md)"}}}}}},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}},
        "page": {"type": "integer"}, "size": {"type": "integer"}, "pages": {"type": "integer"},
        "took_ms": {"type": "number"},
        "suggestions": {"type": "array", "items": {"type": "object", "properties": {
            "label": _STR, "label_zh": _STR,
            "code": {"type": "string", "description": "why it is offered (searchapp.messages)"},
            "params": {"type": "object"}, "url": _STR}}},
        "request": {"type": "object", "description": "the parameters as understood"},
        "links": {**_LINKS, "description": "self, html, first, prev, next, last"}}},
    "ArticleResponse": {"type": "object", "required": ["ok", "article", "related"], "properties": {
        "ok": {"type": "boolean"}, "article": {"type": "object"},
        "related": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "links": _LINKS,
        "edition": {"type": "object", "nullable": True, "description": "the issue it was "
                    "printed in (publication: its key, name: to show, named, name_hint, issue, "
                    "date, kind, page, label, url, json_url); "
                    "docs/archive.md"},
        "lineage": {"type": "object", "nullable": True, "description": "its story's copies: "
                    "role (original/reprint/undetermined), original, origin_outlet, basis, "
                    "copies; docs/archive.md"}}},
}}
