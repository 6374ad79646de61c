"""The rows a frozen result list keeps (`searchapp.cite`): a search's whole ordered result list
with what a citation needs of each article.

    result_items(handle, req, limit) -> (items, total)
    with_live_names(handle, items) -> items       the publication names the index knows now

An item: {"id", "title", "source", "publication" (the name to cite: `Edition.display_name`;
None for an article that states no source: the archive's placeholder `NO_SOURCE` is a key, not a
name to cite), "publication_key" (the archive's key), "named" (False: known only by a file-name
key, or no source stated), "issn",
"issue", "issue_date", "issue_number" and "issue_year" (the 期号 the issue prints and its
year, `Edition.number`; None when it prints none), "issue_total" (the running count 总第N期 it
prints, `Edition.total`, or None), "author", "date", "page", "url", "kind" (`Edition.medium`: an issue
file whose sidecar says 报纸 is a newspaper), "missing"} — `missing`: the query words the hit
lacks as a whole (a partial, "contain most of the words" match: as `Hit.missing`, the CSV
`missing` column), [] for a hit with every word; publication, issue, page and kind from
`archive.edition_of` (a magazine article is cited in its issue; a dated page without a print
page as a web page, and so is an undated record of an export: `named` False when it states no
source).
"""
from __future__ import annotations

from typing import Any

from searchapp import engine
from searchapp.archive.editions import NO_SOURCE, Edition, edition_of, page_of
from searchapp.config import MAX_PAGE_SIZE
from searchapp.request import SearchRequest
from searchapp.search.browse import publication_names
from searchapp.search.searching import search

__all__ = ["result_items", "with_live_names"]


def _named(ed: Edition | None, source: str | None) -> bool:
    """False for an issue file's publication known only by its file-name key, and for an
    article that states no source (filed under `NO_SOURCE`, or undated and without an edition);
    True when it has a name."""
    if ed is None:
        return bool((source or "").strip())
    return ed.named


def _kind(a: Any, ed: Edition | None, url: str | None) -> str | None:
    """The edition's medium; for an article without an edition (an undated record of an export:
    `archive.edition_of` files only dated ones) what its dated siblings are: a newspaper
    article when it gives a print page, else a web page, as `edition_of` has it."""
    if ed is not None:
        return ed.medium or ed.kind
    if a is not None:
        return "newspaper" if page_of(a) is not None else "web"
    return "web" if url else None


def _cited_name(ed: Edition | None, source: str | None) -> str | None:
    """The publication name to cite: `Edition.display_name`; None when no source is stated."""
    if ed is None:
        return source
    return None if ed.publication == NO_SOURCE and ed.name is None else ed.display_name


def result_items(handle, req: SearchRequest, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The first `limit` articles of `req`'s result list, in its order, as frozen rows; and the
    total number of hits. Raises IndexMissing when there is no index."""
    base = req.with_(page=1, size=MAX_PAGE_SIZE, facets=False, snippets=False, highlight=False)
    items: list[dict[str, Any]] = []
    total = 0
    page = 1
    while len(items) < limit:
        resp = search(handle, base.with_(page=page))
        total = resp.total
        if resp.page != page or not resp.hits:
            break
        with handle.searcher() as s:
            for h in resp.hits[: limit - len(items)]:
                a = engine.article_by_id(s, h.id)
                ed = edition_of(a) if a is not None else None
                items.append({"id": h.id, "title": h.title, "source": h.source,
                              "publication": _cited_name(ed, h.source),
                              "publication_key": ed.publication if ed else None,
                              "named": _named(ed, h.source), "issn": ed.issn if ed else None,
                              "issue": ed.issue if ed else None,
                              "issue_date": ed.date if ed else None,
                              "issue_number": ed.number if ed else None,
                              "issue_year": ed.number_year if ed else None,
                              "issue_total": ed.total if ed else None,
                              "author": h.author or h.speaker, "date": h.date,
                              "page": ed.page if ed else None, "url": h.url,
                              "kind": _kind(a, ed, h.url),
                              "missing": list(h.missing)})
        if page >= resp.pages:
            break
        page += 1
    return items, total


def with_live_names(handle, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The frozen `items` with the publication names the live index knows now
    (`browse.publication_names`): a publication named (or renamed) in its `publication.toml`
    after the list was frozen is cited by its name, also in lists frozen before items kept
    `publication_key` (their "publication" was the key). Items of a publication the index no
    longer holds, or holds without a name, are returned as frozen; items frozen with the
    `NO_SOURCE` placeholder as their publication get none (`named` False). New dicts; raises
    IndexMissing when there is no index."""
    names = publication_names(handle)
    out = []
    for it in items:
        if it.get("publication") == NO_SOURCE:  # frozen before the placeholder was left out
            it = dict(it, publication=None, named=False)
        live = names.get(it.get("publication_key") or it.get("publication") or "")
        if live and live["named"] and it.get("kind") in ("magazine", "newspaper"):
            it = dict(it, publication=live["name"], named=True,
                      issn=live.get("issn") or it.get("issn"))
        out.append(it)
    return out
