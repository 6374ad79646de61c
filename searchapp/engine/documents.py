"""What an open searcher holds, as plain data: stored articles, facet values, dates, sort keys.

Every function takes a searcher from `Generation.searcher()` (opaque to the caller) and
returns plain Python values; docnums are the searcher's top-level document numbers.

    stored_article(s, docnum) -> Article          article_by_id(s, id) -> Article | None
    docnum_of(s, id) -> int | None                all_articles(s) -> iterator of Article
    doc_count(s) -> int (live)                    doc_count_all(s) -> int (deleted included)
    generation_folder(s) -> Path | None           where the generation's own files are
    live_docs(s) -> int64 array                   index_key(s) -> tuple | None (cache key)
    facet_docs(s, facet) -> {value: frozenset}    facet_arrays(s, facet) -> genarrays.Facet
    date_docs(s, lo, hi) -> int64 array | None    sort_ranks(s) -> (newest, oldest) int32 arrays
    arrays(s) -> genarrays.GenArrays              the generation's arrays (written with it)
    page_docs(s, pages) -> int64 array | None     printed on any of `pages`
    day_counts(s) -> {ISO day: live articles}
    compounds(s, term, limit) -> [term]          indexed words that start with `term`
    sort_columns(s) -> (dates, ids)               docnum -> stored date / id, or None
    column(s, name) -> docnum -> value            any sortable field (story, story_date, …)
    similar(s, docnum, limit) -> (key terms, [(docnum, score)])      more-like-this
"""
from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from whoosh import query as Q

from searchapp.cache import BoundedCache, kept_on
from searchapp.engine.build import TITLE_BOOST
from searchapp.engine.match.keys import index_key, storage_folder
from searchapp.engine.match.termdict import prefix_terms
from searchapp.engine.store import genarrays
from searchapp.engine.store.schema import FACET_FIELDS, stored_to_article
from searchapp.model import Article

__all__ = ["stored_article", "article_by_id", "docnum_of", "all_articles", "doc_count",
           "doc_count_all", "live_docs", "index_key", "facet_docs", "facet_arrays", "date_docs",
           "sort_ranks", "arrays", "storage_folder", "page_docs", "day_counts", "compounds",
           "sort_columns", "column", "similar", "generation_folder",
           "KEY_TERMS", "KEY_TERMS_IN_TITLE"]

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


def generation_folder(s) -> Path | None:
    """The folder of the generation the searcher reads (per-generation files beside the index,
    e.g. the mined abbreviation pairs), or None for an empty index or one not in a folder."""
    leaves = s.reader().leaf_readers()
    return storage_folder(leaves[0][0]) if leaves else None


def doc_count(s) -> int:
    """Live (not deleted) documents."""
    return s.doc_count()


def doc_count_all(s) -> int:
    """Documents including deleted ones (the docnum range)."""
    return s.doc_count_all()


def live_docs(s) -> np.ndarray:
    """Every live docnum, ascending (int64); kept on the searcher (its reader never changes)."""
    def compute():
        g = arrays(s)
        return np.arange(g.n, dtype=np.int64) if g.live is None else np.flatnonzero(g.live)

    return kept_on(s, "_searchapp_live", compute)


#: Arrays computed in this process for generations written without them, per index state.
_COMPUTED = BoundedCache(4)


def arrays(s) -> genarrays.GenArrays:
    """The generation's arrays (ranks, facets, dates: `store.genarrays`), memory-mapped from
    the files written with the generation, or computed once per index state in this process
    when the generation has none (written before they existed) or they do not match; kept on
    the searcher."""
    def compute():
        reader = s.reader()
        leaves = reader.leaf_readers()
        folder = storage_folder(leaves[0][0]) if leaves else None
        got = genarrays.load(reader, folder) if folder is not None else None
        if got is not None:
            return got
        key = index_key(s)
        got = _COMPUTED.get(key) if key is not None else None
        if got is None:
            got = genarrays.compute(reader)
            if key is not None:
                got = _COMPUTED.put(key, got)
        return got

    return kept_on(s, "_searchapp_arrays", compute)


def facet_docs(s, facet: str) -> dict[str, frozenset[int]]:
    """{value: live docnums} of a facet (a name of `FACET_FIELDS`), every value the index
    holds; kept on the searcher. KeyError for another facet name. The facets of the generation
    arrays (`genarrays.ARRAY_FACETS`) come from them; the others from the index's terms."""
    fieldname = FACET_FIELDS[facet]
    if facet in genarrays.ARRAY_FACETS:
        fc = arrays(s).facets[facet]
        return {v: frozenset(fc.docs_of(i).tolist()) for i, v in enumerate(fc.values)}
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


def page_docs(s, pages) -> np.ndarray | None:
    """Ascending docnums (int64) printed on any of `pages` (ints; the `page` field). Articles
    without a page never match. None when `pages` is empty (no filter)."""
    if not pages:
        return None
    q = Q.Or([Q.NumericRange("page", p, p) for p in sorted(pages)])
    return np.array(sorted(s.docs_for_query(q)), dtype=np.int64)


def facet_arrays(s, facet: str) -> genarrays.Facet:
    """A search facet's values and postings as arrays (`store.genarrays.Facet`), one of
    `genarrays.ARRAY_FACETS`; KeyError for another name."""
    return arrays(s).facets[facet]


def date_docs(s, date_from: str | None, date_to: str | None) -> np.ndarray | None:
    """Ascending docnums (int64) whose date is within [date_from, date_to] (inclusive ISO
    days; either may be None; compared as the index's date terms, as Whoosh's TermRange from
    `date_from` or "0000" to `date_to` or "9999" followed by U+FFFF). Articles without a date
    never match. None when both bounds are None."""
    if not date_from and not date_to:
        return None
    g = arrays(s)
    lo = bisect.bisect_left(g.dates, date_from or "0000")
    hi = bisect.bisect_right(g.dates, (date_to or "9999") + "\uffff")
    return np.flatnonzero((g.date_of >= lo) & (g.date_of < hi))


#: (index key, term) → compound terms, across searchers of the same index state.
_COMPOUNDS = BoundedCache(20_000)
#: Fields whose terms `compounds` looks at (the word fields plain query words search).
COMPOUND_FIELDS = ("title", "body")


def compounds(s, term: str, limit: int, shortest: int = 2) -> list[str]:
    """Indexed words that start with `term` and are longer (`三峡` → 三峡库区, 三峡工地: the
    word inside compounds the tokenizer keeps whole), title and body terms, the `limit` with
    most documents (ties alphabetical); [] for a term shorter than `shortest` characters (a
    unit after a number, `亿` → 亿元, 亿美元, is looked up with 1). Kept per index state."""
    if len(term) < shortest:
        return []
    key = (index_key(s), term, limit)
    got = _COMPOUNDS.get(key) if key[0] is not None else None
    if got is not None:
        return got
    # per segment: its terms with the prefix and their document frequencies, read from its
    # term file (`termdict.prefix_terms`: Whoosh's expand_prefix + doc_frequency, summed over
    # segments as its MultiReader does)
    pre = term.encode("utf-8")
    freq: dict[str, int] = {}
    for r, _ in s.reader().leaf_readers():
        for f in COMPOUND_FIELDS:
            for tb, df in prefix_terms(r, f, pre):
                t = tb.decode("utf-8")
                if t != term:
                    freq[t] = freq.get(t, 0) + df
    got = [t for t, _ in sorted(freq.items(), key=lambda x: (-x[1], x[0]))[:limit]]
    if key[0] is not None:
        got = _COMPOUNDS.put(key, got)
    return got


def day_counts(s) -> dict[str, int]:
    """{ISO day "YYYY-MM-DD": live articles dated that day} over the whole index (a date with a
    time counts for its day), from the generation's arrays. Used to place a date typed without
    a year (`1月28日`) in a year the archive holds. Kept on the searcher (read only: callers
    never change it)."""
    def compute() -> dict[str, int]:
        g = arrays(s)
        per = np.bincount(g.date_of[g.date_of >= 0], minlength=len(g.dates))
        out: dict[str, int] = {}
        for d, n in zip(g.dates, per.tolist()):
            if n and len(d) >= 10:
                out[d[:10]] = out.get(d[:10], 0) + n
        return out

    return kept_on(s, "_searchapp_day_counts", compute)


def sort_ranks(s) -> tuple[np.ndarray, np.ndarray]:
    """(rank newest-first, rank oldest-first): int32 arrays over every docnum; ordering by rank
    is date (newest or oldest first; undated last in both), then id ascending."""
    g = arrays(s)
    return g.rank_newest, g.rank_oldest


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
