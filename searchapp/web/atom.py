"""Atom 1.0 documents (RFC 4287) from plain data: the feed twin of a search.

    atom_feed(feed: dict, entries: list[dict]) -> bytes      UTF-8 XML

feed:    {"id", "title", "updated", "self", "html", "subtitle"?}
entry:   {"id", "title", "updated", "link", "summary"?, "content_html"?, "author"?,
          "categories"? [str], "published"?}

Every element RFC 4287 requires is written: feed `id`, `title`, `updated`, `author` (at feed
level, so entries need none), `link rel="self"`; entry `id`, `title`, `updated` and a
`link rel="alternate"`. Ids are given by the caller (stable `urn:uuid:` ids, see `story_id`).
Text is cleaned of characters XML 1.0 cannot hold (control characters other than tab/LF/CR,
lone surrogates, U+FFFE/U+FFFF) before it is escaped by ElementTree.
"""
from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any, Iterable

__all__ = ["atom_feed", "story_id", "feed_id", "rfc3339", "ATOM_NS", "MIMETYPE"]

ATOM_NS = "http://www.w3.org/2005/Atom"
MIMETYPE = "application/atom+xml"
#: Namespace of the `urn:uuid:` ids (uuid5): one per kind of thing, fixed forever.
_NS_STORY = uuid.UUID("5b1b7f4e-9d0c-5b6e-8a33-2f0e3c1d2a20")
_NS_FEED = uuid.UUID("0f6a2c35-4d4e-5b31-9e8e-7d1c4a6b5f10")
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def story_id(story: str) -> str:
    """Stable entry id of a story (its original's article id): a `urn:uuid:` (uuid5), the same
    on every host, port and rebuild."""
    return f"urn:uuid:{uuid.uuid5(_NS_STORY, story)}"


def feed_id(canonical_query: str) -> str:
    """Stable feed id of a search (its canonical parameter string, `urlencode` of
    `SearchRequest.to_params()` without format)."""
    return f"urn:uuid:{uuid.uuid5(_NS_FEED, canonical_query)}"


def rfc3339(date: str) -> str:
    """An RFC 3339 date-time for an article date: "YYYY-MM-DD" → "YYYY-MM-DDT00:00:00Z" (the
    day as the source states it; no time of day is invented beyond midnight UTC);
    "YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]" kept, seconds and an offset ("Z") added when missing."""
    m = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$",
                 date.strip())
    if not m:
        raise ValueError(f"not an ISO date: {date!r}")
    day, hm, sec, tz = m.groups()
    if not hm:
        return f"{day}T00:00:00Z"
    if tz and tz != "Z" and ":" not in tz:
        tz = tz[:3] + ":" + tz[3:]
    return f"{day}T{hm}{sec or ':00'}{tz or 'Z'}"


def _clean(s: Any) -> str:
    return _BAD_XML.sub("", str(s or ""))


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def atom_feed(feed: dict[str, Any], entries: Iterable[dict[str, Any]]) -> bytes:
    """The feed as UTF-8 bytes with an XML declaration (see the module docstring for shapes)."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _sub(root, "id", feed["id"])
    _sub(root, "title", feed["title"])
    if feed.get("subtitle"):
        _sub(root, "subtitle", feed["subtitle"])
    _sub(root, "updated", feed["updated"])
    author = _sub(root, "author")
    _sub(author, "name", feed.get("author") or "searchapp")
    _sub(root, "link", rel="self", type=MIMETYPE, href=feed["self"])
    _sub(root, "link", rel="alternate", type="text/html", href=feed["html"])
    _sub(root, "generator", "searchapp")
    for e in entries:
        el = _sub(root, "entry")
        _sub(el, "id", e["id"])
        _sub(el, "title", e["title"])
        _sub(el, "updated", e["updated"])
        if e.get("published"):
            _sub(el, "published", e["published"])
        if e.get("author"):
            _sub(_sub(el, "author"), "name", e["author"])
        _sub(el, "link", rel="alternate", type="text/html", href=e["link"])
        for c in e.get("categories") or ():
            _sub(el, "category", term=c)
        if e.get("summary"):
            _sub(el, "summary", e["summary"])
        if e.get("content_html"):
            _sub(el, "content", e["content_html"], type="html")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
