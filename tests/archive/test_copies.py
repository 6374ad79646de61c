"""Which articles are identical copies (the same file bytes indexed under several paths): the
rule of `archive.copies` on manifest records, and its file round trip."""
from __future__ import annotations

from searchapp.archive import copies as C


def rec(h, ids, skipped=(), options=None):
    return {"hash": h, "read_options": options or {"columns": None, "title": "given"},
            "ids": list(ids), "skipped": list(skipped), "size": 1, "mtime_ns": 1}


def test_the_smallest_id_at_each_position_is_listed_and_names_the_other_files():
    got = C.identical({"/d/a.txt": rec("h1", ["a1", "z2"]), "/d/x/b.txt": rec("h1", ["b1", "b2"]),
                       "/d/c.txt": rec("h2", ["c1"])})
    assert got.hidden == {"b1", "z2"}
    assert got.also_in == {"a1": (("x/b.txt", "b1"),), "b2": (("a.txt", "z2"),)}
    assert got.listed("z2") == "b2" and got.listed("a1") == "a1" and got.listed(None) is None


def test_other_bytes_or_other_read_options_are_not_copies():
    assert C.identical({"/a.csv": rec("h", ["a"]), "/b.csv": rec("h", ["b"], options={"columns": "x"}),
                        "/c.csv": rec("g", ["c"])}) == C.EMPTY


def test_a_copy_whose_ids_were_all_skipped_is_named_without_hiding_anything():
    got = C.identical({"/d/a.txt": rec("h", ["a1", "a2"]), "/d/sub/a.txt": rec("h", [], ["a1", "a2"])})
    assert got.hidden == frozenset()
    assert got.also_in == {"a1": (("sub/a.txt", None),), "a2": (("sub/a.txt", None),)}


def test_a_partly_skipped_copy_cannot_be_aligned_and_is_left_as_it_is():
    got = C.identical({"/a.txt": rec("h", ["a1", "a2"]), "/b.txt": rec("h", ["b2"], ["a1"])})
    assert got == C.EMPTY


def test_round_trip_and_damage(tmp_path):
    got = C.identical({"/d/a.txt": rec("h", ["a1"]), "/d/b.txt": rec("h", ["b1"])})
    (tmp_path / C.FILE).write_bytes(C.encode(got))
    assert C.read(tmp_path) == got
    (tmp_path / C.FILE).write_bytes(b"{not json")
    assert C.read(tmp_path) == C.EMPTY and C.read(tmp_path / "none") == C.EMPTY
