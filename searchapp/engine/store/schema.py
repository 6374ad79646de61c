"""The Whoosh schema of searchapp and the Article ⇄ document mapping.

    make_schema() -> whoosh.fields.Schema
    to_document(article: Article) -> dict        (keyword arguments for writer.add_document)
    stored_to_article(stored_fields: dict) -> Article
    schema_signature() -> str                    names the fields and their kinds (manifests)
    format_version() -> str                      the on-disk format: the Whoosh version

Fields:
  id        ID, stored, unique (Article.id)
  title     word field (WordTokenizer, positions in tokens, character offsets), stored as printed
  body      word field, stored as printed
  meta      word field over source, author, speaker, series, column, subtitle (not stored)
  source_t  word field over source (for `source:` words), author, speaker: word fields (stored)
  literal   column (zlib): the literal form of title | body | each metadata value
            (`analysis.literal`, the fields separated by breaks), scanned by
            `engine.match.literal.LiteralQuery` for the exact-substring recall guarantee
  source    whole value (facet, sortable, stored)
  topics    multi-valued keyword, whole values separated by "," (facet); topics_json stored
  month     "YYYY-MM" (facet, sortable); date: the date as printed, ISO, with the time and its
            UTC offset when the source gave them (`searchapp.dates`; sortable, stored): day
            filters, facets and editions use its local date; newest/oldest order by its instant
            in UTC (`genarrays`)
  series, column, subtitle, url, kind, duplicate_of: stored; origin_json, extra_json: stored JSON
  page      printed page (int, stored, sortable)
  edition   publication + issue key of `archive.edition_of` (whole value: calendar, issue view)
  story     id of the story's original (`Article.lineage["story"]`; whole value: its copies)
  story_date  the story's first day (sortable column: followed searches order stories by it)
  lineage   role 原发/转载 as "original" | "reprint" | "undetermined" (facet); lineage_json stored
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

import whoosh
from whoosh import columns, fields

from searchapp.engine.store.analyzer import word_analyzer
from searchapp.analysis.literal import FIELD_BREAK, literal_text
from searchapp.archive.editions import edition_of
from searchapp.model import Article

__all__ = ["make_schema", "to_document", "stored_to_article", "schema_signature", "format_version",
           "META_FIELDS", "TOPIC_SEP", "FACET_FIELDS"]

#: Article attributes gathered into the `meta` word field.
META_FIELDS = ("source", "author", "speaker", "series", "column", "subtitle")
#: Separator of the multi-valued `topics` keyword field (a "," inside a label becomes " ").
TOPIC_SEP = ","
#: Facet name (as in `SearchResponse.facets`) → the whole-value field holding it.
FACET_FIELDS = {"source": "source", "topic": "topics", "month": "month", "lineage": "lineage",
                "edition": "edition", "story": "story"}


def make_schema() -> fields.Schema:
    """A fresh Schema (see the module docstring for the fields). Whoosh pickles it into each
    index's table of contents, but searchapp always opens an index with this schema
    (`engine.reader`), so the pickled class paths never need to import; `schema_signature`
    in the manifest says whether the stored index has these fields."""
    wa = word_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        title=fields.TEXT(analyzer=wa, stored=True, phrase=True),
        body=fields.TEXT(analyzer=wa, stored=True, phrase=True),
        meta=fields.TEXT(analyzer=wa, stored=False, phrase=True),
        source_t=fields.TEXT(analyzer=wa, stored=False, phrase=True),
        author=fields.TEXT(analyzer=wa, stored=True, phrase=True),
        speaker=fields.TEXT(analyzer=wa, stored=True, phrase=True),
        literal=fields.COLUMN(columns.CompressedBytesColumn()),
        source=fields.ID(stored=True, sortable=True),
        topics=fields.KEYWORD(stored=False, commas=True, scorable=False, lowercase=False),
        topics_json=fields.STORED(),
        month=fields.ID(stored=False, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        series=fields.STORED(),
        column=fields.STORED(),
        subtitle=fields.STORED(),
        url=fields.STORED(),
        kind=fields.STORED(),
        duplicate_of=fields.STORED(),
        origin_json=fields.STORED(),
        extra_json=fields.STORED(),
        page=fields.NUMERIC(int, stored=True, sortable=True),
        edition=fields.ID(stored=True, sortable=True),
        story=fields.ID(stored=True, sortable=True),
        story_date=fields.ID(stored=False, sortable=True),
        lineage=fields.ID(stored=False),
        lineage_json=fields.STORED(),
    )


def _meta_values(a: Article) -> list[str]:
    return [v for v in (getattr(a, f) for f in META_FIELDS) if v]


def _meta_text(a: Article) -> str:
    """The `meta` field's text: the values joined by FIELD_BREAK, a break the analyzer leaves a
    position gap at (a phrase never runs from the source into the author)."""
    return FIELD_BREAK.join(_meta_values(a))


def to_document(article: Article) -> dict[str, Any]:
    """Keyword arguments for `writer.add_document` / `update_document` for one Article.

    Text is passed as printed (the analyzers normalise). Missing values are left out (Whoosh
    then stores nothing). Raises TypeError if `article` is not an Article.
    """
    if not isinstance(article, Article):
        raise TypeError(f"to_document needs an Article, got {type(article).__name__}")
    a = article
    meta = _meta_text(a)
    doc: dict[str, Any] = {
        "id": a.id,
        "title": a.title or "",
        "body": a.body or "",
        "literal": literal_text(a.title, a.body, *_meta_values(a)),
        "topics_json": json.dumps(list(a.topics or []), ensure_ascii=False),
        "origin_json": json.dumps(a.origin or {}, ensure_ascii=False),
        "extra_json": json.dumps(a.extra or {}, ensure_ascii=False),
    }
    if meta:
        doc["meta"] = meta
    if a.source:
        doc["source"] = a.source
        doc["source_t"] = a.source
    for f in ("author", "speaker", "series", "column", "subtitle", "url", "kind", "duplicate_of"):
        v = getattr(a, f)
        if v:
            doc[f] = v
    if a.topics:
        doc["topics"] = TOPIC_SEP.join(t.replace(TOPIC_SEP, " ").strip() for t in a.topics)
    if a.date:
        doc["date"] = a.date
        if len(a.date) >= 7:
            doc["month"] = a.date[:7]
    if a.page:
        doc["page"] = int(a.page)
    ed = edition_of(a)
    if ed is not None:
        doc["edition"] = ed.key
    lin = a.lineage or {}
    doc["story"] = lin.get("story") or a.id
    if lin.get("story_day") or a.date:
        doc["story_date"] = lin.get("story_day") or a.date[:10]
    if lin.get("role"):
        doc["lineage"] = lin["role"]
        doc["lineage_json"] = json.dumps(lin, ensure_ascii=False)
    return doc


def stored_to_article(stored_fields: dict[str, Any]) -> Article:
    """Rebuild the Article from a hit's stored fields (`searcher.stored_fields(docnum)` or
    `hit.fields()`). Unknown keys are ignored; JSON fields that fail to parse become empty."""
    sf = stored_fields

    def js(key: str, default: Any) -> Any:
        raw = sf.get(key)
        if not raw:
            return default
        try:
            return json.loads(raw)
        except (TypeError, ValueError):
            return default

    return Article(
        id=sf.get("id", ""),
        title=sf.get("title", "") or "",
        body=sf.get("body", "") or "",
        source=sf.get("source") or None,
        date=sf.get("date") or None,
        author=sf.get("author") or None,
        speaker=sf.get("speaker") or None,
        series=sf.get("series") or None,
        column=sf.get("column") or None,
        subtitle=sf.get("subtitle") or None,
        url=sf.get("url") or None,
        kind=sf.get("kind") or None,
        topics=list(js("topics_json", [])),
        origin=dict(js("origin_json", {})),
        extra=dict(js("extra_json", {})),
        duplicate_of=sf.get("duplicate_of") or None,
        page=sf.get("page") or None,
        lineage=js("lineage_json", None),
    )


def schema_signature() -> str:
    """sha1 hex of every field's name, kind, analyzer class name and storage options: equal for
    two schemas that read and write the same data (recorded in each generation's manifest, so
    an index written with other fields is refused instead of misread)."""
    parts = []
    for name, f in sorted(make_schema().items()):
        analyzer = getattr(f, "analyzer", None)
        parts.append("|".join(map(str, (
            name, type(f).__name__, type(analyzer).__name__ if analyzer is not None else "",
            f.stored, f.scorable, f.unique, type(f.format).__name__ if f.format else "",
            type(f.column_type).__name__ if f.column_type else ""))))
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def format_version() -> str:
    """The on-disk format's version: "whoosh 2.7.5" (part of the index fingerprint)."""
    return f"whoosh {whoosh.versionstring()}"
