"""Major Chinese holidays in a given year, and the spans `春节前`, `国庆期间`, ... stand for.

    holiday_date(name, year) -> date | None
    window(name, relation, year) -> (first day, last day) | None

Lunar holidays are computed from the Chinese calendar with the lunar-python library (MIT,
6tail/lunar-python; it tabulates the calendar of the Purple Mountain Observatory): 春节 = the
first day of the first lunar month, 元宵 = 1/15, 端午 = 5/5, 中秋 = 8/15, 除夕 = the day before
春节; 清明 is the solar term. Fixed holidays by their date: 元旦 01-01, 劳动节 (五一) 05-01,
国庆 10-01, 圣诞 12-25.

Spans (inclusive): `前` the 7 days before the holiday, `前夕` the 3 days before, `当天` the day,
`后` the 7 days after, `前后` 7 days either side, `期间` the holiday's own period (`PERIODS`:
春节 from 除夕 to the 6th day of the first month, the traditional week; 国庆 and 劳动节 seven
days, the "golden weeks"; 元旦, 中秋, 端午, 清明 three days; 元宵 and 除夕 one; 圣诞 24–26 Dec).
These are conventions of news usage, stated in every notice that applies one.
"""
from __future__ import annotations

import functools
from datetime import date, timedelta

__all__ = ["HOLIDAYS", "RELATIONS", "PERIODS", "holiday_date", "window"]

#: Names as typed → the holiday.
HOLIDAYS = {"春节": "春节", "农历新年": "春节", "国庆": "国庆", "国庆节": "国庆", "元旦": "元旦",
            "中秋": "中秋", "中秋节": "中秋", "端午": "端午", "端午节": "端午", "清明": "清明",
            "清明节": "清明", "元宵": "元宵", "元宵节": "元宵", "五一": "劳动节", "劳动节": "劳动节",
            "五一节": "劳动节", "除夕": "除夕", "圣诞": "圣诞", "圣诞节": "圣诞"}
#: Relation → (days before the holiday, days after it) of the span; None: the holiday's period.
RELATIONS = {"前": (7, -1), "前夕": (3, -1), "当天": (0, 0), "后": (-1, 7), "前后": (7, 7),
             "期间": None}
#: The holiday's own period as (first, last) days relative to its date.
PERIODS = {"春节": (-1, 6), "国庆": (0, 6), "劳动节": (0, 6), "元旦": (0, 2), "中秋": (0, 2),
           "端午": (0, 2), "清明": (0, 2), "元宵": (0, 0), "除夕": (0, 0), "圣诞": (-1, 1)}
_FIXED = {"元旦": (1, 1), "劳动节": (5, 1), "国庆": (10, 1), "圣诞": (12, 25)}
_LUNAR = {"春节": (1, 1), "元宵": (1, 15), "端午": (5, 5), "中秋": (8, 15)}
#: Years the lunar calendar library covers.
YEARS = (1901, 2099)


@functools.lru_cache(maxsize=1024)
def holiday_date(name: str, year: int) -> date | None:
    """The holiday's date in `year` (a `HOLIDAYS` value), or None outside `YEARS` for lunar
    holidays. KeyError for an unknown name."""
    if name in _FIXED:
        return date(year, *_FIXED[name])
    if not YEARS[0] <= year <= YEARS[1]:
        return None
    from lunar_python import Lunar, Solar  # deferred: only queries naming a holiday need it

    if name == "清明":
        for d in range(3, 7):
            if Solar.fromYmd(year, 4, d).getLunar().getJieQi() == "清明":
                return date(year, 4, d)
        return None
    if name == "除夕":
        first = holiday_date("春节", year)
        return first - timedelta(days=1) if first else None
    m, d = _LUNAR[name]
    s = Lunar.fromYmd(year, m, d).getSolar()
    return date(s.getYear(), s.getMonth(), s.getDay())


def window(name: str, relation: str, year: int) -> tuple[date, date] | None:
    """(first, last) day of `relation` (a `RELATIONS` key) around holiday `name` in `year`."""
    d = holiday_date(name, year)
    if d is None:
        return None
    r = RELATIONS[relation]
    if r is None:
        a, b = PERIODS[name]
        return d + timedelta(days=a), d + timedelta(days=b)
    return d - timedelta(days=r[0]), d + timedelta(days=r[1])
