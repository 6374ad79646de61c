"""Hostile input gets a 4xx or an escaped, working page — never a 500 or a traceback — and every
response carries the security headers (CSP without inline script, nosniff, no framing)."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchapp.web import create_app

PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
            "javascript:alert(1)", "</title><script>alert(1)</script>", "{{7*7}}"]
SEARCH_PARAMS = ["q", "source", "topic", "month", "from", "to", "sort", "page", "size", "format"]
RAW_DANGER = re.compile(r"<script>alert|<img src=x|<svg onload", re.I)


def check_safe(r):
    assert r.status_code < 500, (r.status_code, r.get_data(as_text=True)[:300])
    body = r.get_data(as_text=True)
    assert "Traceback" not in body
    if r.mimetype == "text/html":
        assert not RAW_DANGER.search(body), body[:500]
    return body


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", SEARCH_PARAMS)
def test_payload_in_every_search_parameter(client, param, payload):
    for path in ("/search", "/api/search"):
        check_safe(client.get(path, query_string={param: payload}))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_reflected_escaped_in_a_working_page(client, payload):
    r = client.get("/search", query_string={"q": payload})
    body = check_safe(r)
    assert r.status_code == 200
    # the query is shown back, escaped (in the search box and in "what was searched")
    from markupsafe import escape

    if str(escape(payload)) != payload:
        assert f'value="{payload}"' not in body
    assert f'value="{escape(payload)}"' in body


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_article_page(client, payload):
    hit = client.get("/api/search?q=5G").get_json()["hits"][0]["id"]
    check_safe(client.get(f"/article/{hit}", query_string={"q": payload}))
    check_safe(client.get("/article/" + quote(payload, safe="")))
    check_safe(client.get("/api/articles/" + quote(payload, safe="")))


@pytest.mark.parametrize("raw", ["/search?q=%FF%FE%FD", "/search?q=%C0%AF", "/search?q=%E4%B8",
                                 "/api/search?source=%FF", "/search?q=%00%01abc%1F",
                                 "/search?q=a%00b&topic=%00", "/article/%FF%FE", "/article/%C0%AF",
                                 "/api/articles/%00", "/search?%FF=1", "/search?q=%",
                                 "/search?q=%zz"])
def test_broken_encodings_and_control_characters(client, raw):
    check_safe(client.get(raw))


@pytest.mark.parametrize("article_id", ["..", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "a" * 5000,
                                        "%2e%2e", "abc.def", "x y", "中文", "%3Cscript%3E", "a/b/c"])
def test_odd_article_ids_are_404(client, article_id):
    for prefix in ("/article/", "/api/articles/"):
        r = client.get(prefix + article_id)
        assert r.status_code == 404, (prefix + article_id, r.status_code)
        check_safe(r)


def test_huge_query_is_a_400_naming_q(client):
    r = client.get("/api/search", query_string={"q": "5G " * 3334})
    assert r.status_code == 400 and r.get_json()["param"] == "q"
    r = client.get("/search", query_string={"q": "安" * 10_000})
    assert r.status_code == 400
    check_safe(r)


def test_query_language_oddities_never_500(client):
    for q in ['"unbalanced', "(a OR", "OR", "-", ":", "title:", "nosuchfield:x", "source：", "（5G",
              "a AND AND b", "***", "\\", "[a TO", "5G -5G", '"" ""']:
        r = client.get("/api/search", query_string={"q": q})
        assert r.status_code == 200, (q, r.get_data(as_text=True)[:200])
        check_safe(client.get("/search", query_string={"q": q}))


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(param=st.sampled_from(SEARCH_PARAMS), value=st.text(max_size=60))
def test_any_text_in_any_parameter_never_500(client, param, value):
    r = client.get("/api/search", query_string={param: value})
    assert r.status_code in (200, 400), (param, value, r.status_code)
    d = r.get_json()
    assert d["ok"] is (r.status_code == 200)


HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"}


@pytest.mark.parametrize("url", ["/", "/search?q=5G", "/api/search?q=5G", "/api/openapi.json",
                                 "/static/style.css", "/search?q=5G&format=csv", "/no-such",
                                 "/api/search?nope=1", "/article/0000000000000000"])
def test_security_headers_on_every_response(client, url):
    r = client.get(url)
    for k, v in HEADERS.items():
        assert r.headers.get(k) == v, (url, k)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers.get("Referrer-Policy")


def test_pages_have_no_inline_script_or_style(client):
    hit = client.get("/api/search?q=5G").get_json()["hits"][0]["id"]
    for url in ("/", "/search?q=5G", f"/article/{hit}?q=5G", "/search?nope=1"):
        html = client.get(url).get_data(as_text=True)
        for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in m.group(1) and not m.group(2).strip(), url
        assert not re.search(r"\sstyle\s*=", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert "<style" not in html


# --- hostile article content, from a real index built over a hostile JSONL export ----------

EVIL = {"title": "<script>alert('t')</script> 恶意标题", "source": "<img src=x onerror=alert(1)>",
        "body": "第一段 <svg onload=alert(1)> 恶意内容 5G。\n\n第二段 </p><script>alert(2)</script>",
        "date": "2020-09-01", "author": "\"><script>alert(3)</script>", "url": "javascript:alert(1)",
        "topics": ["<b>t</b>"]}


@pytest.fixture(scope="module")
def evil_client(tmp_path_factory):
    from searchapp.index import build

    d = tmp_path_factory.mktemp("evil")
    src = d / "in"
    src.mkdir()
    (src / "evil.jsonl").write_text(json.dumps(EVIL, ensure_ascii=False) + "\n", encoding="utf-8")
    build([src], d / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(d / "index")}).test_client()


def test_hostile_article_content_is_escaped_everywhere(evil_client):
    data = evil_client.get("/api/search?q=恶意").get_json()
    assert data["total"] == 1
    aid = data["hits"][0]["id"]
    for url in ("/search?q=恶意", "/", f"/article/{aid}?q=恶意", f"/article/{aid}"):
        body = check_safe(evil_client.get(url))
        assert "<script>alert" not in body and "onerror=alert(1)>" not in body
        assert 'href="javascript:' not in body
    r = evil_client.get("/search?q=恶意&format=csv")
    assert r.status_code == 200
