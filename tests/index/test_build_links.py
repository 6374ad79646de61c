"""Building an index of a folder holding links out of it (second fresh tester, M1): the target
is never indexed, the report says which link was left out and why, the rest is indexed; an
index built before links were refused loses the file read through one, with a warning."""
from __future__ import annotations

import os

import pytest

from searchapp.index import build, open_index
from searchapp.request import SearchRequest
from searchapp.search import search

SECRET = "机密文件\n本报讯 这是文件夹之外的机密内容，不应被索引。\n"


@pytest.fixture()
def folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("新闻标题一\n本报讯 这是第一篇正常文章，记者报道。\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", d / "passwd_link.txt")
    os.symlink(outside, d / "outdir")
    return d


def _titles(ix, q):
    with open_index(ix) as h:
        return [x.title for x in search(h, SearchRequest(q=q, size=10)).hits]


@pytest.mark.slow
def test_the_target_of_a_link_out_of_the_folder_is_not_indexed(folder, tmp_path):
    ix = tmp_path / "ix"
    r = build([folder], ix)
    assert r.articles == 1 and _titles(ix, "机密") == [] and _titles(ix, "正常文章") == ["新闻标题一"]
    refused = {os.path.basename(p["file"]): p["reason"] for p in r.problems}
    assert set(refused) == {"passwd_link.txt", "outdir"}, r.problems
    assert all("outside the folder" in why for why in refused.values())
    again = build([folder], ix)  # a no-op build says it again
    assert {os.path.basename(p["file"]) for p in again.problems} == {"passwd_link.txt", "outdir"}
    # named on the command line, the file is read as the user asked
    named = build([folder / "passwd_link.txt"], ix)
    assert named.added == 1 and _titles(ix, "机密") == ["机密文件"]
    assert _titles(ix, "机密") == ["机密文件"] == [t for t in _titles(ix, "机密")]
    kept = build([folder], ix)  # a later build of the folder keeps what was named
    assert _titles(ix, "机密") == ["机密文件"] and kept.removed == 0


@pytest.mark.slow
def test_an_index_that_followed_a_link_loses_that_file_with_a_warning(folder, tmp_path, monkeypatch):
    import searchapp.index.plan as plan
    from searchapp.ingest import Found

    ix = tmp_path / "ix"
    real = plan.find_inputs
    # what the code before the fix found: the link's target read as one of the folder's files
    monkeypatch.setattr(plan, "find_inputs", lambda roots, files: Found(
        sorted([folder / "a.txt", folder / "passwd_link.txt"]), []))
    build([folder], ix)
    assert _titles(ix, "机密") == ["机密文件"]
    monkeypatch.setattr(plan, "find_inputs", real)
    r = build([folder], ix)
    assert _titles(ix, "机密") == [] and r.removed == 1, r
    assert any("symbolic link" in w and "secret.txt" in w for w in r.warnings), r.warnings
    assert _titles(ix, "正常文章") == ["新闻标题一"]
