"""Date and page words of a query (`query.calendar_words`) as filters, placed in the archive.

    place(plan, day_counts) -> Placed

A date typed without a year (`1月28日`, `春节前`) is placed in the year the archive holds most
articles in that span (the latest such year on a tie; when no year has any, the latest year of
the archive, and the filter finds nothing). The notice says which year was used and how, and
carries `q`: the query with those words quoted, searched as text (the UI links to it).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from searchapp.messages import notice
from searchapp.query.calendar_words import DateWord
from searchapp.query.plan import Plan

__all__ = ["Placed", "place"]


@dataclass
class Placed:
    """`date_from`/`date_to`: the inclusive ISO bounds the date words give (None: no bound);
    `notices`: the `calendar_words` notice (and `date_words_unplaced` when the archive holds no
    dated article), as `messages.notice` items."""

    date_from: str | None = None
    date_to: str | None = None
    notices: list[dict] = field(default_factory=list)


class _Days:
    """Articles per day of the archive, for counting the articles of a span quickly."""

    def __init__(self, counts: dict[str, int]):
        self.days = sorted(counts)
        self.cum = [0]
        for d in self.days:
            self.cum.append(self.cum[-1] + counts[d])
        self.years = sorted({int(d[:4]) for d in self.days if d[:4].isdigit()})

    def between(self, lo: date, hi: date) -> int:
        a = bisect.bisect_left(self.days, lo.isoformat())
        b = bisect.bisect_right(self.days, hi.isoformat())
        return self.cum[b] - self.cum[a]


def _year(w: DateWord, days: _Days) -> tuple[int | None, str]:
    """(year, how): "typed", "most" (most articles in the span), "latest" (no year has any:
    the archive's latest), or (None, "none") when the archive holds no dated article."""
    if w.year:
        return w.year, "typed"
    if not days.years:
        return None, "none"
    best = None
    for y in days.years:
        span = w.span(y)
        if span is None:
            continue
        n = days.between(*span)
        if n and (best is None or (n, y) > best):
            best = (n, y)
    if best:
        return best[1], "most"
    return days.years[-1], "latest"


def _span_text(lo: date, hi: date) -> str:
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}..{hi.isoformat()}"


_HOW_EN = {"typed": "", "most": " (year {y} from the archive: the year with most articles then)",
           "latest": " (no year of the archive has articles then; used its latest year, {y})"}
_HOW_ZH = {"typed": "", "most": "（年份取自本库：该时段文章最多的 {y} 年）",
           "latest": "（本库任何年份该时段都没有文章；按最近的 {y} 年）"}


def place(plan: Plan, day_counts: dict[str, int]) -> Placed:
    """The filters and the notice of `plan`'s page and date words; see the module docstring.
    Nothing to do (an empty Placed) when the plan has none."""
    out = Placed()
    if not plan.page_words and not plan.date_words:
        return out
    parts_en = [f"“{p.text}” as page {p.page}" for p in plan.page_words]
    parts_zh = [f"“{p.text}”即第{p.page}版" for p in plan.page_words]
    days = _Days(day_counts) if plan.date_words else None
    unplaced = []
    for w in plan.date_words:
        y, how = _year(w, days)
        span = w.span(y) if y else None
        if span is None:
            unplaced.append(w.text)
            continue
        lo, hi = span[0].isoformat(), span[1].isoformat()
        out.date_from = max(out.date_from or lo, lo)
        out.date_to = min(out.date_to or hi, hi)
        parts_en.append(f"“{w.text}” as the issue date {_span_text(*span)}" + _HOW_EN[how].format(y=y))
        parts_zh.append(f"“{w.text}”即出版日期 {_span_text(*span)}" + _HOW_ZH[how].format(y=y))
    if parts_en:
        item = notice("calendar_words", parts="; ".join(parts_en), parts_zh="；".join(parts_zh),
                      as_text=plan.as_text or "")
        item["q"] = plan.as_text or ""
        out.notices.append(item)
    if unplaced:
        out.notices.append(notice("date_words_unplaced", words=" ".join(unplaced)))
    return out
