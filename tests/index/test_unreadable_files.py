"""A file indexed before that is still there but cannot be read now (emptied or garbled by an
interrupted copy, no permission) keeps its earlier articles: only a file that is gone takes its
articles with it (index/unreadable.py, docs/index.md "An unreadable file is not a removed file")."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from searchapp.index import build, open_index
from searchapp.index import plan as plan_module
from searchapp.index.store import read_current, read_manifest
from tests.index.test_build import all_ids, write_jsonl

pytestmark = pytest.mark.slow


@pytest.fixture()
def indexed(tmp_path) -> tuple[Path, Path, list[str]]:
    """(corpus folder, index folder, ids of b.jsonl) after one build of a.jsonl + b.jsonl."""
    d = tmp_path / "corpus"
    write_jsonl(d / "a.jsonl", "a", 4)
    b_ids = write_jsonl(d / "b.jsonl", "b", 3)
    ix = tmp_path / "ix"
    r = build([d], ix)
    assert r.articles == 7 and not r.problems
    return d, ix, b_ids


def _problem_of(report, name: str) -> str:
    got = [p["reason"] for p in report.problems if Path(p["file"]).name == name]
    assert len(got) == 1, report.problems
    return got[0]


@pytest.mark.parametrize("damage", [b"", b"\xff\xfe\x00\xd8" + os.urandom(200)],
                         ids=["emptied", "garbled"])
def test_an_unreadable_file_keeps_its_articles_until_it_is_fixed_or_removed(indexed, damage):
    d, ix, b_ids = indexed
    before = all_ids(open_index(ix))
    (d / "b.jsonl").write_bytes(damage)
    r = build([d], ix)
    assert r.removed == 0 and r.articles == 7
    assert "kept the 3 articles indexed from its earlier version" in _problem_of(r, "b.jsonl")
    assert all_ids(open_index(ix)) == before
    assert open_index(ix).get_article(b_ids[0]).title.startswith(("互联网", "网络安全", "人工智能"))

    # the next build tries the file again and says the same (its earlier hash was kept)
    r = build([d], ix)
    assert not r.noop and r.articles == 7 and "kept the 3" in _problem_of(r, "b.jsonl")

    # readable again: its new version replaces the old
    write_jsonl(d / "b.jsonl", "b", 2, salt="修订")
    r = build([d], ix)
    assert not r.problems and (r.updated, r.removed, r.articles) == (2, 1, 6)
    assert "修订" in open_index(ix).get_article(b_ids[0]).body

    # gone from the folder: its articles go (the removal rule)
    (d / "b.jsonl").unlink()
    r = build([d], ix)
    assert r.removed == 2 and r.articles == 4


def test_a_rebuild_keeps_the_articles_of_an_unreadable_file(indexed):
    d, ix, _ = indexed
    before = all_ids(open_index(ix))
    (d / "b.jsonl").write_bytes(b"")
    r = build([d], ix, rebuild=True)
    assert r.full and r.articles == 7 and "kept the 3" in _problem_of(r, "b.jsonl")
    assert all_ids(open_index(ix)) == before


def test_a_file_that_cannot_be_opened_keeps_its_articles(indexed, monkeypatch):
    """Permissions do not stop root, so the OSError of opening the file is raised where the
    build hashes it."""
    d, ix, _ = indexed
    before = all_ids(open_index(ix))
    write_jsonl(d / "b.jsonl", "b", 3, salt="新")  # changed, so the build hashes it again
    real = plan_module.file_digest

    def denied(path, **kw):
        if Path(path).name == "b.jsonl":
            raise PermissionError(13, "Permission denied")
        return real(path, **kw)

    monkeypatch.setattr(plan_module, "file_digest", denied)
    r = build([d], ix)
    reason = _problem_of(r, "b.jsonl")
    assert reason.startswith("cannot read: Permission denied") and "kept the 3" in reason
    assert r.removed == 0 and all_ids(open_index(ix)) == before
    entry = read_manifest(ix / read_current(ix))["files"][os.path.realpath(d / "b.jsonl")]
    assert sorted(entry["ids"]) == sorted(i for i in before if i.startswith("b-"))
    assert "unreadable" not in entry


def test_a_new_unreadable_file_is_only_a_problem(indexed):
    d, ix, _ = indexed
    (d / "c.jsonl").write_bytes(b"")
    r = build([d], ix)
    assert "kept" not in _problem_of(r, "c.jsonl") and r.articles == 7


def test_a_folder_given_again_with_nothing_in_it_keeps_its_articles(tmp_path):
    """An unmounted drive or a copy not done yet leaves an empty folder: its files are not
    removed (a warning says why and how to drop them); a rebuild without it drops them."""
    corpus, news = tmp_path / "corpus", tmp_path / "mnt" / "news"
    write_jsonl(corpus / "a.jsonl", "a", 3)
    write_jsonl(news / "n1.jsonl", "n1", 2)
    write_jsonl(news / "sub" / "n2.jsonl", "n2", 2)
    ix = tmp_path / "ix"
    assert build([corpus, news], ix).articles == 7
    before = all_ids(open_index(ix))
    (news / "n1.jsonl").rename(tmp_path / "away1.jsonl")
    (news / "sub" / "n2.jsonl").rename(tmp_path / "away2.jsonl")
    r = build([corpus, news], ix)
    assert r.removed == 0 and r.articles == 7 and all_ids(open_index(ix)) == before
    assert any("has no files to index now, but 2 indexed files came from it" in w
               for w in r.warnings), r.warnings
    assert r.kept_folders == [os.path.realpath(news)]
    # one file left in the folder: the other is gone, by the removal rule
    (tmp_path / "away1.jsonl").rename(news / "n1.jsonl")
    r = build([corpus, news], ix)
    assert r.removed == 2 and r.articles == 5 and not r.warnings and not r.kept_folders
    r = build([corpus], ix, rebuild=True)
    assert r.articles == 3


def test_the_cli_says_why_an_emptied_folder_kept_its_articles(tmp_path):
    from click.testing import CliRunner
    from searchapp.cli import main

    news = tmp_path / "news"
    write_jsonl(news / "n.jsonl", "n", 2)
    idx = tmp_path / "ix"
    assert CliRunner().invoke(main, ["index", str(news), "--index", str(idx)]).exit_code == 0
    (news / "n.jsonl").unlink()
    r = CliRunner().invoke(main, ["index", str(news), "--index", str(idx)])
    assert r.exit_code == 1, r.output  # not up to date: a script must notice
    assert f"warning: {os.path.realpath(news)} has no files to index now, but 1 indexed file " \
           "came from it" in r.stderr
    assert "2 articles" in r.stdout


def test_a_full_build_keeps_the_articles_of_an_emptied_folder(tmp_path):
    """A full build (a rebuild, or one forced by a code change) reads every file again: the
    files of a folder given with nothing in it are read back from the index instead."""
    corpus, news = tmp_path / "corpus", tmp_path / "news"
    write_jsonl(corpus / "a.jsonl", "a", 3)
    write_jsonl(news / "n.jsonl", "n", 2)
    ix = tmp_path / "ix"
    assert build([corpus, news], ix).articles == 5
    before = all_ids(open_index(ix))
    (news / "n.jsonl").unlink()
    r = build([corpus, news], ix, rebuild=True)
    assert r.full and r.articles == 5 and all_ids(open_index(ix)) == before
    assert any("has no files to index now" in w for w in r.warnings), r.warnings
    assert r.kept_folders == [os.path.realpath(news)]
    assert "kept the 2 articles" in _problem_of(r, "n.jsonl")
