"""What reaches the server over a real socket gets the app's answers: framework and protocol
errors (a bad Range, raw non-ASCII bytes in the request line, a malformed request) come in the
one error shape, never a plain-text page or a 500, and links never take their host from the
request's Host header."""
from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import pytest


@pytest.fixture(scope="module")
def server(served_url):
    """The port of the session's served app (conftest `served_url`)."""
    return urlsplit(served_url).port


def raw(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `request` bytes as they are; (status, headers (lower-case names), body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def get(port: int, target: bytes, *extra: bytes) -> tuple[int, dict[str, str], bytes]:
    return raw(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               + b"".join(h + b"\r\n" for h in extra) + b"\r\n")


def error_shape(status: int, headers: dict[str, str], body: bytes, want: int) -> dict:
    assert status == want, body[:300]
    assert headers["content-type"].startswith("application/json"), headers
    d = json.loads(body)
    assert d["ok"] is False and d["status"] == want and d["error"] and d["code"], d
    assert "nosniff" in headers.get("x-content-type-options", ""), headers
    return d


@pytest.mark.parametrize("rng", [b"bytes=abc", b"bytes=999999-", b"bytes=5-1", b"lines=1-2"])
def test_bad_range_on_a_static_file_is_416_not_500(server, rng):
    status, headers, body = get(server, b"/static/style.css", b"Range: " + rng)
    assert status in (200, 416), body[:300]  # never the 500 of `_coded() got multiple values`
    if status == 416:
        assert headers["content-range"].startswith("bytes */"), headers
        assert b"Traceback" not in body and "text/html" in headers["content-type"]


@pytest.mark.slow
def test_no_range_header_gives_a_server_error_anywhere(server):
    """Every odd Range form (syntax errors, reversed, empty, huge numbers, many parts, non-ASCII
    bytes), with or without If-Range, on GET and HEAD of a file, a page, an API answer and a
    missing file: never a 5xx."""
    ranges = [b"bytes=abc", b"bytes=-0", b"bytes=0-1,5-6", b"bytes=0-" + b"9" * 30, b"bytes=--1",
              b"bytes=", b"bytes=1-0", b"bytes=" + b"0-1," * 300 + b"0-1", b"\xff\xfe",
              "bytes=中".encode()]
    if_range = [b"", b'If-Range: "x"\r\n', b"If-Range: Wed, 21 Oct 2015 07:28:00 GMT\r\n",
                b"If-Range: \xff\r\n"]
    bad = []
    for target in (b"/static/style.css", b"/search?q=5G", b"/api/search?q=5G",
                   b"/static/no-such.css"):
        for method in (b"GET", b"HEAD"):
            for rng in ranges:
                for cond in if_range:
                    status, _, _ = raw(server, method + b" " + target + b" HTTP/1.1\r\nHost: "
                                       b"127.0.0.1\r\nRange: " + rng + b"\r\n" + cond +
                                       b"Connection: close\r\n\r\n")
                    if status >= 500:
                        bad.append((method, target, rng[:20], cond, status))
    assert not bad, bad


def test_range_is_ignored_outside_files(server):
    status, headers, body = get(server, b"/api/openapi.json", b"Range: bytes=abc")
    assert status == 200  # Range only applies to files; the API ignores it


def test_a_good_range_still_works(server):
    status, headers, body = get(server, b"/static/style.css", b"Range: bytes=0-9")
    assert status == 206 and len(body) == 10


def test_raw_utf8_in_the_request_line_is_read_like_its_percent_encoded_twin(server):
    status, headers, body = get(server, "/api/search?q=网络安全&size=1".encode())
    assert status == 200, body[:300]
    d = json.loads(body)
    assert d["query"]["text"] == "网络安全" and d["total"] > 0
    twin = json.loads(get(server, b"/api/search?q=%E7%BD%91%E7%BB%9C%E5%AE%89%E5%85%A8&size=1")[2])
    assert d["total"] == twin["total"] and d["hits"][0]["id"] == twin["hits"][0]["id"]


def test_raw_bytes_that_are_not_utf8_get_the_apps_400(server):
    d = error_shape(*get(server, b"/api/search?q=\xff\xfe"), 400)
    assert d["code"] == "not_utf8" and d["param"] == "q"


def test_raw_utf8_path_of_a_page(server):
    status, headers, body = get(server, "/article/文章".encode())
    assert status == 404 and "text/html" in headers["content-type"]


@pytest.mark.parametrize("request_bytes", [
    b"GET /search HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    b"GET /search HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"get /search HTTP/1.1\r\nHost: x\r\n\r\n",
])
def test_protocol_errors_use_the_error_shape(server, request_bytes):
    status, headers, body = raw(server, request_bytes)
    assert 400 <= status < 500
    error_shape(status, headers, body, status)


def test_links_never_take_their_host_from_the_host_header(server):
    for target in (b"/search?q=5G", b"/api/search?q=5G&format=csv"):
        status, headers, body = raw(server, b"GET " + target + b" HTTP/1.1\r\nHost: evil.example"
                                    b"\r\nConnection: close\r\n\r\n")
        assert status == 200 and b"evil.example" not in body, body[:500]
    status, _, body = get(server, b"/search?q=5G")
    hit = json.loads(get(server, b"/api/search?q=5G&size=1")[2])["hits"][0]["id"]
    status, _, body = raw(server, b"GET /article/" + hit.encode() + b" HTTP/1.1\r\n"
                          b"Host: evil.example\r\nConnection: close\r\n\r\n")
    assert status == 200 and b"evil.example" not in body


HOSTILE = (b"Host: evil.example\r\nX-Forwarded-Host: evil2.example\r\nX-Forwarded-Proto: gopher"
           b"\r\nForwarded: host=evil3.example;proto=gopher\r\nX-Original-URL: //evil4.example/")


@pytest.mark.parametrize("target", [b"/", b"/search?q=5G&format=atom", b"/api/search?q=5G&format=atom",
                                    b"/search?q=5G&format=jsonl", b"/archive", b"/api/archive",
                                    b"/api/openapi.json", b"/no-such-page"])
def test_feeds_and_other_pages_ignore_hostile_host_and_forwarded_headers(server, target):
    status, headers, body = raw(server, b"GET " + target + b" HTTP/1.1\r\n" + HOSTILE
                                + b"\r\nConnection: close\r\n\r\n")
    assert status in (200, 404), body[:300]
    assert b"evil" not in body and b"gopher" not in body, body[:500]
    assert "evil" not in str(headers) and "gopher" not in str(headers), headers


def test_a_citation_made_through_a_hostile_host_links_to_no_foreign_site(corpus_index, tmp_path):
    """A frozen result list (POST /cite → 303) is the most copied link: neither its redirect nor
    its page nor its exports may carry the Host header's name, with or without a PUBLIC_URL."""
    import shutil

    from searchapp.web import create_app

    ix = tmp_path / "ix"  # the citation store is a file beside the index: a copy of its own
    shutil.copytree(corpus_index, ix, symlinks=True)
    hostile = {"Host": "evil.example", "X-Forwarded-Host": "evil2.example",
               "X-Forwarded-Proto": "gopher"}
    for public in (None, "https://news.example.org/"):
        app = create_app({"TESTING": True, "INDEX_DIR": str(ix),
                          **({"PUBLIC_URL": public} if public else {})})
        c = app.test_client()
        r = c.post("/cite", data={"q": "5G"}, headers=hostile)
        assert r.status_code == 303 and "evil" not in r.headers["Location"], r.headers
        made = c.post("/api/cite?q=5G", headers=hostile)
        assert made.status_code == 201 and "evil" not in made.get_data(as_text=True)
        key = r.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        for fmt in ("html", "json", "ris", "gbt7714"):
            body = c.get(f"/cite/{key}?format={fmt}", headers=hostile).get_data(as_text=True)
            assert "evil" not in body and "gopher" not in body, (fmt, body[:300])
        page = c.get(f"/cite/{key}", headers=hostile).get_data(as_text=True)
        assert (f'{public}cite/{key}' in page) if public else (f"/cite/{key}" in page)


def test_a_feed_links_to_the_public_url_whatever_the_host_header(corpus_index):
    import feedparser

    from searchapp.web import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(corpus_index),
                      "PUBLIC_URL": "https://news.example.org/archive/"})
    xml = app.test_client().get("/search?q=5G&format=atom", headers={"Host": "evil.example"})
    feed = feedparser.parse(xml.get_data())
    links = [ln["href"] for ln in feed.feed.links] + [e.link for e in feed.entries]
    assert feed.entries and links
    assert all(u.startswith("https://news.example.org/archive/") for u in links), links


def test_absolute_links_come_from_the_configured_public_url(corpus_index):
    from searchapp.web import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(corpus_index),
                      "PUBLIC_URL": "https://news.example.org/archive/"})
    c = app.test_client()
    html = c.get("/search?q=5G", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert 'href="https://news.example.org/archive/search?q=5G"' in html
    assert "evil.example" not in html
    csv = c.get("/search?q=5G&format=csv").get_data(as_text=True)
    assert "https://news.example.org/archive/article/" in csv


@pytest.mark.parametrize("bad", ["news.example.org", "ftp://x/", "https://x/?a=1", "javascript:x"])
def test_a_bad_public_url_is_refused_at_start(corpus_index, bad):
    from searchapp.errors import SearchAppError
    from searchapp.web import create_app

    with pytest.raises(SearchAppError):
        create_app({"INDEX_DIR": str(corpus_index), "PUBLIC_URL": bad})


def test_serve_defaults_the_public_url_to_its_own_address():
    from searchapp.cli.serve import default_public_url

    assert default_public_url("127.0.0.1", 5000) == "http://127.0.0.1:5000/"
    assert default_public_url("::1", 8080) == "http://[::1]:8080/"
    assert default_public_url("0.0.0.0", 5000) is None
