"""One bulk Item → its record, never an exception: the record shapes, the searcher a batch
holds, and the records of a repeated line and of a line after a damaged index.

    answer(handle, item, options) -> record
    Pinned(searcher, owner)                   one searcher of an IndexHandle, for a whole batch
    key(item); repeat(record, item)           what makes two lines the same search; its record
    damaged(item, damage_record)              a later line's record once the index is damaged

Records (dicts, JSON-serialisable):
  answered  {"id", "query", "ok": true, "total": int, "page": int, "pages": int,
             "hits": [{field: value}], "relaxed": bool, "also_searched": [{"word", "variants"}],
             "did_you_mean": {"q", "total", "words"} | null, "notices": [{"code", "text"}],
             "took_ms": float}
            `page` as asked: past the last of `pages` it has no hits and the notice
            `page_past_end` (a script paging until no hits stops)
            `relaxed`: some hits lack query words (best match); each hit's `missing` (a default
            field) names them
            `also_searched`: the thesaurus variants searched with the query's words,
            [{"word", "variants"}] (`thesaurus` off: [])
            `did_you_mean`: a spelling suggestion when the query finds (almost) nothing
            (`search.spelling`; the notice `did_you_mean` says it too), else null; the
            record's hits stay those of the query as written
            `notices` say how the query was read (`searchapp.messages` codes: e.g. date and page
            words applied as filters, `calendar_words`), so a script never gets a silent
            change of meaning
  failed    {"id", "query", "ok": false, "error": str, "status": int, "code": str,
             "error_zh": str, "param"?: str, "valid"?: [str]}    (the one error shape)
            a damaged index file met while searching: "index_damaged" (503, the repair
            hint), for that line and every line after it
`id` is the line's own `id` when it has one (any JSON value, echoed unchanged: a list or object
too), else its 1-based line (or array) position. A line repeating an earlier line's request is
not searched again: it gets that record with its own `id` and `took_ms` 0.0.
"""
from __future__ import annotations

import time
from typing import Any

from searchapp.bulk.items import Item
from searchapp.bulk.options import BulkOptions
from searchapp.errors import SearchAppError
from searchapp.messages import error
from searchapp.search import Borrowed, search

__all__ = ["answer", "Pinned", "key", "repeat", "damaged", "failed", "Record", "DAMAGED"]

Record = dict[str, Any]
#: The code of IndexDamaged's records (errors.IndexDamaged).
DAMAGED = "index_damaged"


def failed(item: Item, e: SearchAppError) -> Record:
    return {"id": item.id, "query": item.query, **e.to_dict()}


class Pinned(Borrowed):
    """One searcher of `owner` (an IndexHandle) held for a whole batch, which still reports
    damage as the handle does (`known_damage`, `damage_behind`)."""

    def __init__(self, searcher: Any, owner: Any):
        super().__init__(searcher)
        self.owner = owner

    def known_damage(self) -> SearchAppError | None:
        return self.owner.known_damage()

    def damage_behind(self, e: Exception) -> SearchAppError | None:
        return self.owner.damage_behind(e)


def answer(handle: Any, item: Item, options: BulkOptions) -> Record:
    """Search one Item against an open IndexHandle (or a `Pinned` searcher of one) → its output
    record. Never raises: a SearchAppError becomes that line's error; an engine failure the
    handle finds to be a damaged index becomes IndexDamaged ("index_damaged", 503, the repair
    hint), for that line and every later one; any other exception an internal error (500)."""
    if item.error is not None or item.request is None:
        return failed(item, item.error)
    known = getattr(handle, "known_damage", None)
    damage = known() if known is not None else None
    if damage is not None:
        return failed(item, damage)
    t0 = time.perf_counter()
    try:
        resp = search(handle, item.request)
    except SearchAppError as e:
        return failed(item, e)
    except Exception as e:  # noqa: BLE001 - one bad query must not end the batch
        behind = getattr(handle, "damage_behind", None)
        damage = behind(e) if behind is not None else None
        if damage is not None:
            return failed(item, damage)
        reason = f"{type(e).__name__}: {e}"
        return failed(item, error(SearchAppError, "bulk_internal", reason=reason))
    fields = options.fields
    if item.request.snippets and "snippet" not in fields:  # the line's own "snippets": true
        fields = fields + ("snippet",)
    hits = []
    for h in resp.hits:
        d = {f: getattr(h, f) for f in fields}
        if "score" in d and isinstance(d["score"], float):
            d["score"] = round(d["score"], 4)
        hits.append(d)
    notices = [{"code": n["code"], "text": n["text"]} for n in resp.query.notice_items]
    return {"id": item.id, "query": item.query, "ok": True, "total": resp.total,
            "page": resp.page, "pages": resp.pages, "hits": hits,
            "relaxed": resp.query.relaxed, "also_searched": resp.query.also_searched,
            "did_you_mean": resp.query.did_you_mean, "notices": notices,
            "took_ms": round((time.perf_counter() - t0) * 1000, 2)}


def damaged(item: Item, damage: Record) -> Record:
    """`item`'s record once a line before it met a damaged index (`damage`, its record): the
    same failure with this line's id, as one process gives every later line (`answer`); the
    workers hold a searcher each and learn of damage only when they meet it themselves, so
    the parent applies the rule in input order. A line that did not parse keeps its own
    error."""
    if item.error is not None or item.request is None:
        return failed(item, item.error)
    return {**damage, "id": item.id, "query": item.query}


def key(item: Item):
    """What makes two lines the same search: the request (None for a line that failed to
    parse: its error record is its own)."""
    return item.request if item.error is None and item.request is not None else None


def repeat(record: Record, item: Item) -> Record:
    """The record of an earlier identical request, for `item`: its own id; no search time."""
    out = dict(record, id=item.id)
    if "took_ms" in out:
        out["took_ms"] = 0.0
    return out
