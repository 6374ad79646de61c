"""An amount typed in one script finds it printed in the other: `70亿` finds `七十亿元`.

    other_script(searcher, text, kinds, limit) -> None     adds to `kinds["literal"]` in place
    spellings(text) -> [str]          the amount written in the other script, for the highlighter

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

The highlighter marks strings as printed, so it is given every query word holding a numeral
in the other script too (`spellings`): `70亿` → `七十亿`, `2300亿` → `二千三百亿` and
`两千三百亿`, `5.5亿` → `五点五亿`, `1998年` → `一九九八年` (digits before a unit or measure
word, `numerals.MEASURES`); `七十亿` → `70亿`, `第一次` → `第1次`, `全体会议一月` →
`全体会议1月` (`analysis.numerals.fold_text`, the fold the index applies). Such a word is then
found whole where the article prints the other form (the tokens match it already), so its
parts are not marked there (`snippets.Marks`).
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from searchapp import engine
from searchapp.analysis.numerals import MEASURES, fold_text
from searchapp.search.docsets import inside, union

__all__ = ["other_script", "spellings"]

_CN_DIGITS = "零一二三四五六七八九"
#: An Arabic number in a word: digits, an optional decimal part; not one with a thousands comma.
_ARABIC = re.compile(r"(?<![\d.,])(\d{1,12})(?:\.(\d{1,6}))?(?![\d,])")


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
    new = ~inside(docs, have)
    if not new.any():
        return
    lit_docs, lit_sc = kinds["literal"]
    all_docs = np.concatenate([lit_docs, docs[new]])
    order = np.argsort(all_docs, kind="stable")
    kinds["literal"] = (all_docs[order], np.concatenate([lit_sc, sc[new]])[order])


def _section(n: int) -> str:
    """1..9999 in Chinese numerals: 2300 → 二千三百, 105 → 一百零五."""
    out, zero = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if not d:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _CN_DIGITS[d] + unit
        zero = False
    return out


def _chinese(n: int) -> str:
    """A whole number below 10^12 in Chinese numerals as news prints them: 70 → 七十,
    15 → 十五, 10000 → 一万, 300000000 → 三亿, 100500 → 十万零五百."""
    if n == 0:
        return "零"
    out, gap = "", False
    for val, big in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if not val:
            gap = bool(out)
            continue
        out += ("零" if out and (gap or val < 1000) else "") + _section(val) + big
        gap = False
    return out[1:] if out.startswith("一十") else out


def _readings(m: re.Match, after: str) -> list[str]:
    """The Chinese readings of the number `m` followed by `after`; [] unless a measure word or
    unit follows it (`numerals.MEASURES`: where the index folds the Chinese form back), so a
    code (`5G`) or a year in a name (`98世界杯`) keeps its digits."""
    whole, frac = m.group(1), m.group(2)
    if not after.startswith(MEASURES):
        return []
    if after.startswith("年") and len(whole) == 4 and not frac:  # a year: digit by digit
        return ["".join("〇" if c == "0" else _CN_DIGITS[int(c)] for c in whole)]
    if len(whole) > 1 and whole.startswith("0"):
        return []
    base = _chinese(int(whole)) + ("点" + "".join(_CN_DIGITS[int(c)] for c in frac) if frac else "")
    out = [base]
    if base.startswith("二") and base[1:2] in ("千", "百", "万", "亿"):
        out.append("两" + base[1:])
    return out


def spellings(text: str) -> list[str]:
    """`text` with its numbers in the other script (module docstring); [] when it holds none or
    only numbers that read the same. Never raises."""
    t = unicodedata.normalize("NFKC", text or "")
    out: list[str] = []
    folded = fold_text(t)
    if folded != t:
        out.append(folded)
    forms = [""]
    at = 0
    for m in _ARABIC.finditer(t):
        readings = _readings(m, t[m.end():])
        if not readings:
            continue
        forms = [f + t[at:m.start()] + r for f in forms for r in readings]
        at = m.end()
    if at:
        out += [f + t[at:] for f in forms if f + t[at:] != t]
    return [x for x in dict.fromkeys(out) if x != text]
