"""Search: `SearchRequest` → `SearchResponse` (hits, facets, pages, notices, suggestions).

    search(handle, req: SearchRequest) -> SearchResponse
    matching_docs(searcher, plan_or_q, allowed=None) -> (docnums, plan, level, query, notices,
                  unfiltered docnums)                                   every match, no paging
    related(handle, article_id: str, limit=5) -> list[Hit]              more-like-this

`handle` is an `index.IndexHandle` (anything with a `searcher()` context manager yielding an
engine searcher); everything about the index goes through `searchapp.engine`.

Ranking: BM25F (B=0.75, K1=1.2, Robertson & Zaragoza 2009 defaults) with field boosts from
`engine.build` (title ×3, metadata ×1.5, literal match ×0.5 × idf, synonyms ×0.5). Ties are
broken by date (newest first) then id, so pages never shift. Sorts: relevance, newest, oldest
(articles without a date last). The relaxation levels of `engine.build` are tried in order
until something matches (with a notice). See docs/search.md.
"""
from __future__ import annotations

import dataclasses
import math
import time

import numpy as np

from searchapp import engine
from searchapp.analysis import text as _text
from searchapp.messages import notice
from searchapp.model import Article
from searchapp.query.parser import parse
from searchapp.query.plan import Plan
from searchapp.request import SearchRequest, parse_topics
from searchapp.results import Hit, ParsedQuery, SearchResponse
from searchapp.search import facets as F
from searchapp.search.ordering import order
from searchapp.search.snippets import best_snippet, highlight_html, highlight_terms
from searchapp.search.suggest import Borrowed, suggest_requests
from searchapp.vocab import topics as T

__all__ = ["search", "related", "matching_docs"]

_NOTICES = {engine.LOOSE: "relaxed_loose", engine.ANY: "relaxed_any"}  # codes of searchapp.messages


def _topics(searcher) -> list[str]:
    return list(engine.facet_docs(searcher, "topic"))


def _scored_docs(searcher, q) -> dict[int, float]:
    """{docnum: BM25F score rounded to 6 places} of every match of `q`: one scored pass that
    gives both the matching set and the ranking (matching twice cost ~37% of a query's CPU,
    docs/performance.md), evaluated on posting arrays (`array_match`: Whoosh's per-posting
    matcher loop was ~55% of a 31k query)."""
    ids, sc = engine.scored(searcher, q)
    # numpy's rounding to 6 places: the same values as round(x, 6) on all 90,193 scores of
    # 200 real queries × 4 relaxation levels (3k index), ~10× faster
    return dict(zip(ids.tolist(), np.round(sc, 6).tolist()))


def matching_docs(searcher, plan: Plan | str, allowed: set[int] | None = None):
    """(docnums, plan, level, query, notices, unfiltered) of the first relaxation level with a
    match inside `allowed` (None = all documents); `unfiltered` = that query's docnums without
    `allowed`. The STRICT level's docnums are a superset of the articles whose squeezed text
    contains each squeezed query word (literal clause). `notices` are `messages.notice` items."""
    return _matching(searcher, plan, allowed, False)[:6]


def _matching(searcher, plan: Plan | str, allowed: set[int] | None, scored: bool):
    """`matching_docs` plus a 7th item: {docnum: score} of `unfiltered` when `scored` (the
    query is then run once, scored, instead of once for the set and once for the ranking),
    else None."""
    if isinstance(plan, str):
        plan = parse(plan)
    topics = _topics(searcher)
    notices: list[dict] = []

    def run(q):
        if scored:
            sc = _scored_docs(searcher, q)
            return sc.keys(), sc
        return engine.matching_set(searcher, q), None

    q = engine.build(plan, engine.STRICT, topics)
    docs, scores = run(q)
    hit = set(docs) if allowed is None else docs & allowed
    if hit or not plan.groups:
        return hit, plan, engine.STRICT, q, notices, set(docs), scores
    # LOOSE (all groups), then DROP (groups matching nothing left out: strict, then loose), ANY
    steps: list[tuple[int, int, frozenset[int]]] = [(engine.LOOSE, engine.LOOSE, frozenset())]
    empty = []
    for i, g in enumerate(plan.groups):
        gq = engine.group_query(g, engine.LOOSE, topics)
        gd = engine.matching_set(searcher, gq) if gq is not None else set()
        if not (gd if allowed is None else gd & allowed) and not engine.is_required(g):
            empty.append(i)
    if empty and len(empty) < len(plan.groups):
        steps += [(engine.DROP, engine.STRICT, frozenset(empty)), (engine.DROP, engine.LOOSE, frozenset(empty))]
    steps.append((engine.ANY, engine.ANY, frozenset()))
    for level, lvl, skip in steps:
        q = engine.build(plan, lvl, topics, skip)
        docs, scores = run(q)
        hit = set(docs) if allowed is None else docs & allowed
        if hit:
            if level == engine.DROP:
                names = " ".join(plan.groups[i][0].text for i in sorted(skip))
                notices.append(notice("dropped_words", words=names))
                plan = dataclasses.replace(
                    plan, groups=[g for i, g in enumerate(plan.groups) if i not in skip])
            else:
                notices.append(notice(_NOTICES[level]))
            return hit, plan, level, q, notices, set(docs), scores
    q = engine.build(plan, engine.STRICT, topics)
    return set(), plan, engine.STRICT, q, notices, engine.matching_set(searcher, q), None


def _hit(a: Article, score: float, rank: int, terms: list[str], snippets: bool,
         highlight: bool = True) -> Hit:
    h = Hit(id=a.id, title=a.title, score=float(score), rank=rank, source=a.source, date=a.date,
            topics=a.topics, author=a.author, speaker=a.speaker, series=a.series,
            column=a.column, url=a.url, duplicate_of=a.duplicate_of)
    if highlight:
        h.title_html = highlight_html(a.title, terms)
    if snippets:
        h.snippet, h.snippet_html = best_snippet(a.body, terms)
    return h


def search(handle, req: SearchRequest) -> SearchResponse:
    """Run `req` against the index behind `handle`. Never raises for query text (the parser falls
    back to plain words); raises IndexMissing (from the handle) if the index is gone."""
    return _search(handle, req, True)


def _search(handle, req: SearchRequest, suggest: bool) -> SearchResponse:
    t0 = time.perf_counter()
    if req.topics:  # requests built in code (not from_params) may name topics by label
        req = req.with_(topics=parse_topics(req.topics))
    plan = parse(req.q)
    with handle.searcher() as s:
        fsets = {name: F.filter_docs(s, name, getattr(req, attr))
                 for name, attr in F.FACETS.items()}
        dfrom = max([d for d in (req.date_from, plan.date_from) if d], default=None)
        dto = min([d for d in (req.date_to, plan.date_to) if d], default=None)
        dset = engine.date_docs(s, dfrom, dto)
        allowed_all = None
        if any(v is not None for v in fsets.values()) or dset is not None:
            allowed_all = F.intersect(engine.live_docs(s), dset, *fsets.values())
        # main_docs: the query alone (facet counts apply the other facets' filters to it)
        scored = req.sort == "relevance"
        docs, plan, level, q, notices, main_docs, scores = _matching(s, plan, allowed_all,
                                                                      scored)
        if not plan.groups:
            scores = None
        total = len(docs)
        pages = max(1, math.ceil(total / req.size))
        page = min(req.page, pages)
        items = order(s, docs, req.sort, scores, limit=page * req.size)
        terms = highlight_terms(plan, loose=level >= engine.LOOSE)
        notices = _topic_notices(s, req, plan) + notices
        hits = [_hit(engine.stored_article(s, d), sc, (page - 1) * req.size + i + 1, terms, req.snippets,
                     req.highlight)
                for i, (d, sc) in enumerate(items[(page - 1) * req.size: page * req.size])]
        fac: dict[str, list] = {}
        if req.facets:
            for name, attr in F.FACETS.items():
                others = [v for k, v in fsets.items() if k != name]
                base = F.intersect(main_docs, dset, *others)
                fac[name] = F.counts(s, name, base, getattr(req, attr))
        suggestions = (suggest_requests(s, req, plan, _total) if total == 0 and suggest
                       else [])
    items = plan.notice_items + notices
    pq = ParsedQuery(text=req.q, explain=plan.explain(), terms=terms,
                     notices=[n["text"] for n in items], fallback=plan.fallback,
                     notice_items=items)
    return SearchResponse(query=pq, total=total, hits=hits, facets=fac, page=page, size=req.size,
                          pages=pages, took_ms=(time.perf_counter() - t0) * 1000.0,
                          suggestions=suggestions)


def _total(searcher, req: SearchRequest) -> int:
    """Number of hits of `req` over an already-open searcher (no facets, snippets or suggestions)."""
    return _search(Borrowed(searcher), req.with_(facets=False, snippets=False, size=1, page=1),
                   False).total


def _topic_notices(searcher, req: SearchRequest, plan: Plan) -> list[dict]:
    """A notice for each topic filter (parameter or `topic:`) that names no topic of the rule
    file or the index (it selects nothing), listing the valid topics."""
    known = _topics(searcher)
    asked = list(req.topics) + [w.text for w in plan.words() if w.field == "topic"]
    bad = [v for v in dict.fromkeys(asked) if T.resolve(v, known=known) not in known
           and T.resolve(v) is None]
    if not bad:
        return []
    keys = list(dict.fromkeys(T.keys() + sorted(known)))
    valid = ", ".join(k if T.label(k) == k else f"{T.label(k)} ({k})" for k in keys)
    return [notice("unknown_topic", value=v, valid=valid) for v in bad]


#: A related article shares at least this many of the viewed article's key terms (terms of at
#: least RELATED_MIN_TERM_CHARS characters), so a single common word never makes two stories
#: "related" and an article with nothing like it gets an empty list.
RELATED_MIN_SHARED = 2
RELATED_MIN_TERM_CHARS = 2


def related(handle, article_id: str, limit: int = 5) -> list[Hit]:
    """Up to `limit` articles most like `article_id` (its key terms by Whoosh's Bo1 model, Amati
    2003: `engine.similar`), best first, each sharing ≥ RELATED_MIN_SHARED of those key terms;
    each hit keeps its stored `duplicate_of` (so a near-duplicate of the viewed article says
    so). Unknown id → []."""
    with handle.searcher() as s:
        dn = engine.docnum_of(s, article_id)
        if dn is None:
            return []
        key_terms, similar = engine.similar(s, dn, limit * 4)
        terms = [t for t in key_terms if len(t) >= RELATED_MIN_TERM_CHARS]
        need = min(RELATED_MIN_SHARED, len(terms))  # a very short article may have one key term
        out = []
        for d, score in similar:
            a = engine.stored_article(s, d)
            seen = _text.normalize(a.title + "\n" + a.body)
            if sum(1 for t in terms if t in seen) < need:
                continue  # one common word is not "related"
            out.append(_hit(a, score, len(out) + 1, [], False))
            if len(out) >= limit:
                break
        return out
