"""The OpenAPI document describes the API exactly: each parameter's schema accepts what the
parser accepts and nothing else (dates, months, empty values), errors are documented in the
media type they are answered in, and POST /api/bulk documents its body, parameters, 413 and
error codes. (The same contract, fuzzed end to end: test_contract.py.)"""
from __future__ import annotations

import itertools
import re

import pytest

from searchapp.errors import BadRequest
from searchapp.request import parse_date, parse_month
from searchapp.web.openapi_schemas import DATE_PATTERN, MONTH_PATTERN

JUNK = ["2020", "2020-", "2020-09-", "20200901", "2020-W01-1", "2020-09-01T00:00", "2020/09/01",
        "٢٠٢٠-09-01", "２０２０-09-01", "2020-009", "2020-09-1", "+2020-09-01", "2020-09-01\n",
        "-2020-09", "0000-00", "abcd-ef", "2020-1-01"]


def _accepts(f, s) -> bool:
    try:
        f(s)
    except BadRequest:
        return False
    return True


def _date_strings():
    years = ["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2020", "2021", "2024",
             "2100", "9999"]
    months = [f"{m:02d}" for m in range(14)] + [str(m) for m in range(10)]
    for y, m in itertools.product(years, months):
        yield f"{y}-{m}"
        for d in range(33):  # days as typed: 2020-09-01, 2020-9-1, 2020-09-1
            yield f"{y}-{m}-{d:02d}"
            yield f"{y}-{m}-{d}"
    yield from JUNK
    yield ""


def test_the_date_pattern_accepts_exactly_what_from_and_to_accept():
    pat = re.compile(DATE_PATTERN)
    n = 0
    for s in _date_strings():
        for name in ("from", "to"):
            assert bool(pat.search(s)) == _accepts(lambda v: parse_date(v or None, name), s), s
        n += 1
    assert n > 5000


def test_a_day_typed_without_leading_zeros_is_that_day():
    # found by the fresh tester: the form's own pattern let 2020-9-1 through, the server said 400
    assert parse_date("2020-9-1", "from") == parse_date("2020-09-01", "to") == "2020-09-01"
    assert not _accepts(lambda v: parse_date(v, "from"), "2021-2-29")


def test_the_month_pattern_accepts_exactly_what_month_accepts():
    pat = re.compile(MONTH_PATTERN)
    for s in _date_strings():
        assert bool(pat.search(s)) == (s == "" or _accepts(parse_month, s)), s


@pytest.fixture(scope="module")
def doc(corpus_index):
    from searchapp.web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)}).test_client().get(
        "/api/openapi.json").get_json()


def _params(doc, path, method="get"):
    return {p["name"]: p for p in doc["paths"][path][method]["parameters"]}


def _accepts_empty(schema) -> bool:
    if schema.get("type") == "array":
        return _accepts_empty(schema["items"])
    if "anyOf" in schema:
        return any(_accepts_empty(s) for s in schema["anyOf"])
    if "enum" in schema:
        return "" in schema["enum"]
    if schema.get("type") == "string":
        return re.search(schema.get("pattern", ""), "") is not None and \
            schema.get("minLength", 0) == 0
    return False


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/search", "/api/search", "/article/{article_id}"])
def test_every_optional_parameter_documents_and_accepts_the_empty_value(doc, client, path):
    article = client.get("/api/search?size=1").get_json()["hits"][0]["id"]
    for name, p in _params(doc, path).items():
        if p["in"] != "query":
            continue
        assert _accepts_empty(p["schema"]), (path, name, p["schema"])
        url = path.replace("{article_id}", article) + f"?{name}="
        assert client.get(url).status_code == 200, url


def test_page_errors_are_documented_in_the_media_type_they_come_in(doc, client):
    for path, url in (("/search", "/search?sort=x"), ("/article/{article_id}",
                                                       "/article/0000000000000000")):
        r = client.get(url)
        documented = doc["paths"][path]["get"]["responses"][str(r.status_code)]["content"]
        assert r.mimetype in documented, (url, r.mimetype, list(documented))
        assert r.mimetype == "text/html"
    r = client.get("/search?sort=x&format=json")
    assert r.mimetype in doc["paths"]["/search"]["get"]["responses"]["400"]["content"]


def test_bulk_documents_its_body_parameters_and_413(doc):
    op = doc["paths"]["/api/bulk"]["post"]
    assert set(op["requestBody"]["content"]) == {"application/json", "application/x-ndjson",
                                                 "text/plain"}
    assert set(_params(doc, "/api/bulk", "post")) == {"size", "fields", "snippets", "thesaurus"}
    assert {"400", "413", "503"} <= set(op["responses"])


@pytest.mark.parametrize("url,body,ctype,status", [
    ("/api/bulk", b"", "text/plain", 400),
    ("/api/bulk", b"[1,", "application/json", 400),
    ("/api/bulk", b'{"q": "5G"}', "application/json", 400),
    ("/api/bulk?nope=1", b"5G", "text/plain", 400),
    ("/api/bulk?limit=0", b"5G", "text/plain", 400),
    ("/api/bulk?fields=nope", b"5G", "text/plain", 400),
    ("/api/bulk", b"5G\n" * 10_001, "text/plain", 413),
])
def test_bulk_errors_carry_a_code_and_chinese_text_like_every_endpoint(client, url, body,
                                                                      ctype, status):
    r = client.post(url, data=body, content_type=ctype)
    d = r.get_json()
    assert r.status_code == status and d["status"] == status, d
    assert d["code"] and d["error_zh"] and d["param"], d


def test_a_plain_text_query_may_start_with_a_bracket(client):
    r = client.post("/api/bulk", data="[草稿] 5G\n".encode(), content_type="text/plain")
    assert r.status_code == 200 and '"query": "[草稿] 5G"' in r.get_data(as_text=True)
