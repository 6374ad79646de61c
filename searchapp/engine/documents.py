"""What an open searcher holds, as plain data: stored articles, facet values, dates, sort keys.

Every function takes a searcher from `Generation.searcher()` (opaque to the caller) and
returns plain Python values; docnums are the searcher's top-level document numbers.

    stored_article(s, docnum) -> Article          article_by_id(s, id) -> Article | None
    docnum_of(s, id) -> int | None                all_articles(s) -> iterator of Article
    doc_count(s) -> int (live)                    doc_count_all(s) -> int (deleted included)
    live_docs(s) -> frozenset[int]                index_key(s) -> tuple | None (cache key)
    facet_docs(s, facet) -> {value: frozenset}    date_docs(s, lo, hi) -> frozenset | None
    page_docs(s, pages) -> frozenset | None       printed on any of `pages`
    sort_columns(s) -> (dates, ids)               docnum -> stored date / id, or None
    column(s, name) -> docnum -> value            any sortable field (story, story_date, …)
    similar(s, docnum, limit) -> (key terms, [(docnum, score)])      more-like-this
"""
from __future__ import annotations

import bisect
from typing import Any, Iterator

from whoosh import query as Q

from searchapp.cache import kept_on
from searchapp.engine.build import TITLE_BOOST
from searchapp.engine.match.keys import index_key
from searchapp.engine.store.schema import FACET_FIELDS, stored_to_article
from searchapp.model import Article

__all__ = ["stored_article", "article_by_id", "docnum_of", "all_articles", "doc_count",
           "doc_count_all", "live_docs", "index_key", "facet_docs", "date_docs", "page_docs",
           "sort_columns", "column", "similar", "KEY_TERMS", "KEY_TERMS_IN_TITLE"]

#: Key terms of an article asked for by `similar` (Whoosh's Bo1 model, Amati 2003), and how
#: many of the best are also looked for in titles.
KEY_TERMS = 20
KEY_TERMS_IN_TITLE = 8


def stored_article(s, docnum: int) -> Article:
    """The Article stored under `docnum`."""
    return stored_to_article(s.stored_fields(docnum))


def docnum_of(s, article_id: str) -> int | None:
    """The live docnum of the article with this id, or None."""
    return s.document_number(id=article_id)


def article_by_id(s, article_id: str) -> Article | None:
    """The stored Article with this id, or None."""
    stored = s.document(id=article_id)
    return stored_to_article(stored) if stored else None


def all_articles(s) -> Iterator[Article]:
    """Every live stored Article, in docnum order."""
    for sf in s.all_stored_fields():
        yield stored_to_article(sf)


def doc_count(s) -> int:
    """Live (not deleted) documents."""
    return s.doc_count()


def doc_count_all(s) -> int:
    """Documents including deleted ones (the docnum range)."""
    return s.doc_count_all()


def live_docs(s) -> frozenset[int]:
    """Every live docnum, kept on the searcher (its reader never changes)."""
    return kept_on(s, "_searchapp_live", lambda: frozenset(s.reader().all_doc_ids()))


def facet_docs(s, facet: str) -> dict[str, frozenset[int]]:
    """{value: live docnums} of a facet ("source", "topic", "month": `FACET_FIELDS`), every
    value the index holds; kept on the searcher. KeyError for another facet name."""
    fieldname = FACET_FIELDS[facet]
    cache = kept_on(s, "_searchapp_facets", dict)
    if fieldname not in cache:
        r = s.reader()
        out: dict[str, frozenset[int]] = {}
        if fieldname in r.indexed_field_names():
            for tb in r.lexicon(fieldname):
                v = tb.decode("utf-8") if isinstance(tb, bytes) else tb
                ids = r.postings(fieldname, tb).all_ids()
                out[v] = (frozenset(d for d in ids if not r.is_deleted(d)) if r.has_deletions()
                          else frozenset(ids))
        cache[fieldname] = out
    return cache[fieldname]


def page_docs(s, pages) -> frozenset[int] | None:
    """Docnums printed on any of `pages` (ints; the `page` field). Articles without a page never
    match. None when `pages` is empty (no filter)."""
    if not pages:
        return None
    q = Q.Or([Q.NumericRange("page", p, p) for p in sorted(pages)])
    return frozenset(s.docs_for_query(q))


def date_docs(s, date_from: str | None, date_to: str | None) -> frozenset[int] | None:
    """Docnums whose date is within [date_from, date_to] (inclusive ISO days; either may be
    None). Articles without a date never match. None when both bounds are None."""
    if not date_from and not date_to:
        return None
    q = Q.TermRange("date", date_from or "0000", (date_to or "9999") + "\uffff")
    return frozenset(s.docs_for_query(q))


class _Column:
    """Top-level docnum → a stored column's value (None where a segment lacks the column),
    read segment by segment. Whoosh's `MultiReader.column_reader` leaves segments without the
    column out of its offset table, which shifts every later docnum (IndexError, or another
    document's date): an index whose newer segment holds only undated articles (an added file
    of undated pages, or one writer's half of a parallel build) must still sort."""

    def __init__(self, s, name: str):
        self.offsets: list[int] = []
        self.cols: list = []
        for r, off in s.reader().leaf_readers():
            self.offsets.append(off)
            self.cols.append(r.column_reader(name, translate=True) if r.has_column(name) else None)

    def __bool__(self) -> bool:
        return any(c is not None for c in self.cols)

    def __getitem__(self, d: int):
        i = bisect.bisect_right(self.offsets, d) - 1
        col = self.cols[i]
        return None if col is None else col[d - self.offsets[i]]


def sort_columns(s) -> tuple[Any, Any]:
    """(dates, ids): docnum → the stored ISO date / article id (None where missing), each None
    when no segment has the column; kept on the searcher (creating a column reader reads its
    whole offset table)."""
    def compute():
        dates, ids = _Column(s, "date"), _Column(s, "id")
        return (dates or None, ids or None)

    return kept_on(s, "_searchapp_cols", compute)


def column(s, name: str) -> Any:
    """docnum → the value of sortable field `name` ("story", "story_date", "edition", "page",
    "date", "id"; None where missing), or None when no segment has the column; kept on the
    searcher."""
    cache = kept_on(s, "_searchapp_named_cols", dict)
    if name not in cache:
        col = _Column(s, name)
        cache[name] = col or None
    return cache[name]


def similar(s, docnum: int, limit: int) -> tuple[list[str], list[tuple[int, float]]]:
    """More like `docnum`: (its key terms by Whoosh's Bo1 model (Amati 2003) over title and
    body, best first; up to `limit` other live documents as (docnum, score), best first, by an
    Or of those terms in body (their Bo1 weights as boosts) and of the best KEY_TERMS_IN_TITLE
    in title (× TITLE_BOOST)). No key terms → ([], [])."""
    sf = s.stored_fields(docnum)
    text = (sf.get("title") or "") + "\n" + (sf.get("body") or "")
    kts = s.key_terms_from_text("body", text, numterms=KEY_TERMS)
    if not kts:
        return [], []
    q = Q.Or([Q.Term("body", t, boost=w) for t, w in kts] +
             [Q.Term("title", t, boost=w * TITLE_BOOST) for t, w in kts[:KEY_TERMS_IN_TITLE]])
    res = s.search(q, limit=limit, mask={docnum})
    return [t for t, _ in kts], [(h.docnum, h.score or 0.0) for h in res]
