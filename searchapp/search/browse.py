"""Browse the archive as printed: publications, their calendars and one issue in print order.

    publications(handle) -> {"publications": [...], "undated": int}
    undated_by_source(searcher) -> {source: int}                     articles on no calendar
    publication_calendar(handle, publication, year=None) -> dict     (search.calendar shape)
    issue(handle, publication, issue_key) -> dict                    articles grouped by page
    edition_table(searcher) -> {edition key: row}                    kept on the searcher
    publication_names(handle) -> {publication key: naming}           name to show and cite

Everything is read from the index (`engine.facet_docs(s, "edition")`: the documents of each
edition key written at build time by `archive.edition_of`), so it follows rebuilds like search.
Print order inside an issue: page (unknown pages last), then the file the article came from,
then its first line, then id — the order a reader turns the pages in.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from searchapp import engine
from searchapp.archive.editions import edition_of, page_of, parse_key
from searchapp.cache import kept_on
from searchapp.errors import NotFound
from searchapp.messages import error
from searchapp.model import Article
from searchapp.search.calendar import calendar

__all__ = ["publications", "publication_calendar", "issue", "edition_table", "naming",
           "publication_names", "undated_by_source"]


def edition_table(s) -> dict[str, dict[str, Any]]:
    """{edition key: {"key", "publication", "issue", "date", "kind", "articles", "name", "issn",
    "cn", "medium"}} of the live index, kept on the searcher (one stored article read per edition)."""
    def compute() -> dict[str, dict[str, Any]]:
        out = {}
        for key, docs in engine.facet_docs(s, "edition").items():
            if not docs:
                continue
            try:
                pub, iss = parse_key(key)
            except ValueError:
                continue
            ed = edition_of(engine.stored_article(s, min(docs)))
            out[key] = {"key": key, "publication": pub, "issue": iss,
                        "date": ed.date if ed else None, "kind": ed.kind if ed else "web",
                        "articles": len(docs), "name": ed.name if ed else None,
                        "issn": ed.issn if ed else None, "cn": ed.cn if ed else None,
                        "medium": ed.medium if ed else "web"}
        return out

    return kept_on(s, "_searchapp_editions", compute)


def _by_publication(s) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in edition_table(s).values():
        out.setdefault(row["publication"], []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["issue"]))
    return out


def undated_by_source(s) -> dict[str, int]:
    """{source: live articles of that source on no calendar} (no date and not from an issue
    file: no edition), kept on the searcher. A publication's page counts and links them: an
    editor browsing a paper's archive is told its undated articles exist (they were counted
    only in the archive's total)."""
    def compute() -> dict[str, int]:
        placed = [np.fromiter(d, dtype=np.int64, count=len(d))
                  for d in engine.facet_docs(s, "edition").values()]
        live = engine.live_docs(s)
        none = np.setdiff1d(live, np.concatenate(placed)) if placed else live
        if not len(none):
            return {}
        fc = engine.facet_arrays(s, "source")
        if fc.of is not None:
            vals = fc.of[none]
            counts = np.bincount(vals[vals >= 0], minlength=len(fc.values))
        else:
            counts = [np.intersect1d(fc.docs_of(i), none, assume_unique=True).size
                      for i in range(len(fc.values))]
        return {v: int(n) for v, n in zip(fc.values, counts) if n}

    return kept_on(s, "_searchapp_undated_sources", compute)


def naming(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """How a publication (its issue rows, oldest first) is named: {"name": the name of its
    latest named issue, else its key; "named": False when no issue has a name (the key was
    made from a file name: pages say how to name it); "issn", "cn": of that issue, or None;
    "medium": what its latest issue is for a reader and a citation ("newspaper" | "magazine" |
    "web": `Edition.medium`, an issue file's sidecar may say 报纸)}."""
    named = [r for r in rows if r.get("name")]
    last = named[-1] if named else {}
    return {"name": last.get("name") or rows[0]["publication"], "named": bool(named),
            "issn": last.get("issn"), "cn": last.get("cn"),
            "medium": rows[-1].get("medium") or rows[-1]["kind"]}


def publication_names(handle) -> dict[str, dict[str, Any]]:
    """{publication key: `naming` of it} for every publication of the live index."""
    with handle.searcher() as s:
        return {pub: naming(rows) for pub, rows in _by_publication(s).items()}


def _kind(rows: list[dict[str, Any]]) -> str:
    kinds = [r["kind"] for r in rows]
    return max(set(kinds), key=lambda k: (kinds.count(k), k))


def publications(handle) -> dict[str, Any]:
    """Every publication with issues: {"publications": [{"publication" (its key), "name",
    "named", "issn", "cn" (`naming`), "kind", "issues", "articles", "first", "last", "cadence",
    "missing" (count), "undated_articles" (its source's articles on no calendar:
    `undated_by_source`)}] by key, "undated": articles on no calendar (no date, not from an
    issue file)}."""
    with handle.searcher() as s:
        pubs = _by_publication(s)
        loose = undated_by_source(s)
        placed = sum(r["articles"] for rows in pubs.values() for r in rows)
        total = engine.doc_count(s)
    out = []
    for name in sorted(pubs):
        rows = pubs[name]
        cal = calendar(name, [(r["issue"], r["date"], r["articles"]) for r in rows])
        out.append({"publication": name, **naming(rows), "kind": _kind(rows),
                    "issues": cal["issues"], "articles": cal["articles"], "first": cal["first"],
                    "last": cal["last"], "cadence": cal["cadence"], "missing": len(cal["missing"]),
                    "undated_articles": loose.get(name, 0)})
    return {"publications": out, "undated": max(0, total - placed)}


def _rows(s, publication: str) -> list[dict[str, Any]]:
    rows = _by_publication(s).get(publication)
    if not rows:
        raise error(NotFound, "no_such_publication", param="publication", name=publication)
    return rows


def publication_calendar(handle, publication: str, year: int | None = None) -> dict[str, Any]:
    """`search.calendar.calendar` of one publication plus "kind", its `naming` ("name",
    "named", "issn", "cn") and "undated_articles" (`undated_by_source`). Raises NotFound for a
    publication without issues, or a `year` in which it has none."""
    with handle.searcher() as s:
        rows = _rows(s, publication)
        loose = undated_by_source(s).get(publication, 0)
    cal = calendar(publication, [(r["issue"], r["date"], r["articles"]) for r in rows], year)
    if year is not None and cal["year"] != year:
        raise error(NotFound, "no_such_year", param="year", name=publication, year=year)
    cal["kind"] = _kind(rows)
    cal["undated_articles"] = loose
    cal.update(naming(rows))
    return cal


def _print_key(a: Article) -> tuple:
    origin = a.origin or {}
    page = page_of(a)
    line = origin.get("line_start")
    return (page is None, page or 0, str(origin.get("file") or ""),
            line if isinstance(line, int) else 0, a.id)


def issue(handle, publication: str, issue_key: str) -> dict[str, Any]:
    """One issue in print order: {"publication", "name", "named", "issn", "cn", "issue", "date",
    "kind", "total",
    "pages": [{"page": int | None, "articles": [Article]}], "prev", "next"} where prev/next
    are the neighbouring issues' rows ({"issue", "date", "articles"}) or None. Raises NotFound."""
    with handle.searcher() as s:
        rows = _rows(s, publication)
        pos = next((i for i, r in enumerate(rows) if r["issue"] == issue_key), None)
        if pos is None:
            raise error(NotFound, "no_such_issue", param="issue", name=publication,
                        issue=issue_key)
        row = rows[pos]
        docs = engine.facet_docs(s, "edition").get(row["key"], frozenset())
        arts = sorted((engine.stored_article(s, d) for d in docs), key=_print_key)
    pages: list[dict[str, Any]] = []
    for a in arts:
        p = page_of(a)
        if not pages or pages[-1]["page"] != p:
            pages.append({"page": p, "articles": []})
        pages[-1]["articles"].append(a)
    neighbour = lambda r: {k: r[k] for k in ("issue", "date", "articles")}  # noqa: E731
    return {"publication": publication, **naming(rows), "issue": issue_key, "date": row["date"],
            "kind": row["kind"], "total": len(arts), "pages": pages,
            "prev": neighbour(rows[pos - 1]) if pos > 0 else None,
            "next": neighbour(rows[pos + 1]) if pos + 1 < len(rows) else None}
