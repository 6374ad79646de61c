"""Publication times: what the readers store, the instant used for ordering and the one API
format (the one display format is `messages.date_text`; docs/web.md, "Dates and times").
This module shapes the stored sort order, so the index fingerprint covers it: it imports nothing
of searchapp.

    parse(value) -> Published | None
    sort_key(value) -> str               UTC instant "YYYY-MM-DDTHH:MM:SSZ" ("" when undated)
    api_fields(value) -> dict            {"date", "published", "published_offset_assumed"}

Stored value (`Article.date`, as the readers write it, `ingest.html_dates`): "YYYY-MM-DD", or
"YYYY-MM-DDTHH:MM[:SS]" with "±HH:MM" when the page gave its offset ("Z" is stored "+00:00").
That value stays the article's date *as printed*: the day filters and the month facet use its
local date, pages show its local time. Ordering uses the instant: the printed time moved to UTC
by its offset. A time printed without an offset is read as China Standard Time (`LOCAL_OFFSET`,
UTC+8, no daylight saving since 1991: the zone of the Chinese news this archive holds), and the
API says it was assumed. A day without a time stands for its local midnight (in "newest first" it
comes after the timed articles of that day).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

__all__ = ["Published", "parse", "sort_key", "api_fields", "LOCAL_OFFSET", "LOCAL_ZONE"]

#: The UTC offset of a time printed without one (China Standard Time), and that zone.
LOCAL_OFFSET = "+08:00"
LOCAL_ZONE = timezone(timedelta(hours=8))

_VALUE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                    r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?$")


@dataclass(frozen=True)
class Published:
    """A stored date, read: `year`, `month`, `day` (None for a month alone), `hour`, `minute`,
    `second` (None without a time), `offset` ("+08:00" as printed, None when not printed)."""

    year: int
    month: int
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: str | None = None

    @property
    def date(self) -> str:
        """The local date as printed: "YYYY-MM-DD" (or "YYYY-MM" for a month alone)."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def offset_assumed(self) -> bool:
        """True when the time had no printed offset and `LOCAL_OFFSET` stands in for it."""
        return self.hour is not None and self.offset is None

    def _tz(self) -> timezone:
        off = self.offset or LOCAL_OFFSET
        sign = -1 if off[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(off[1:3]), minutes=int(off[-2:])))

    def local(self) -> datetime:
        """The printed moment (its local midnight for a day without a time, the first of the
        month for a month alone), zone attached."""
        return datetime(self.year, self.month, self.day or 1, self.hour or 0, self.minute or 0,
                        self.second or 0, tzinfo=self._tz())

    def instant(self) -> str:
        """That moment in UTC, "YYYY-MM-DDTHH:MM:SSZ" (sorts as time does)."""
        return self.local().astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def iso(self) -> str | None:
        """ISO 8601 with offset ("2012-06-04T09:20:26+08:00"), None without a time."""
        if self.hour is None:
            return None
        return self.local().isoformat(timespec="seconds")


def parse(value: str | None) -> Published | None:
    """The stored date `value` read (module docstring), or None when empty or not a date."""
    m = _VALUE.match((value or "").strip())
    if not m:
        return None
    y, mo, d, h, mi, s, off = m.groups()
    if off == "Z":
        off = "+00:00"
    elif off and ":" not in off:
        off = f"{off[:3]}:{off[3:]}"
    try:
        p = Published(int(y), int(mo), int(d) if d else None, int(h) if h else None,
                      int(mi) if mi else None, int(s) if s else None, off)
        p.local()  # a real calendar day and time
    except ValueError:
        return None
    return p


def sort_key(value: str | None) -> str:
    """The UTC instant of a stored date, for ordering; "" when undated or unreadable."""
    p = parse(value)
    return p.instant() if p else ""


def api_fields(value: str | None) -> dict[str, object]:
    """The one API format: {"date": local date "YYYY-MM-DD" (or None), "published": ISO 8601
    with offset or None (no time printed), "published_offset_assumed": True when the offset is
    `LOCAL_OFFSET` because none was printed}."""
    p = parse(value)
    if p is None:
        return {"date": value or None, "published": None, "published_offset_assumed": False}
    return {"date": p.date, "published": p.iso(), "published_offset_assumed": p.offset_assumed}
