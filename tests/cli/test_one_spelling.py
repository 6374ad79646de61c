"""One spelling across the CLI and the web (issue 18): `--size` as the web's `size` (with
`--limit`/`-n` kept), `--format` and `--json` on every command that prints data, query words
that start with "-" read as exclusions, topics shown by label, and the index folder named as
an absolute path in every message wherever the command runs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CORPUS
from searchapp.cli import main


def run(runner, *args, code=0, input=None):
    r = runner.invoke(main, list(args), input=input)
    assert r.exit_code == code, (args, r.output)
    return r


def ids(runner, *args):
    return [h["id"] for h in json.loads(run(runner, "search", *args).stdout)["hits"]]


def test_size_is_the_web_spelling_and_limit_stays(runner):
    by_size = ids(runner, "5G", "--size", "3", "--json")
    assert len(by_size) == 3
    assert ids(runner, "5G", "--limit", "3", "--json") == by_size == ids(runner, "5G", "-n3",
                                                                        "--json")
    r = run(runner, "search", "5G", "--size", "0", code=1)
    assert r.stderr.startswith("Error: --size must be between 1 and 100"), r.stderr
    r = run(runner, "search", "5G", "-n", "0", code=1)  # the error names the spelling typed
    assert r.stderr.startswith("Error: -n must be between 1 and 100"), r.stderr


def test_format_json_and_json_are_one_option(runner):
    a = json.loads(run(runner, "search", "5G", "--format", "json").stdout)
    b = json.loads(run(runner, "search", "5G", "--json").stdout)
    a.pop("took_ms"), b.pop("took_ms")
    assert a == b
    r = run(runner, "search", "5G", "--json", "--format", "text", code=2)
    assert "--json means --format json" in r.output
    assert run(runner, "search", "5G", "--format", "text").stdout.startswith(("14 ", "1"))


@pytest.mark.slow
@pytest.mark.parametrize("cmd", [["stats"], ["segment", str(next(CORPUS.glob("*.txt")))]])
def test_every_data_command_takes_both_spellings(runner, cmd):
    fmt = "json"
    a = run(runner, *cmd, "--format", fmt).stdout
    b = run(runner, *cmd, "--json").stdout
    assert json.loads(a) == json.loads(b)


@pytest.mark.slow
def test_index_and_bulk_take_both_spellings(runner, tmp_path):
    r = run(runner, "index", str(CORPUS), "--index", str(tmp_path / "ix"), "--format", "json")
    assert json.loads(r.stdout)["articles"] > 0
    r = run(runner, "index", str(CORPUS), "--index", str(tmp_path / "ix"), "--json")
    assert json.loads(r.stdout)["articles"] > 0
    a = json.loads(run(runner, "bulk", "-", "--json", "--size", "2", input="5G\n").stdout)
    b = json.loads(run(runner, "bulk", "-", "--format", "jsonl", "-n", "2", input="5G\n").stdout)
    assert len(a["hits"]) == 2 and a["hits"] == b["hits"]


def test_a_word_starting_with_a_dash_is_an_exclusion_not_an_option(runner):
    everything = json.loads(run(runner, "search", "--json", "--size", "100").stdout)["total"]
    with_5g = json.loads(run(runner, "search", "5G", "--json").stdout)["total"]
    minus = json.loads(run(runner, "search", "-5G", "--json").stdout)
    assert minus["total"] == everything - with_5g > 0
    assert minus == json.loads(run(runner, "search", "--json", "--", "-5G").stdout) | {
        "took_ms": minus["took_ms"]}
    two = json.loads(run(runner, "search", "网络安全", "-河南", "--json").stdout)
    assert two["query"]["text"] == "网络安全 -河南"
    assert two["total"] == json.loads(run(runner, "search", "网络安全 -河南", "--json").stdout)["total"]
    r = run(runner, "search", "5G", "--nosuch", code=2)  # a mistyped option is not query text
    assert "No such option" in r.output


def test_an_option_letter_without_its_value_says_how_to_search_the_word(runner):
    for opt, long in (("-t", "--topic"), ("-s", "--source"), ("-n", "--size"), ("-p", "--page")):
        r = run(runner, "search", "5G", opt, code=2)
        assert f"Option '{opt}' ({long}) needs a value" in r.output
        assert f"searchapp search -- {opt}" in r.output
    words = json.loads(run(runner, "search", "--json", "--", "-t").stdout)
    assert words["query"]["text"] == "-t"


def test_a_dash_word_that_looks_like_an_option_with_a_value(runner):
    """`-nba` cannot be `-n ba` (not a number): an excluded word. `-sony`/`-tech` could be
    `-s ony`/`-t ech` or an excluded word: refused, naming both, never guessed. A query pasted
    as one argument (`"-tech news"`) is query text."""
    nba = json.loads(run(runner, "search", "5G", "-nba", "--json").stdout)
    assert nba["query"]["text"] == "5G -nba" and nba["total"] > 0
    for arg, opt, value in (("-sony", "-s", "ony"), ("-tech", "-t", "ech")):
        r = run(runner, "search", "5G", arg, code=2)
        assert f"'{arg}' could be {opt}" in r.output and f"'{opt} {value}'" in r.output
        assert f"excluded word '{arg[1:]}'" in r.output and f"-- {arg}" in r.output
    pasted = json.loads(run(runner, "search", "-数字 经济", "--json").stdout)
    assert pasted["query"]["text"] == "-数字 经济"
    pasted = json.loads(run(runner, "search", "-tech 5G", "--json").stdout)
    assert pasted["query"]["text"] == "-tech 5G" and pasted["total"] > 0
    for field in ("-title:5G", "-source:新华社", "-topic:5G", "-page:1"):  # query syntax, not -t/-s/-p
        assert json.loads(run(runner, "search", "网络", field, "--json").stdout)["query"]["text"] \
            == f"网络 {field}"
    assert ids(runner, "5G", "-n3", "--json") == ids(runner, "5G", "--size", "3", "--json")
    assert ids(runner, "-t5G", "--json") == ids(runner, "--topic", "5G", "--json")


def test_stats_shows_topics_as_search_does(runner):
    out = run(runner, "stats").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("topics:"))
    assert "人工智能 [AI]" in line and "网络安全 [security]" in line
    assert json.loads(run(runner, "stats", "--json").stdout)["topics"]["AI"] > 0  # keys kept


def test_the_index_folder_is_named_absolutely_wherever_the_command_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("SEARCHAPP_INDEX", raising=False)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["search", "5G"])
    assert r.exit_code == 1
    want = str((tmp_path / "index").resolve())
    assert f"no index in {want}: build it with `searchapp index corpus/ --index {want}`" \
        in r.stderr and "SEARCHAPP_INDEX" in r.stderr, r.stderr
    r = CliRunner().invoke(main, ["index"])
    assert r.exit_code == 2 and str((tmp_path / "corpus").resolve()) in r.stderr, r.stderr


def test_the_index_folder_from_the_environment_works_from_anywhere(corpus_index, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setenv("SEARCHAPP_INDEX", str(corpus_index))
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["search", "5G", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] > 0
