"""Dates and printed pages typed as words: `头版`, `第8版`, `1月28日`, `1月上旬`, `春节前`.

    read(word) -> Reading | None        a whole query word that states a page or a date
    split(word) -> (Reading, rest) | None   one glued to the front of a word (`1月28日春节`)

Editors type constraints on the article's own page and issue date as plain words (`头版
下岗职工`, `1月上旬 西藏雪灾`); searched as text they match datelines of other days and nothing
at all for `头版`. The parser turns them into filters (`Plan.pages`, `Plan.date_words`), says so
in a notice, and offers the query with those words quoted (searched as text) instead.

Forms (after NFKC and the project's traditional → simplified fold, `analysis.text.to_simplified`,
so 頭版 = 头版 and 春節前 = 春节前; Chinese numerals read too, so 一月二十八日 = 1月28日, 第八版 = 第8版;
a reading keeps the word as typed in its `text`, for the notice):
  pages    头版 · 头版头条 · 第N版 · N版 · 一版                (`query.pages.read_page`)
  dates    [YYYY年]M月D日|号 · [YYYY年]M月上旬|中旬|下旬 · [YYYY年]M月[份] · YYYY年M月 · 元月 = 1月
  ranges   a day or month, then 至 到 - — – ~, then a later one: 1月1日至1月10日, 9月1日至15日
           (the same month), 1月1-10日, 12月25日至1月5日 (into the next year), 1月至3月
  holidays 春节 国庆 元旦 中秋 端午 清明 元宵 五一/劳动节 除夕 圣诞 + 前|前夕|当天|期间|后|前后
           (windows: `query.holidays`)
A date without a year is placed by search against the dates the archive holds
(`DateWord.span(year)`; the year chosen is said in the notice). `date:` stays the exact form.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from searchapp.analysis.numerals import fold_text
from searchapp.analysis.text import to_simplified
from searchapp.query.holidays import HOLIDAYS, RELATIONS, window
from searchapp.query.pages import read_page

__all__ = ["DateRange", "DateWord", "PageWord", "Reading", "read", "split"]


@dataclass(frozen=True)
class PageWord:
    """`text` (as typed) names printed page `page`."""

    text: str
    page: int


@dataclass(frozen=True)
class DateWord:
    """`text` (as typed) names a span of issue dates: a month (`first`/`last` None), a part of
    one (`first`..`last` days, `last` None = to the month's end), or a window around `holiday`
    (`relation`: a key of `holidays.RELATIONS`). `year` None = to be placed against the
    archive."""

    text: str
    year: int | None = None
    month: int | None = None
    first: int | None = None
    last: int | None = None
    holiday: str | None = None
    relation: str | None = None

    def span(self, year: int) -> tuple[date, date] | None:
        """The inclusive (first day, last day) in `year` (the word's own year wins), or None
        when it does not exist (30 February) or the holiday cannot be placed."""
        y = self.year or year
        if self.holiday:
            return window(self.holiday, self.relation or "当天", y)
        if not self.month or not 1 <= self.month <= 12 or not 1 <= y <= 9999:
            return None
        days = calendar.monthrange(y, self.month)[1]
        lo, hi = self.first or 1, min(self.last or days, days)
        if lo > days or lo > hi:
            return None
        return date(y, self.month, lo), date(y, self.month, hi)


@dataclass(frozen=True)
class DateRange:
    """`text` (as typed) names the issue dates from `start`'s first day to `end`'s last
    (`1月1日至1月10日`). `year` is the start's typed year (None = to be placed); an end
    without a year is in the start's year, or the next one when it comes earlier in the
    calendar (`12月25日至1月5日`)."""

    text: str
    start: DateWord
    end: DateWord

    @property
    def year(self) -> int | None:
        return self.start.year

    def span(self, year: int) -> tuple[date, date] | None:
        """The inclusive (first day, last day) starting in `year` (the typed year wins), or
        None when a bound does not exist or the end comes before the start."""
        y = self.start.year or year
        first = self.start.span(y)
        if first is None:
            return None
        later = (self.end.month, self.end.first or 1) >= (self.start.month, self.start.first or 1)
        last = self.end.span(self.end.year or (y if later else y + 1))
        if last is None or last[1] < first[0]:
            return None
        return first[0], last[1]


Reading = PageWord | DateWord | DateRange

_Y = r"(?:(?P<y>\d{4})年)?"
_DAY = re.compile(_Y + r"(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
_XUN = re.compile(_Y + r"(?P<m>\d{1,2})月(?P<x>上旬|中旬|下旬)")
_MONTH = re.compile(_Y + r"(?P<m>\d{1,2})月份?")
_XUNS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None)}
#: Two dates joined by a range word or dash (after NFKC: ～ → ~, － → -): the second may leave out
#: its year and month (`9月1日至15日`), and the first its 日 before a bare day (`1月1-10日`).
_RANGE = re.compile(r"(?:(?P<y1>\d{4})年)?(?P<m1>\d{1,2})月(?:(?P<d1>\d{1,2})[日号]?)?"
                    r"(?:至|到|-|—|–|~|～)"
                    r"(?:(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月)?(?:(?P<d2>\d{1,2})[日号])?")

_RANGE_PREFIX = re.compile("(?P<dates>" + _RANGE.pattern + ")(?P<rest>[^日号旬份].*)")


def _range(word: str, typed: str) -> DateRange | None:
    """`word` (folded) as a DateRange, or None when it is not one or a bound cannot exist."""
    m = _RANGE.fullmatch(word)
    if not m or not (m.group("m2") or m.group("d2")):
        return None
    if bool(m.group("d1")) != bool(m.group("d2")):  # 1月至15日, 1月1日至3月: not one reading
        return None
    y1, y2 = (int(m.group(k)) if m.group(k) else None for k in ("y1", "y2"))
    m1 = int(m.group("m1"))
    m2 = int(m.group("m2")) if m.group("m2") else m1
    d1, d2 = (int(m.group(k)) if m.group(k) else None for k in ("d1", "d2"))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or any(y is not None and not 1 <= y <= 9999
                                                     for y in (y1, y2)):
        return None
    if (y2 is not None and y1 is None) or any(d is not None and not 1 <= d <= 31 for d in (d1, d2)):
        return None
    if y2 is None and (m2, d2 or 0) < (m1, d1 or 0) and m2 >= m1:  # 1月10日至1月1日: typo
        return None
    return DateRange(typed, DateWord(typed, y1, m1, d1, d1), DateWord(typed, y2, m2, d2, d2))
_HOLIDAY = re.compile("(?P<h>" + "|".join(sorted(map(re.escape, HOLIDAYS), key=len, reverse=True))
                      + ")(?P<r>" + "|".join(sorted(map(re.escape, RELATIONS), key=len,
                                                   reverse=True)) + ")")
_PREFIX = re.compile(r"(头版|第?\d{1,3}版|" + _Y.replace("(?P<y>", "(?:") +
                     r"\d{1,2}月(?:\d{1,2}[日号]|上旬|中旬|下旬)?)(.+)")


def _date(word: str, typed: str) -> DateWord | DateRange | None:
    for pat in (_DAY, _XUN, _MONTH):
        m = pat.fullmatch(word)
        if not m:
            continue
        year = int(m.group("y")) if m.group("y") else None
        month = int(m.group("m"))
        if not 1 <= month <= 12 or (year is not None and not 1 <= year <= 9999):
            return None
        if pat is _DAY:
            d = int(m.group("d"))
            longest = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year
            return DateWord(typed, year, month, d, d) if 1 <= d <= longest else None
        if pat is _XUN:
            a, b = _XUNS[m.group("x")]
            return DateWord(typed, year, month, a, b)
        return DateWord(typed, year, month)
    m = _HOLIDAY.fullmatch(word)
    if m:
        return DateWord(typed, holiday=HOLIDAYS[m.group("h")], relation=m.group("r"))
    return _range(word, typed)


def _fold(word: str) -> str:
    """`word` as the patterns read it: simplified characters, NFKC, Arabic numerals."""
    return fold_text(to_simplified(word.strip()))


def read(word: str) -> Reading | None:
    """The page or date span a whole query word states, or None (it is a word to search)."""
    w = _fold(word)
    page = read_page(w) if w.endswith("版") or w == "头版头条" else None
    if page is not None:
        return PageWord(word, page)
    return _date(w, word)


def split(word: str) -> tuple[Reading, str] | None:
    """A page or date glued to the front of a word: (what it states, the rest of the word),
    e.g. `1月28日春节` → (1月28日, 春节), `头版下岗职工` → (头版, 下岗职工); else None. Both parts
    keep the script they were typed in (`頭版下崗職工` → (頭版, 下崗職工))."""
    typed = fold_text(word.strip())
    w = _fold(word)
    m = _RANGE_PREFIX.fullmatch(w)  # the longest reading first: 1月1日至1月10日香港
    if m and not m.group("rest")[0].isdigit():
        front, rest = _as_typed(typed, m.group("rest"), m.group("dates"))
        got = _range(m.group("dates"), front)
        if got:
            return got, rest
    m = _PREFIX.fullmatch(w)
    if not m:
        return None
    rest = m.group(2)
    if rest[0].isdigit() or rest[0] in "日号旬份":  # 2月30日: a date that does not exist, not 2月 + a word
        return None
    front, rest = _as_typed(typed, rest, m.group(1))
    got = read(front)
    return (got, rest) if got else None


def _as_typed(typed: str, rest: str, front: str) -> tuple[str, str]:
    """(front, rest) cut from `typed` (the word before the simplified fold) where its tail folds
    to `rest`; the folded parts when the fold changed the length."""
    n = len(rest)
    if 0 < n < len(typed) and _fold(typed[-n:]) == rest:
        return typed[:-n], typed[-n:]
    return front, rest
