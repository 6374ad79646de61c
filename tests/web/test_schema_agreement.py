"""`searchapp search --json`, /api/search and the OpenAPI document agree field for field: for
queries that bring out every optional part of the answer (notices, zero-result suggestions,
the `_none` buckets, filters, pages), the CLI prints what the API answers, and every value of
it, however deep, has the documented type and is documented at all (issue 18 item 9: the
document must name what the API returns, not only its top-level keys).

The check is a small reader of the OpenAPI 3.0 subset the document uses ($ref, type, nullable,
required, properties, additionalProperties, items, enum): strict, an object key the schema does
not name is a disagreement unless the schema allows additional properties."""
from __future__ import annotations

import json

import pytest

from searchapp.cli import main

#: CLI arguments and the same request as an API query string.
REQUESTS = [
    (["5G"], {"q": "5G"}),
    (["网络安全", "--month", "_none", "-n", "2", "--page", "2"],
     {"q": "网络安全", "month": "_none", "size": "2", "page": "2"}),
    (["", "--topic", "AI", "--sort", "newest"], {"topic": "AI", "sort": "newest"}),
    (["zzzqqqxyz"], {"q": "zzzqqqxyz"}),
    (["头版", "5G"], {"q": "头版 5G"}),  # calendar_words: a notice carrying its own query
    (["9月上旬", "5G"], {"q": "9月上旬 5G"}),
    (["5G", "--source", "no-such-outlet"], {"q": "5G", "source": "no-such-outlet"}),
    (["5G", "topic:nosuch"], {"q": "5G topic:nosuch"}),  # suggestions (`--topic nosuch` is a CLI error)
    (['"数字经济"', "OR", "人工智能", "-河南"], {"q": '"数字经济" OR 人工智能 -河南'}),
    (["title:5G", "--from", "2020-09-01", "--to", "2020-09-15"],
     {"q": "title:5G", "from": "2020-09-01", "to": "2020-09-15"}),
    (["<b>5G</b>", "(AI"], {"q": "<b>5G</b> (AI"}),
]


def problems(value, schema: dict, doc: dict, where: str = "$") -> list[str]:
    """Where `value` disagrees with the OpenAPI 3.0 `schema` ($ref resolved in `doc`): a wrong
    type, null where not nullable, a value outside its enum, a required key missing, a key the
    schema does not name."""
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null, not nullable"]
    t = schema.get("type")
    fits = {"object": isinstance(value, dict), "array": isinstance(value, list),
            "string": isinstance(value, str), "boolean": isinstance(value, bool),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool)}
    if t is not None and not fits[t]:
        return [f"{where}: a {type(value).__name__}, documented as {t}"]
    out = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} is none of {schema['enum']}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += problems(v, schema["items"], doc, f"{where}[{i}]")
    if isinstance(value, dict):
        props, extra = schema.get("properties"), schema.get("additionalProperties")
        out += [f"{where}.{k}: required, missing" for k in schema.get("required", [])
                if k not in value]
        for k, v in value.items():
            if props is not None and k in props:
                out += problems(v, props[k], doc, f"{where}.{k}")
            elif isinstance(extra, dict):
                out += problems(v, extra, doc, f"{where}.{k}")
            elif props is not None and extra is not True:
                out.append(f"{where}.{k}: not in the document")
    return out


@pytest.fixture(scope="module")
def doc(corpus_index):
    from searchapp.web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)}).test_client().get(
        "/api/openapi.json").get_json()


def test_the_reader_finds_what_it_is_for(doc):
    """The check itself can fail: an undocumented key, a wrong type, a null, a missing key."""
    hit = {"$ref": "#/components/schemas/Hit"}
    good = {"id": "a", "title": "t", "score": 1.5, "rank": 1, "source": None}
    assert problems(good, hit, doc) == []
    assert problems({**good, "secret": 1}, hit, doc) == ["$.secret: not in the document"]
    assert problems({**good, "rank": "1"}, hit, doc) == ["$.rank: a str, documented as integer"]
    assert problems({**good, "title": None}, hit, doc) == ["$.title: null, not nullable"]
    assert problems({"id": "a", "title": "t", "score": 1, "rank": 1, "topics": [3]}, hit, doc) \
        == ["$.topics[0]: a int, documented as string"]
    del good["rank"]
    assert problems(good, hit, doc) == ["$.rank: required, missing"]


@pytest.mark.parametrize("args,params", REQUESTS, ids=[" ".join(a) for a, _ in REQUESTS])
def test_cli_json_api_and_document_agree_field_for_field(runner, client, doc, args, params):
    r = runner.invoke(main, ["search", *args, "--json"])
    assert r.exit_code == 0, r.output
    cli = json.loads(r.stdout)
    api = client.get("/api/search", query_string=params).get_json()
    cli.pop("took_ms"), api.pop("took_ms")
    assert cli == api
    assert problems(cli, {"$ref": "#/components/schemas/SearchResponse"}, doc) == []


def test_the_optional_parts_were_really_checked(runner):
    """The requests above do bring out notices with their query, suggestions and hits with
    every field, so the agreement covers them (were they empty, it would prove nothing)."""
    seen = {"notice_q": False, "suggestion": False, "hit": False}
    for args, _ in REQUESTS:
        d = json.loads(runner.invoke(main, ["search", *args, "--json"]).stdout)
        seen["notice_q"] |= any("q" in n for n in d["query"]["notice_items"])
        seen["suggestion"] |= bool(d.get("suggestions"))
        seen["hit"] |= bool(d["hits"])
    assert all(seen.values()), seen


def test_an_article_agrees_with_its_document(client, doc):
    hit = client.get("/api/search?q=5G&size=1").get_json()["hits"][0]
    art = client.get(hit["links"]["json"]).get_json()
    assert problems(art, {"$ref": "#/components/schemas/ArticleResponse"}, doc) == []
