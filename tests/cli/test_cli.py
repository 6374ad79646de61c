"""Rule: every CLI command gives plain data on stdout, and bad input or a missing/busy index gives one line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import free_port
from searchapp.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
MAGAZINE = next(CORPUS.glob("*.txt"))
COMMANDS = ["segment", "index", "search", "bulk", "serve", "stats", "archive", "lineage", "cite"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SEARCHAPP_INDEX"}
    env.update(extra)
    return env


def assert_one_line_error(result, *needles: str) -> None:
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    err = result.stderr.strip()
    assert err.startswith("Error:") and "\n" not in err, err
    for n in needles:
        assert n in err, err


@pytest.fixture(scope="module")
def segmented() -> list[dict]:
    result = CliRunner().invoke(main, ["segment", str(MAGAZINE), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help(cmd):
    result = CliRunner().invoke(main, [cmd, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and cmd in result.output


def test_segment_jsonl_gives_articles_with_metadata(segmented):
    assert len(segmented) >= 25
    for a in segmented:
        assert {"id", "title", "body", "source", "date", "topics"} <= set(a)
        assert len(a["id"]) == 16 and a["title"] and a["body"]
    assert len({a["id"] for a in segmented}) == len(segmented)


def test_segment_ids_are_the_index_ids(segmented, runner):
    # a known-item search by each article's own title must return that article's id
    for a in segmented[::4]:
        result = runner.invoke(main, ["search", a["title"][:30], "--json", "--limit", "100"])
        assert result.exit_code == 0, result.output
        assert a["id"] in [h["id"] for h in json.loads(result.stdout)["hits"]], a["title"]


def test_segment_json_and_text_formats(segmented):
    r = CliRunner().invoke(main, ["segment", str(MAGAZINE), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [a["id"] for a in json.loads(r.stdout)] == [a["id"] for a in segmented]
    r = CliRunner().invoke(main, ["segment", str(MAGAZINE), "--format", "text"])
    assert r.exit_code == 0, r.output
    assert segmented[0]["title"] in r.stdout and segmented[-1]["id"] in r.stdout


def test_segment_reports_bad_jsonl_lines_and_keeps_the_rest(tmp_path):
    f = tmp_path / "export.jsonl"
    good = {"id": "a1", "title": "数字经济发展报告", "body": "数字经济规模持续扩大。" * 5,
            "source": "测试社", "date": "2021-03-04"}
    f.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["segment", str(f)])
    assert r.exit_code == 1, r.output
    assert [json.loads(x)["title"] for x in r.stdout.splitlines()] == [good["title"]]
    assert f"{f}:2:" in r.stderr and "Traceback" not in r.output


def test_segment_reads_several_files_and_a_refused_one_does_not_stop_the_rest(tmp_path):
    # found by the fresh tester: README's `searchapp segment corpus/*.txt` took one file only
    good = tmp_path / "a.txt"
    good.write_text("新闻标题一\n本报讯 这是第一篇正常文章，记者报道。\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    r = CliRunner().invoke(main, ["segment", str(good), str(binary), str(MAGAZINE)])
    assert r.exit_code == 1, r.output  # one file refused: said, and the others read
    titles = [json.loads(x)["title"] for x in r.stdout.splitlines()]
    assert titles[0] == "新闻标题一" and len(titles) > 20
    assert f"{binary}: binary" in r.stderr and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["segment", str(good), str(good), "--json"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 2


def test_segment_unreadable_files_are_one_line(tmp_path):
    r = CliRunner().invoke(main, ["segment", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2 and "does not exist" in r.output and "Traceback" not in r.output
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    r = CliRunner().invoke(main, ["segment", str(binary)])
    assert r.exit_code != 0 and "Traceback" not in r.output, r.output
    assert str(binary) in r.stderr


@pytest.mark.slow
def test_index_builds_updates_and_reports(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    idx = tmp_path / "index"
    r = CliRunner().invoke(main, ["index", str(corpus), "--index", str(idx), "--json"])
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout)
    assert first["added"] >= 25 and first["articles"] == first["added"] and not first["problems"]
    r = CliRunner().invoke(main, ["index", str(corpus), "--index", str(idx)])
    assert r.exit_code == 0, r.output
    assert "0 added" in r.stdout and f"{first['articles']} articles" in r.stdout
    # a broken file is skipped and listed; the rest stays indexed; exit code 1
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 1000)
    r = CliRunner().invoke(main, ["index", str(corpus), "--index", str(idx), "--json"])
    assert r.exit_code == 1, r.output
    report = json.loads(r.stdout)
    assert report["articles"] == first["articles"]
    assert "broken.txt" in r.stderr and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["search", "5G", "--index", str(idx), "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] > 0, r.output


def test_index_missing_path_is_fatal(tmp_path):
    r = CliRunner().invoke(main, ["index", str(tmp_path / "nothing"), "--index", str(tmp_path / "i")])
    assert r.exit_code == 2
    assert_one_line_error(r, "no such file or folder")


@pytest.mark.slow
def test_index_busy_is_one_line(tmp_path):
    from searchapp.index.lock import writer_lock

    idx = tmp_path / "index"
    with writer_lock(idx):  # held by this process; the CLI below is another process
        p = subprocess.run([sys.executable, "-m", "searchapp", "index", str(CORPUS), "--index", str(idx)],
                           capture_output=True, text=True, env=_env(), timeout=120)
    assert p.returncode == 2, p.stderr
    assert "busy" in p.stderr and p.stderr.strip().count("\n") == 0 and "Traceback" not in p.stderr


def test_search_human_output_marks_matches(runner):
    r = runner.invoke(main, ["search", "5G", "--limit", "3"])
    assert r.exit_code == 0, r.output
    assert "results" in r.stdout and "【" in r.stdout  # not a tty: brackets instead of ANSI bold
    assert "\x1b[" not in r.stdout
    r = runner.invoke(main, ["search", "5G", "--limit", "3", "--plain"])
    assert r.exit_code == 0 and "【" not in r.stdout, r.output


def test_search_json_and_filters(runner):
    r = runner.invoke(main, ["search", "5G", "--json", "--limit", "5"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["total"] > 0 and 0 < len(d["hits"]) <= 5
    for h in d["hits"]:
        assert {"id", "title", "source", "date", "topics", "score", "snippet"} <= set(h)
    source = next(v["value"] for v in d["facets"]["source"])
    topic = next(v["value"] for v in d["facets"]["topic"])
    r = runner.invoke(main, ["search", "5G", "--json", "--source", source, "--limit", "100"])
    hits = json.loads(r.stdout)["hits"]
    assert hits and all(h["source"] == source for h in hits), r.output
    r = runner.invoke(main, ["search", "5G", "--json", "--topic", topic, "--limit", "100"])
    hits = json.loads(r.stdout)["hits"]
    assert hits and all(topic in h["topics"] for h in hits), r.output


@pytest.mark.parametrize("args,needle", [
    (["5G", "--limit", "0"], "--limit"),
    (["5G", "--page", "-1"], "--page"),
    (["5G", "--from", "yesterday"], "--from"),
    (["5G", "--to", "2021-02-29"], "--to"),
    (["x" * 10_000], "too long"),
])
def test_search_bad_parameters_are_one_line(runner, args, needle):
    r = runner.invoke(main, ["search", *args])
    assert_one_line_error(r, needle)


def test_a_reversed_date_range_is_searched_earlier_to_later_with_a_note(runner):
    r = runner.invoke(main, ["search", "5G", "--from", "2020-09-30", "--to", "2020-07"])
    assert r.exit_code == 0, r.output
    assert "note: 'from' was after 'to': searched from 2020-07-01 to 2020-09-30." in r.stdout
    d = json.loads(runner.invoke(main, ["search", "5G", "--json", "--from", "2020-09-30",
                                        "--to", "2020-07"]).stdout)
    same = json.loads(runner.invoke(main, ["search", "5G", "--json", "--from", "2020-07",
                                           "--to", "2020-09-30"]).stdout)
    assert d["total"] == same["total"] > 0
    assert [n["code"] for n in d["query"]["notice_items"]] == ["dates_swapped"]


def test_search_bad_sort_lists_valid_values(runner):
    r = runner.invoke(main, ["search", "5G", "--sort", "random"])
    assert r.exit_code == 2 and "relevance" in r.output and "Traceback" not in r.output


# `serve` starts without an index (503s until it is built): tests/test_cli_faults.py
@pytest.mark.parametrize("cmd", [["search", "5G"], ["stats"], ["bulk", "-"]])
def test_missing_index_is_one_line(tmp_path, cmd):
    r = CliRunner().invoke(main, [*cmd, "--index", str(tmp_path / "none")], input="5G\n")
    assert_one_line_error(r, "searchapp index")
    assert r.stdout == ""


def test_stats(runner, corpus_index):
    r = runner.invoke(main, ["stats", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)
    r = runner.invoke(main, ["stats"])
    assert r.exit_code == 0 and r.stdout.strip(), r.output


@pytest.mark.slow
def test_python_m_is_quiet_and_envvar_is_read(corpus_index):
    p = subprocess.run([sys.executable, "-m", "searchapp", "search", "5G", "--json"],
                       capture_output=True, text=True, timeout=120,
                       env=_env(SEARCHAPP_INDEX=str(corpus_index)))
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["total"] > 0
    assert p.stderr == ""  # no jieba "Building prefix dict" chatter, no warnings



@pytest.mark.slow
def test_serve_answers_over_http(corpus_index):
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "searchapp", "serve", "--port", str(port),
                          "--index", str(corpus_index), "--threads", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=5G", timeout=10) as r:
                    body = json.loads(r.read())
                    server = r.headers.get("Server", "")
                break
            except OSError:
                if time.time() > deadline or p.poll() is not None:
                    raise
                time.sleep(0.2)
        assert body["total"] > 0
        assert "werkzeug" not in server.lower()  # a production server, not Flask's dev server
    finally:
        p.terminate()
        out, _ = p.communicate(timeout=10)
    # the first line says where to go and which index folder it serves, absolutely
    first = out.splitlines()[0]
    assert f"serving on http://127.0.0.1:{port}/" in first, out
    assert first.endswith(f"index: {Path(corpus_index).resolve()}"), first


def test_serve_port_in_use_is_one_line(corpus_index):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = CliRunner().invoke(main, ["serve", "--port", str(port), "--index", str(corpus_index)])
    assert_one_line_error(r, "cannot listen")


@pytest.mark.parametrize("host", ["999.1.1.1", "no such host name"])
def test_serve_on_an_address_that_is_no_address_is_one_line(corpus_index, host):
    # found by the fresh tester: --host 999.1.1.1 was "internal error: ValueError"
    r = CliRunner().invoke(main, ["serve", "--host", host, "--port", "0", "--index",
                                  str(corpus_index)])
    assert_one_line_error(r, "cannot listen")
    assert "--host" in r.output


@pytest.mark.parametrize("query", ['"unbalanced', "(5G", "OR", "-", ":", "5G：AI", "（5G）", "nofield:5G",
                                   "5G\x00AI", "<script>alert(1)</script>", "title:", "5G OR", "- -5G"])
def test_odd_queries_answer_or_explain(runner, query):
    r = runner.invoke(main, ["search", "--json", "--", query])  # `--`: a query may start with "-"
    assert "Traceback" not in r.output
    if r.exit_code == 0:
        d = json.loads(r.stdout)
        assert d["total"] >= 0 and isinstance(d["hits"], list)
    else:
        assert_one_line_error(r)


@pytest.mark.parametrize("args", [["--page", "0"], ["--page", "1000000000"], ["--limit", "100000"]])
def test_out_of_range_paging_is_one_line(runner, args):
    assert_one_line_error(runner.invoke(main, ["search", "5G", *args]))


@pytest.mark.parametrize("args", [["--page", "abc"], ["--sort", "x"], ["--limit", "1e9"]])
def test_malformed_options_are_usage_errors(runner, args):
    r = runner.invoke(main, ["search", "5G", *args])
    assert r.exit_code == 2 and "Traceback" not in r.output and r.stdout == ""


def test_title_choices_are_the_readers():
    """`--title` spells the readers' choices so that `--help` does not load the readers."""
    from searchapp.cli.common import TITLE_MODES as CLI_MODES
    from searchapp.ingest.options import TITLE_MODES

    assert CLI_MODES == TITLE_MODES


def test_an_unknown_topic_option_is_an_error_naming_the_valid_topics(runner):
    """Third fresh tester, F15: `--topic nonexist` answered 0 results with a note and exit 0,
    while other bad option values are one `Error:` line naming the valid values. A `topic:`
    word of the query stays a notice, as on the web."""
    r = runner.invoke(main, ["search", "5G", "--topic", "nonexist"])
    assert_one_line_error(r, "--topic", "'nonexist'", "AI")
    assert r.exit_code == 1 and r.stdout == ""
    ok = runner.invoke(main, ["search", "5G", "--topic", "人工智能", "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["total"] > 0
    q = runner.invoke(main, ["search", "5G topic:nonexist", "--format", "json"])
    assert q.exit_code == 0 and "unknown_topic" in [n["code"] for n in json.loads(q.stdout)["query"]["notice_items"]]


def test_a_one_digit_month_is_that_month_as_from_and_to_take_it(runner):
    """Third fresh tester, F15: `--month 2020-9` was refused while `--from 2020-9` and the web's
    date fields take a one-digit month."""
    def total(*args):
        r = runner.invoke(main, ["search", "5G", "--format", "json", *args])
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)["total"]

    assert total("--month", "2020-9") == total("--month", "2020-09") > 0
    assert_one_line_error(runner.invoke(main, ["search", "5G", "--month", "2020-13"]), "--month")


def test_search_lists_missing_words_with_commas_so_an_or_group_stays_one(runner):
    """`missing: 宀宀宀, 联通 OR 电信`: the words a hit lacks are separated by commas, so an
    OR-group (a hit lacking it holds neither word) is not read as loose words."""
    r = runner.invoke(main, ["search", "5G 宀宀宀 (联通 OR 电信)", "--size", "50"])
    assert r.exit_code == 0, r.output
    lines = [ln.strip() for ln in r.output.splitlines() if ln.strip().startswith("missing: ")]
    assert "missing: 宀宀宀, 联通 OR 电信" in lines, lines
    assert not any("宀宀宀 联通" in ln for ln in lines), lines
