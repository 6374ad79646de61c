"""The evidence of one plain query word (an OR-group of the plan) for best match
(`search.bestmatch`): each kind's and each part's matches as (docnums, scores) arrays.

    WordEvidence(searcher, group, synonyms)    .kinds, .pieces, .whole, .found, .amount
    holds_number(text) -> bool      searched_as(text) -> str | None
    alternatives(label) -> [word]   merge([(docs, scores)]) -> (docs, scores)

The kinds (`word`: the word, a longer word starting with it, its thesaurus terms and other
spellings; `loose`: its tokens apart; `literal`: its string inside other words; `in_number`: its
string inside a longer number) and the parts come from `engine.evidence`; what each is worth
is best match's (`bestmatch.EVIDENCE`, `TIER`). An explicit OR-group counts only as wholes.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from searchapp import engine
from searchapp.analysis.analyzer import word_tokens
from searchapp.search.amounts import other_script
from searchapp.search.docsets import union
from searchapp.search.hyphens import other_spellings

__all__ = ["WordEvidence", "KINDS", "holds_number", "searched_as", "alternatives", "merge",
           "OR_JOIN", "COMPOUNDS"]

#: The evidence kinds of a word, in the order they are added (`bestmatch`).
KINDS = ("word", "loose", "literal", "in_number")
#: A token that is a number: Arabic digits (with a decimal point, thousands comma or %), or a
#: run of Chinese numerals with a digit (`五十`, `十二`, `一九九八`; not `万一`, `千万`, `亿`).
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|(?=[〇零一二两三四五六七八九十百千]*[〇零一二两三四五六七八九])"
                           r"[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]*")
#: Longer indexed words a word or part is looked for at the start of (`engine.compounds`).
COMPOUNDS = 16
#: Kinds that leave a hit lacking the word as typed (never used for an explicit OR-group).
_PARTIAL_KINDS = ("loose", "in_number")
#: Characters whose loss in analysis changes nothing a reader would notice: spaces, joiners
#: and the marks of common query words (`COVID-19` as `covid 19`, `5G+工业互联网`, `8.8%`,
#: `1,000`); any other dropped character (`=`, `@`, `#`…) is said (`searched_as`); `*` has
#: its own notice (`wildcard`).
_QUIET_DROPS = frozenset(" \t-/·._'’+&,%:*")


def searched_as(text: str) -> str | None:
    """The tokens `text` is searched as, space-joined, when the analyzer drops a character of
    it other than a space or a joiner (`_QUIET_DROPS`): `1=1` → "1 1"; None when the tokens
    hold all of it (`人工智能`, `COVID-19`, `C++`). Compares after NFKC and lower-casing."""
    toks = word_tokens(text)
    if not toks:
        return None
    rest = unicodedata.normalize("NFKC", text).lower()
    for t in toks:
        i = rest.find(t)
        if i < 0:
            return None  # folded (traditional, numerals…): not a dropped symbol
        if any(c not in _QUIET_DROPS for c in rest[:i]):
            return " ".join(toks)
        rest = rest[i + len(t):]
    return " ".join(toks) if any(c not in _QUIET_DROPS for c in rest) else None


def holds_number(text: str) -> bool:
    """True when one of the analyzer's tokens of `text` (`word_tokens`: normalised, numerals in a
    numeric context folded to digits) is a number (`_NUMBER_TOKEN`): `五十亿` (`50` `亿`),
    `投资五十`, `98世界杯`, `8.8%`; not `三峡工程`, `5G` (a code), `千万`."""
    return any(_NUMBER_TOKEN.fullmatch(t) for t in word_tokens(text))


#: How an OR-group's label joins its words (`华为 OR 中兴`: a hit's `missing`, a notice's word).
OR_JOIN = " OR "


def alternatives(label: str) -> list[str]:
    """The words of a `missing` label: one for a plain word, several for an OR-group (a hit
    missing it holds none of them)."""
    return label.split(OR_JOIN)


class WordEvidence:
    """The evidence of one OR-group of plain words over docnum arrays: `label` (the words
    joined by `OR_JOIN`), `kinds` {kind: (docs, scores)} (`KINDS`), `pieces` {part: (docs,
    scores)}, `whole` (docs of every kind), `found` (some kind matched), `amount` (a word
    holds a number: `holds_number`, then also looked for in the other script)."""

    def __init__(self, s, group, synonyms):
        self.label = OR_JOIN.join(w.text for w in group)
        # an amount is exact: nothing but the word itself reaches it fully (best match)
        self.amount = any(holds_number(w.text) for w in group)
        # the word itself, a longer word starting with it and its thesaurus terms all prove
        # the word (evidence 1.0): one query, one pass over the postings
        kinds: dict[str, list] = {k: [] for k in KINDS}
        pieces: dict[str, list] = {}
        explicit_or = len(group) > 1  # alternatives count only as wholes (module docstring)
        for w in group:
            ev = engine.evidence(w, synonyms, lambda t: engine.compounds(s, t, COMPOUNDS),
                                 other_spellings(s, w.text))
            for kind in KINDS:
                if ev[kind] is not None and not (explicit_or and kind in _PARTIAL_KINDS):
                    kinds[kind].append(engine.scored(s, ev[kind]))
            for p, q in [] if explicit_or else ev["pieces"]:
                pieces.setdefault(p, []).append(engine.scored(s, q))
        self.kinds = {k: merge(v) for k, v in kinds.items()}
        for w in group if self.amount else ():  # an amount, also in the other script
            other_script(s, w.text, self.kinds, COMPOUNDS)
        self.pieces = {p: merge(v) for p, v in pieces.items()}
        self.whole = union([d for d, _ in self.kinds.values()])
        self.found = len(self.whole) > 0

    def docs(self) -> list[np.ndarray]:
        """The docnum arrays of every kind and, when the word is found, of every part: the
        candidates it brings."""
        out = [d for d, _ in self.kinds.values()]
        if self.found:  # the parts of a word found nowhere do not stand in for it
            out += [d for d, _ in self.pieces.values()]
        return out


def merge(results: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Union of (docs, scores) results, scores summed where a document is in several."""
    results = [r for r in results if len(r[0])]
    if not results:
        return np.empty(0, dtype=np.int64), np.empty(0)
    if len(results) == 1:
        return results[0]
    docs = union([d for d, _ in results])
    sc = np.zeros(len(docs))
    for d, x in results:
        np.add.at(sc, np.searchsorted(docs, d), x)
    return docs, sc
