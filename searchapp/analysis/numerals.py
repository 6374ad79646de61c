"""Numeral folding for matching: Chinese numerals in numeric contexts → Arabic digits.

    fold(text) -> (folded, src)      src[i] = index in `text` of the character that produced
                                     folded character i (len(src) == len(folded))
    spans(text) -> [(start, end, Arabic replacement)]     the numerals `fold` replaces

Applied to *normalised* text (NFKC already made full-width digits half-width), the same way at
index time and at query time, so `第十五届` = `第15届`, `一九九八年` = `1998年`,
`一月十日` = `1月10日`, `百分之八点八` = `8.8%`, `三千二百五十亿美元` = `3250亿美元`.
Only numerals in a numeric context are folded (Chao, "A Grammar of Spoken Chinese", ch. 7 on
numerals and measures; the measure words are the common ones of news text):
  - after 第 (ordinals): 第十五届, 第一
  - before a measure word or calendar unit (`MEASURES`): 年 月 日 号 届 次 个 名 岁 周年 ...
  - 百分之X (→ X%), X点Y before a unit (→ X.Y: 六点二级, 四点三九亿)
  - X时Y分 (clock times: 十一时五十分 → 11时50分)
  - 元月 (→ 1月)
Never inside ordinary words: a run is folded only when the context above holds, so 一国两制,
统一, 万一, 一些, 十分 (very), 一时, 一度, 千万 (by all means), 十五大, 三峡 stay as they are.
万 and 亿 stay as characters (三千二百五十亿 → 3250亿, as news prints Arabic amounts). Exact
lookups are unaffected: the literal recall column is not folded.
"""
from __future__ import annotations

import re
from typing import Iterator

__all__ = ["spans", "matches", "apply", "fold", "fold_text", "value", "MEASURES"]

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = "万亿"
_NUM = "〇零一二两三四五六七八九十百千"

#: Measure words and calendar units after which a Chinese numeral is a number. Single
#: characters that form ordinary words with 一 (一时 a while, 一度 once, 一道 together, 一点 a
#: little, 十分 very, 一般, 一样) are left out on purpose; 分 and 点 are handled as clock and
#: decimal patterns only.
MEASURES = tuple(sorted("""
年 月 日 号 届 次 个 名 位 人 岁 周年 周岁 天 项 家 条 种 倍 元 美元 港元 日元 欧元 马克 英镑 卢布
亿 万 米 公里 千米 公斤 千克 吨 亩 公顷 平方米 平方公里 立方米 级 户 所 座 架 辆 艘 台 件 本 部 篇
期 批 场 轮 枚 块 张 只 头 份 起 例 层 组 支 队 届次 代 辈 世纪 小时 分钟 秒 星期 季度 成 折 条款
""".split(), key=len, reverse=True))

_NUMRUN = f"[{_NUM}]+(?:[{_BIG}][{_NUM}]*)*"
#: Any character every pattern below needs one of (a numeral, or 元 of 元月).
_ANY = re.compile(f"[{_NUM}元]")
_MEAS = "|".join(map(re.escape, MEASURES))
# order matters: the longest patterns first (alternation picks the first that matches)
_PAT = re.compile(
    rf"(?P<pct>百分之(?P<pn>{_NUMRUN})(?:点(?P<pd>[{_NUM}]+))?)"
    rf"|(?P<time>(?P<th>{_NUMRUN})时(?P<tm>{_NUMRUN})分)"
    rf"|(?P<dec>(?P<di>{_NUMRUN})点(?P<dd>[〇零一二三四五六七八九]+)(?=[{_BIG}]|{_MEAS}|%))"
    rf"|(?P<ord>第(?P<on>{_NUMRUN}))"
    rf"|(?P<meas>(?<![{_NUM}{_BIG}])(?P<mn>{_NUMRUN})(?={_MEAS}))"
    rf"|(?P<jan>(?<![{_NUM}\d])元月)"
)


def value(run: str) -> str | None:
    """Arabic form of a Chinese numeral run without 万/亿 (`二十八` → `28`, `一九九八` →
    `1998`, `一百零二` → `102`, `十` → `10`), or None when it is not a well-formed number."""
    if not run:
        return None
    if not any(c in _UNITS for c in run):  # digit by digit: 一九九八, 二〇二〇, 五
        return "".join(str(_DIGITS[c]) for c in run) if all(c in _DIGITS for c in run) else None
    total, cur, last_unit = 0, None, 10_000
    for c in run:
        if c in _DIGITS:
            if cur is not None and _DIGITS[c] != 0:
                return None  # two digits in a row inside a positional number
            cur = _DIGITS[c] if _DIGITS[c] != 0 else None
        else:
            u = _UNITS[c]
            if u >= last_unit:
                return None
            total += (1 if cur is None else cur) * u
            cur, last_unit = None, u
    return str(total + (cur or 0))


def _big(run: str) -> str | None:
    """Fold a run that may contain 万/亿: each segment folded, 万/亿 kept."""
    out, seg = [], ""
    for c in run:
        if c in _BIG:
            if seg:
                v = value(seg)
                if v is None:
                    return None
                out.append(v)
            out.append(c)
            seg = ""
        else:
            seg += c
    if seg:
        v = value(seg)
        if v is None:
            return None
        out.append(v)
    return "".join(out)


def _piece(text: str, start: int, end: int, folded: str | None,
           out: list[str], src: list[int]) -> None:
    """Append text[start:end] as `folded` (each output character mapped to the source
    character it stands for: spread evenly, the last one to the last source character)."""
    if folded is None or folded == text[start:end]:
        out.append(text[start:end])
        src.extend(range(start, end))
        return
    n, m = len(folded), end - start
    out.append(folded)
    src.extend(start + (i * m) // n if i < n - 1 else end - 1 for i in range(n))


#: Where a match of _PAT can start: a numeral (百 of 百分之 is one), 第 or 元 (of 元月).
_FIRST = re.compile(f"[{_NUM}第元]")


def matches(text: str) -> Iterator[re.Match]:
    """The matches of `_PAT.finditer(text)`, found by trying `_PAT` only where one can start
    (`_FIRST`) instead of at every character. Lookbehinds still see the text before."""
    pos, search, match = 0, _FIRST.search, _PAT.match
    while True:
        c = search(text, pos)
        if c is None:
            return
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()  # never empty: every branch takes a character


def spans(text: str) -> list[tuple[int, int, str]]:
    """Numerals of `text` in a numeric context as [(start, end, Arabic replacement)], in text
    order, not overlapping. The caller decides which to apply (analysis applies those that
    start at a word boundary, so 统一年度 keeps its 一)."""
    if not text or _ANY.search(text) is None:
        return []
    out: list[tuple[int, int, str]] = []
    for m in matches(text):
        g = m.groupdict()
        if g["pct"] is not None:
            n = _big(g["pn"])
            if n is None or (g["pd"] and not all(c in _DIGITS for c in g["pd"])):
                continue
            rep = n + ("." + "".join(str(_DIGITS[c]) for c in g["pd"]) if g["pd"] else "") + "%"
        elif g["time"] is not None:
            h, mi = _big(g["th"]), _big(g["tm"])
            if h is None or mi is None:
                continue
            rep = f"{h}时{mi}分"
        elif g["dec"] is not None:
            i = _big(g["di"])
            if i is None:
                continue
            rep = i + "." + "".join(str(_DIGITS[c]) for c in g["dd"])
        elif g["ord"] is not None:
            v = _big(g["on"])
            if v is None:
                continue
            rep = "第" + v
        elif g["meas"] is not None:
            run = g["mn"]
            if not any(c in _DIGITS for c in run) and text[m.end():m.end() + 1] in _BIG:
                continue  # 千万 (by all means), 百万 without a digit: not a count here
            rep = _big(run)
            if rep is None:
                continue
        else:  # 元月
            rep = "1月"
        out.append((m.start(), m.end(), rep))
    return out


def apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """(text with `edits` applied, source index of each output character). `edits` sorted,
    not overlapping (as `spans` returns them)."""
    out: list[str] = []
    src: list[int] = []
    pos = 0
    for s, e, rep in edits:
        _piece(text, pos, s, None, out, src)
        _piece(text, s, e, rep, out, src)
        pos = e
    _piece(text, pos, len(text), None, out, src)
    return "".join(out), src


def fold(text: str) -> tuple[str, list[int]]:
    """Every numeric-context numeral of `text` folded: (folded, src) as in `apply`."""
    return apply(text, spans(text))


def fold_text(text: str) -> str:
    """Just the folded text of `fold`."""
    return fold(text)[0]

