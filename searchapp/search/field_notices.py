"""Notices for the query's name words that select no article: `author:`, `speaker:`.

    field_notices(searcher, plan) -> [notice]

Without them, `author:王小明` naming no author of the archive gave 0 results and no word why:
an editor could not tell a misspelt name from an empty archive, a script could not tell it
from "no such article". `source:` and `topic:` have their own (`unknown_source`,
`unknown_topic`, in `searching`). `title:` is left out: its word must be a whole indexed word
of the title (`title:春耕` does not reach a title cut as `春耕生产`), so "no title holds it"
could be false; `date:` and `page:` are filters.

A field word is said when it matches no article even loosely (every token of it somewhere in
that field: `engine.LOOSE`), so a word that selects articles is never said, whatever the rest
of the query does:
- `author:X` / `speaker:X` → `unknown_author` / `unknown_speaker`, or `unknown_author_near` /
  `unknown_speaker_near` naming up to three similar names of that field (`near`), as
  `unknown_source_near` does for outlets. The candidates: the names (a stored value split at
  `、` `,` `;` `/` and spaces) of the articles sharing most words with the typed name in that
  field (at most `CANDIDATES` articles read), and the field's indexed words of two characters
  or more (`engine.field_terms`: a misspelt name is often cut into other words than the
  stored one); offered when their difflib ratio with the typed name (normalised, without
  spaces) is at least `NEAR_CUTOFF`, most similar first, a stored name as stored.
A word of an OR group is said too (the group may match through its other words: the notice
says this word found nothing, not that the search did). An excluded word (`-author:X`) is not.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from searchapp import engine
from searchapp.analysis.analyzer import squeeze_word, word_tokens
from searchapp.messages import notice
from searchapp.query.plan import Plan, Word

__all__ = ["field_notices", "near_names", "NAME_FIELDS", "NEAR_CUTOFF", "CANDIDATES"]

#: The name fields of the query language whose words a notice can offer as near names.
NAME_FIELDS = ("author", "speaker")
#: difflib's ratio a near name needs (the same as `unknown_source_near`'s).
NEAR_CUTOFF = 0.5
#: At most this many articles' stored names are read for near names (a miss stays cheap).
CANDIDATES = 100
#: What separates several names in one stored author or speaker value.
_NAME_SEP = re.compile(r"[、,，;；/／\s]+")


def field_notices(searcher, plan: Plan) -> list[dict]:
    """A notice for each `author:` or `speaker:` word of `plan` (each text once per field)
    that matches no article (module docstring). Costs one loose match per such word,
    and for a name said, one walk of that field's words (kept per index state)."""
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for group in plan.groups:
        for w in group:
            if w.field not in NAME_FIELDS or (w.field, w.text) in seen:
                continue
            seen.add((w.field, w.text))
            if engine.matching_set(searcher, engine.group_query([w], engine.LOOSE)):
                continue
            near = near_names(searcher, w.field, w.text)
            out.append(notice(f"unknown_{w.field}_near" if near else f"unknown_{w.field}",
                              value=w.text, near="、".join(near)))
    return out


def near_names(searcher, field: str, value: str, n: int = 3) -> list[str]:
    """Up to `n` names of the name field `field` most like `value` (module docstring), best
    first, as stored; [] when none is close enough."""
    typed = squeeze_word(value)
    hits: Counter[int] = Counter()
    for tok in dict.fromkeys(word_tokens(value)):
        hits.update(engine.matching_set(searcher, engine.group_query(
            [Word(tok, field=field)], engine.STRICT)))
    docs = sorted(hits, key=lambda d: (-hits[d], d))[:CANDIDATES]
    names: dict[str, str] = {}  # squeezed → as stored
    for d in docs:
        stored = getattr(engine.stored_article(searcher, d), field) or ""
        for name in _NAME_SEP.split(stored):
            key = squeeze_word(name)
            if key and key != typed:
                names.setdefault(key, name)
    for term in engine.field_terms(searcher, field):
        if len(term) >= 2 and term != typed:
            names.setdefault(term, term)
    close = difflib.get_close_matches(typed, list(names), n=n, cutoff=NEAR_CUTOFF)
    return [names[k] for k in close]
