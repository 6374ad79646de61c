"""Plain data → what the templates and the JSON twin render. No search logic here: only links
(toggle/remove/page URLs), display labels and the month histogram's bar classes.

Facets share one shape everywhere (Datasette's `facets.py`): each value is
{"value", "label", "count", "selected", "toggle_url"} — `value` the stable key (URLs, filters),
`label` its display name (topics: `label` of data/topics.toml via `topics.label`; others: the
value) — (+ "bar" on the page only, 0..20, the bar length in 5 % steps, used by the HTML
histogram through CSS classes so no inline style is needed under the CSP).
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from searchapp.dates import api_fields
from searchapp.messages import FACET_NAMES, FIELD_NAMES, SORT_NAMES, date_text, text
from searchapp.request import SearchRequest
from searchapp.search import envelope
from searchapp.search.wordevidence import alternatives
from searchapp.search.facets import FACETS as FACET_FIELDS
from searchapp.vocab.topics import label as topic_label
from searchapp.web.urls import article_url, params_url, root, search_url, toggled

PAGE_SIZES = (10, 20, 50, 100)


#: What a facet value is shown as (a topic's label, 原发/转载, 未知来源…): one rule for the pages,
#: the JSON and the CLI (`search.envelope.facet_label`).
value_label = envelope.facet_label


def facets(resp: Any, req: SearchRequest, endpoint: str) -> dict[str, list[dict[str, Any]]]:
    """`envelope.facet_rows` (value, label, count, selected, toggle_url) plus the histogram
    `bar` of each value (0..20: its count in 5 % steps of the largest; HTML only), and in the
    month facet a gap row between two months that do not follow each other."""
    out = envelope.facet_rows(resp, req, endpoint, root=root())
    for rows in out.values():
        top = max((r["count"] for r in rows), default=0) or 1
        for r in rows:
            r["bar"] = round(20 * r["count"] / top)
    if "month" in out:
        out["month"] = with_gaps(out["month"])
    return out


def _month_index(value: str) -> int | None:
    """YYYY-MM → months since year 0; None for anything else (the missing bucket)."""
    try:
        y, m = value.split("-")
        return int(y) * 12 + int(m) - 1
    except ValueError:
        return None


def _month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def with_gaps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Month rows (in date order) with {"gap": True, "text"} between two months that are not
    consecutive, so the histogram reads as a timeline: an editor must see that 2012-06 and
    2020-07 are eight years apart, not neighbours."""
    out: list[dict[str, Any]] = []
    prev: int | None = None
    for r in rows:
        cur = _month_index(r["value"])
        if prev is not None and cur is not None and cur - prev > 1:
            n = cur - prev - 1
            first, last = prev + 1, cur - 1
            a, b = _month_name(first), _month_name(last)
            span = a if n == 1 else text("range", "zh", a=a, b=b)
            out.append({"gap": True, "months": n, "text": text("month_gap", "zh", span=span, n=n)})
        out.append(r)
        prev = cur if cur is not None else prev
    return out


def chips(req: SearchRequest, endpoint: str) -> list[dict[str, str]]:
    """Active filters as removable chips: {"label", "value", "remove_url"}."""
    out = []
    for name, field in FACET_FIELDS.items():
        current = getattr(req, field)
        for v in current:
            shown = envelope.facet_label(name, v)
            out.append({"label": FACET_NAMES[name], "value": shown,
                        "remove_url": search_url(req, endpoint, page=1, **{field: toggled(current, v)})})
    if req.date_from:
        out.append({"label": FIELD_NAMES["date_from"], "value": req.date_from,
                    "remove_url": search_url(req, endpoint, page=1, date_from=None)})
    if req.date_to:
        out.append({"label": FIELD_NAMES["date_to"], "value": req.date_to,
                    "remove_url": search_url(req, endpoint, page=1, date_to=None)})
    return out


def pager(resp: Any, req: SearchRequest, endpoint: str) -> dict[str, Any]:
    """First/previous/next/last links of the page actually shown (None where there is none)."""
    return {"page": resp.page, "pages": max(resp.pages, 1),
            **envelope.pager_links(resp, req, endpoint, root=root())}


def missing_text(missing: list[str]) -> str:
    """A hit's `missing` labels as the page says them in Chinese: plain words after 缺少：
    (`缺少：5G、AI`), each OR-group on its own as none of its words (`华为、中兴都不含`, not
    `华为 OR 中兴`, which reads as English and as "either"), joined with ；. "" for none."""
    groups = [alternatives(w) for w in missing]
    parts = [text("missing_words", "zh", words="、".join(g[0] for g in groups if len(g) == 1))]
    parts = parts if any(len(g) == 1 for g in groups) else []
    parts += [text("missing_any", "zh", words="、".join(g)) for g in groups if len(g) > 1]
    return "；".join(parts)


def hit_view(hit: Any, req: SearchRequest) -> dict[str, Any]:
    """One result for the template: the Hit's fields, its article link (carrying the whole search
    state of `req`, for the article page's back link), title/snippet markup.
    `title_html`/`snippet_html` come from the highlighter, which escapes before adding <mark>."""
    d = hit.to_dict()
    d["url_article"] = article_url(hit.id, req=req)
    d["date_label"] = date_text(hit.published or hit.date)  # local time as printed
    d["topic_labels"] = [topic_label(t) for t in hit.topics]
    d["title_markup"] = Markup(hit.title_html) if hit.title_html else escape(hit.title)
    d["snippet_markup"] = Markup(hit.snippet_html) if hit.snippet_html else escape(hit.snippet or "")
    d["missing_text"] = missing_text(getattr(hit, "missing", None) or [])
    d["also_in_label"] = text("also_in", "zh", files="").rstrip()
    d["also_in_links"] = [{"file": c["file"], "url": article_url(c["id"]) if c.get("id") else None}
                          for c in getattr(hit, "also_in", None) or []]
    return d


def suggestions(resp: Any, endpoint: str) -> list[dict[str, str]]:
    """Zero-result suggestions as {"label" (Chinese when the engine gives one), "url"}."""
    return [{"label": str(s.get("label_zh") or s.get("label", "")),
             "url": params_url(s.get("params") or {}, endpoint)}
            for s in (resp.suggestions or []) if isinstance(s, dict)]


def notices(resp: Any, req: SearchRequest, endpoint: str) -> list[dict[str, str]]:
    """The query's notice items, each with "url" when it offers another query (`q`: e.g. the
    date and page words searched as text), keeping the request's filters. The spelling
    suggestion has its own line (`did_you_mean`), so its notice is left out here."""
    return [dict(n, url=search_url(req, endpoint, q=n["q"], page=1)) if n.get("q") else dict(n)
            for n in resp.query.notice_items if n.get("code") != "did_you_mean"]


def did_you_mean(resp: Any, req: SearchRequest, endpoint: str) -> dict[str, Any] | None:
    """The `您是不是要找：X` line: {"q" (the suggested query text), "total" (its hits), "url"
    (its search, the request's filters kept, page 1)}, or None when the search made no
    spelling suggestion (`query.did_you_mean`)."""
    got = getattr(resp.query, "did_you_mean", None)
    if not got:
        return None
    return {"q": got["q"], "total": got["total"],
            "url": search_url(req, endpoint, q=got["q"], page=1)}


def thesaurus_line(resp: Any, req: SearchRequest, endpoint: str) -> dict[str, str] | None:
    """The `也搜索了：X、Y` line when the thesaurus added variants, with the one-click search
    without them (`thesaurus=off`); with the thesaurus off, the line saying so and the link
    back. {"code", "text", "url", "link"}, or None when there is nothing to say."""
    if not req.thesaurus:
        return {"code": "thesaurus_was_off", "text": text("thesaurus_was_off", "zh"),
                "url": search_url(req, endpoint, thesaurus=True, page=1),
                "link": text("thesaurus_on", "zh")}
    found = [v for d in resp.query.also_searched for v in d["variants"]]
    if not found:
        return None
    return {"code": "also_searched",
            "text": text("also_searched", "zh", variants="、".join(dict.fromkeys(found))),
            "url": search_url(req, endpoint, thesaurus=False, page=1),
            "link": text("also_searched_off", "zh")}


def search_page(resp: Any, req: SearchRequest, default_size: int) -> dict[str, Any]:
    """Template context of the search page (`default_size`: the app's PAGE_SIZE)."""
    ep = "pages.search"
    fac = facets(resp, req, ep)
    dates = (text("range", "zh", a=req.date_from or text("open_end", "zh"),
                  b=req.date_to or text("open_end", "zh"))
             if (req.date_from or req.date_to) else text("any_date", "zh"))
    return {
        "req": req,
        "resp": resp,
        "hits": [hit_view(h, req) for h in resp.hits],
        "facets": fac,
        "facet_labels": FACET_NAMES,
        # no panel of empty facets (a query without results): only when a value leads somewhere
        "show_filters": any(r.get("count") for rows in fac.values() for r in rows),
        "options_summary": text("options_summary", "zh", sort=SORT_NAMES[req.sort],
                                size=req.size, dates=dates),
        "chips": chips(req, ep),
        "pager": pager(resp, req, ep),
        "suggestions": suggestions(resp, ep),
        "notices": notices(resp, req, ep),
        "did_you_mean": did_you_mean(resp, req, ep),
        "thesaurus_line": thesaurus_line(resp, req, ep),
        "sort_labels": SORT_NAMES,
        "page_sizes": sorted(set(PAGE_SIZES) | {req.size, default_size}),
        "default_size": default_size,
        "json_url": search_url(req, "api.search"),
        "csv_url": search_url(req, "pages.search", extra={"format": "csv"}),
        "jsonl_url": search_url(req, "pages.search", extra={"format": "jsonl"}),
        "permalink": search_url(req, ep, external=True),
    }


def search_json(resp: Any, req: SearchRequest) -> dict[str, Any]:
    """The JSON twin of the search page: `envelope.search_envelope`, the same object
    `searchapp search --json` prints."""
    return envelope.search_envelope(resp, req, root=root())


def origin_text(origin: dict[str, Any]) -> str:
    """"file, lines a–b" (Chinese interface text) for the article's origin — "file, page a(–b)"
    (printed page numbers) for a PDF issue — or ""."""
    if not origin:
        return ""
    f = origin.get("file") or ""
    if origin.get("format") == "pdf" and origin.get("page"):
        a, b = origin["page"], origin.get("page_end") or origin["page"]
        return text("origin_pages", "zh", file=f, a=a, b=b) if a != b else \
            text("origin_page", "zh", file=f, a=a)
    a, b = origin.get("line_start"), origin.get("line_end")
    if a and b:
        if a != b:
            return text("origin_lines", "zh", file=f, a=a, b=b)
        return text("origin_line", "zh", file=f, a=a)
    return str(f)


def article_page(article: Any, related: list[Any], q: str, highlight: Any,
                 req: SearchRequest | None = None) -> dict[str, Any]:
    """Template context of the article page. `highlight(text) -> Markup` marks the searched words.
    `req`: the search the user came from (the page's own query parameters); the back link
    ("返回搜索结果") is that exact search (filters, sort, page, size), or None when there was none."""
    came_from = req if req is not None else (SearchRequest(q=q) if q else None)
    meta = [(FIELD_NAMES[attr], date_text(value) if attr == "date" else value)
            for attr in ("source", "author", "speaker", "date", "series", "column")
            if (value := getattr(article, attr))]
    paragraphs = [highlight(p) for p in article.body.split("\n\n") if p.strip()]
    return {
        "article": article,
        "topic_labels": [topic_label(t) for t in article.topics],
        "source_url": article.url if _is_web_url(article.url) else None,
        "title_markup": highlight(article.title),
        "subtitle_markup": highlight(article.subtitle) if article.subtitle else None,
        "meta": meta,
        "origin": origin_text(article.origin or {}),
        "paragraphs": paragraphs,
        "related": [dict(h.to_dict(), url_article=article_url(h.id),
                         date_label=date_text(h.published or h.date)) for h in related],
        "q": q,
        "back_url": search_url(came_from) if came_from is not None and came_from.to_params() else None,
        "json_url": article_url(article.id, endpoint="api.article"),
        "permalink": article_url(article.id, external=True),
    }


def _is_web_url(u: str | None) -> bool:
    """Only http(s) links are rendered as links (a `javascript:` URL in data must not be)."""
    return bool(u) and u.strip().lower().startswith(("http://", "https://"))


def article_json(article: Any, related: list[Any]) -> dict[str, Any]:
    """The JSON twin of the article page."""
    return {
        "ok": True,
        "article": {**article.to_dict(), **api_fields(article.date)},
        "related": [h.to_dict() for h in related],
        "links": {"self": article_url(article.id, endpoint="api.article"),
                  "html": article_url(article.id)},
    }
