"""The JSON API is the pages' twin: exactly the pages' parameters, the same data, and an
OpenAPI document that describes every route and parameter the app has."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from searchapp.request import PARAMS

QUERY = "5G"


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.get_data(as_text=True)
    return r.get_json()


@pytest.mark.parametrize("qs", ["", f"q={QUERY}", f"q={QUERY}&sort=newest&size=3&page=2",
                                "sort=oldest&size=5"])
def test_api_search_is_the_page_twin(client, qs):
    api = get(client, f"/api/search?{qs}")
    page_json = get(client, f"/search?{qs}&format=json".replace("?&", "?"))
    for key in ("total", "page", "pages", "size"):
        assert api[key] == page_json[key]
    assert [h["id"] for h in api["hits"]] == [h["id"] for h in page_json["hits"]]
    html = client.get(f"/search?{qs}").get_data(as_text=True)
    assert [m for m in re.findall(r'<li class="hit">\s*<h3><a href="/article/([^"?]+)', html)] == \
        [h["id"] for h in api["hits"]]


def test_api_search_shape(client):
    d = get(client, f"/api/search?q={QUERY}&size=2")
    assert d["ok"] is True
    assert set(d["query"]) >= {"text", "explain", "terms", "notices", "fallback"}
    assert d["query"]["text"] == QUERY
    assert isinstance(d["took_ms"], (int, float)) and len(d["hits"]) <= 2
    assert d["request"] == {"q": QUERY, "size": 2}
    for h in d["hits"]:
        assert {"id", "title", "score", "rank", "source", "date", "topics", "snippet_html"} <= set(h)
    for name in ("source", "topic", "month"):
        for v in d["facets"][name]:
            assert set(v) == {"value", "label", "count", "selected", "toggle_url"}
            assert v["toggle_url"].startswith("/api/search?")
            # toggling keeps the rest of the request and resets the page
            q = parse_qs(urlsplit(v["toggle_url"]).query)
            assert q["q"] == [QUERY] and q[name] == [v["value"]] and "page" not in q


def test_facet_counts_agree_with_hits(client):
    d = get(client, f"/api/search?q={QUERY}")
    for name in ("source", "topic", "month"):
        for v in d["facets"][name][:3]:
            assert get(client, v["toggle_url"])["total"] == v["count"], (name, v["value"])


def test_paging_links(client):
    d = get(client, "/api/search?size=2&page=2")
    links = d["links"]
    assert links["prev"] and links["first"] and links["self"].startswith("/api/search")
    assert get(client, links["next"])["page"] == 3
    assert links["html"].startswith("/search?")


def test_article_json_twin(client):
    hit = get(client, f"/api/search?q={QUERY}")["hits"][0]
    d = get(client, f"/api/articles/{hit['id']}")
    assert d["ok"] is True
    art = d["article"]
    assert art["id"] == hit["id"] and art["title"] == hit["title"]
    assert {"body", "source", "date", "topics", "origin", "duplicate_of"} <= set(art)
    assert all(r["id"] != art["id"] for r in d["related"])
    assert d["links"]["html"] == f"/article/{art['id']}"


def test_unknown_article_is_404(client):
    e = get(client, "/api/articles/0000000000000000", 404)
    assert e["ok"] is False and e["status"] == 404


@pytest.mark.parametrize("qs,param", [("colour=red", "colour"), ("sort=best", "sort"),
                                      ("format=xml", "format"), ("page=abc", "page"),
                                      ("size=0", "size"), ("month=2020-13", "month")])
def test_bad_parameters_name_themselves(client, qs, param):
    e = get(client, f"/api/search?{qs}", 400)
    assert e["param"] == param
    if param == "colour":
        assert set(PARAMS) <= set(e["valid"])
    if param == "sort":
        assert e["valid"] == ["relevance", "newest", "oldest"]
    if param == "format":
        assert "csv" in e["valid"] and "jsonl" in e["valid"]


# --- OpenAPI -----------------------------------------------------------------------------

def _resolve(doc, ref):
    node = doc
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _walk_refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _walk_refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_refs(v)


def test_openapi_describes_every_route_and_parameter(app, client):
    doc = get(client, "/api/openapi.json")
    assert doc["openapi"].startswith("3.") and doc["info"]["title"] and doc["info"]["version"]
    for ref in _walk_refs(doc):
        assert _resolve(doc, ref) is not None
    paths = doc["paths"]
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule.rule)
        assert path in paths, path
        for m in rule.methods - {"HEAD", "OPTIONS"}:
            op = paths[path][m.lower()]
            assert op["responses"] and all("description" in r for r in op["responses"].values())
            names = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert names == set(rule.arguments), path
    for path in ("/search", "/api/search"):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert names == set(PARAMS) | {"format"}
    fmt = {p["name"]: p for p in paths["/api/search"]["get"]["parameters"]}["format"]
    assert set(fmt["schema"]["enum"]) == {"json", "csv", "jsonl", "atom", ""}  # empty = default
    err = doc["components"]["schemas"]["Error"]
    assert err["required"] == ["ok", "error", "status", "code"]


def test_source_filter_typed_in_traditional_script_selects_the_same_hits(client):
    """A source filter is folded like the indexed outlet names (traditional → simplified)."""
    import opencc

    data = client.get("/api/search?q=").get_json()
    to_trad = opencc.OpenCC("s2t").convert
    tried = 0
    for fv in data["facets"]["source"]:
        trad = to_trad(fv["value"])
        if trad == fv["value"]:
            continue
        tried += 1
        simp = client.get("/api/search", query_string={"source": fv["value"]}).get_json()
        tr = client.get("/api/search", query_string={"source": trad}).get_json()
        assert tr["total"] == simp["total"] == fv["count"] > 0
        assert [h["id"] for h in tr["hits"]] == [h["id"] for h in simp["hits"]]
    assert tried, "no source name of the corpus differs in traditional script"


def test_a_reversed_date_range_is_read_earlier_to_later_with_a_notice(client):
    """from after to: the range it spans is searched (as the query language's date: does) and
    the notice says so; the request echo and every link carry the ordered range."""
    d = get(client, "/api/search?q=5G&from=2020-09-30&to=2020-07")
    same = get(client, "/api/search?q=5G&from=2020-07&to=2020-09-30")
    assert d["total"] == same["total"] > 0
    assert [n["code"] for n in d["query"]["notice_items"]] == ["dates_swapped"]
    assert d["request"]["from"] == "2020-07-01" and d["request"]["to"] == "2020-09-30"
    assert "from=2020-07-01&to=2020-09-30" in d["links"]["self"]
