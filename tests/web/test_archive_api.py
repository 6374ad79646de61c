"""The archive's JSON twins over a real index: publications, a calendar with its gap, an issue
in print order with previous/next, an article's edition and reprint chain, the 原发/转载 facet,
a search's Atom feed (parsed back with feedparser; near-duplicates collapsed into one entry),
frozen result lists with their GB/T 7714 and RIS exports, and the OpenAPI description."""
from __future__ import annotations

from urllib.parse import quote

import feedparser
import pytest
import rispy

from archive_data import DAYS, DIGEST, GAP, ORIGINAL, PAGES, PER_PAGE, WEB

PFR = quote("人民日报")


@pytest.fixture()
def aclient(archive_index):
    from searchapp.web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(archive_index)}).test_client()


def get(c, url, status=200):
    r = c.get(url)
    assert r.status_code == status, (url, r.status_code, r.get_data(as_text=True)[:300])
    return r.get_json()


def test_publications_and_calendar(aclient):
    d = get(aclient, "/api/archive")
    pubs = {p["publication"]: p for p in d["publications"]}
    assert pubs["人民日报"]["issues"] == len(DAYS) and pubs["人民日报"]["missing"] == 1
    assert pubs["人民日报"]["kind"] == "newspaper" and pubs["人民日报"]["cadence"] == "daily"
    assert pubs["internet-industry-magazine"]["kind"] == "magazine"
    cal = get(aclient, pubs["人民日报"]["url"])
    assert cal["missing"] == [GAP] and cal["first"] == DAYS[0] and cal["last"] == DAYS[-1]
    days = {c["date"]: c for c in cal["months"][0]["days"]}
    assert days[GAP]["status"] == "missing" and days[GAP]["url"] is None
    assert days[DAYS[1]]["count"] == PAGES * PER_PAGE and days[DAYS[1]]["status"] == "issue"
    assert cal["links"]["html"].startswith("/archive/")
    get(aclient, f"/api/archive/{PFR}?year=1997", 404)
    assert get(aclient, f"/api/archive/{PFR}?colour=red", 400)["param"] == "colour"
    assert get(aclient, "/api/archive/no-such-paper", 404)["code"] == "no_such_publication"


def test_issue_in_print_order_with_neighbours(aclient, archive_inputs):
    iss = get(aclient, f"/api/archive/{PFR}/{DAYS[1]}")
    assert [p["page"] for p in iss["pages"]] == list(range(1, PAGES + 1))
    assert [p["label"] for p in iss["pages"]][0] == "第1版"
    ids = [a["id"] for p in iss["pages"] for a in p["articles"]]
    assert ids == [i for i in archive_inputs["pfr"] if i.startswith("pfr-19980102")]
    assert iss["prev"]["issue"] == DAYS[0] and iss["next"]["issue"] == DAYS[2]
    after_gap = get(aclient, f"/api/archive/{PFR}/{DAYS[3]}")
    assert after_gap["prev"]["issue"] == DAYS[2]  # the missing 4th is skipped
    assert get(aclient, f"/api/archive/{PFR}/{DAYS[-1]}")["next"] is None
    get(aclient, f"/api/archive/{PFR}/{GAP}", 404)
    mag = get(aclient, "/api/archive/internet-industry-magazine")
    issue = mag["months"][0]["issues_of_month"][0]
    m = get(aclient, issue["url"])
    assert m["total"] == 32 and m["kind"] == "magazine"
    # readers see the issue's date, not the file name it was read from (found by the tester)
    import re
    page = aclient.get(issue["url"].replace("/api/archive", "/archive")).get_data(as_text=True)
    shown = re.sub(r'"[^"]*"', "", page)  # the text and tags, without attribute values (URLs)
    assert issue["label"] == "2020年9月" and "issue-" not in shown


def test_article_edition_and_lineage(aclient):
    d = get(aclient, f"/api/articles/{WEB}")
    assert d["edition"]["publication"] == "新浪网" and d["edition"]["issue"] == "1998-01-05"
    lin = d["lineage"]
    assert lin["role"] == "reprint" and lin["original"] == ORIGINAL and lin["basis"] == "credit"
    chain = [(c["id"], c["role"], c["lag_days"]) for c in lin["copies"]]
    assert chain == [(DIGEST, "reprint", -1), (ORIGINAL, "original", None), (WEB, "reprint", 3)]
    o = get(aclient, f"/api/articles/{ORIGINAL}")
    assert o["edition"]["page"] == 1 and o["edition"]["url"].endswith("#p1")
    assert o["article"]["lineage"]["role"] == "original" and o["article"]["page"] == 1
    single = get(aclient, f"/api/articles/{'pfr-19980105-03-001'}")
    assert single["lineage"] is None  # an original nobody reprinted has no chain to show


def test_lineage_facet_filters(aclient):
    d = get(aclient, "/api/search?size=1")
    facet = {f["value"]: f["count"] for f in d["facets"]["lineage"]}
    assert facet["reprint"] >= 2 + 31  # the two copies and the magazine's credited articles
    orig = get(aclient, "/api/search?lineage=原发&size=100")
    assert orig["request"]["lineage"] == ["original"] and orig["total"] == facet["original"]
    assert DIGEST not in {h["id"] for h in orig["hits"]}
    assert get(aclient, "/api/search?lineage=maybe", 400)["param"] == "lineage"


def test_feed_parses_and_collapses_near_duplicates(aclient):
    r = aclient.get("/search?q=茶话会&format=atom")
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    f = feedparser.parse(r.data)
    assert not f.bozo and f.version == "atom10"
    for key in ("id", "title", "updated", "author"):  # RFC 4287 4.1.1: required of a feed
        assert f.feed.get(key), key
    assert any(link.rel == "self" for link in f.feed.links)
    assert f.entries, "no entries"
    for e in f.entries:
        assert e.id.startswith("urn:uuid:") and e.title and e.updated and e.link
    titles = [e.title for e in f.entries]
    hits = get(aclient, "/api/search?q=茶话会&size=100")
    story_ids = {h["duplicate_of"] or h["id"] for h in hits["hits"]}
    assert len(f.entries) == len(story_ids) < hits["total"]  # three copies, one entry
    entry = next(e for e in f.entries if "新年茶话会上的讲话" in e.title)
    assert "也见于" in entry.content[0].value and "新浪网" in entry.content[0].value
    assert entry.updated.startswith("1998-01-02")  # the story's first day, not a reprint's
    upd = [e.updated for e in f.entries]
    assert upd == sorted(upd, reverse=True) and len(set(e.id for e in f.entries)) == len(titles)
    api = feedparser.parse(aclient.get("/api/search?q=茶话会&format=atom").data)
    assert [e.id for e in api.entries] == [e.id for e in f.entries]  # the same feed twice
    # a feed is newest first and has no pages: sort and page are not read (docs/web.md)
    for extra in ("&sort=oldest", "&page=2", "&sort=relevance&page=3"):
        again = feedparser.parse(aclient.get(f"/api/search?q=茶话会&format=atom{extra}").data)
        assert [e.id for e in again.entries] == [e.id for e in f.entries], extra


def test_search_page_links_its_feed(aclient):
    html = aclient.get("/search?q=茶话会&sort=oldest&page=1").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert "format=atom" in html and "sort=oldest&amp;format=atom" not in html


@pytest.mark.slow
def test_frozen_list_json_exports_and_gone_articles(archive_index, tmp_path):
    import shutil

    from searchapp.web import create_app

    c = create_app({"TESTING": True, "INDEX_DIR": str(archive_index)}).test_client()
    r = c.post("/api/cite?q=茶话会&sort=newest")
    assert r.status_code == 201, r.get_data(as_text=True)
    d = r.get_json()
    key = d["key"]
    assert r.headers["Location"].endswith(f"/cite/{key}")
    assert [i["rank"] for i in d["items"]] == list(range(1, len(d["items"]) + 1))
    assert d["request"] == {"q": "茶话会", "sort": "newest"} and all(i["exists"] for i in d["items"])
    assert c.post("/api/cite?q=茶话会&sort=newest").get_json()["key"] == key  # stable
    form = c.post("/cite", data={"q": "茶话会", "sort": "newest"})
    assert form.status_code == 303 and form.headers["Location"].endswith(f"/cite/{key}")
    assert get(c, f"/api/cite/{key}")["items"] == d["items"]
    ris = c.get(f"/api/cite/{key}?format=ris")
    assert ris.mimetype == "application/x-research-info-systems"
    assert [e["title"] for e in rispy.loads(ris.get_data(as_text=True))] == [i["title"] for i in d["items"]]
    gbt = c.get(f"/cite/{key}?format=gbt7714").get_data(as_text=True)
    assert gbt.startswith("[1] ") and "[N]. 人民日报, 1998-01-02(1)." in gbt
    assert get(c, "/api/cite/zzzzzzzzzz", 404)["code"] == "no_such_frozen_list"
    assert get(c, "/api/cite/../etc", 404)
    # the same list over an index that lost one of its articles: marked, not dropped
    copy = tmp_path / "idx"
    shutil.copytree(archive_index, copy)
    from searchapp.index import build

    build([p for p in __import__("archive_data").write_archive(tmp_path / "again")["paths"]
           if p.name != "again"], copy, rebuild=True)  # the bundled issue alone
    c2 = create_app({"TESTING": True, "INDEX_DIR": str(copy)}).test_client()
    d2 = get(c2, f"/api/cite/{key}")
    assert [i["id"] for i in d2["items"]] == [i["id"] for i in d["items"]]
    assert not any(i["exists"] for i in d2["items"]) and d2["items"][0]["url"] is None
    page = c2.get(f"/cite/{key}").get_data(as_text=True)
    assert page.count("已不在索引中") == len(d["items"])


def test_openapi_describes_the_archive(aclient):
    doc = get(aclient, "/api/openapi.json")
    for path in ("/api/archive", "/api/archive/{publication}", "/api/archive/{publication}/{issue}",
                 "/api/cite/{key}", "/archive/{publication}/{issue}", "/cite/{key}"):
        op = doc["paths"][path].get("get")
        assert op and op["summary"] and op["responses"]["200"]["content"], path
    assert doc["paths"]["/api/cite"]["post"]["responses"]["201"]
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    # the keys, and what the parser also takes: the Chinese labels, and empty (= no filter)
    assert set(params["lineage"]["schema"]["items"]["enum"]) == {
        "original", "reprint", "undetermined", "原发", "转载", "先后不明", ""}


def test_every_listed_publication_is_reachable_even_with_a_slash_in_its_name(tmp_path):
    # found by the fresh tester: a source kept whole with a "/" in it was listed in /archive,
    # but its calendar (and the article page's link to it) answered 404
    import json

    from searchapp.index import build
    from searchapp.web import create_app

    lines = [{"id": f"s{i}", "title": f"关于来源名称的新闻报道第{i}篇", "source": src,
              "date": f"2020-09-0{i + 1}", "body": "本报讯 这是一篇用来检查来源名称的新闻正文。" * 3}
             for i, src in enumerate(["<b>恶意来源</b>", "+cmd|' /C calc'!A0", "经济/观察"])]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "ix")
    c = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "ix")}).test_client()
    pubs = get(c, "/api/archive")["publications"]
    assert any("/" in p["publication"] for p in pubs), [p["publication"] for p in pubs]
    for p in pubs:
        cal = get(c, p["url"])
        assert cal["publication"] == p["publication"]
        assert c.get(p["url"].replace("/api/archive", "/archive")).status_code == 200
