"""The abbreviation definitions one text makes: its (full name, short form) pairs.

    mine(text) -> {(full, short)}          the pairs one text defines (strict rules below)
    candidates(text) -> (...);  resolve(candidates) -> {(full, short)}
                                           mine in two stages: the first needs no jieba tags
                                           (a build's writers run it), the second reads names
                                           (`vocab.abbrev.names`)

Definitions read (after NFKC: full-width brackets and letters count as half-width):
  A  全称（简称）  全称(简称)           `世界贸易组织（世贸组织）`, `北京大学(北大)`
  B  全称（以下简称X） （简称X） （下称X） （以下称X）   and `全称，简称X。` / `全称简称“X”`
  C  中文名（ACRONYM）  中文名（English Words, ACRONYM）   `国际货币基金组织（IMF）`
  D  ACRONYM（中文名）                                     `APEC（亚太经济合作组织）`

Rules, all conservative (a pair a reader would not accept is worse than a pair missed):
- A Chinese short form is 2-8 ideographs built from characters of the full name in order, and
  not a contiguous piece of it (`三峡工程（工程）` is no abbreviation), without the characters
  of page, date and credit notes (`第…版`, `图`, `摄`, `年月日`; `_NOT_IN_SHORT`).
- An acronym is 2-10 Latin capitals and digits with at least two capitals (`WTO`, `G7` is
  too short, `ASEAN`), at most two digits (`HMC5010X` is a model), not a unit (`KM`, `MHZ`:
  `_UNITS`); when the English words are given in the brackets, their initials must spell it (in order, words like `of`/`and` optional).
- A Chinese full name read BEFORE a bracket is where its start is not marked: it is the
  longest run of noun-like words (jieba tags `_NAME_TAGS`: organisation, noun, place, …)
  that ends at the bracket (and name heads such as `组织`, place words such as `北方`:
  `_NAME_HEADS`), so `中国加入世界贸易组织（WTO）` gives `世界贸易组织`; a person
  name (`nr`), a time or number word, a verb or a preposition ends it. It has 2-20 ideographs
  and is not a person name alone; the name of an acronym has at least 3 (`计划（GLOBLE）`:
  a common word is no name); a name glued to Latin letters or digits before it is cut
  (`X射线…（CT）`) and refused.
- A Chinese full name INSIDE brackets after an acronym (D) is the bracket's whole content,
  2-20 ideographs (`·` allowed), without credit or caption words (`记者`, `摄`, `图`, `报道`).
- A definition must stand at a word edge: the character before an acronym is no Latin letter
  or digit; quotation marks, digits and other brackets end a full name.
Each pair records the articles that define it (ids); `Pairs.table` gives every term its
partners, for query time (`query.synonyms.Thesaurus`).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from searchapp.analysis.text import to_simplified
from searchapp.vocab.abbrev.names import HAN, context, is_han, is_person, name_before

__all__ = ["mine", "candidates", "resolve"]

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}")
_ACRONYM_END = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9&]{1,9})$")
_BRACKET = re.compile(r"\(([^()\n]{1,60})\)")
_DEFINE = re.compile(r"^(?:以下简称|以下称|下称|简称)为?[:：]?[\"“「『]?(.+?)[\"”」』]?$")
_SHORT_AFTER = re.compile(
    f"[,，]?(?:以下简称|简称)为?[:：]?([\"“「『])?([{HAN}]{{2,8}}|[A-Z][A-Z0-9&]{{1,9}})"
    r"(?(1)[\"”」』]|(?=[,，。;；、!！?？)\s]|$))")
_ENGLISH = re.compile(r"^([A-Za-z][A-Za-z.'\-]*(?:\s+[A-Za-z][A-Za-z.'\-]*)+)\s*[,，;；]\s*"
                      r"([A-Z][A-Z0-9&]{1,9})$")
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "de", "la", "et", "&"})
_NOT_IN_SHORT = frozenset("第版图摄年月日时号期续完注见页")
_NOT_IN_FULL_INSIDE = ("记者", "摄", "图", "报道", "通讯员", "见第", "下同", "同上")
_UNITS = frozenset({"KM", "CM", "MM", "KG", "MG", "KW", "MW", "GW", "KWH", "HZ", "KHZ", "MHZ",
                    "GHZ", "KB", "MB", "GB", "TB", "PB", "AM", "PM", "ML", "DB", "PPM", "TV"})


def _clean(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text))


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _chinese_short(short: str, full: str) -> bool:
    """`short` abbreviates `full`: its characters in order, not a contiguous piece of it."""
    return (2 <= len(short) < len(full) and len(short) <= 8 and is_han(short)
            and not (set(short) & _NOT_IN_SHORT) and _subsequence(short, full)
            and short not in full)


def _acronym(s: str) -> bool:
    """2-10 capitals and digits, at least two capitals, at most two digits (`HMC5010X` is a
    model number), no unit."""
    return (bool(_ACRONYM.fullmatch(s)) and sum(c.isupper() for c in s) >= 2
            and sum(c.isdigit() for c in s) <= 2 and s not in _UNITS)


def _initials_match(english: str, acronym: str) -> bool:
    """The initials of `english`'s words spell `acronym` (small words may be left out)."""
    words = [w for w in re.split(r"[\s\-]+", english) if w]
    letters = [c for c in acronym if c.isalpha()]

    def fit(i: int, j: int) -> bool:
        if j == len(letters):
            return all(w.lower() in _SMALL_WORDS for w in words[i:])
        if i == len(words):
            return False
        w = words[i]
        if w[0].upper() == letters[j] and fit(i + 1, j + 1):
            return True
        return w.lower() in _SMALL_WORDS and fit(i + 1, j)

    return fit(0, 0)


def candidates(text: str) -> tuple[tuple[str, str, str], ...]:
    """Stage 1 of `mine`: the definitions `text` may make, without the part-of-speech tags
    (so no jieba tag table is loaded): ("pair", full, short) for a pair already decided, or
    (kind, context before the definition, short form) for one whose full name is read by
    `resolve` (kind "acronym", "chinese" or "after": rules C, A/B and B without brackets).
    `resolve(candidates(text)) == mine(text)`. Never raises for any str."""
    if not text or "(" not in text and "（" not in text and "简称" not in text:
        return ()
    t = _clean(text)
    out: list[tuple[str, str, str]] = []
    for m in _BRACKET.finditer(t):
        inner = m.group(1).strip()
        start = m.start()
        define = _DEFINE.match(inner)
        if define:
            inner = define.group(1).strip()
        if _acronym(inner) or (_ENGLISH.match(inner) and not define):  # C
            english = _ENGLISH.match(inner)
            short = english.group(2) if english else inner
            if english and not _initials_match(english.group(1), short):
                continue
            if not _acronym(short):
                continue
            out.append(("acronym", context(t, start), short))
            continue
        if is_han(inner) and not define:
            acr = _ACRONYM_END.search(t[max(0, start - 12):start].rstrip(" "))
            if acr and _acronym(acr.group(1)):  # D
                if 3 <= len(inner) <= 20 and not any(w in inner for w in _NOT_IN_FULL_INSIDE):
                    out.append(("pair", inner, acr.group(1)))
                continue
        if is_han(inner):  # A and B
            out.append(("chinese", context(t, start), inner))
    for m in _SHORT_AFTER.finditer(t):  # B without brackets: `全称，简称X`
        out.append(("after", context(t, m.start()), m.group(2)))
    return tuple(out)


def resolve(found: Iterable[tuple[str, str, str]]) -> set[tuple[str, str]]:
    """Stage 2 of `mine`: the pairs of `candidates(text)`, reading each full name with
    jieba's part-of-speech tags (`name_before`). Never raises for candidates' output."""
    out: set[tuple[str, str]] = set()
    for kind, a, short in found:
        if kind == "pair":
            out.add((a, short))
            continue
        full = name_before(a, len(a))
        if kind == "acronym":
            if len(full) >= 3 and not is_person(full):
                out.add((full, short))
        elif kind == "chinese":
            if full and _chinese_short(short, full):
                out.add((full, short))
        elif full and not is_person(full) and (
                (_acronym(short) and len(full) >= 3) or _chinese_short(short, full)):
            out.add((full, short))
    return out


def mine(text: str) -> set[tuple[str, str]]:
    """The (full name, short form) pairs `text` defines (module docstring), as written after
    NFKC and traditional-to-simplified folding: `resolve(candidates(text))`. Never raises
    for any str."""
    return resolve(candidates(text))
