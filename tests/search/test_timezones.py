"""Publication times: stored as an instant (UTC) plus the local date and time as printed; newest /
oldest order by the instant, date filters and facets by the local date, one display format
(2012年6月4日 09:20) and one API format (date + ISO 8601 with offset)."""
from __future__ import annotations

import json

import pytest

from searchapp.index import build, open_index
from searchapp.request import SearchRequest
from searchapp.search import search

# (id, printed time) -> instant in UTC
TIMES = [
    ("new-york", "2020-09-10T23:30:00-05:00"),   # 2020-09-11 04:30 UTC, local date 09-10
    ("beijing", "2020-09-11T10:00:00+08:00"),    # 2020-09-11 02:00 UTC
    ("no-zone", "2020-09-11T09:30:00"),          # read as China Standard Time: 01:30 UTC
    ("london", "2020-09-11T01:00:00Z"),          # 01:00 UTC
    ("date-only", "2020-09-10"),                 # local midnight +08:00: 2020-09-09 16:00 UTC
]
NEWEST = ["new-york", "beijing", "no-zone", "london", "date-only"]


@pytest.fixture(scope="module")
def tz_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("tz")
    with open(root / "t.jsonl", "w", encoding="utf-8") as f:
        for aid, when in TIMES:
            f.write(json.dumps({"id": aid, "title": f"发布时间测试 {aid}", "body": "发布时间测试。",
                                "date": when, "source": "测试网"}, ensure_ascii=False) + "\n")
    build([root / "t.jsonl"], root / "ix")
    return root / "ix"


@pytest.fixture(scope="module")
def handle(tz_index):
    h = open_index(tz_index)
    yield h
    h.close()


def order(handle, **kw) -> list[str]:
    r = search(handle, SearchRequest(q="发布时间测试", size=100, **kw))
    return [h.id for h in r.hits]


def test_newest_and_oldest_follow_the_instant_across_zones(handle):
    assert order(handle, sort="newest") == NEWEST
    assert order(handle, sort="oldest") == NEWEST[::-1]


def test_day_filter_uses_the_local_date_as_printed(handle):
    assert set(order(handle, date_from="2020-09-10", date_to="2020-09-10")) == {"new-york", "date-only"}
    assert set(order(handle, date_from="2020-09-11", date_to="2020-09-11")) == {"beijing", "no-zone", "london"}


def test_api_gives_the_local_date_and_iso_8601_with_offset(handle):
    r = search(handle, SearchRequest(q="发布时间测试", size=100, sort="newest"))
    got = {h.id: h.to_dict() for h in r.hits}
    assert got["new-york"]["date"] == "2020-09-10"
    assert got["new-york"]["published"] == "2020-09-10T23:30:00-05:00"
    assert got["london"]["published"] == "2020-09-11T01:00:00+00:00"
    assert got["no-zone"]["published"] == "2020-09-11T09:30:00+08:00"
    assert got["date-only"]["date"] == "2020-09-10" and got["date-only"]["published"] is None
    assert got["no-zone"]["published_offset_assumed"] and not got["london"]["published_offset_assumed"]


def test_one_display_format(handle):
    from searchapp.messages import date_text

    assert date_text("2012-06-04T09:20:26") == "2012年6月4日 09:20"
    assert date_text("2020-09-10T23:30:00-05:00") == "2020年9月10日 23:30"
    assert date_text("2020-09-10") == "2020年9月10日"
    assert date_text(None) == ""
    from searchapp.cli.search import format_response

    r = search(handle, SearchRequest(q="发布时间测试", size=100, sort="newest"))
    lines = "\n".join(format_response(r, "plain"))
    assert "2020年9月10日 23:30" in lines and "2020-09-10T23:30" not in lines


def test_pages_and_exports_show_one_format(tz_index):
    import csv
    import io

    from searchapp.web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(tz_index)}).test_client()
    page = client.get("/search", query_string={"q": "发布时间测试", "sort": "newest"}).get_data(as_text=True)
    assert "2020年9月10日 23:30" in page and ">2020-09-10T23:30" not in page
    api = client.get("/api/search", query_string={"q": "发布时间测试", "sort": "newest"}).get_json()
    hits = api.get("hits") or api.get("data", {}).get("hits")
    assert [h["published"] for h in hits][:2] == ["2020-09-10T23:30:00-05:00", "2020-09-11T10:00:00+08:00"]
    body = client.get("/api/search", query_string={"q": "发布时间测试", "sort": "newest",
                                                   "format": "csv"}).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0]["date"] == "2020-09-10" and rows[0]["published"] == "2020-09-10T23:30:00-05:00"
    art = client.get("/api/articles/new-york").get_json()["article"]
    assert art["date"] == "2020-09-10" and art["published"] == "2020-09-10T23:30:00-05:00"


def test_the_archive_groups_by_the_local_day_as_printed(tz_index):
    """Editions and the calendar of a web source are its local days: 23:30 in New York on the
    10th is in the issue of the 10th (04:30 UTC on the 11th), as its readers saw it."""
    from searchapp.web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(tz_index)}).test_client()
    pubs = client.get("/api/archive").get_json()["publications"]
    (pub,) = [p for p in pubs if p["publication"] == "测试网"]
    cal = client.get(pub["url"]).get_json()
    counts = {c["date"]: c["count"] for m in cal["months"] for c in m["days"] if c["count"]}
    assert counts == {"2020-09-10": 2, "2020-09-11": 3}
    day = client.get(pub["url"] + "/2020-09-10").get_json()
    assert {a["id"] for p in day["pages"] for a in p["articles"]} == {"new-york", "date-only"}
    ed = client.get("/api/articles/new-york").get_json()["edition"]
    assert ed["issue"] == "2020-09-10"
