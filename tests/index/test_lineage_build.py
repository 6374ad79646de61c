"""Reprint lineage and frozen lists across builds: an incremental build that brings an earlier
copy of a story re-writes the copies already indexed (their roles change); a frozen list is
identical after `searchapp index --rebuild` and after the index is switched back to an older
generation, because it lives beside the generations and ids derive from content; a followed
search's entry ids do not change with a rebuild."""
from __future__ import annotations

import json
import shutil

import feedparser
import pytest
from click.testing import CliRunner

from archive_data import ORIGINAL, WEB
from searchapp.cli import main
from searchapp.index import build, open_index
from searchapp.index.store import CURRENT
from searchapp.web import create_app


def _roles(d, ids):
    h = open_index(d)
    try:
        return {i: (h.get_article(i).lineage or {}).get("role") for i in ids}
    finally:
        h.close()


def _feed_ids(d) -> list[str]:
    body = create_app({"TESTING": True, "INDEX_DIR": str(d)}).test_client().get(
        "/search?q=茶话会&format=atom").data
    return [e.id for e in feedparser.parse(body).entries]


@pytest.mark.slow
def test_an_earlier_copy_added_later_rewrites_the_kept_copies(tmp_path, archive_inputs):
    src = tmp_path / "in"
    src.mkdir()
    lines = (archive_inputs["paths"][1] / "pfr.jsonl").read_text("utf-8").splitlines()
    original = next(line for line in lines if ORIGINAL in line)
    copies = (archive_inputs["paths"][1] / "reprints.jsonl").read_text("utf-8").splitlines()
    web = next(line for line in copies if WEB in line)
    (src / "a-web.jsonl").write_text(web + "\n", encoding="utf-8")
    idx = tmp_path / "idx"
    build([src], idx)
    assert _roles(idx, [WEB]) == {WEB: "reprint"}  # credits 人民日报, which is not indexed yet
    (src / "b-paper.jsonl").write_text(original + "\n", encoding="utf-8")
    rep = build([src], idx)
    assert not rep.full and rep.added == 1 and rep.updated == 1  # the kept copy was re-written
    h = open_index(idx)
    try:
        w = h.get_article(WEB)
        assert w.lineage["original"] == ORIGINAL and w.lineage["lag_days"] == 3
        assert w.duplicate_of == ORIGINAL
        assert h.get_article(ORIGINAL).lineage["role"] == "original"
    finally:
        h.close()


@pytest.mark.slow
def test_frozen_list_survives_rebuild_and_an_older_generation(tmp_path, archive_index, archive_inputs):
    idx = tmp_path / "idx"
    shutil.copytree(archive_index, idx)
    run = CliRunner()
    env = {"SEARCHAPP_INDEX": str(idx)}
    r = run.invoke(main, ["cite", "freeze", "茶话会", "--sort", "newest"], env=env)
    assert r.exit_code == 0, r.output
    key = r.output.split(" as ")[1].split()[0]
    before = run.invoke(main, ["cite", "show", key, "--format", "json"], env=env)
    ris_before = run.invoke(main, ["cite", "show", key, "--format", "ris"], env=env).output
    first = json.loads(before.output)
    assert [i["id"] for i in first["items"]][:3] and all(i["exists"] for i in first["items"])
    old_gen = (idx / CURRENT).read_text().strip()
    feed_before = _feed_ids(idx)
    r = run.invoke(main, ["index", "--rebuild", *map(str, archive_inputs["paths"])], env=env)
    assert r.exit_code == 0, r.output
    assert (idx / CURRENT).read_text().strip() != old_gen
    after = run.invoke(main, ["cite", "show", key, "--format", "json"], env=env)
    assert json.loads(after.output) == first  # same articles, same order, all still there
    assert run.invoke(main, ["cite", "show", key, "--format", "ris"], env=env).output == ris_before
    assert _feed_ids(idx) == feed_before  # a followed search sees no new entry after a rebuild
    # an index switched back to the generation before the rebuild (a restore): same list
    (idx / CURRENT).write_text(old_gen + "\n")
    again = json.loads(run.invoke(main, ["cite", "show", key, "--format", "json"], env=env).output)
    assert again == first
    assert (idx / old_gen).is_dir()
