"""A Latin/digit word written joined or with an inner hyphen is one word: `WiFi` = `Wi-Fi`,
`COVID19` = `COVID-19`.

    other_spellings(searcher, text) -> [str]     the forms of `text` to search as the word itself
    joined(text) -> str | None                   `Wi-Fi` → "wifi" (pure)
    cuts(text) -> [str]                          `WiFi` → ["wi-fi", ...] candidates (pure)

The analyzer reads `Wi-Fi` as two tokens (`wi` `fi`) and `WiFi` as one (`wifi`), so neither
spelling found the other (fifth fresh tester, F6). The index is left as it is (no new tokens, no
rebuild); at query time:
- a word of Latin/digit runs joined by hyphens (`Wi-Fi`, `COVID-19`, `e-commerce`) is also
  searched joined (`wifi`, `covid19`), when the index holds that token;
- a word of one Latin/digit token (`WiFi`, `COVID19`) is also searched as two adjacent tokens
  (the phrase `wi fi`), cut where both halves are indexed words. For precision a half has at
  least `MIN_HALF` characters and a run of digits is never cut (`2020` is no `20-20`,
  `ISO9000` may be `ISO-9000` but not `ISO90-00`); the phrase needs the halves side by side,
  as a hyphen (or a space) prints them, so a glued word is split only where the archive itself
  writes it apart.
Either form counts as the word itself (best match: evidence 1.0, the hit does not lack it).
"""
from __future__ import annotations

import re
import unicodedata

from searchapp import engine
from searchapp.cache import kept_on
from searchapp.analysis.analyzer import word_tokens

__all__ = ["other_spellings", "joined", "cuts", "MIN_HALF", "MAX_FORMS"]

#: Shortest half of a glued word that is looked for apart (`e-mail` is not found from `email`:
#: one letter is too little evidence of a word).
MIN_HALF = 2
#: At most this many other spellings per word.
MAX_FORMS = 3
_HYPHENATED = re.compile(r"[a-z0-9]+(?:[-\u2010\u2011\u2012\u2013][a-z0-9]+)+")
_GLUED = re.compile(r"[a-z0-9]+")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def joined(text: str) -> str | None:
    """The joined token of a word made of Latin/digit runs with hyphens between them (`Wi-Fi`
    → "wifi", `Ｗｉ－Ｆｉ` too: compared after NFKC and lower-casing), when the analyzer reads it
    as those runs; else None."""
    s = _folded(text)
    if not _HYPHENATED.fullmatch(s):
        return None
    toks = word_tokens(text)
    runs = re.split(r"[^a-z0-9]+", s)
    return "".join(toks) if len(toks) > 1 and toks == runs else None


def cuts(text: str) -> list[str]:
    """The hyphenated forms a one-token Latin/digit word may be written in, left half first
    longest (`covid19` → ["covid-19", "covi-d19", ...]): every cut leaving at least MIN_HALF
    characters on each side and not inside a run of digits; [] for any other word."""
    s = _folded(text)
    if not _GLUED.fullmatch(s) or word_tokens(text) != [s] or s.isdigit():
        return []
    out = []
    for i in range(len(s) - MIN_HALF, MIN_HALF - 1, -1):
        if not (s[i - 1].isdigit() and s[i].isdigit()):
            out.append(f"{s[:i]}-{s[i:]}")
    return out


#: Words whose spellings a searcher keeps (`other_spellings`); past this the kept ones go.
KEPT_WORDS = 4096


def other_spellings(s, text: str) -> list[str]:
    """The other spellings of `text` the index behind searcher `s` holds: its joined token
    (`joined`) or the cuts whose two halves are both indexed words (`cuts`), at most MAX_FORMS,
    each as a word to search (`"wifi"`, `"wi-fi"`); [] when there are none. Costs one term
    lookup per candidate token (`engine.term_counts`) the first time a searcher is asked about
    `text`: the answer is kept on the searcher (what its index holds does not change), so best
    match and the highlighter of one query, and later queries, do not look again."""
    kept = kept_on(s, "_searchapp_spellings", dict)
    got = kept.get(text)
    if got is None:
        if len(kept) >= KEPT_WORDS:
            kept.clear()
        got = kept[text] = _spellings(s, text)
    return list(got)


def _spellings(s, text: str) -> list[str]:
    one = joined(text)
    if one is not None:
        return [one] if engine.term_counts(s, [one])[one] else []
    forms = cuts(text)
    if not forms:
        return []
    halves = {h for f in forms for h in f.split("-")}
    have = engine.term_counts(s, sorted(halves))
    return [f for f in forms if all(have[h] for h in f.split("-"))][:MAX_FORMS]
