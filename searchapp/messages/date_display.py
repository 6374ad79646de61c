"""The one display format of a stored date, for the pages, the CLI and the exports alike.

    date_text(value) -> str     "2012年6月4日 09:20", "2012年6月4日", "2020年9月"; "" for None
"""
from __future__ import annotations

from searchapp.dates import parse as parse_date
from searchapp.messages.catalogue import text

__all__ = ["date_text"]


def date_text(value: str | None) -> str:
    """The one display format of a stored date (`searchapp.dates`), local as printed:
    "2012年6月4日 09:20", "2012年6月4日", "2020年9月"; "" for None; a value that is not a date
    unchanged. Used by the pages, the CLI and the exports alike (issue 18 item 5)."""
    p = parse_date(value)
    if p is None:
        return value or ""
    if p.day is None:
        return text("date_month", "zh", y=p.year, m=p.month)
    out = text("date_day", "zh", y=p.year, m=p.month, d=p.day)
    return out if p.hour is None else f"{out} {p.hour:02d}:{p.minute or 0:02d}"
