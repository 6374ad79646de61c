"""Reprint lineage: in each group of near-duplicates, which copy ran first (原发) and which are
reprints (转载), by publication time and by the credits the copies print.

    assign(articles, groups) -> None      sets `Article.lineage` (and `duplicate_of`) in place
    roles(copies) -> {id: dict}           the rule on plain `Copy` records (used by assign)
    publisher(article) / credited(article) / copy_of(article)

Rule (docs/archive.md; measured by bench/lineage.py):
1. A copy that credits an outlet other than its own (`archive.credits`: 来源：X, 转自X, 据X报道;
   or a `source` that names another outlet than the one that published the copy, e.g. a
   magazine's closing 来源 line) is never the original: it says it came from elsewhere.
2. The original is the earliest dated copy that credits nobody. Copies of the same earliest day
   are a tie: a copy that another copy credits wins, then the longer body (reprints are more
   often cut than extended), then the smaller id; such an original is marked `same_day`.
3. When a copy dated before that candidate credits an outlet that is not in the group, the story
   began outside the archive: no copy is the original; `origin_outlet` names the credited outlet
   (the most often credited one).
4. With no dated uncredited copy, a copy credited by another one is the original (`credit`).
5. Every other copy is a reprint (`lag_days` = its day minus the original's day, None when
   either is undated), except an undated copy that credits nobody: `undetermined`.
A single article (no near-duplicate) is an original, unless it credits another outlet (then a
reprint of a story whose original is not in the archive: the bundled magazine's articles).

`Article.lineage` (a plain dict, stored with the article):
  story        id of the group's original (or, without one, of the dedupe representative);
               the article's own id when it has no near-duplicate
  role         "original" | "reprint" | "undetermined"
  original     id of the original copy, or None
  origin_outlet  outlet of the original, or the credited outlet outside the archive, or None
  outlet       the outlet that published this copy (`publisher`)
  credits      outlets this copy credits (list of str, possibly empty)
  basis        "single" | "date" | "same_day" | "credit" — what decided the original
  lag_days     int or None;  via: id of the copy this one credits, when that copy is in the group
  copies       number of copies in the group (1 for a single article)
  story_day    ISO day the story first appeared in the archive: its original's day, else the
               earliest dated copy's, else None (what a followed search orders stories by)
`duplicate_of` of every copy but the story's is set to `story`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Sequence

from searchapp.archive.credits import credits as _credits
from searchapp.archive.editions import edition_of
from searchapp.model import Article
from searchapp.vocab.sources import source_for_host

__all__ = ["Copy", "assign", "group_marks", "single_lineage", "roles", "publisher", "credited",
           "copy_of", "ROLES"]

#: Role values (the `lineage` facet's values), with their labels.
ROLES = {"original": "原发", "reprint": "转载", "undetermined": "先后不明"}


@dataclass
class Copy:
    """What the rule needs of one copy: id, publishing outlet, ISO day (or None), credited
    outlets, body length in characters."""

    id: str
    outlet: str | None
    day: str | None
    credits: list[str] = field(default_factory=list)
    length: int = 0


def publisher(a: Article) -> str | None:
    """The outlet that published this copy: a magazine issue's publication; else the outlet of
    the URL's host when `vocab/data/sources.toml` knows it; else `source`, unless ingest read
    that from the body's reprint credit (`extra["source_from"] == "credit"`: it names where
    the copy came from, not who published it)."""
    ed = edition_of(a)
    if ed is not None and ed.kind == "magazine":
        return ed.publication
    host = source_for_host(a.url) if a.url else None
    if (a.extra or {}).get("source_from") == "credit":  # the outlet it was taken from
        return host
    return host or a.source


def credited(a: Article) -> list[str]:
    """Outlets `a` credits other than its publisher: `source` when it differs from the
    publisher (it then names where the copy came from), then the credits in its body."""
    pub = publisher(a)
    out: list[str] = []
    for o in ([a.source] if a.source else []) + _credits(a.body):
        if o and o != pub and o not in out:
            out.append(o)
    return out


def copy_of(a: Article) -> Copy:
    """The `Copy` record of an article."""
    day = a.date[:10] if a.date and len(a.date) >= 10 else None
    return Copy(a.id, publisher(a), day, credited(a), len(a.body or ""))


def _days(a: str, b: str) -> int | None:
    try:
        return (_dt.date.fromisoformat(b) - _dt.date.fromisoformat(a)).days
    except ValueError:
        return None


def roles(group: Sequence[Copy]) -> dict[str, dict[str, Any]]:
    """{id: lineage dict without `story`/`copies`} for one group (see the module docstring)."""
    by_outlet: dict[str, list[Copy]] = {}
    for c in group:
        if c.outlet:
            by_outlet.setdefault(c.outlet, []).append(c)

    def first_of(cs: list[Copy]) -> Copy:
        return min(cs, key=lambda c: (c.day is None, c.day or "", -c.length, c.id))

    via: dict[str, Copy | None] = {}
    for c in group:
        p = None
        for o in c.credits:
            cands = [x for x in by_outlet.get(o, []) if x.id != c.id]
            if cands:
                p = first_of(cands)
                break
        via[c.id] = p
    credited_ids = {p.id for p in via.values() if p is not None}
    free = [c for c in group if not c.credits]
    free_dated = [c for c in free if c.day]
    original: Copy | None = None
    outside: str | None = None
    basis = "credit"
    if free_dated:
        first = min(c.day for c in free_dated)
        ties = [c for c in free_dated if c.day == first]
        cand = min(ties, key=lambda c: (c.id not in credited_ids, -c.length, c.id))
        before = [o for c in group if c.day and c.day < first for o in c.credits
                  if o not in by_outlet]
        if not before:
            original = cand
            overruled = any(c.day and c.day <= first and c.credits for c in group)
            basis = ("credit" if overruled or cand.id in credited_ids
                     else "same_day" if len(ties) > 1 else "date")
    else:
        cands = [c for c in free if c.id in credited_ids]
        if cands:
            original = first_of(cands)
    if original is None:
        named = [o for c in group for o in c.credits if o not in by_outlet]
        if named:
            outside = max(set(named), key=lambda o: (named.count(o), o))
    out: dict[str, dict[str, Any]] = {}
    for c in group:
        if original is not None and c.id == original.id:
            role = "original"
        elif c.day or c.credits or original is None and outside is not None:
            role = "reprint"
        else:
            role = "undetermined"
        lag = (_days(original.day, c.day) if role == "reprint" and original is not None
               and original.day and c.day else None)
        out[c.id] = {"role": role, "original": original.id if original else None,
                     "origin_outlet": original.outlet if original else outside,
                     "outlet": c.outlet, "credits": list(c.credits),
                     "basis": basis if len(group) > 1 else "single", "lag_days": lag,
                     "via": via[c.id].id if via[c.id] is not None else None}
    return out


def _single(c: Copy) -> dict[str, Any]:
    if c.credits:
        return {"role": "reprint", "original": None, "origin_outlet": c.credits[0],
                "outlet": c.outlet, "credits": list(c.credits), "basis": "credit",
                "lag_days": None, "via": None}
    return {"role": "original", "original": c.id, "origin_outlet": c.outlet, "outlet": c.outlet,
            "credits": [], "basis": "single", "lag_days": None, "via": None}


def group_marks(copies: Sequence[Copy], groups: Sequence[Sequence[int]]
                ) -> dict[int, tuple[str | None, dict[str, Any]]]:
    """{index: (duplicate_of, lineage)} of every copy in `groups` (indexes into `copies`, as
    `analysis.dedupe.find_groups` returns them, representative first): what `assign` sets on
    those articles. A build that does not hold its articles keeps their `Copy` records only."""
    out: dict[int, tuple[str | None, dict[str, Any]]] = {}
    for g in groups:
        cs = [copies[i] for i in g]
        got = roles(cs)
        orig = next((c for c in cs if got[c.id]["role"] == "original"), None)
        story = orig.id if orig else cs[0].id
        days = sorted(c.day for c in cs if c.day)
        story_day = orig.day if orig and orig.day else (days[0] if days else None)
        for i, c in zip(g, cs):
            out[i] = (story if c.id != story else None,
                      {"story": story, **got[c.id], "copies": len(g), "story_day": story_day})
    return out


def single_lineage(c: Copy) -> dict[str, Any]:
    """The lineage of an article with no near-duplicate (what `assign` sets on it)."""
    return {"story": c.id, **_single(c), "copies": 1, "story_day": c.day}


def assign(articles: list[Article], groups: Sequence[Sequence[int]]) -> None:
    """Set `lineage` on every article and `duplicate_of` on the copies of each group (indexes
    into `articles`, as `analysis.dedupe.find_groups` returns them, representative first).
    In place; returns None."""
    copies = [copy_of(a) for a in articles]
    marks = group_marks(copies, groups)
    for i, a in enumerate(articles):
        if i in marks:
            a.duplicate_of, a.lineage = marks[i]
        else:
            a.lineage = single_lineage(copies[i])
