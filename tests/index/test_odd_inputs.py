"""Odd inputs a real archive folder holds: a file whose name is not UTF-8 (a GBK name as unzip
leaves it from a Windows archive; it once aborted the whole build at the manifest step, "internal
error: UnicodeEncodeError ... surrogates not allowed"), and the index folder itself."""
from __future__ import annotations

import os

import pytest

from searchapp.index import build, open_index
from searchapp.index.health import inspect
from searchapp.request import SearchRequest
from searchapp.search import search

GBK_NAME = "新闻报道.txt".encode("gbk")


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("新闻标题一\n本报讯 这是第一篇正常文章，记者报道。\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(d), GBK_NAME), "wb") as f:
        f.write("文件名编码的新闻\n本报讯 这篇文章的文件名不是统一码。\n".encode("utf-8"))
    return d


def test_a_non_utf8_file_name_is_indexed_with_the_rest(folder, tmp_path):
    ix = tmp_path / "ix"
    r = build([folder], ix)
    assert r.articles == 2 and r.added == 2, r
    assert not inspect(ix, deep=True).damaged  # the manifest with that name reads back whole
    with open_index(ix) as h:
        hits = search(h, SearchRequest(q="文件名", size=10)).hits
        assert [x.title for x in hits] == ["文件名编码的新闻"]
    again = build([folder], ix)  # the name recorded in the manifest matches the file again
    assert again.unchanged == 2 and again.added == 0, again


def test_the_id_of_a_non_utf8_name_is_stable_and_utf8_names_keep_theirs():
    from searchapp.model import make_id
    bad = os.fsdecode(GBK_NAME)
    assert make_id(bad, "t") == make_id(bad, "t") != make_id(os.fsdecode("其他".encode("gbk")), "t")
    # the bytes hashed for a UTF-8 name are its UTF-8 bytes, as before (ids did not change)
    import hashlib
    assert make_id("a.txt", "标题") == hashlib.sha1(
        "a.txt".encode() + b"\x1f" + "标题".encode()).hexdigest()[:16]


def test_indexing_a_folder_that_holds_the_index_never_reads_the_index(tmp_path):
    # Found by the fresh tester: `searchapp index .` (index in ./index) read CURRENT, manifests
    # and lock files as inputs: every later run exited 1 and wrote a new generation.
    from searchapp.ingest import discover
    from searchapp.index.store import list_generations

    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("新闻标题一\n本报讯 这是第一篇正常文章，记者报道。\n", encoding="utf-8")
    first = build([data], data / "index")
    assert first.added == 1
    other = data / "old-index"  # another index folder in the tree, and a killed build's leftovers
    build([data / "a.txt"], other)
    (data / "left" / "gen-000001").mkdir(parents=True)
    (data / "left" / "gen-000001" / "manifest.json").write_text("{}", encoding="utf-8")
    assert discover([data]) == [data / "a.txt"]
    again = build([data], data / "index")
    assert (again.added, again.unchanged, again.problems) == (0, 1, []), again
    assert len(list_generations(data / "index")) == 1


def test_a_failed_write_on_a_nearly_full_disk_names_the_disk(tmp_path, monkeypatch):
    # found by the fresh tester: on a 1.5 MB disk the error said "File exists" and "the previous
    # index is unchanged" although there was none
    import shutil as _shutil
    from collections import namedtuple

    from searchapp.index.build import _free_space_note

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(_shutil, "disk_usage", lambda p: usage(2**21, 2**21 - 1_468_006, 1_468_006))
    assert _free_space_note(tmp_path) == ", the disk holding it has only 1.4 MB free"
    monkeypatch.setattr(_shutil, "disk_usage", lambda p: usage(2**40, 2**39, 2**39))
    assert _free_space_note(tmp_path) == ""
