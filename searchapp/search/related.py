"""More like this: `related(handle, article_id, limit=5) -> list[Hit]`."""
from __future__ import annotations

from searchapp import engine
from searchapp.analysis import normalize
from searchapp.results import Hit
from searchapp.search.hits import to_hit
from searchapp.search.searching import identical_copies

__all__ = ["related", "RELATED_MIN_SHARED", "RELATED_MIN_TERM_CHARS"]

#: A related article shares at least this many of the viewed article's key terms (terms of at
#: least RELATED_MIN_TERM_CHARS characters), so a single common word never makes two stories
#: "related" and an article with nothing like it gets an empty list.
RELATED_MIN_SHARED = 2
RELATED_MIN_TERM_CHARS = 2


def related(handle, article_id: str, limit: int = 5) -> list[Hit]:
    """Up to `limit` articles most like `article_id` (its key terms by Whoosh's Bo1 model, Amati
    2003: `engine.similar`), best first, each sharing ≥ RELATED_MIN_SHARED of those key terms;
    each hit keeps its stored `duplicate_of` (so a near-duplicate of the viewed article says
    so); an identical copy of an article (`archive.copies`) is not offered, as in search.
    Unknown id → []."""
    with handle.searcher() as s:
        dn = engine.docnum_of(s, article_id)
        if dn is None:
            return []
        key_terms, similar = engine.similar(s, dn, limit * 4)
        terms = [t for t in key_terms if len(t) >= RELATED_MIN_TERM_CHARS]
        need = min(RELATED_MIN_SHARED, len(terms))  # a very short article may have one key term
        out: list[Hit] = []
        copies, _ = identical_copies(s)
        for d, score in similar:
            a = engine.stored_article(s, d)
            if a.id in copies.hidden:
                continue
            seen = normalize(a.title + "\n" + a.body)
            if sum(1 for t in terms if t in seen) < need:
                continue  # one common word is not "related"
            out.append(to_hit(a, score, len(out) + 1, [], False))
            if len(out) >= limit:
                break
        return out
