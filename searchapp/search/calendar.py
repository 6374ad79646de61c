"""The calendar of one publication: which issues the archive holds, how many articles each, and
which expected issues are missing. Plain data in, plain data out (no index access here).

    cadence(days) -> (cadence, off_weekdays)
    calendar(publication, issues, year=None) -> dict

`issues` are (issue key, issue date "YYYY-MM-DD" | "YYYY-MM" | None, article count).

Cadence (inferred from the dates, never configured per source):
- "daily": issues on at least `DAILY_SHARE` (80 %) of the days between the first and last issue.
  A weekday with no issue in a range holding it at least `OFF_MIN` (3) times is a day the
  publication does not appear (`off_weekdays`, e.g. no Sunday edition; at most `MAX_OFF` (2)
  such weekdays), not a gap.
- "weekly": at least `MIN_ISSUES` issues and the median gap between them is 6–8 days; an issue is missing where the gap
  between two issues exceeds 10 days (one per 7 days of excess).
- "monthly": issue dates are months ("YYYY-MM"; two issues at least: one issue shows no rhythm)
  or the median gap is 28–31 days; every month between the first and the last without an issue
  is missing.
- "irregular": anything else (web sites: days without articles are shown empty, never missing).
"""
from __future__ import annotations

import calendar as _cal
import datetime as _dt
import statistics
from typing import Any, Iterable

__all__ = ["cadence", "calendar", "DAILY_SHARE", "OFF_MIN"]

DAILY_SHARE = 0.8
OFF_MIN = 3
#: Most weekdays a daily may never appear on (no Saturday and Sunday editions).
MAX_OFF = 2
#: Fewer dated issues than this are too few to call a publication weekly or monthly.
MIN_ISSUES = 5


def _day(s: str) -> _dt.date:
    return _dt.date.fromisoformat(s[:10])


def cadence(dates: Iterable[str]) -> tuple[str, list[int]]:
    """(cadence name, weekdays 0=Mon..6=Sun on which a daily never appears) of issue dates."""
    ds = sorted(set(dates))
    if not ds:
        return "irregular", []
    if all(len(d) == 7 for d in ds):
        return ("monthly" if len(ds) >= 2 else "irregular"), []
    days = sorted({_day(d) for d in ds if len(d) >= 10})
    if len(days) < 3:
        return "irregular", []
    span = (days[-1] - days[0]).days + 1
    present = set(days)
    counts = [0] * 7
    held = [0] * 7
    for i in range(span):
        d = days[0] + _dt.timedelta(days=i)
        counts[d.weekday()] += 1
        held[d.weekday()] += d in present
    off = [w for w in range(7) if held[w] == 0 and counts[w] >= OFF_MIN]
    if len(off) > MAX_OFF:  # one issue a week is a weekly, not a daily off six days
        off = []
    expected = sum(counts[w] for w in range(7) if w not in off)
    if expected and len(days) / expected >= DAILY_SHARE:
        return "daily", off
    if len(days) < MIN_ISSUES:
        return "irregular", []
    gap = statistics.median((b - a).days for a, b in zip(days, days[1:]))
    if 6 <= gap <= 8:
        return "weekly", []
    if 28 <= gap <= 31:
        return "monthly", []
    return "irregular", []


def _missing(kind: str, dates: list[str], off: list[int]) -> list[str]:
    if kind == "monthly":
        months = sorted({d[:7] for d in dates})
        y, m = map(int, months[0].split("-"))
        out = []
        while f"{y:04d}-{m:02d}" < months[-1]:
            if f"{y:04d}-{m:02d}" not in months:
                out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    if kind not in ("daily", "weekly"):  # irregular: month-dated issues too (one issue)
        return []
    days = sorted({_day(d) for d in dates})
    if kind == "daily":
        have = set(days)
        return [d.isoformat() for d in (days[0] + _dt.timedelta(days=i)
                                        for i in range((days[-1] - days[0]).days + 1))
                if d not in have and d.weekday() not in off]
    if kind == "weekly":
        out = []
        for a, b in zip(days, days[1:]):
            for k in range(1, ((b - a).days - 4) // 7 + 1):
                if (b - a).days > 10:
                    out.append((a + _dt.timedelta(days=7 * k)).isoformat())
        return out
    return []


def calendar(publication: str, issues: Iterable[tuple[str, str | None, int]],
             year: int | None = None) -> dict[str, Any]:
    """The calendar of `publication` for `year` (default: the last year with an issue).

    Returns {"publication", "cadence", "off_weekdays" [0..6], "issues" (number held), "articles",
    "first", "last" (issue dates or None), "missing" [dates, all years], "years" [int],
    "year" (int or None), "months": [{"month": "YYYY-MM", "issues", "articles",
    "weeks": [[cell × 7]]}], "undated": [{"issue", "articles"}]}, where a cell is None (outside
    the month) or {"date", "day", "count", "issue" (key or None), "status": "issue" | "missing"
    | "off" | "empty"}. Month-granular issues (monthly magazines) get one cell per month
    instead: "weeks" is empty and "issue_list" lists {"issue", "date", "articles"}."""
    rows = list(issues)
    dated = [(k, d, n) for k, d, n in rows if d]
    undated = [{"issue": k, "articles": n} for k, d, n in rows if not d]
    kind, off = cadence(d for _, d, _ in dated)
    missing = _missing(kind, [d for _, d, _ in dated], off) if dated else []
    years = sorted({int(d[:4]) for _, d, _ in dated})
    if year is None or year not in years:
        year = years[-1] if years else None
    by_date: dict[str, list[tuple[str, int]]] = {}
    for k, d, n in dated:
        by_date.setdefault(d, []).append((k, n))
    miss = set(missing)
    months = []
    if year is not None:
        first = min(d for _, d, _ in dated)
        last = max(d for _, d, _ in dated)
        for m in range(1, 13):
            key = f"{year:04d}-{m:02d}"
            if key < first[:7] or key > last[:7]:
                continue
            month_rows = [(k, d, n) for k, d, n in dated if d[:7] == key]
            entry: dict[str, Any] = {"month": key, "issues": len(month_rows),
                                     "articles": sum(n for _, _, n in month_rows),
                                     "missing": key in miss, "weeks": [], "issue_list": []}
            if any(len(d) >= 10 for _, d, _ in month_rows) or (kind != "monthly" and not month_rows):
                for week in _cal.Calendar(firstweekday=0).monthdatescalendar(year, m):
                    cells = []
                    for d in week:
                        if d.month != m:
                            cells.append(None)
                            continue
                        iso = d.isoformat()
                        got = by_date.get(iso, [])
                        count = sum(n for _, n in got)
                        status = ("issue" if got else "missing" if iso in miss
                                  else "off" if kind == "daily" and d.weekday() in off
                                  and first <= iso <= last else "empty")
                        cells.append({"date": iso, "day": d.day, "count": count,
                                      "issue": got[0][0] if got else None, "status": status})
                    entry["weeks"].append(cells)
            entry["issue_list"] = [{"issue": k, "date": d, "articles": n}
                                   for k, d, n in sorted(month_rows, key=lambda r: (r[1], r[0]))]
            months.append(entry)
    return {
        "publication": publication, "cadence": kind, "off_weekdays": off,
        "issues": len(rows), "articles": sum(n for _, _, n in rows),
        "first": min((d for _, d, _ in dated), default=None),
        "last": max((d for _, d, _ in dated), default=None),
        "missing": missing, "years": years, "year": year, "months": months, "undated": undated,
    }
