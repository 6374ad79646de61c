"""A symbolic link found in a folder being indexed never brings in a file from outside that
folder (found by the second fresh tester: `ln -s /etc/passwd in/passwd_link.txt` made
/etc/passwd a searchable, served article); each such link is one line in the build report. A
link inside the folder, and a file named on the command line, are read as before."""
from __future__ import annotations

import os

import pytest

from searchapp.ingest import FileFilter, discover, find_inputs

SECRET = "机密文件\n本报讯 这是文件夹之外的机密内容，不应被索引。\n"
NEWS = "新闻标题一\n本报讯 这是第一篇正常文章，记者报道。\n"


@pytest.fixture()
def tree(tmp_path):
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "deep" / "more.txt").write_text(SECRET, encoding="utf-8")
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(NEWS, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(NEWS.replace("一", "二"), encoding="utf-8")
    os.symlink(outside / "secret.txt", d / "passwd_link.txt")       # a file outside
    os.symlink(outside / "deep", d / "outdir")                      # a folder outside
    os.symlink(d / "sub" / "b.txt", d / "inner_link.txt")           # a file inside
    os.symlink("sub", d / "inner_dir")                              # a folder inside (relative)
    os.symlink(tmp_path / "nowhere.txt", d / "dangling.txt")        # a link to nothing
    return d


def _names(paths, root):
    return sorted(os.path.relpath(p, root) for p in paths)


def test_links_out_of_the_folder_are_refused_with_a_reason(tree):
    found = find_inputs([tree])
    assert _names(found.files, tree) == ["a.txt", "inner_link.txt", os.path.join("sub", "b.txt")]
    assert _names([r.file for r in found.refused], tree) == ["outdir", "passwd_link.txt"]
    for r in found.refused:
        assert r.line is None and "outside the folder" in r.reason and "\n" not in r.reason
    by = {os.path.basename(r.file): r.reason for r in found.refused}
    assert str(tree.parent / "outside" / "secret.txt") in by["passwd_link.txt"]
    assert "folder" in by["outdir"] and str(tree.parent / "outside" / "deep") in by["outdir"]
    assert discover([tree]) == found.files


def test_include_and_exclude_decide_which_links_are_looked_at(tree):
    quiet = find_inputs([tree], FileFilter(exclude=("passwd_link.txt", "outdir")))
    assert quiet.refused == [] and "passwd_link.txt" not in _names(quiet.files, tree)
    only_a = find_inputs([tree], FileFilter(include=("a.txt",)))
    assert _names(only_a.files, tree) == ["a.txt"]
    # the file link is not selected, so not reported; the folder link may hold selected files
    assert _names([r.file for r in only_a.refused], tree) == ["outdir"]
    # an include pattern cannot pull a link's target in
    links = find_inputs([tree], FileFilter(include=("*link*",)))
    assert _names(links.files, tree) == ["inner_link.txt"]
    assert _names([r.file for r in links.refused], tree) == ["outdir", "passwd_link.txt"]


def test_a_link_named_on_the_command_line_is_read_as_asked(tree):
    assert discover([tree / "passwd_link.txt"]) == [tree / "passwd_link.txt"]
    assert find_inputs([tree / "passwd_link.txt"]).refused == []


def test_a_folder_given_through_a_link_is_walked_inside_its_target(tree, tmp_path):
    alias = tmp_path / "alias"
    os.symlink(tree, alias)
    found = find_inputs([alias])
    assert _names(found.files, alias) == ["a.txt", "inner_link.txt", os.path.join("sub", "b.txt")]
    assert _names([r.file for r in found.refused], alias) == ["outdir", "passwd_link.txt"]
