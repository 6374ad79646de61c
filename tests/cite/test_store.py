"""Frozen lists are kept in a small SQLite file beside the index: the same list gets the same
short key, a stored list comes back exactly, and a symbolic link, a non-file or a journal link
in the file's place is refused, never followed."""
from __future__ import annotations

import os
import sqlite3

import pytest

from searchapp.cite.store import FILE_NAME, MAX_ITEMS, FrozenStore, FrozenStoreError, content_key

ITEMS = [{"id": f"a{i}", "title": f"标题{i}", "source": "人民日报", "date": "1998-01-0%d" % (i + 1)}
         for i in range(3)]


def test_freeze_get_and_idempotent_keys(tmp_path):
    s = FrozenStore(tmp_path)
    assert s.get("abcdefghij") is None  # nothing frozen yet: no file needed
    fl = s.freeze({"q": "5G"}, "5G", ITEMS, 7, 3)
    assert len(fl.key) == 10 and fl.key == content_key({"q": "5G"}, ["a0", "a1", "a2"])
    again = s.freeze({"q": "5G"}, "5G", ITEMS, 7, 4)
    assert again.key == fl.key and again.created_at == fl.created_at and again.generation == 3
    got = FrozenStore(tmp_path).get(fl.key)
    assert got.to_dict() == fl.to_dict()
    assert [i["rank"] for i in got.items] == [1, 2, 3] and got.total == 7
    other = s.freeze({"q": "5G"}, "5G", list(reversed(ITEMS)), 7, 3)
    assert other.key != fl.key  # another order is another list
    assert (tmp_path / FILE_NAME).is_file()


def test_list_is_cut_at_max_items(tmp_path):
    many = [{"id": f"x{i}", "title": "t"} for i in range(MAX_ITEMS + 5)]
    fl = FrozenStore(tmp_path).freeze({}, "", many, len(many), 1)
    assert len(fl.items) == MAX_ITEMS and fl.total == MAX_ITEMS + 5


def test_refuses_a_symlink(tmp_path):
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"")
    (tmp_path / FILE_NAME).symlink_to(target)
    with pytest.raises(FrozenStoreError, match="symbolic link"):
        FrozenStore(tmp_path).freeze({}, "", ITEMS, 3, 1)
    with pytest.raises(FrozenStoreError, match="symbolic link"):
        FrozenStore(tmp_path).get("abcdefghij")
    assert target.read_bytes() == b""


def test_refuses_a_folder_and_a_journal_link(tmp_path):
    (tmp_path / FILE_NAME).mkdir()
    with pytest.raises(FrozenStoreError):
        FrozenStore(tmp_path).get("abcdefghij")
    other = tmp_path / "b"
    other.mkdir()
    FrozenStore(other).freeze({}, "", ITEMS, 3, 1)
    (other / f"{FILE_NAME}-journal").symlink_to(tmp_path / "victim")
    with pytest.raises(FrozenStoreError, match="journal"):
        FrozenStore(other).freeze({"q": "x"}, "x", ITEMS, 3, 1)
    assert not (tmp_path / "victim").exists()


def test_a_damaged_or_newer_file_is_left_alone(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"not a database at all" * 100)
    with pytest.raises(FrozenStoreError, match="left as it is"):
        FrozenStore(tmp_path).freeze({}, "", ITEMS, 3, 1)
    assert (tmp_path / FILE_NAME).read_bytes() == b"not a database at all" * 100
    newer = tmp_path / "n"
    newer.mkdir()
    con = sqlite3.connect(newer / FILE_NAME)
    con.execute("PRAGMA user_version=99")
    con.close()
    with pytest.raises(FrozenStoreError, match="newer"):
        FrozenStore(newer).get("abcdefghij")


def test_missing_folder(tmp_path):
    with pytest.raises(FrozenStoreError, match="does not exist"):
        FrozenStore(tmp_path / "nope").freeze({}, "", ITEMS, 3, 1)
    assert not os.path.exists(tmp_path / "nope")


def _flip_pages(p, step=997):
    b = bytearray(p.read_bytes())
    for i in range(100, len(b), step):
        b[i] ^= 0x5A
    p.write_bytes(bytes(b))


@pytest.mark.slow
def test_check_finds_a_damaged_file_and_repair_check_says_what_to_do(tmp_path):
    # found by the fresh tester: `repair --check` said "whole" over a damaged frozen.sqlite
    import subprocess
    import sys

    s = FrozenStore(tmp_path)
    assert s.check() is None  # never created: nothing wrong
    for i in range(40):
        s.freeze({"q": f"词{i}"}, f"词{i}", ITEMS * 20, 60, 1)
    assert s.check() is None
    before = (tmp_path / FILE_NAME).read_bytes()
    _flip_pages(tmp_path / FILE_NAME)
    damaged = (tmp_path / FILE_NAME).read_bytes()
    problem = s.check()
    assert problem and FILE_NAME in problem and "left as it is" in problem
    assert (tmp_path / FILE_NAME).read_bytes() == damaged != before  # checked, not rewritten
    r = subprocess.run([sys.executable, "-m", "searchapp", "repair", "--check", "--index",
                        str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "frozen result lists" in r.stdout and "backup" in r.stdout
