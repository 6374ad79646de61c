"""A bulk batch searches a repeated request once: every record is what answering its line
alone gives (the line's own id; `took_ms` 0.0 for a repeat), in input order, with one worker
or two, across the blocks sent to the workers, and when the memo forgets old requests."""
from __future__ import annotations

import json

import pytest

from searchapp import bulk
from searchapp.bulk import run as bulk_run
from searchapp.index import open_index

LINES = [
    "5G",
    '{"id": "a", "q": "5G"}',                 # a repeat of line 1 (same request, own id)
    '{"id": "b", "q": "5G", "limit": 2}',     # not a repeat: another limit
    "网络安全",
    "{bad json",
    "{bad json",                              # a repeated error is still an error
    '{"id": "c", "q": "网络安全", "sort": "newest"}',
    "5G",
    "人工智能",
    '{"id": ["x", 1], "q": "人工智能"}',
    "网络安全",
    "",
    "5G",
]


def _alone(handle, options) -> list[dict]:
    """Each line answered on its own (no memo)."""
    return [bulk_run.answer(handle, item, options)
            for item in bulk.read_items(LINES, options)]


def _same(got: dict, want: dict) -> bool:
    a, b = dict(got), dict(want)
    a.pop("took_ms", None)
    b.pop("took_ms", None)
    return a == b


@pytest.mark.parametrize("jobs,block,memo", [(1, 512, 16384), (2, 512, 16384), (2, 3, 16384),
                                             (1, 512, 1), (2, 2, 1)])
def test_records_as_if_each_line_were_answered_alone(corpus_index, monkeypatch, jobs, block, memo):
    monkeypatch.setattr(bulk_run, "BLOCK_ITEMS", block)
    monkeypatch.setattr(bulk_run, "MEMO_RECORDS", memo)
    options = bulk.BulkOptions()
    handle = open_index(corpus_index)
    want = _alone(handle, options)
    items = list(bulk.read_items(LINES, options))
    got = list(bulk_run.run_batch(items, options, index_dir=corpus_index, jobs=jobs)
               if jobs > 1 else bulk_run.run_batch(items, options, handle=handle))
    assert len(got) == len(LINES)
    for n, (g, w) in enumerate(zip(got, want), 1):
        assert _same(g, w), (n, LINES[n - 1], g, w)
    assert got[2]["hits"] and len(got[2]["hits"]) <= 2 and len(got[0]["hits"]) > 2
    assert [r["id"] for r in got][:3] == [1, "a", "b"]
    assert "error" in got[4] and "error" in got[5]
    # a repeat was not searched again: no search time of its own (when the memo holds it)
    if memo > 1:
        assert got[1]["took_ms"] == 0.0 and got[7]["took_ms"] == 0.0
        assert got[0]["took_ms"] > 0.0


def test_cli_output_has_one_record_per_line_with_repeats(corpus_index, tmp_path):
    from click.testing import CliRunner

    from searchapp.cli import main

    f = tmp_path / "q.txt"
    f.write_text("\n".join(["5G", "5G", "网络安全", "5G"]) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["bulk", str(f), "--index", str(corpus_index), "--jobs", "2"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["id"] for r in recs] == [1, 2, 3, 4]
    assert recs[0]["hits"] == recs[1]["hits"] == recs[3]["hits"] and recs[0]["total"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_holds_one_index_state_while_the_index_changes(tmp_path, jobs, monkeypatch):
    """Re-indexing in the middle of a batch changes none of its answers (found by a fresh
    tester: a repeated line got the old generation's record, a new line the new one's)."""
    from searchapp.index import handle as index_handle
    from searchapp.index import build

    monkeypatch.setattr(index_handle, "CHECK_INTERVAL", 0)  # handles look for a new generation at once
    # small blocks: with two workers, later lines reach them only after the re-index
    monkeypatch.setattr(bulk_run, "BLOCK_ITEMS", 4)

    src = tmp_path / "src"
    src.mkdir()
    f = src / "a.jsonl"

    def write(tag: str) -> None:
        f.write_text(json.dumps({"id": f"r-{tag}", "title": f"轮次{tag}",
                                 "body": f"暗号星辰{tag}。这是一篇测试文章。"}, ensure_ascii=False)
                     + "\n", encoding="utf-8")

    write("A")
    build([src], tmp_path / "ix")
    lines = ["暗号星辰"] + [f"填充词{i}" for i in range(40)] + ["暗号星辰", '{"q": "暗号星辰", "limit": 9}']
    options = bulk.BulkOptions(fields=("id",))
    items = bulk.read_items(lines, options)
    records = bulk_run.run_batch(items, options, index_dir=tmp_path / "ix", jobs=jobs)
    got = [next(records), next(records)]
    write("B")
    build([src], tmp_path / "ix")  # a new generation while the batch runs
    got += list(records)
    found = [[h["id"] for h in r["hits"]] for r in got if r["query"] == "暗号星辰"]
    assert found == [["r-A"]] * 3, found
    after = list(bulk_run.run_batch(bulk.read_items(["暗号星辰"], options), options,
                                index_dir=tmp_path / "ix", jobs=1))
    assert [h["id"] for h in after[0]["hits"]] == ["r-B"]  # a new batch sees the new state


def test_snippet_fields_are_computed_when_asked_for(corpus_index):
    """`--fields id,snippet_html` without `--snippets` gave empty strings (a fresh tester's
    finding): naming a snippet field computes it."""
    from click.testing import CliRunner

    from searchapp.cli import main

    res = CliRunner().invoke(main, ["bulk", "-", "--index", str(corpus_index), "--jobs", "1",
                                    "--fields", "id,snippet_html,snippet"], input="5G\n")
    assert res.exit_code == 0, res.output
    hits = json.loads(res.stdout.splitlines()[0])["hits"]
    assert hits and all(h["snippet"] and "<mark>" in h["snippet_html"] for h in hits[:3])
