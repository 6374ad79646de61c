"""The CLI browses the archive as printed (publications, a calendar with its gap, an issue by
page), shows an article's reprint chain, and freezes and exports result lists."""
from __future__ import annotations

import json

import pytest
import rispy
from click.testing import CliRunner

from archive_data import DAYS, DIGEST, GAP, ORIGINAL, WEB
from searchapp.cli import main


@pytest.fixture()
def arun(archive_index):
    run = CliRunner()
    env = {"SEARCHAPP_INDEX": str(archive_index)}
    return lambda *args: run.invoke(main, list(args), env=env)


@pytest.mark.slow
def test_archive_publications_calendar_issue(arun):
    r = arun("archive")
    assert r.exit_code == 0, r.output
    assert "人民日报  (newspaper, daily): 5 issues" in r.output and "1 missing" in r.output
    r = arun("archive", "人民日报")
    assert r.exit_code == 0 and f"missing: {GAP}" in r.output and "4:MISSING" in r.output
    r = arun("archive", "人民日报", DAYS[1])
    lines = r.output.splitlines()
    assert lines[1] == "-- page 1" and ORIGINAL in lines[2]
    assert f"previous: {DAYS[0]}   next: {DAYS[2]}" in r.output
    d = json.loads(arun("archive", "人民日报", DAYS[1], "--json").output)
    assert d["pages"][0]["page"] == 1 and d["next"]["issue"] == DAYS[2]
    r = arun("archive", "不存在的报纸")
    assert r.exit_code == 1 and "no publication" in r.output


@pytest.mark.slow
def test_lineage_command(arun):
    r = arun("lineage", WEB)
    assert r.exit_code == 0, r.output
    rows = [line.split()[0] for line in r.output.splitlines()[:3]]
    assert rows == ["reprint", "original", "reprint"] and "<- this article" in r.output
    assert "decided by: credit" in r.output
    chain = json.loads(arun("lineage", DIGEST, "--json").output)
    assert [c["id"] for c in chain] == [DIGEST, ORIGINAL, WEB]
    assert arun("lineage", "nope").exit_code == 1


def test_search_lineage_option_and_cite(arun):
    r = arun("search", "茶话会", "--lineage", "reprint", "--json")
    ids = {h["id"] for h in json.loads(r.output)["hits"]}
    assert ids == {DIGEST, WEB}
    r = arun("search", "x", "--lineage", "maybe")
    assert r.exit_code == 1 and "--lineage" in r.output
    r = arun("cite", "freeze", "茶话会", "--lineage", "original")
    assert r.exit_code == 0 and r.output.startswith("frozen ")
    key = r.output.split(" as ")[1].split()[0]
    ris = arun("cite", "show", key, "--format", "ris").output
    assert [e["id"] for e in rispy.loads(ris)] and ORIGINAL in ris
    assert arun("cite", "show", key, "--format", "gbt7714").output.startswith("[1] ")
    assert arun("cite", "show", "zzzzzzzzzz").exit_code == 1
