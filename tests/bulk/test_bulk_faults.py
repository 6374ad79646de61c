"""Rule: bulk output is safe to open in a spreadsheet (no formula runs from indexed or typed text,
the same rule as the web export), echoes any JSON id unchanged, and bad options or inputs are one
line naming the valid values."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchapp import bulk
from searchapp import csvsafe
from searchapp.cli import main

EVIL = {"title": '=HYPERLINK("http://evil","点我")', "source": "+cmd|calc",
        "body": "电子表格 公式注入 测试正文。电子表格的单元格。", "author": "@人", "topics": ["-x"]}


@pytest.fixture(scope="module")
def evil_index(tmp_path_factory) -> Path:
    from searchapp.index import build

    d = tmp_path_factory.mktemp("evil")
    (d / "evil.jsonl").write_text(json.dumps(EVIL, ensure_ascii=False) + "\n", encoding="utf-8")
    build([d / "evil.jsonl"], d / "index")
    return d / "index"


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_cells_never_start_a_formula(evil_index):
    r = CliRunner().invoke(main, ["bulk", "-", "--format", "csv", "--index", str(evil_index),
                                  "--fields", "id,title,source,author,topics"],
                           input='电子表格\n=HYPERLINK("http://evil","x")\n')
    assert r.exit_code == 0, r.output
    rows = _csv(r.stdout)
    assert rows[0]["title"] == "'" + EVIL["title"] and rows[0]["source"].startswith("'+")
    assert rows[0]["author"].startswith("'@") and rows[0]["topics"].startswith("'-")
    assert rows[1]["query"].startswith("'=")
    for row in rows:
        for v in row.values():
            assert not v.startswith(csvsafe.FORMULA_START), row


def test_one_cell_rule_for_web_export_and_bulk():
    from searchapp.web import export

    assert export._cell is csvsafe.cell and export.BOM == csvsafe.BOM  # one helper, not two copies
    for v in ["=1+1", "+cmd", "-x", "@a", "\tx", "\rx", "-3.5", "plain", None, ["=a", "b"]]:
        assert export._cell(v) == csvsafe.cell(v)
    assert csvsafe.cell("-3.5") == "-3.5" and csvsafe.cell("=1") == "'=1"


def test_bom_by_default_in_files_not_on_stdout(corpus_index, tmp_path):
    out = tmp_path / "hits.csv"
    r = CliRunner().invoke(main, ["bulk", "-", "-o", str(out), "--index", str(corpus_index)], input="5G\n")
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfquery_id,")
    r = CliRunner().invoke(main, ["bulk", "-", "-o", str(out), "--no-bom", "--index", str(corpus_index)],
                           input="5G\n")
    assert out.read_bytes().startswith(b"query_id,")
    r = CliRunner().invoke(main, ["bulk", "-", "--format", "csv", "--index", str(corpus_index)], input="5G\n")
    assert r.stdout.startswith("query_id,")


IDS = [[1, 2], {"k": "v"}, None, True, "s", 7]


def test_any_json_id_is_echoed_unchanged(corpus_index):
    lines = [json.dumps({"id": i, "q": "5G", "limit": 1}) for i in IDS] + ['{"q": "5G", "limit": 1}']
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index)], input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    records = [json.loads(x) for x in r.stdout.splitlines()]
    assert [rec["id"] for rec in records] == IDS + [len(IDS) + 1]
    r = CliRunner().invoke(main, ["bulk", "-", "--format", "csv", "--index", str(corpus_index)],
                           input="\n".join(lines) + "\n")
    ids = [row["query_id"] for row in _csv(r.stdout)]
    assert ids == ["[1, 2]", '{"k": "v"}', "", "true", "s", "7", str(len(IDS) + 1)]


def test_a_json_query_that_is_no_string_is_an_error_record_not_its_text(corpus_index, client):
    # found by the fresh testers: {"q": true} was searched as "True", {"q": 123} as the text
    # "123" (third tester, F15), {"q": 0} as no query at all; {"q": {...}} was not_string
    values = (True, False, {"a": "5G"}, 5, 123, 0, 2.5, [5], "5G", "123")
    lines = "\n".join(json.dumps({"id": i, "q": v}) for i, v in enumerate(values)) + "\n"
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index)], input=lines)
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    over_http = client.post("/api/bulk", data=lines.encode()).get_data(as_text=True)
    for got in (recs, [json.loads(x) for x in over_http.splitlines()]):
        assert [rec["ok"] for rec in got] == [False] * 8 + [True, True], got
        assert {rec["code"] for rec in got[:8]} == {"not_string"}, got
        assert all(rec["param"] == "q" and rec["id"] == i for i, rec in enumerate(got[:8]))


def test_any_json_id_is_echoed_over_http(client):
    resp = client.post("/api/bulk", json=[{"id": [1, 2], "q": "5G", "limit": 1},
                                          {"id": {"a": 1}, "q": "5G", "limit": 1}, "5G"])
    ids = [json.loads(x)["id"] for x in resp.get_data(as_text=True).splitlines()]
    assert ids == [[1, 2], {"a": 1}, 3]


@pytest.mark.parametrize("args,needles", [
    (["--fields", "id,bogus"], ["--fields", "'bogus'", "title", "snippet"]),
    (["--fields", ""], ["--fields", "title", "snippet"]),
    (["--fields", " , "], ["--fields", "title"]),
])
def test_bad_fields_list_the_valid_ones(corpus_index, args, needles):
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index), *args], input="5G\n")
    assert r.exit_code == 1 and r.stdout == ""
    err = r.stderr.strip()
    assert err.startswith("Error:") and "\n" not in err
    for n in needles:
        assert n in err, err


def test_folder_or_missing_input_is_the_documented_one_line_error(corpus_index, tmp_path):
    for path in (tmp_path, tmp_path / "missing.txt"):
        r = CliRunner().invoke(main, ["bulk", str(path), "--index", str(corpus_index)])
        assert r.exit_code == 1, r.output
        err = r.stderr.strip()
        assert err.startswith("Error:") and "\n" not in err and "Usage" not in err and str(path) in err


def test_snippets_flag_uses_parse_bool(corpus_index, client):
    lines = ['{"id": "a", "q": "5G", "limit": 1, "snippets": "maybe"}',
             '{"id": "b", "q": "5G", "limit": 1, "snippets": "yes"}',
             '{"id": "c", "q": "5G", "limit": 1, "snippets": false}']
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index)], input="\n".join(lines) + "\n")
    a, b, c = [json.loads(x) for x in r.stdout.splitlines()]
    assert a["param"] == "snippets" and "true" in a["valid"]
    assert b["hits"][0]["snippet"] and "snippet" not in c["hits"][0]
    resp = client.post("/api/bulk?snippets=maybe", data="5G\n")
    assert resp.status_code == 400 and "true" in resp.get_json().get("valid", [])
    with pytest.raises(Exception):
        bulk.BulkOptions.parse(snippets="maybe")
    assert bulk.BulkOptions.parse(snippets="on").snippets


def test_lone_surrogate_escapes_in_queries_and_ids_never_stop_a_batch(evil_index, monkeypatch, tmp_path):
    """A JSON line whose query or id holds an escaped lone surrogate ("\\udc00": no character,
    not UTF-8 encodable) used to crash `searchapp bulk` mid-batch and the /api/bulk stream;
    now it is answered (as U+FFFD) and the lines after it too."""
    from searchapp.web import create_app

    lines = ['{"id": "x", "q": "\\udc00电子表格"}', '{"id": "\\ud800", "q": "电子表格"}', "电子表格"]
    f = tmp_path / "q.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_INDEX", str(evil_index))
    r = CliRunner().invoke(main, ["bulk", str(f), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in recs] == ["x", "\ufffd", 3]
    assert [x["total"] for x in recs] == [1, 1, 1]
    client = create_app({"TESTING": True, "INDEX_DIR": str(evil_index)}).test_client()
    for body, ctype in (("[" + ", ".join(lines[:2]) + "]", "application/json"),
                        ("\n".join(lines), "application/x-ndjson")):
        resp = client.post("/api/bulk", data=body.encode("utf-8"), content_type=ctype)
        assert resp.status_code == 200
        recs = [json.loads(x) for x in resp.get_data(as_text=True).splitlines()]
        assert len(recs) == len(lines[:2] if ctype == "application/json" else lines)
        assert all(x["total"] == 1 for x in recs)


_DEEP = '{"q": ' + "[" * 5000
_DEEP_VALID = '{"q": "5G", "id": ' + "[" * 1500 + "]" * 1500 + "}"
_NONSTANDARD = ['{"id": NaN, "q": "5G"}', '{"id": Infinity, "q": "5G"}', '{"id": 1e400, "q": "5G"}']


def _strict(line: str):
    return json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


@pytest.mark.parametrize("jobs", ["1", "2", "0"])
def test_deep_or_nonstandard_json_lines_are_error_records(corpus_index, jobs):
    """A line nested deeper than the JSON parser's recursion limit ended the whole batch
    (RecursionError, exit 2, nothing written), and NaN / Infinity / 1e400 ids were echoed as
    output that is not JSON (found by a fresh tester): each is now that line's error record,
    every output line is standard JSON, and the lines around them are answered."""
    lines = ["5G", _DEEP, _DEEP_VALID, *_NONSTANDARD, "网络安全"]
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index), "--jobs", jobs],
                           input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    recs = [_strict(x) for x in r.stdout.splitlines()]
    assert len(recs) == len(lines)
    assert recs[0]["total"] > 0 and recs[-1]["total"] > 0
    for rec in recs[1:-1]:
        assert "invalid JSON" in rec["error"], rec


def test_deep_json_over_http_is_a_400_or_a_record(client):
    r = client.post("/api/bulk", data="[" * 5000)
    assert r.status_code == 400 and r.get_json()["param"] == "body"
    r = client.post("/api/bulk", data="5G\n" + _DEEP + "\n" + _NONSTANDARD[0] + "\n")
    assert r.status_code == 200
    recs = [_strict(x) for x in r.get_data(as_text=True).splitlines()]
    assert recs[0]["total"] > 0 and "error" in recs[1] and "error" in recs[2]


# Found by the second fresh tester: Big5 and UTF-16 input were read as GB18030, each line a
# garbage query answered ok: true (0 hits, once 62), exit code 0.
QUERIES = ["網絡安全", "人工智能 AI", "数字经济", "5G"]


@pytest.mark.parametrize("enc", ["big5", "utf-16", "utf-16-le", "utf-32", "gb18030", "utf-8"])
def test_input_in_another_encoding_is_read_as_written(corpus_index, client, tmp_path, enc):
    from searchapp.analysis.text import to_simplified

    text = "\n".join(q if enc == "big5" else to_simplified(q) for q in QUERIES) + "\n"
    if enc == "big5":
        text = text.replace("数字经济", "數字經濟")
    data = text.encode(enc)
    f = tmp_path / f"q.{enc}.txt"
    f.write_bytes(data)
    r = CliRunner().invoke(main, ["bulk", str(f), "--index", str(corpus_index)])
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [rec["ok"] for rec in recs] == [True] * len(QUERIES), recs
    assert [to_simplified(rec["query"]) for rec in recs] == [to_simplified(q) for q in QUERIES]
    assert all(rec["total"] > 0 for rec in recs), recs
    resp = client.post("/api/bulk", data=data, content_type="text/plain")
    web = [json.loads(x) for x in resp.get_data(as_text=True).splitlines()]
    assert [(x["query"], x["total"]) for x in web] == [(x["query"], x["total"]) for x in recs]


def test_a_line_no_codec_reads_with_confidence_is_refused():
    options = bulk.BulkOptions()
    junk = bytes.fromhex("e77acc5af4918445")  # GB18030 reads it, as four rare characters
    assert junk.decode("gb18030")  # (it was searched as that mojibake)
    item = bulk.parse_line(junk, 1, options)
    assert item.error is not None and item.error.code == "bulk_not_text"
    assert bulk.parse_line("人工智能".encode("gb18030"), 2, options).error is None


def _both_doors(corpus_index, client, f, data: bytes) -> tuple[list[dict], list[dict]]:
    """The records of one bulk input through both doors: `searchapp bulk f` (the CLI) and
    POST /api/bulk with the same bytes (the web)."""
    r = CliRunner().invoke(main, ["bulk", str(f), "--index", str(corpus_index)])
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    web = [json.loads(x) for x in client.post("/api/bulk", data=data, content_type="text/plain")
           .get_data(as_text=True).splitlines()]
    return recs, web


# Found by the sixth fresh tester: bulk read a GBK or Big5 line with no notice, while the API
# flags the same reading of a query string (`query_read_as_*`): a script could not tell which
# lines were re-read. Both doors now say it, in the record's machine-readable notices.
@pytest.mark.parametrize("enc,code", [("gb18030", "query_read_as_gb18030"),
                                      ("big5", "query_read_as_big5")])
def test_a_line_read_in_a_legacy_encoding_says_so(corpus_index, client, tmp_path, enc, code):
    text = "网络安全" if enc == "gb18030" else "中國"
    data = text.encode(enc) + b"\n" + '{"q": "5G"}'.encode() + b"\n" + \
        ('{"q": "%s"}' % text).encode(enc) + b"\n"
    f = tmp_path / "q.txt"
    f.write_bytes(data)
    for got in _both_doors(corpus_index, client, f, data):
        codes = [[n["code"] for n in x["notices"]] for x in got]
        assert [x["query"] for x in got] == [text, "5G", text], got
        assert code in codes[0] and code in codes[2], codes
        assert not any(c.startswith("query_read_as") for c in codes[1]), codes


# Found by the third fresh tester: a first line starting with the bytes FF FE (a UTF-16 mark)
# made the whole input UTF-16: three lines became one garbage query, the other two vanished.
@pytest.mark.parametrize("first", [b"\xff\xfe bad first line", b"\xfe\xff\xe4\xb8\xad", b"\xff\xfe"])
def test_a_utf16_mark_before_utf8_lines_is_one_bad_line_not_utf16(corpus_index, client, tmp_path,
                                                                  first):
    data = first + "\n5G\n河南\n".encode("utf-8")
    f = tmp_path / "q.txt"
    f.write_bytes(data)
    for got in _both_doors(corpus_index, client, f, data):
        assert [x["id"] for x in got] == [1, 2, 3], got
        assert got[0]["code"] == "bulk_not_text" and [x["query"] for x in got[1:]] == ["5G", "河南"]
        assert all(x["ok"] and x["total"] > 0 for x in got[1:]), got


@pytest.mark.parametrize("text", ["5G\n河南\n", "河南", "網絡安全\n"])
def test_real_utf16_with_a_mark_is_still_utf16(text):
    from searchapp.ingest.decode import wide_encoding

    for enc in ("utf-16", "utf-16-be"):
        data = text.encode(enc) if enc == "utf-16" else b"\xfe\xff" + text.encode(enc)
        assert wide_encoding(data, whole=True) == "utf-16"
        assert bulk.body_lines(data) == text.splitlines()


def test_a_json_filter_value_that_is_no_string_is_an_error_record(corpus_index, client):
    # left at the sixth stop: {"source": 123} was the outlet "123", {"topic": true} the topic
    # "True"; a filter that silently means something else changes a script's answers
    bad = ({"source": 123}, {"topic": True}, {"source": [5]}, {"month": 199801},
           {"lineage": 1.5}, {"topic": ["5G", 7]})
    good = ({"topic": "5G"}, {"topic": ["5G", "AI"]})
    lines = "".join(json.dumps({"id": i, "q": "网络", **f}) + "\n"
                    for i, f in enumerate(bad + good))
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index)], input=lines)
    assert r.exit_code == 0, r.output
    over_http = client.post("/api/bulk", data=lines.encode()).get_data(as_text=True)
    for got in ([json.loads(x) for x in r.stdout.splitlines()],
                [json.loads(x) for x in over_http.splitlines()]):
        assert [rec["ok"] for rec in got] == [False] * len(bad) + [True] * len(good), got
        assert [rec["code"] for rec in got[:len(bad)]] == ["not_string_list"] * len(bad), got
        assert [rec["param"] for rec in got[:len(bad)]] == [next(iter(f)) for f in bad], got


def test_conflicting_values_are_repeated_param_not_the_last_one(corpus_index, client):
    # fourth fresh tester, F5: a JSON key given twice searched the last value, `size` beside a
    # different `limit` used `limit`, all with ok: true; /api/search refuses the same thing
    lines = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (
        {"q": "5G", "size": 5, "limit": 50}, {"q": "5G", "size": 5, "limit": "5"},
        {"q": "5G", "limit": [2, 3]}, {"q": "5G"})).replace('{"q": "5G"}', '{"q": "5G", "q": "网络"}')
    lines += '{"q": "5G", "q": "5G"}\n'
    r = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index)], input=lines)
    assert r.exit_code == 0, r.output
    over_http = client.post("/api/bulk", data=lines.encode()).get_data(as_text=True)
    for got in ([json.loads(x) for x in r.stdout.splitlines()],
                [json.loads(x) for x in over_http.splitlines()]):
        assert [rec["ok"] for rec in got] == [False, True, False, False, True], got
        assert [(rec["code"], rec["param"]) for rec in got if not rec["ok"]] == \
               [("repeated_param", "limit")] * 2 + [("repeated_param", "q")], got


def test_api_bulk_takes_size_and_refuses_conflicting_repeats(client):
    # fourth fresh tester, F12 and F5: ?size= was refused although `size` is the canonical
    # spelling; ?limit=2&limit=3 used 2 without a word
    def hits(url):
        r = client.post(url, data=b"5G\n")
        return r.status_code, [len(json.loads(x)["hits"]) for x in r.get_data(as_text=True).splitlines()] \
            if r.status_code == 200 else r.get_json()
    assert hits("/api/bulk?size=2") == (200, [2])
    assert hits("/api/bulk?size=2&limit=2") == (200, [2])
    for url in ("/api/bulk?limit=2&limit=3", "/api/bulk?size=2&limit=3"):
        status, body = hits(url)
        assert status == 400 and "repeated_param" in json.dumps(body), (url, body)


@pytest.mark.parametrize("head,what", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20, "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8, "ZIP"),
    (bytes(range(256)) * 40, "binary"),
])
def test_a_binary_file_is_refused_not_read_as_queries(corpus_index, tmp_path, head, what):
    # fourth fresh tester, F10: a PDF given by mistake was read line by line, its bytes as
    # GB18030 "Chinese" (`%搶嫗 ReportLab Generated PDF document`), 86 records ok, exit 0
    p = tmp_path / "queries.txt"
    p.write_bytes(head)
    r = CliRunner().invoke(main, ["bulk", str(p), "--index", str(corpus_index)])
    assert r.exit_code == 1 and r.stdout == "", (r.exit_code, r.stdout[:300])
    assert what in r.stderr and "queries" in r.stderr and "\n" not in r.stderr.strip(), r.stderr


def test_text_in_a_legacy_encoding_is_still_read(corpus_index, tmp_path):
    p = tmp_path / "queries.txt"
    p.write_bytes("网络安全\n5G\n".encode("gbk"))
    r = CliRunner().invoke(main, ["bulk", str(p), "--index", str(corpus_index)])
    assert r.exit_code == 0 and [json.loads(x)["ok"] for x in r.stdout.splitlines()] == [True, True]
