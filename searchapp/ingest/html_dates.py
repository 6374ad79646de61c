"""Dates as written on news pages and in exports → ISO strings.

`parse_date(s)` reads one date(+time) value: "2005-3-11 12:12", "2022/02/13 07:48:00",
"2005年03月21日 11:21", "2022-02-13T07:48:00+08:00", "2019-09-07T10:00:00Z", "20200219",
"Mon, 10 Dec 2012 08:00:00 GMT" (RFC 2822, via `email.utils`), Unix time (10 digits for
seconds, 13 for milliseconds: an instant, written in China Standard Time, `dates.LOCAL_OFFSET`,
the zone of the archive's readers, so its local date is theirs). Result: "YYYY-MM-DD" without a
time, else "YYYY-MM-DDTHH:MM[:SS]" plus "±HH:MM" when the input gave an offset ("Z" → "+00:00").
Time zones: an offset given is kept as written (never converted); a time without an offset is
the page's local time and is stored without one. Years outside 1970–2100 are refused, and so is
a value whose time is no time of day (`2020-09-10 25:00`, `12:60`): the value is unreadable, not
its day (`find_date` in running text still takes the day).

`find_date(text)` finds the first plausible date(+time) in running text (a visible dateline).

`fold_digits(s)`: full-width digits and date separators (`２０２０－０９－０１`, `９ 月 １４ 日`, as
Chinese typesetting often prints them) → ASCII, one character for one, so offsets hold: the
full-width ASCII forms (`analysis.text.fold_width`) and the ideographic space. Every reader of
dates here applies it first (Unicode NFKC maps these characters the same way).

`parse_date` also reads a date written in Chinese numerals (`二〇二〇年十月八日`,
`二零二零年十月十五日 十时三十分`): the numerals before 年/月/日/时/分 are folded to Arabic
digits by `analysis.numerals.fold_text`, the rule the query language reads dates typed as words
with (`query.calendar_words`), so a CSV/JSONL date column and a query agree on one form.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from email.utils import parsedate_tz

from searchapp.analysis.numerals import fold_text
from searchapp.analysis.text import fold_width
from searchapp.dates import LOCAL_OFFSET, LOCAL_ZONE

_DATE_RE = re.compile(
    r"(?<!\d)((?:19[7-9]|20\d)\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:(?:\s*|T|日)(?:[上下]午)?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?(?:\.\d+)?\s*秒?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})?)?")
_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?)?\s*$")


def fold_digits(s: str) -> str:
    """`s` with full-width digits, `－／．：` (every full-width ASCII form, `text.fold_width`)
    and the ideographic space made ASCII (same length)."""
    return fold_width(s).replace("\u3000", " ")


def _fmt(y: int, mo: int, d: int, h: int | None = None, mi: int | None = None,
         sec: int | None = None, tz: str | None = None, strict: bool = False) -> str | None:
    if not (1970 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]):
        return None  # not a calendar day (2020-02-30, 2021-02-29, 2020-13-45)
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    bad_time = h is not None and mi is not None and not (0 <= h <= 23 and 0 <= mi <= 59) or \
        sec is not None and not 0 <= sec <= 59
    if strict and bad_time:
        return None  # one value with no such time (2020-09-10 25:00): not read as its day
    if h is None or mi is None or not (0 <= h <= 23 and 0 <= mi <= 59):
        return out
    out += f"T{h:02d}:{mi:02d}"
    if sec is not None and 0 <= sec <= 59:
        out += f":{sec:02d}"
    if tz:
        out += _tz(tz)
    return out


def _tz(tz: str) -> str:
    tz = tz.strip().upper()
    if tz == "Z":
        return "+00:00"
    m = re.match(r"^(?:GMT|UTC)([+-])(\d{1,2})$", tz)
    if m:
        return f"{m.group(1)}{int(m.group(2)):02d}:00"
    m = re.match(r"^([+-])(\d{2}):?(\d{2})$", tz)
    if m:
        return f"{m.group(1)}{m.group(2)}:{m.group(3)}"
    return ""


def _from_match(m: re.Match, strict: bool = False) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    h = int(m.group(4)) if m.group(4) else None
    mi = int(m.group(5)) if m.group(5) else None
    sec = int(m.group(6)) if m.group(6) else None
    if h is not None and "下午" in m.group(0) and h < 12:
        h += 12
    return _fmt(y, mo, d, h, mi, sec, m.group(7), strict)


def parse_date(s: str | None) -> str | None:
    """One date value → ISO string (see module docstring) or None when unreadable. Chinese
    numerals in a numeric context are read as digits first (`analysis.numerals.fold_text`)."""
    if not s:
        return None
    s = fold_text(fold_digits(str(s))).strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):  # Unix time in seconds or milliseconds
        secs = float(s) / (1000 if len(s.split(".")[0]) == 13 else 1)
        t = _dt.datetime.fromtimestamp(secs, tz=_dt.timezone.utc).astimezone(LOCAL_ZONE)
        return _fmt(t.year, t.month, t.day, t.hour, t.minute, t.second, LOCAL_OFFSET)
    m = _COMPACT.match(s)
    if m:
        g = [int(x) if x else None for x in m.groups()]
        return _fmt(g[0], g[1], g[2], g[3], g[4], g[5], strict=True)
    m = _DATE_RE.search(s)
    if m and m.start() <= 12:
        return _from_match(m, strict=True)
    t = parsedate_tz(s)
    if t:
        y, mo, d, h, mi, sec = t[:6]
        off = t[9]
        tz = None
        if off is not None:
            sign = "+" if off >= 0 else "-"
            off = abs(off)
            tz = f"{sign}{off // 3600:02d}:{off % 3600 // 60:02d}"
        return _fmt(y, mo, d, h, mi, sec, tz, strict=True)
    return None


_MONTH_ONLY = re.compile(r"^\s*(?:19[7-9]|20\d)\d\s*(?:[-/.]|年)\s*(?:0?[1-9]|1[0-2])\s*月?\s*$")


def date_problem(raw: str) -> str:
    """The problem line for an export's date value `raw` that `parse_date` cannot read: a month
    alone (`2020-09`) is said to be one (an article's date is a day), anything else is not a
    valid date. The article is kept without a date either way."""
    shown = f"{raw[:40]!r}"
    if _MONTH_ONLY.match(fold_text(fold_digits(raw))):
        return (f"date {shown} gives a month, not a day; article kept without a date (the value "
                "kept as date_raw)")
    return f"date {shown} is not a valid date; article kept without a date"


def find_date(text: str) -> str | None:
    """The first plausible date (with its time when written) in running text, or None."""
    for m in _DATE_RE.finditer(fold_digits(text)):
        v = _from_match(m)
        if v:
            return v
    return None


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every plausible date in `text` as (offset, ISO string), in order."""
    out = []
    for m in _DATE_RE.finditer(fold_digits(text)):
        v = _from_match(m)
        if v:
            out.append((m.start(), v))
    return out
