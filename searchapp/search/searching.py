"""Search: `SearchRequest` → `SearchResponse` (hits, facets, pages, notices, suggestions).

    search(handle, req: SearchRequest) -> SearchResponse
    filtered_matches(searcher, req) -> set[int]    every match, filters applied (no paging)

`handle` is an `index.IndexHandle` (anything with a `searcher()` context manager yielding an
engine searcher); everything about the index goes through `searchapp.engine`.

Steps: parse the query (`query.parse`); the facet and date filters as document sets
(`facets`); the first relaxation level that matches inside them (`relax`); order the matches
(`ordering`); the page's hits with highlights and snippets (`hits`); facet counts; for zero
results, suggestions that really find something (`suggest`); for (almost) no hits holding
every word, a spelling suggestion (`spelling`: notice `did_you_mean` and
`query.did_you_mean`; the hits stay those of the query as typed).

Ranking: BM25F (B=0.75, K1=1.2, Robertson & Zaragoza 2009 defaults) with field boosts from
`engine.build` (title ×3, metadata ×1.5, literal match ×0.5 × idf, synonyms ×0.5). Ties are
broken by date (newest first) then id, so pages never shift. Sorts: relevance, newest, oldest
(articles without a date last). See docs/search.md.
"""
from __future__ import annotations

import difflib
import math
import time

import numpy as np

from searchapp import engine
from searchapp.archive import copies as C
from searchapp.cache import kept_on
from searchapp.messages import notice
from searchapp.query.parser import parse
from searchapp.query.plan import Plan
from searchapp.query.synonyms import topic_named
from searchapp.request import MISSING, SearchRequest, parse_topics
from searchapp.results import FacetValue, Hit, ParsedQuery, SearchResponse
from searchapp.search import facets as F
from searchapp.search.dating import place
from searchapp.search.docsets import inside, union
from searchapp.search.field_notices import field_notices
from searchapp.search.hits import to_hit
from searchapp.search.hyphens import other_spellings
from searchapp.search.ordering import order
from searchapp.search.bestmatch import Matched, best_match, topic_keys
from searchapp.search.amounts import spellings as amount_spellings
from searchapp.search.snippets import Marks, highlight_marks
from searchapp.search.spelling import LOW, did_you_mean
from searchapp.search.suggest import Borrowed, suggest_requests
from searchapp.search.thesaurus import for_search, used
from searchapp.vocab import topics as T
from searchapp.vocab.sources import normalize_source

__all__ = ["search", "filtered_matches", "unknown_topics"]


def search(handle, req: SearchRequest, *, suggest: bool = True) -> SearchResponse:
    """Run `req` against the index behind `handle`. Never raises for query text (the parser falls
    back to plain words); raises IndexMissing (from the handle) if the index is gone.
    `suggest=False`: no spelling or other-search suggestions (the searches they take), for a
    caller that only needs the hits, total and notices."""
    return _search(handle, req, suggest)


def filtered_matches(s, req: SearchRequest) -> set[int]:
    """Every docnum `req` matches over searcher `s` with its filters applied, unordered and
    unpaged: the very set `search` pages through (a followed search's stories start here)."""
    if req.topics:
        req = req.with_(topics=parse_topics(req.topics))
    plan = _plan(req)
    return set(best_match(s, plan, _Filters(s, req, plan).allowed, scored=False,
                          synonyms=for_search(s, req.thesaurus)).docs.tolist())


def _search(handle, req: SearchRequest, suggest: bool) -> SearchResponse:
    t0 = time.perf_counter()
    if req.topics:  # requests built in code (not from_params) may name topics by label
        req = req.with_(topics=parse_topics(req.topics))
    plan = _plan(req)
    with handle.searcher() as s:
        filters = _Filters(s, req, plan)
        thesaurus = for_search(s, req.thesaurus)
        m = best_match(s, plan, filters.allowed, scored=req.sort == "relevance",
                       synonyms=thesaurus)
        total = len(m.docs)
        pages = max(1, math.ceil(total / req.size))
        page = req.page  # past the last page: no hits, and said (a pager's stop signal)
        marks = highlight_marks(m.plan, loose=m.level >= engine.LOOSE,  # `Wi-Fi` for `WiFi` too
                                variants_of=lambda w: thesaurus.variants(w) + other_spellings(s, w)
                                + amount_spellings(w))  # `七十亿` for `70亿`
        hits = _page_hits(s, req, m, page, marks, filters.copies)
        facets = _facet_counts(s, req, filters, m.unfiltered) if req.facets else {}
        suggestions = (suggest_requests(s, req, m.plan, _total) if total == 0 and suggest
                       else [])
        full = _full(m) if suggest else 0
        spelled = (did_you_mean(s, m.plan, full, lambda q: _hits_of(s, req.with_(q=q)),
                                _whole(m)) if suggest and full <= LOW else None)
        first = [n for n in m.notices if n["code"] in _FIRST]  # the answer is about these
        past = [notice("page_past_end", page=page, pages=pages)] if page > pages else []
        notices = (past + _request_notices(req) + m.plan.notice_items + first + filters.notices
                   + _topic_notices(s, req, m.plan) + _source_notices(s, req, m.plan)
                   + field_notices(s, m.plan)
                   + [n for n in m.notices if n["code"] not in _FIRST])
        if spelled:  # last: after what explains the answer
            notices.append(notice("did_you_mean", q=spelled["q"], total=spelled["total"]))
    pq = ParsedQuery(text=req.q, explain=m.plan.explain(), terms=list(marks.terms),
                     notices=[n["text"] for n in notices], fallback=m.plan.fallback,
                     notice_items=notices, relaxed=m.relaxed,
                     also_searched=used(m.plan, thesaurus), did_you_mean=spelled)
    return SearchResponse(query=pq, total=total, hits=hits, facets=facets, page=page,
                          size=req.size, pages=pages,
                          took_ms=(time.perf_counter() - t0) * 1000.0, suggestions=suggestions,
                          marks=marks)


class _Filters:
    """The request's facet filters (`by_facet`: facet → ascending docnums or None), its date
    range and printed pages (`dates`: request and `date:` bounds and the date words placed in
    the archive (`dating`), narrowest, and the plan's pages; None when neither is set),
    `allowed`: the documents they all let through (ascending; None when there is no filter),
    and `notices` about the page and date words. Pages and dates excluded by the query
    (`-page:1`, `NOT date:…`) are taken out of `dates`, and so are the hidden identical copies
    (`copies`: `archive.copies`, each listed once, naming its other files), so totals, pages
    and facet counts agree. The plan's date bounds are narrowed to
    what is applied (so its `explain` shows it)."""

    def __init__(self, s, req: SearchRequest, plan: Plan):
        self.by_facet = {name: F.filter_docs(s, name, getattr(req, attr))
                         for name, attr in F.FACETS.items()}
        placed = place(plan, engine.day_counts(s) if plan.date_words else {})
        self.notices = placed.notices
        dfrom = max([d for d in (req.date_from, plan.date_from, placed.date_from) if d],
                    default=None)
        dto = min([d for d in (req.date_to, plan.date_to, placed.date_to) if d], default=None)
        if dfrom and dto and dfrom > dto:  # two days, or a day outside the from/to range
            self.notices.append(notice("dates_disjoint", date_from=dfrom, date_to=dto))
        if placed.date_from or placed.date_to:
            plan.date_from = max(d for d in (plan.date_from, placed.date_from) if d)
            plan.date_to = min(d for d in (plan.date_to, placed.date_to) if d)
        self.dates = engine.date_docs(s, dfrom, dto)
        pages = engine.page_docs(s, plan.pages)
        if pages is not None:
            self.dates = pages if self.dates is None else F.intersect(self.dates, pages)
        left_out = [engine.page_docs(s, plan.not_pages)] + [
            engine.date_docs(s, lo, hi) for lo, hi in plan.not_dates]
        left_out = [d for d in left_out if d is not None]
        if left_out:  # -page:1, -date:…: every article the dates and pages allow but those
            base = engine.live_docs(s) if self.dates is None else self.dates
            self.dates = base[~inside(base, union(left_out))]
        self.copies, listed = identical_copies(s)
        if listed is not None:  # identical copies are listed once (`archive.copies`): a view
            self.dates = listed if self.dates is None else self.dates[inside(self.dates, listed)]
        self.allowed = None
        if any(v is not None for v in self.by_facet.values()) or self.dates is not None:
            self.allowed = F.intersect(engine.live_docs(s), self.dates, *self.by_facet.values())


#: Notices shown first after those on how the query was read: a word found nowhere explains
#: the whole answer.
_FIRST = ("words_not_found", "phrase_not_found")


def identical_copies(s) -> tuple[C.Copies, np.ndarray | None]:
    """(the identical copies of the searcher's generation, `archive.copies`; the live docnums
    that are not hidden copies, ascending, or None when none is hidden), kept on the searcher:
    a search filters by them without a per-query pass over the hidden ones."""
    def compute():
        found = C.read(engine.generation_folder(s))
        docs = (engine.docnum_of(s, i) for i in found.hidden)
        hidden = np.asarray(sorted(d for d in docs if d is not None), dtype=np.int64)
        if not len(hidden):
            return found, None
        live = engine.live_docs(s)
        return found, live[~inside(live, hidden)]

    return kept_on(s, "_searchapp_copies", compute)


def _page_hits(s, req: SearchRequest, m: Matched, page: int, marks: Marks,
               copies: C.Copies = C.EMPTY) -> list[Hit]:
    """The hits of `page`, in the request's order (no scores for a browse: nothing to rank),
    each with the words it lacks (best match) and the other files it is in (`also_in`: an
    identical copy's file and id; `duplicate_of` names a listed article)."""
    scores = m.scores if m.plan.groups else None
    items = order(s, m.docs, req.sort, scores, limit=page * req.size, tiers=m.coverage)
    first = (page - 1) * req.size
    hits = []
    for i, (d, sc) in enumerate(items[first:page * req.size]):
        h = to_hit(engine.kept_article(s, d), sc, first + i + 1, marks, req.snippets,
                   req.highlight)
        h.missing = m.missing_words(int(np.searchsorted(m.docs, d)))
        if copies.hidden or copies.also_in:
            h.also_in = [{"file": f, "id": i} for f, i in copies.also_in.get(h.id, ())]
            dup = copies.listed(h.duplicate_of)
            h.duplicate_of = None if dup == h.id else dup
        hits.append(h)
    return hits


def _facet_counts(s, req: SearchRequest, filters: _Filters,
                  query_docs) -> dict[str, list[FacetValue]]:
    """Each facet's values counted over the query's matches with the dates and the OTHER
    facets' filters applied (so selecting a value shows exactly its count)."""
    out = {}
    for name, attr in F.FACETS.items():
        others = [v for k, v in filters.by_facet.items() if k != name]
        base = F.intersect(query_docs, filters.dates, *others)
        out[name] = F.counts(s, name, base, getattr(req, attr))
    return out


def _total(searcher, req: SearchRequest) -> int:
    """Number of hits of `req` over an already-open searcher (no facets, snippets or suggestions)."""
    return _search(Borrowed(searcher), req.with_(facets=False, snippets=False, size=1, page=1),
                   False).total


def _full(m: Matched) -> int:
    """Hits of `m` that hold every word of the query as a whole (no `missing` word)."""
    if m.missing is None or not len(m.docs):
        return len(m.docs)
    return int((~m.missing.any(axis=1)).sum())


def _whole(m: Matched) -> dict[str, int]:
    """{plain word (OR-group label): hits of `m` holding it as a whole}."""
    if m.missing is None:
        return {w: len(m.docs) for w in m.labels}
    return {w: int((~m.missing[:, j]).sum()) for j, w in enumerate(m.labels)}


def _hits_of(s, req: SearchRequest) -> tuple[int, int]:
    """(hits, hits holding every word as a whole) of `req` over an open searcher: its filters
    and best match only (no ordering, snippets, facets or suggestions)."""
    if req.topics:
        req = req.with_(topics=parse_topics(req.topics))
    plan = _plan(req)
    m = best_match(s, plan, _Filters(s, req, plan).allowed, scored=False,
                   synonyms=for_search(s, req.thesaurus))
    return len(m.docs), _full(m)


def _plan(req: SearchRequest):
    """The query plan of `req`: `parse(req.q)`, marked unsearchable (matches nothing) when the
    text as sent held only control or invisible characters (`query_controls_only`)."""
    plan = parse(req.q)
    if "query_controls_only" in req.notices:
        plan.unsearchable = True
    return plan


def _request_notices(req: SearchRequest) -> list[dict]:
    """The notices of what reading the request's parameters changed (`SearchRequest.notices`)."""
    return [notice(code, a=req.date_from, b=req.date_to) for code in req.notices]


def unknown_topics(searcher, values) -> tuple[list[str], str]:
    """(the topic filter values of `values` that name no topic of the rule file or the index
    of `searcher` — they select nothing —, in order, each once; the valid topics as one line,
    "" when every value is known). The search answers each with a notice (`unknown_topic`);
    the CLI refuses a `--topic` value with the same words."""
    known = topic_keys(searcher)
    bad = [v for v in dict.fromkeys(values) if topic_named(v, known=known) not in known
           and topic_named(v) is None]
    if not bad:
        return [], ""
    keys = list(dict.fromkeys(T.keys() + sorted(known)))
    return bad, ", ".join(k if T.label(k) == k else f"{T.label(k)} ({k})" for k in keys)


def _topic_notices(searcher, req: SearchRequest, plan: Plan) -> list[dict]:
    """A notice for each topic filter (parameter or `topic:`) that names no topic of the rule
    file or the index (`unknown_topics`), listing the valid topics."""
    asked = list(req.topics) + [w.text for w in plan.words() if w.field == "topic"]
    bad, valid = unknown_topics(searcher, asked)
    return [notice("unknown_topic", value=v, valid=valid) for v in bad]


def _source_notices(searcher, req: SearchRequest, plan: Plan) -> list[dict]:
    """A notice for each source filter that no article of the index carries: the outlet it is
    filed under when it is an alias of one (`source_alias`, also for a `source:` word of the
    query), else that it selects nothing, naming up to three similar sources (difflib's ratio
    ≥ 0.5) when there are some: for a `source:` word of the query, when its words (matched
    loosely) select no article either, so the query form and the parameter say the same.
    Reads the facet's value names (`engine.facet_arrays`), a `source:` word that is no
    outlet's name is matched once; nothing without a filter or `source:` word."""
    words = [w for g in plan.groups for w in g if w.field == "source"]
    if not req.sources and not words:
        return []
    f = engine.facet_arrays(searcher, "source")
    known = [v for i, v in enumerate(f.values) if f.bounds[i + 1] > f.bounds[i]]  # live ones
    out = []
    for w in words:  # `source:新浪`: its words match too, so only the alias is said
        v, filed = w.text, normalize_source(w.text)
        if v in known:
            continue
        if filed != v and filed in known:
            out.append(notice("source_alias", value=v, filed=filed))
        elif not engine.matching_set(searcher, engine.group_query([w], engine.LOOSE)):
            out.append(_unknown_source(v, known))  # selects nothing: said as for `source=`
    for v in req.sources:
        if v in known or v == MISSING:
            continue
        filed = normalize_source(v)
        if filed in known:  # an alias of an outlet: filtered by the name it is filed under
            out.append(notice("source_alias", value=v, filed=filed))
            continue
        out.append(_unknown_source(v, known))
    return out


def _unknown_source(v: str, known: list[str]) -> dict:
    near = difflib.get_close_matches(v, known, n=3, cutoff=0.5)
    return notice("unknown_source_near" if near else "unknown_source", value=v,
                  near="、".join(near))
