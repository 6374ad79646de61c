"""CSV keeps the notices that say how a query was read (TESTER7 T8): `bulk --format csv` and the
web's CSV/JSONL export carry the codes and texts JSONL records and /api/search give, so a
dropped filter, an ignored quote or swapped dates never change a spreadsheet's meaning
silently."""
from __future__ import annotations

import csv
import io
import json

from searchapp.cli import main

#: Lines whose meaning the search changes, each with the notice code that says so.
LINES = [("page:0 5G", "bad_page"), ('"5G', "unbalanced_quote"),
         ('{"q": "5G", "from": "2020-09-30", "to": "2020-09-01"}', "dates_swapped"),
         ("foo:bar", "unknown_field")]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_bulk_csv_rows_carry_the_records_notices(runner):
    given = "\n".join(line for line, _ in LINES) + "\n5G\n"
    as_jsonl = runner.invoke(main, ["bulk", "-", "--size", "2"], input=given)
    as_csv = runner.invoke(main, ["bulk", "-", "--size", "2", "--format", "csv"], input=given)
    assert as_jsonl.exit_code == 0 and as_csv.exit_code == 0, as_csv.output
    records = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    rows = _csv(as_csv.stdout)
    assert len(records) == len(LINES) + 1, as_jsonl.stdout
    for rec, (_, code) in zip(records, LINES + [("5G", None)]):
        mine = [r for r in rows if r["query_id"] == str(rec["id"])]
        assert mine
        codes = [n["code"] for n in rec["notices"]]
        assert (code in codes) if code else not codes
        for row in mine:  # every row of the query says it, not only the first
            assert row["notices"] == ";".join(codes)
            assert row["notice_texts"].split("\n") == ([n["text"] for n in rec["notices"]]
                                                       if codes else [""])


def test_web_exports_carry_the_notices(client):
    for fmt in ("csv", "jsonl"):
        r = client.get("/api/search", query_string={"q": "page:0 5G", "format": fmt})
        assert r.status_code == 200
        assert r.headers["X-Searchapp-Notices"] == "bad_page"
        body = r.get_data(as_text=True)
        rows = _csv(body) if fmt == "csv" else [json.loads(x) for x in body.splitlines()]
        assert rows
        for row in rows:
            if fmt == "csv":
                assert row["notices"] == "bad_page" and "'0'" in row["notice_texts"]
            else:
                assert [n["code"] for n in row["notices"]] == ["bad_page"]
    plain = client.get("/api/search", query_string={"q": "5G", "format": "csv"})
    assert "X-Searchapp-Notices" not in plain.headers
    assert {row["notices"] for row in _csv(plain.get_data(as_text=True))} == {""}


def test_the_atom_feed_says_how_the_query_was_read(client):
    """A feed of `page:0 5G` says the page filter was dropped, in its subtitle (what a feed
    reader shows) and the X-Searchapp-Notices header, as the exports do; a plain one says
    nothing more."""
    import feedparser

    r = client.get("/search", query_string={"q": "page:0 5G", "format": "atom"})
    assert r.status_code == 200 and r.headers["X-Searchapp-Notices"] == "bad_page"
    wanted = client.get("/api/search", query_string={"q": "page:0 5G"}).get_json()
    text = [n["text_zh"] for n in wanted["query"]["notice_items"] if n["code"] == "bad_page"][0]
    feed = feedparser.parse(r.get_data())
    assert feed.entries and text in feed.feed.subtitle, feed.feed.subtitle
    plain = client.get("/search", query_string={"q": "5G", "format": "atom"})
    assert "X-Searchapp-Notices" not in plain.headers
    assert text not in feedparser.parse(plain.get_data()).feed.subtitle
