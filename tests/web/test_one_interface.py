"""One interface on every surface: `searchapp search --json`, /api/search and /search?format=json
print the same object for the same request, and the OpenAPI document names every field of it."""
from __future__ import annotations

import json

import pytest

from searchapp.cli import main


def _drop_timing(d):
    d = dict(d)
    d.pop("took_ms")
    return d


@pytest.mark.parametrize("args,qs", [
    (["5G", "-n", "3"], "q=5G&size=3"),
    (["", "--topic", "AI", "--sort", "newest"], "topic=AI&sort=newest"),
    (["网络安全", "--month", "_none", "--page", "2", "-n", "2"], "q=网络安全&month=_none&page=2&size=2"),
    (["zzzqqqxyz"], "q=zzzqqqxyz"),
])
def test_cli_json_and_the_api_print_the_same_object(runner, client, args, qs):
    r = runner.invoke(main, ["search", *args, "--json"])
    assert r.exit_code == 0, r.output
    cli = json.loads(r.stdout)
    api = client.get(f"/api/search?{qs}").get_json()
    page = client.get(f"/search?{qs}&format=json").get_json()
    assert _drop_timing(cli) == _drop_timing(api) == _drop_timing(page)
    assert cli["facets"]["source"] or cli["total"] == 0
    for rows in cli["facets"].values():
        for row in rows:
            assert set(row) == {"value", "label", "count", "selected", "toggle_url"}


def _props(doc, name):
    return set(doc["components"]["schemas"][name]["properties"])


def test_the_openapi_document_names_every_field_the_api_returns(client):
    doc = client.get("/api/openapi.json").get_json()
    d = client.get("/api/search?q=5G&size=3").get_json()
    assert set(d) == _props(doc, "SearchResponse")
    for h in d["hits"]:
        assert set(h) == _props(doc, "Hit"), set(h) ^ _props(doc, "Hit")
    for rows in d["facets"].values():
        for row in rows:
            assert set(row) == _props(doc, "FacetValue")
    art = client.get(d["hits"][0]["links"]["json"]).get_json()
    assert set(art) == _props(doc, "ArticleResponse")


def test_the_links_are_the_routes_flask_builds(app):
    """envelope builds links without Flask (for the CLI): they must be exactly url_for's."""
    from flask import url_for

    from searchapp.search.envelope import article_path, search_path
    from searchapp.request import SearchRequest

    req = SearchRequest.from_params({"q": '5G 安全 "a+b" ~!*()/:;@,$', "source": ["新浪 科技", "x&y=z"],
                                     "month": ["2020-09", "_none"], "page": "2", "size": "5"})
    with app.test_request_context():
        for ep in ("pages.search", "api.search"):
            assert search_path(req, ep) == url_for(ep, **req.to_params())
        for ep in ("pages.article", "api.article"):
            assert article_path("abc-1_2", ep, req=req) == url_for(ep, article_id="abc-1_2",
                                                                 **req.to_params())
            assert article_path("abc", ep, q="5G") == url_for(ep, article_id="abc", q="5G")


def test_missing_buckets_make_the_counts_add_up(client):
    """Every article is in exactly one source bucket and one month bucket: 未知来源 / 无日期
    hold those without one, and selecting a bucket shows exactly its count."""
    d = client.get("/api/search").get_json()
    for name, label in (("source", "未知来源"), ("month", "无日期")):
        rows = d["facets"][name]
        assert sum(r["count"] for r in rows) == d["total"], name
        missing = rows[-1]  # the bucket comes last
        assert missing["value"] == "_none" and missing["label"] == label, rows
        sel = client.get(missing["toggle_url"]).get_json()
        assert sel["total"] == missing["count"] > 0
        assert all((h["source"] if name == "source" else h["date"]) is None for h in sel["hits"])


def test_a_filter_without_a_query_lists_the_same_articles_everywhere(runner, client):
    """{"q": "", "topic": "AI"}: bulk answers what the page, the API and the CLI answer."""
    api = client.get("/api/search?topic=AI&size=100").get_json()
    cli = json.loads(runner.invoke(main, ["search", "", "--topic", "AI", "--json",
                                          "-n", "100"]).stdout)
    body = '{"id": 1, "q": "", "topic": "AI", "limit": 100}\n{"id": 2, "topic": "AI", "limit": 100}\n'
    records = [json.loads(line) for line in client.post(
        "/api/bulk", data=body.encode(), content_type="application/x-ndjson").get_data(
        as_text=True).splitlines()]
    ids = [h["id"] for h in api["hits"]]
    assert api["total"] == cli["total"] == records[0]["total"] == records[1]["total"] > 0
    assert [h["id"] for h in records[0]["hits"]] == ids == [h["id"] for h in cli["hits"]]
    r = runner.invoke(main, ["bulk", "-"], input='{"q": "", "topic": "AI"}\n')
    assert json.loads(r.stdout)["total"] == api["total"], r.output


@pytest.mark.parametrize("line", ['{"q": ""}', "{}", '{"q": "  ", "sort": "newest"}'])
def test_bulk_without_a_query_or_a_filter_is_still_an_error_record(client, line):
    rec = json.loads(client.post("/api/bulk", data=(line + "\n").encode(),
                                 content_type="application/x-ndjson").get_data(as_text=True))
    assert rec["ok"] is False and rec["param"] == "q" and rec["code"] == "bulk_empty_q", rec
    assert "filter" in rec["error"] and "筛选" in rec["error_zh"], rec


def test_an_unknown_source_gets_a_notice_like_an_unknown_topic(client):
    topic = client.get("/api/search?topic=nosuchtopic").get_json()
    assert topic["total"] == 0 and topic["query"]["notice_items"][0]["code"] == "unknown_topic"
    known = client.get("/api/search").get_json()["facets"]["source"][0]["value"]
    near = client.get("/api/search", query_string={"source": known[:-1]}).get_json()
    assert near["total"] == 0
    item = near["query"]["notice_items"][0]
    assert item["code"] == "unknown_source_near" and known in item["text_zh"], item
    far = client.get("/api/search?source=zzz-no-such-outlet").get_json()
    assert [n["code"] for n in far["query"]["notice_items"]] == ["unknown_source"]
    ok = client.get("/api/search", query_string={"source": known}).get_json()
    assert ok["total"] > 0 and ok["query"]["notice_items"] == []
