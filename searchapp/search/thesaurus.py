"""The thesaurus of one search: the starter list plus the searched generation's mined pairs.

    for_search(searcher, on=True) -> query.Thesaurus
    used(plan, thesaurus) -> [{"word": str, "variants": [str]}]      what was also searched

The mined pairs (`vocab.abbrev`, written by the index build inside each generation) are read
once per searcher (a searcher reads one generation; a newer generation brings its own pairs).
A generation without a pairs file, or with a damaged one, searches with the starter list only
(`vocab.abbrev.read` logs the damage).
"""
from __future__ import annotations

from searchapp import engine
from searchapp.cache import kept_on
from searchapp.query.plan import Plan
from searchapp.query.synonyms import Thesaurus
from searchapp.vocab import abbrev

__all__ = ["for_search", "used", "mined_table"]


def mined_table(s) -> dict[str, tuple[str, ...]]:
    """{squeezed term: (partner, ...)} of the searcher's generation ({} without pairs); kept
    on the searcher."""
    def compute() -> dict[str, tuple[str, ...]]:
        folder = engine.generation_folder(s)
        pairs = abbrev.read(folder) if folder is not None else None
        return pairs.table() if pairs is not None else {}

    return kept_on(s, "_searchapp_mined_pairs", compute)


def for_search(s, on: bool = True) -> Thesaurus:
    """The thesaurus a search over searcher `s` uses (`on` False: none)."""
    return Thesaurus(mined_table(s) if on else None, on=on)


def used(plan: Plan, thesaurus: Thesaurus) -> list[dict]:
    """The variants the search added, per plain query word that has some (a quoted phrase,
    a fielded word and `-word` take none): [{"word": as typed, "variants": [as written]}]."""
    out = []
    for group in plan.groups:
        if engine.is_required(group):
            continue
        for w in group:
            if w.phrase or w.field is not None:
                continue
            vs = thesaurus.variants(w.text)
            if vs and all(d["word"] != w.text for d in out):
                out.append({"word": w.text, "variants": vs})
    return out
