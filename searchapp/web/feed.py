"""The Atom 1.0 twin of every search (`format=atom` on /search and /api/search): follow a search.

Entries are distinct stories (`search.stories.stories`), newest first by the day each story
first appeared; near-duplicates are one entry that lists where else the story appeared. Entry
ids are stable (`atom.story_id` of the story's original id: the same across hosts, ports and
rebuilds), `updated` is that first day (so a later reprint never makes an old story new again),
the link is the article page of the earliest copy that matched. `size` is the number of
entries; a feed has no pages and its order is fixed: `page` and `sort` are not read.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, render_template_string, url_for

from searchapp.messages import text
from searchapp.request import SearchRequest
from searchapp.web import backend
from searchapp.web.atom import MIMETYPE, atom_feed, feed_id, rfc3339, story_id
from searchapp.web.export import add_notice_header
from searchapp.web.present_archive import ROLE_LABELS, date_label
from searchapp.web.urls import absolute, search_url

__all__ = ["feed_response", "feed_request", "feed_url"]

#: Characters of an entry's summary (the start of its body).
SUMMARY_CHARS = 160


def feed_request(req: SearchRequest, given: dict) -> SearchRequest:
    """The request a feed answers: `req` newest first, from its first entry. A feed's order is
    its nature (readers order entries by `updated`) and it has no pages, so `sort` and `page`
    do not apply and are not read (they were a 400, which made a search URL with its sort a
    dead end as a feed, and a schema-valid request the API refused: docs/web.md)."""
    return req.with_(sort="newest", page=1)


def feed_url(req: SearchRequest, endpoint: str = "pages.search", external: bool = False) -> str:
    """The feed twin of a search URL: the search without sort/page, plus format=atom."""
    return search_url(req.with_(sort="relevance", page=1), endpoint, extra={"format": "atom"},
                      external=external)


_CONTENT = """<p>{{ summary }}</p>{% if others %}<p>{{ also }}</p><ul>{% for c in others %}<li><a href="{{ c.url }}">{{ c.outlet }}</a> {{ c.date }}{% if c.role %} · {{ c.role }}{% endif %}</li>{% endfor %}</ul>{% endif %}"""


def _entry(story: dict) -> dict:
    a = story["article"]
    others = []
    for c in story["copies"]:
        if c.id == a.id:
            continue
        lin = c.lineage or {}
        others.append({"url": absolute(url_for("pages.article", article_id=c.id)),
                       "outlet": lin.get("outlet") or c.source or text("unknown_outlet", "zh"),
                       "date": date_label(c.date) or text("unknown_date", "zh"),
                       "role": ROLE_LABELS.get(lin.get("role"), "")})
    body = " ".join((a.body or "").split())
    summary = body[:SUMMARY_CHARS] + ("…" if len(body) > SUMMARY_CHARS else "")
    day = story["day"]
    return {"id": story_id(story["story"]), "title": a.title, "updated": rfc3339(day),
            "published": rfc3339(day),
            "link": absolute(url_for("pages.article", article_id=a.id)),
            "author": a.author or a.source or None, "summary": summary,
            "categories": list(a.topics or []),
            "content_html": render_template_string(_CONTENT, summary=summary, others=others,
                                                   also=text("feed_also", "zh"))}


def feed_response(req: SearchRequest) -> Response:
    """The Atom feed of `req` (already checked by `feed_request`)."""
    data = backend.stories(req, req.size)
    entries = [_entry(st) for st in data["stories"]]
    canonical = urlencode(req.with_(sort="relevance", page=1).to_params(), doseq=True)
    title = text("feed_title", "zh", q=req.q) if req.q else text("feed_all", "zh")
    subtitle = text("feed_subtitle", "zh", matches=data["matches"], stories=len(entries))
    if data["undated"]:
        subtitle += text("feed_undated", "zh", n=data["undated"])
    # how the query was read (a dropped page filter, swapped dates …), as /api/search says it:
    # a feed reader shows the subtitle, a script reads the header; a feed never hides a change
    # of meaning (the CSV/JSONL exports carry the same notices, web/export.py)
    read = backend.search(req.with_(size=1, page=1, facets=False), suggest=False)
    notices = read.query.notice_items
    for n in notices:
        subtitle += "；" + (n.get("text_zh") or n["text"])
    updated = entries[0]["updated"] if entries else rfc3339("1970-01-01")
    xml = atom_feed({"id": feed_id(canonical), "title": title, "subtitle": subtitle,
                     "updated": max((e["updated"] for e in entries), default=updated),
                     "self": feed_url(req, external=True),
                     "html": search_url(req.with_(sort="newest", page=1), external=True)}, entries)
    resp = Response(xml, mimetype=MIMETYPE, headers={"Content-Type": f"{MIMETYPE}; charset=utf-8"})
    add_notice_header(resp, notices)
    return resp
