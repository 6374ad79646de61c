"""A calendar shows every issue with its article count and flags the issues a publication's own
rhythm says are missing (daily, with regular days off; weekly; monthly); a web site that
publishes irregularly has empty days, never missing ones."""
from __future__ import annotations

import datetime as dt

from searchapp.search.calendar import cadence, calendar

JAN = [(dt.date(1998, 1, 1) + dt.timedelta(i)).isoformat() for i in range(31)]


def test_daily_with_a_gap():
    cal = calendar("人民日报", [(d, d, 100) for d in JAN if d not in ("1998-01-14", "1998-01-15")])
    assert cal["cadence"] == "daily" and cal["missing"] == ["1998-01-14", "1998-01-15"]
    cells = {c["date"]: c for w in cal["months"][0]["weeks"] for c in w if c}
    assert cells["1998-01-14"]["status"] == "missing" and cells["1998-01-13"]["count"] == 100
    assert cells["1998-01-13"]["issue"] == "1998-01-13" and len(cells) == 31
    assert cal["issues"] == 29 and cal["articles"] == 2900


def test_a_weekday_never_published_is_not_a_gap():
    no_sundays = [d for d in JAN if dt.date.fromisoformat(d).weekday() != 6]
    assert cadence(no_sundays) == ("daily", [6])
    cal = calendar("X", [(d, d, 1) for d in no_sundays])
    assert cal["missing"] == []
    assert {c["status"] for w in cal["months"][0]["weeks"] for c in w if c and
            dt.date.fromisoformat(c["date"]).weekday() == 6} == {"off"}


def test_weekly_monthly_and_irregular():
    weekly = [(dt.date(2020, 1, 6) + dt.timedelta(7 * i)).isoformat() for i in range(10)]
    del weekly[4]
    assert cadence(weekly)[0] == "weekly"
    assert calendar("W", [(d, d, 5) for d in weekly])["missing"] == ["2020-02-03"]
    cal = calendar("M", [("a", "2020-09", 32), ("b", "2020-11", 30), ("c", None, 5)])
    assert cal["cadence"] == "monthly" and cal["missing"] == ["2020-10"]
    assert [m["issue_list"][0]["issue"] for m in cal["months"] if m["issue_list"]] == ["a", "b"]
    assert cal["undated"] == [{"issue": "c", "articles": 5}]
    web = ["2012-06-01", "2012-06-02", "2012-06-09", "2012-06-20", "2012-07-15"]
    cal = calendar("site", [(d, d, 1) for d in web])
    assert cal["cadence"] == "irregular" and cal["missing"] == []


def test_years_and_empty():
    rows = [(d, d, 1) for d in ("1997-12-30", "1997-12-31", "1998-01-01", "1998-01-02")]
    cal = calendar("X", rows)
    assert cal["years"] == [1997, 1998] and cal["year"] == 1998
    assert [m["month"] for m in calendar("X", rows, 1997)["months"]] == ["1997-12"]
    assert calendar("X", [])["months"] == [] and calendar("X", [])["cadence"] == "irregular"


def test_one_issue_shows_no_rhythm():
    """Fifth fresh tester, F3: a single month-dated issue file was called 月刊 (monthly)."""
    assert cadence(["2020-10"]) == ("irregular", [])
    assert calendar("M", [("a", "2020-10", 2)])["missing"] == []
    assert cadence(["2020-09", "2020-11"])[0] == "monthly"
