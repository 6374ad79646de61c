"""Rule: `searchapp bulk` answers every input line with one record, in input order, with per-line errors instead of an aborted batch, and only data on stdout."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchapp import bulk
from searchapp.bulk import run as bulk_run
from searchapp.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
MAGAZINE = next(CORPUS.glob("*.txt"))
EVAL = ROOT.parent / "shared" / "eval"

#: Mixed input: (line, expected id, expected to fail?)
MIXED = [
    ("5G", 1, False),
    ('{"id": "q-ai", "q": "人工智能", "limit": 3}', "q-ai", False),
    ("{not json", 3, True),
    ('{"id": "empty", "q": ""}', "empty", True),
    ('{"id": "filt", "q": "5G", "colour": "red"}', "filt", True),
    ("x" * 100_000, 6, True),
    ("", 7, True),
    ('{"id": 42, "q": "网络安全", "sort": "newest"}', 42, False),
    ('{"id": "badsort", "q": "5G", "sort": "random"}', "badsort", True),
    ("IPv6", 10, False),
]


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def strip_timing(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "took_ms"} for r in records]


@pytest.fixture()
def mixed_file(tmp_path) -> Path:
    f = tmp_path / "queries.txt"
    f.write_text("\n".join(line for line, _, _ in MIXED) + "\n", encoding="utf-8")
    return f


@pytest.mark.slow
def test_order_ids_and_per_line_errors(runner, mixed_file):
    r = runner.invoke(main, ["bulk", str(mixed_file)])
    assert r.exit_code == 0, r.output
    records = jsonl(r.stdout)
    assert [rec["id"] for rec in records] == [qid for _, qid, _ in MIXED]
    for rec, (_, _, fails) in zip(records, MIXED):
        assert ("error" in rec) == fails, rec
        if fails:
            assert rec["ok"] is False and rec["error"] and rec["status"] == 400, rec
            assert rec["code"] and rec["error_zh"], rec
        else:
            assert rec["total"] >= len(rec["hits"]) and rec["hits"], rec
            assert set(rec["hits"][0]) == set(bulk.DEFAULT_FIELDS)
    assert len(records[1]["hits"]) <= 3  # the line's own limit
    assert records[4]["param"] == "colour"
    assert "too long" in records[5]["error"] and len(records[5]["query"]) < 1000
    assert "6 failures" in r.stderr and "10 queries" in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.slow
def test_stdin_and_text_lines_are_searched_like_search(runner):
    r = runner.invoke(main, ["bulk", "-", "--limit", "5"], input="5G\n网络安全\n")
    assert r.exit_code == 0, r.output
    records = jsonl(r.stdout)
    assert [rec["query"] for rec in records] == ["5G", "网络安全"]
    s = runner.invoke(main, ["search", "网络安全", "--json", "--limit", "5"])
    expected = json.loads(s.stdout)
    assert records[1]["total"] == expected["total"]
    assert [h["id"] for h in records[1]["hits"]] == [h["id"] for h in expected["hits"]]


def test_csv_parses_back_to_the_jsonl_records(runner, mixed_file, tmp_path):
    r = runner.invoke(main, ["bulk", str(mixed_file)])
    records = jsonl(r.stdout)
    out = tmp_path / "out.csv"
    r = runner.invoke(main, ["bulk", str(mixed_file), "--output", str(out)])  # format from suffix
    assert r.exit_code == 0, r.output
    assert r.stdout == ""  # data went to the file
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows and set(rows[0]) >= {"query_id", "query", "total", "error", "rank", "hit_id", "title"}
    for rec in records:
        mine = [row for row in rows if row["query_id"] == str(rec["id"])]
        if "error" in rec:
            assert len(mine) == 1 and mine[0]["error"] == rec["error"]
        elif not rec["hits"]:
            assert len(mine) == 1 and mine[0]["hit_id"] == ""
        else:
            assert [row["hit_id"] for row in mine] == [h["id"] for h in rec["hits"]]
            assert [row["rank"] for row in mine] == [str(i) for i in range(1, len(mine) + 1)]
            assert all(row["total"] == str(rec["total"]) for row in mine)


def test_fields_and_snippets(runner):
    r = runner.invoke(main, ["bulk", "-", "--fields", "id,topics,rank", "--snippets"], input="5G\n")
    assert r.exit_code == 0, r.output
    hit = jsonl(r.stdout)[0]["hits"][0]
    assert set(hit) == {"id", "topics", "rank", "snippet"} and hit["snippet"]
    r = runner.invoke(main, ["bulk", "-", "--fields", "id,colour"], input="5G\n")
    assert r.exit_code != 0 and "colour" in r.stderr and r.stdout == "", r.output


def test_jsonl_input_file_with_bom_and_crlf(runner, tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_bytes("\ufeff".encode() + b'{"id": "a", "q": "5G"}\r\n{"id": "b", "q": "AI"}\r\n')
    r = runner.invoke(main, ["bulk", str(f)])
    assert r.exit_code == 0, r.output
    assert [rec["id"] for rec in jsonl(r.stdout)] == ["a", "b"]
    assert all("error" not in rec for rec in jsonl(r.stdout))


@pytest.mark.parametrize("data", [b"5G\r\xe7\xbd\x91\xe7\xbb\x9c\rAI\r",
                                  b"5G\r\n\xe7\xbd\x91\xe7\xbb\x9c\rAI\n"])
def test_a_lone_cr_ends_a_line_as_in_the_api(runner, tmp_path, data):
    # found by the fresh tester: a CR-only file (Excel for Mac) was one query in the CLI and
    # three in POST /api/bulk
    f = tmp_path / "q.txt"
    f.write_bytes(data)
    r = runner.invoke(main, ["bulk", str(f)])
    assert r.exit_code == 0, r.output
    assert [rec["query"] for rec in jsonl(r.stdout)] == ["5G", "网络", "AI"]
    assert [len(x) for x in data.splitlines()] == [2, 6, 2]  # what the API splits


def test_two_jobs_give_the_same_records_in_the_same_order(runner, mixed_file):
    one = runner.invoke(main, ["bulk", str(mixed_file), "--jobs", "1"])
    two = runner.invoke(main, ["bulk", str(mixed_file), "--jobs", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert strip_timing(jsonl(two.stdout)) == strip_timing(jsonl(one.stdout))


def test_unreadable_input_is_a_message(runner, tmp_path):
    r = runner.invoke(main, ["bulk", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0 and "missing.txt" in r.output and r.stdout == ""
    r = runner.invoke(main, ["bulk", str(tmp_path)])
    assert r.exit_code != 0 and "Traceback" not in r.output and r.stdout == ""


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.text(max_size=60), st.binary(max_size=40),
                                st.dictionaries(st.sampled_from(["id", "q", "source", "topic", "from",
                                                                 "sort", "limit", "page", "x"]),
                                                st.one_of(st.text(max_size=20), st.integers(),
                                                          st.none(), st.lists(st.text(max_size=5)))))
                      .map(lambda v: json.dumps(v) if isinstance(v, dict) else v), max_size=6))
def test_any_input_gives_one_record_per_line(handle, lines):
    options = bulk.BulkOptions()
    items = [bulk.parse_line(line, n, options) for n, line in enumerate(lines, 1)]
    records = list(bulk_run.run_batch(items, options, handle=handle))
    assert len(records) == len(lines)
    for rec, item in zip(records, items):
        assert rec["id"] == item.id
        assert ("error" in rec) != ("hits" in rec)
        json.dumps(rec)


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the project")
def test_dev_queries_score_through_bulk(runner, tmp_path):
    queries = [json.loads(x) for x in (EVAL / "queries_dev.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": q["qid"], "q": q["query"]}, ensure_ascii=False) + "\n"
                           for q in queries), encoding="utf-8")
    results = tmp_path / "results.jsonl"
    r = runner.invoke(main, ["bulk", str(inp), "--limit", "100", "--output", str(results)])
    assert r.exit_code == 0, r.output
    articles = tmp_path / "articles.jsonl"
    r = runner.invoke(main, ["segment", str(MAGAZINE)])
    assert r.exit_code == 0, r.output
    articles.write_text(r.stdout, encoding="utf-8")
    p = subprocess.run([sys.executable, str(EVAL / "score_relevance.py"),
                        "--anchors", str(EVAL / "seed_anchors.jsonl"), "--articles", str(articles),
                        "--results", str(results), "--qrels", str(EVAL / "qrels_dev.txt"),
                        "--queries", str(EVAL / "queries_dev.jsonl")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    score = json.loads(p.stdout)
    assert score["queries_missing_from_results"] == []
    assert score["articles_mapped"] >= 25
    # sensible minimums only; the relevance bench asserts the real thresholds
    assert score["all"]["ndcg@10"] >= 0.5, score
    assert score["all"]["recall@100"] >= 0.8, score
    assert score["C"]["recall@100"] >= 0.9, score
