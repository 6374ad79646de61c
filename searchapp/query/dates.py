"""`date:` values of the query language → inclusive ISO day bounds.

    date_bounds("2020-09") -> ("2020-09-01", "2020-09-30")
    date_bounds("2020-09-01..2020-09-15"), date_bounds("2020"), date_bounds("2020-09-01..")
    date_bounds("nonsense") -> None
"""
from __future__ import annotations

import datetime as _dt
import re

__all__ = ["date_bounds", "date_range_reversed"]

_DATE_RANGE = re.compile(r"^(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?(?:\.\.(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?)?$")


def date_bounds(value: str) -> tuple[str | None, str | None] | None:
    """(from, to) inclusive ISO days of a `date:` value (either may be None for an open range),
    or None when the value is not a readable date or range. Reversed ends (`2021-07..2021-03`)
    are swapped *before* each is widened to whole months/years, so the range is the same as
    written the right way round (see `date_range_reversed`)."""
    m = _DATE_RANGE.match(value)
    if not value or not m or not (m.group(1) or m.group(2)):
        return None
    a, b = m.group(1), m.group(2)
    try:
        if _reversed(a, b):
            a, b = b, a
        lo = _bound(a, False) if a else None
        hi = _bound(b if ".." in value else a, True) if (b or ".." not in value) else None
    except ValueError:
        return None
    return lo, hi


def date_range_reversed(value: str) -> bool:
    """True when `value` is a readable `from..to` range whose start lies wholly after its end
    (e.g. `2021-07..2021-03`), which `date_bounds` swaps; callers tell the user about it."""
    m = _DATE_RANGE.match(value or "")
    if not value or not m:
        return False
    try:
        return _reversed(m.group(1), m.group(2))
    except ValueError:
        return False


def _reversed(a: str | None, b: str | None) -> bool:
    """Both ends given and the first begins after the last one ends (ValueError if unreadable)."""
    return bool(a and b) and _bound(a, False) > _bound(b, True)


def _bound(s: str, end: bool) -> str:
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 3:
        return _dt.date(*parts).isoformat()
    y = parts[0]
    if len(parts) == 2:
        m = parts[1]
        if not end:
            return _dt.date(y, m, 1).isoformat()
        nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
        return (nxt - _dt.timedelta(days=1)).isoformat()
    return (_dt.date(y, 12, 31) if end else _dt.date(y, 1, 1)).isoformat()
