"""The date of an article printed in a dated issue: its own dateline, else the issue's day.

    own_dateline(body, year) -> ISO day | None
    issue_article_date(body, issue_day) -> (ISO day, how)
    date_text_issue(articles, filename) -> None         in place
    not_after_issue(date, day, month) -> ISO day           a lead's day read in the right year

A newspaper (or a dated magazine) prints its publication day in its running heads
(`河南日报 2026年12月1日`); an article in it was published that day. A date in its first sentence
(`12月1日上午，地铁开通`) is the day of the event it reports, not a publication date: a reprint
three days later repeats the same sentence. So, for an article of an issue whose day is known:

1. an article that opens with its **own dateline** — the press's sign for "filed on": `OUTLET
   [PLACE] [YYYY年]M月D日电` (a wire: `新华社郑州12月1日电`) or `…M月D日讯` / `…M月D日消息` (the
   paper's own: `本报郑州12月1日讯`), at most `_MAX_HEAD` characters of outlet and place before the
   date — is dated by it (read in the issue's year, the year before when that day would fall
   after the issue: `12月31日电` in a paper of 1 January);
2. every other article takes the issue's day, whatever dates its text mentions.

(Source of the rule: the dateline conventions of the Chinese press, `ingest/datelines.py`; the
archive files an issue's articles under the issue's day, `archive.editions`; TESTER7 T6.)

A text issue prints no running heads the reader can see: the full day of its file name (what
the archive files it under) stands for the issue's day (`date_text_issue`).

An issue without a known day (a monthly compilation whose pieces reprint other outlets' stories
of various days) keeps the day its text's lead names (`magazine_meta.lead_date`): it is the only
date those pieces have. Never raises.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from searchapp.archive.editions import name_date

from .html_dates import fold_digits

__all__ = ["own_dateline", "issue_article_date", "date_text_issue", "not_after_issue"]

#: Most characters of outlet and place before a dateline's date (`新华社乌鲁木齐`, `本报郑州`).
_MAX_HEAD = 16
_DATELINE = re.compile(r"^[\u4e00-\u9fff]{1,%d}?\s*(?:(\d{4})\s*年\s*)?"
                       r"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:电|讯|消息)" % _MAX_HEAD)


def own_dateline(body: str, year: int | None, issue_day: str | None = None) -> str | None:
    """ISO day of the dateline opening `body` (module docstring, rule 1), read in `year` when
    it prints none (the year before when that day would fall after `issue_day`); None when
    the body does not open with one or the day is not a calendar day."""
    head = fold_digits((body or "").lstrip()[:40])
    m = _DATELINE.match(head)
    if not m:
        return None
    y = int(m.group(1)) if m.group(1) else year
    if y is None:
        return None
    try:
        day = dt.date(y, int(m.group(2)), int(m.group(3)))
        if not m.group(1) and issue_day and day > dt.date.fromisoformat(issue_day[:10]):
            day = day.replace(year=y - 1)
    except ValueError:
        return None
    return day.isoformat()


def issue_article_date(body: str, issue_day: str) -> tuple[str, str]:
    """(ISO day, how) of an article in an issue of `issue_day` (ISO "YYYY-MM-DD"): its own
    dateline's day (how = "dateline"), else the issue's day (how = "issue"). A day the lead
    mentions is not used: it is the event's (module docstring)."""
    own = own_dateline(body, int(issue_day[:4]), issue_day)
    if own:
        return own, "dateline"
    return issue_day[:10], "issue"


def date_text_issue(articles: list, filename: str) -> None:
    """Date the articles of a text issue (in place) whose file name gives a full day
    (`henan-daily-2026-12-04.txt`, `archive.editions.name_date`: the day the archive files the
    issue under) by `issue_article_date`, noting `extra["date_from"] = "file name"` when that
    day is the issue's. A file name with a month or no date changes nothing (module docstring)."""
    day = name_date(PurePath(filename or "").stem)[0]
    if not day or len(day) != 10:
        return
    for a in articles:
        a.date, how = issue_article_date(a.body, day)
        if how == "issue":
            a.extra["date_from"] = "file name"


def not_after_issue(date: str, day: str | None, month: str | None) -> str:
    """A dateline without a year is read in the issue's year; when that day would fall after
    the issue (`12月31日` in a paper of 1 January), it is the year before."""
    try:
        d = dt.date.fromisoformat(date[:10])
        if day:
            bound = dt.date.fromisoformat(day)
        elif month:
            y, m = int(month[:4]), int(month[5:7])
            bound = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        else:
            return date
        if d > bound:
            earlier = d.replace(year=d.year - 1)
            if earlier <= bound:
                return earlier.isoformat()
    except ValueError:
        pass
    return date
