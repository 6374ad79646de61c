"""Rule: POST /api/bulk streams one NDJSON record per query in order, the same records as the CLI, and answers oversize or unreadable batches with the one error shape."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from searchapp.cli import main
from searchapp.config import MAX_BULK_BATCH

QUERIES = [
    {"id": "a", "q": "5G"},
    {"id": "b", "q": ""},
    "网络安全",
    {"id": "d", "q": "人工智能", "topic": "AI", "limit": 2},
    {"id": "e", "q": "5G", "unknown": 1},
    {"id": "f", "q": "y" * 100_000},
    17,
]
EXPECT = [("a", False), ("b", True), (3, False), ("d", False), ("e", True), ("f", True), (7, True)]


def ndjson(resp) -> list[dict]:
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    assert resp.mimetype == "application/x-ndjson"
    return [json.loads(x) for x in resp.get_data(as_text=True).splitlines()]


def assert_error_shape(resp, status: int) -> dict:
    assert resp.status_code == status
    d = resp.get_json()
    assert d["ok"] is False and d["status"] == status and d["error"]
    return d


def test_json_array_in_order_with_per_line_errors(client):
    records = ndjson(client.post("/api/bulk", json=QUERIES))
    assert [(r["id"], "error" in r) for r in records] == EXPECT
    assert len(records[3]["hits"]) <= 2 and all(r["total"] >= 1 for r in records if "hits" in r)


def test_ndjson_and_plain_text_bodies(client):
    body = "\n".join(json.dumps(q, ensure_ascii=False) if isinstance(q, dict) else str(q)
                     for q in QUERIES[:4]) + "\n"
    records = ndjson(client.post("/api/bulk", data=body.encode(), content_type="application/x-ndjson"))
    assert [(r["id"], "error" in r) for r in records] == EXPECT[:4]
    records = ndjson(client.post("/api/bulk?limit=3&fields=id,title,topics&snippets=1",
                                 data="5G\nIPv6\n", content_type="text/plain"))
    assert [r["query"] for r in records] == ["5G", "IPv6"]
    assert set(records[0]["hits"][0]) == {"id", "title", "topics", "snippet"}
    assert len(records[0]["hits"]) <= 3


def test_same_records_as_the_cli(client, runner, tmp_path):
    lines = [json.dumps(q, ensure_ascii=False) if isinstance(q, dict) else str(q) for q in QUERIES]
    f = tmp_path / "q.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = runner.invoke(main, ["bulk", str(f)])
    assert r.exit_code == 0, r.output
    cli = [json.loads(x) for x in r.stdout.splitlines()]
    http = ndjson(client.post("/api/bulk", data=f.read_bytes()))
    strip = lambda rs: [{k: v for k, v in x.items() if k != "took_ms"} for x in rs]  # noqa: E731
    assert strip(http) == strip(cli)


def test_batch_over_the_limit_is_413(client):
    d = assert_error_shape(client.post("/api/bulk", json=["5G"] * (MAX_BULK_BATCH + 1)), 413)
    assert str(MAX_BULK_BATCH) in d["error"]
    body = ("5G\n" * (MAX_BULK_BATCH + 1)).encode()
    assert_error_shape(client.post("/api/bulk", data=body), 413)


@pytest.mark.parametrize("url,body", [
    ("/api/bulk", b"[1, 2"),
    ("/api/bulk", b""),
    ("/api/bulk?colour=red", b"5G\n"),
    ("/api/bulk?limit=0", b"5G\n"),
    ("/api/bulk?fields=id,colour", b"5G\n"),
])
def test_unreadable_batches_are_400(client, url, body):
    assert_error_shape(client.post(url, data=body), 400)


def test_a_bad_ndjson_line_is_a_record_not_a_400(client):
    records = ndjson(client.post("/api/bulk", data=b'{"q": "5G"} trailing [\n5G\n'))
    assert "invalid JSON" in records[0]["error"] and records[1]["hits"]


def test_missing_index_is_503(tmp_path):
    from searchapp.web import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")})
    d = assert_error_shape(app.test_client().post("/api/bulk", json=["5G"]), 503)
    assert "searchapp index" in d["error"]


def test_cli_missing_index_writes_no_output_file(tmp_path):
    out = tmp_path / "o.jsonl"
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(tmp_path / "none"), "-o", str(out)],
                           input="5G\n")
    assert r.exit_code != 0 and not out.exists(), r.output
