"""An amount typed in one script finds it printed in the other: `70亿` finds `七十亿元`.

    other_script(searcher, text, kinds, limit) -> None     adds to `kinds["literal"]` in place

The word fields fold Chinese numerals in a numeric context to digits (`七十亿元` is indexed
`70` `亿元`, `analysis`), so an amount written as the article writes it is found as a phrase
in either script. A query amount that is the *start* of the printed one (`70亿` in `70亿元`,
`七十亿美元`) is found only by the literal clause, which reads the text as printed: it finds
`70亿元` for `70亿` but not `七十亿元`, and `七十亿元` for `七十亿` but not `70亿元` (fifth and
sixth stops, "amounts typed in the other script").

The same evidence in the folded tokens closes that gap: the number as a phrase with the unit as
the start of a longer indexed word (`engine.unit_prefix`: `70` followed by 亿元, 亿美元…). It is
the literal kind's evidence (`bestmatch.EVIDENCE["literal"]`: the word's string inside a
longer word, the word as a whole), given only to articles that neither the word nor the
literal clause reach, so every article found before keeps its evidence and score; an article
found only this way is found as the literal clause finds the same amount in its own script.
"""
from __future__ import annotations

import numpy as np

from searchapp import engine
from searchapp.search.docsets import union

__all__ = ["other_script"]


def other_script(s, text: str, kinds: dict, limit: int) -> None:
    """Add to `kinds["literal"]` ((docs, scores) arrays, docs ascending) the articles holding
    the amount `text` as the start of a longer amount in either script (module docstring) that
    `kinds["word"]` and `kinds["literal"]` do not already hold. `limit`: longer words per unit
    (`engine.compounds`). Does nothing for a word that is not a number and a unit."""
    q = engine.unit_prefix(text, lambda t: engine.compounds(s, t, limit, shortest=1))
    if q is None:
        return
    docs, sc = engine.scored(s, q)
    if not len(docs):
        return
    have = union([kinds["word"][0], kinds["literal"][0]])
    new = ~np.isin(docs, have, assume_unique=True)
    if not new.any():
        return
    lit_docs, lit_sc = kinds["literal"]
    all_docs = np.concatenate([lit_docs, docs[new]])
    order = np.argsort(all_docs, kind="stable")
    kinds["literal"] = (all_docs[order], np.concatenate([lit_sc, sc[new]])[order])
