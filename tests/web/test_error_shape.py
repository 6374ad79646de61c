"""Every error from every endpoint has one shape: JSON {"ok": false, "error", "status",
"param"?, "valid"?} from the API (400/404/405/413/500/503), an escaped HTML page with the
same status from the pages, and never a traceback."""
from __future__ import annotations

import json

import pytest

from searchapp.messages import CATALOGUE
from searchapp.web import create_app

SHAPE_KEYS = {"ok", "error", "status"}
OPTIONAL = {"param", "valid", "code", "error_zh"}


def assert_shape(r, status):
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.mimetype == "application/json"
    d = r.get_json()
    assert SHAPE_KEYS <= set(d) <= SHAPE_KEYS | OPTIONAL, d
    assert d["ok"] is False and d["status"] == status
    assert isinstance(d["error"], str) and d["error"]
    if "valid" in d:
        assert isinstance(d["valid"], list) and all(isinstance(v, str) for v in d["valid"])
    assert "Traceback" not in r.get_data(as_text=True)
    return d


API_ERRORS = [
    ("GET", "/api/search?nope=1", 400),
    ("GET", "/api/search?sort=sideways", 400),
    ("GET", "/api/search?page=-1", 400),
    ("GET", "/api/search?page=1000000000", 400),
    ("GET", "/api/search?size=100000", 400),
    ("GET", "/api/search?format=xml", 400),
    ("GET", "/api/search?from=yesterday", 400),
    ("GET", "/api/search?from=2020-09-31", 400),
    ("GET", "/search?format=json&sort=x", 400),
    ("GET", "/search?format=csv&nope=1", 400),
    ("GET", "/api/articles/0000000000000000", 404),
    ("GET", "/api/articles/..%2F..%2Fetc%2Fpasswd", 404),
    ("GET", "/api/articles/x?nope=1", 400),
    ("GET", "/api/no-such-endpoint", 404),
    ("POST", "/api/search", 405),
    ("DELETE", "/api/articles/0000000000000000", 405),
    ("PUT", "/api/openapi.json", 405),
]


@pytest.mark.parametrize("method,url,status", API_ERRORS)
def test_api_errors_have_one_shape(client, method, url, status):
    d = assert_shape(client.open(url, method=method), status)
    if status == 400:
        assert "param" in d
    if status == 405:
        assert "GET" in d["valid"]


@pytest.mark.parametrize("url,status", [
    ("/search?nope=1", 400), ("/search?page=0", 400), ("/search?sort=<b>x</b>", 400),
    ("/article/0000000000000000", 404), ("/article/..%2F..%2Fetc", 404), ("/no/such/page", 404),
])
def test_pages_answer_escaped_html_errors(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert '<html lang="zh-CN">' in html and "Traceback" not in html
    assert "<b>x</b>" not in html


def test_bad_page_parameter_page_names_valid_values(client):
    html = client.get("/search?sort=best").get_data(as_text=True)
    assert "sort" in html and "relevance" in html and "newest" in html


def test_413_body_too_large(corpus_index):
    app = create_app({"TESTING": True, "INDEX_DIR": str(corpus_index), "MAX_CONTENT_LENGTH": 64})
    c = app.test_client()
    if "bulk" in app.blueprints:
        url = next(r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("bulk."))
    else:  # a real route reading its body, to exercise the one handler
        app.add_url_rule("/api/echo", "echo", lambda: str(len(__import__("flask").request.get_data())),
                         methods=["POST"])
        url = "/api/echo"
    d = assert_shape(c.post(url, data=b"[" + b'"q",' * 100 + b'"q"]',
                            content_type="application/json"), 413)
    assert "64" in d["error"]


def test_500_is_shaped_and_hides_the_traceback(corpus_index):
    app = create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)})

    def boom():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/api/boom", "boom", boom)
    app.add_url_rule("/boom", "boom_page", boom)
    c = app.test_client()
    d = assert_shape(c.get("/api/boom"), 500)
    assert "secret" not in d["error"]
    r = c.get("/boom")
    assert r.status_code == 500 and r.mimetype == "text/html"
    assert "secret internal detail" not in r.get_data(as_text=True)


def test_503_when_the_index_is_missing(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")})
    c = app.test_client()
    for url in ("/api/search?q=x", "/api/articles/0000000000000000"):
        d = assert_shape(c.get(url), 503)
        assert "searchapp index corpus/" in d["error"]
    for url in ("/", "/search?q=x", "/article/0000000000000000"):
        r = c.get(url)
        assert r.status_code == 503 and "searchapp index corpus/" in r.get_data(as_text=True)
    # parameters are still checked first: a bad request is a 400 even without an index
    assert_shape(c.get("/api/search?nope=1"), 400)


def test_bulk_error_records_have_the_one_shape(client):
    """A failed bulk line is the same error shape (plus the line's id and query), with its
    stable code and Chinese text; an answered line says ok."""
    ndjson = "\n".join(['{"q": "5G", "colour": "red"}', "{bad json", "",
                        '{"q": "5G", "limit": 0}', "5G"]).encode("utf-8")
    array = json.dumps([1, {"q": ""}, "5G"]).encode("utf-8")
    records = []
    for body in (ndjson, array):
        r = client.post("/api/bulk", data=body)
        records += [json.loads(x) for x in r.get_data(as_text=True).splitlines()]
    failed = [rec for rec in records if rec.get("ok") is not True]
    assert len(records) == 8 and len(failed) == 6
    assert all(rec["total"] > 0 for rec in records if rec.get("ok") is True)
    for rec in failed:
        assert SHAPE_KEYS | {"code", "error_zh"} <= set(rec) <= SHAPE_KEYS | OPTIONAL | {"id", "query"}, rec
        assert rec["ok"] is False and rec["status"] == 400 and isinstance(rec["error"], str)
        assert rec["code"] in CATALOGUE and rec["error_zh"] != rec["error"], rec
