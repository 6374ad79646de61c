"""termdict reads a segment's term dictionary from a memory map: every term gives the same
TermInfo as Whoosh's own lookup, absent terms give None, and a layout it does not read falls
back to Whoosh."""
from __future__ import annotations

import json

import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound

from searchapp import termdict
from searchapp.index import build, open_index


@pytest.fixture(scope="module")
def index(tmp_path_factory, shared_dir):
    """120 real People's Daily articles in two files, indexed."""
    from bench.pfr import articles

    arts = articles(limit=120)
    d = tmp_path_factory.mktemp("termdict")
    src = d / "src"
    src.mkdir()
    for i in range(2):
        with open(src / f"part{i}.jsonl", "w", encoding="utf-8") as f:
            for a in arts[i * 60:(i + 1) * 60]:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
    build([src], d / "ix")
    return open_index(d / "ix")


def _same(a, b) -> bool:
    return (a.doc_frequency() == b.doc_frequency() and a.weight() == b.weight()
            and a.min_length() == b.min_length() and a.max_weight() == b.max_weight()
            and a.is_inlined() == b.is_inlined()
            and (a.inlined_postings() if a.is_inlined() else a.extent())
            == (b.inlined_postings() if b.is_inlined() else b.extent()))


def test_every_term_same_as_whoosh(index):
    checked = 0
    with index.searcher() as s:
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            assert termdict._dict_of(r) is not None  # the memory-mapped path is the one tested
            for (field, btext), want in r._terms.items():
                if field not in r.schema:
                    continue
                got = termdict.term_info(r, field, btext)
                assert isinstance(got, W3TermInfo) and _same(got, want), (field, btext)
                checked += 1
    assert checked > 5000


def test_absent_terms_are_none(index):
    with index.searcher() as s:
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            for field, btext in [("body", "不存在的词语xyz".encode()), ("title", b""),
                                 ("nosuchfield", "经济".encode()), ("body", b"\xff\xfe")]:
                with pytest.raises((TermNotFound, KeyError)):
                    r.term_info(field, btext) if field in r.schema else r._terms.term_info(field, btext)
                assert termdict.term_info(r, field, btext) is None


def test_other_layout_falls_back_to_whoosh(tmp_path):
    """A Whoosh index in RAM (no compound file): Whoosh's own lookup answers."""
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage

    ix = RamStorage().create_index(fields.Schema(body=fields.TEXT))
    with ix.writer() as w:
        w.add_document(body="alpha beta")
    with ix.searcher() as s:
        r = s.reader()
        assert termdict.term_info(r, "body", b"alpha").doc_frequency() == 1
        assert termdict.term_info(r, "body", b"gamma") is None


def test_maps_die_with_their_readers(tmp_path, shared_dir):
    """A memory map must not outlive its reader: after a handle is closed, no map of its
    segment files is left in the process (one kept in a process-wide cache would pin a replaced
    generation's deleted files on disk)."""
    import gc
    from pathlib import Path

    from bench.pfr import articles

    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles(limit=20)) + "\n",
                   encoding="utf-8")
    build([src], tmp_path / "ix")
    h = open_index(tmp_path / "ix")
    with h.searcher() as s:
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            assert termdict.term_info(r, "body", "中国".encode()) is not None

    def mapped() -> list[str]:
        return [ln for ln in Path("/proc/self/maps").read_text().splitlines()
                if str(tmp_path / "ix") in ln]

    assert mapped()  # the lookups above did use a map of the segment file
    h.close()
    del s, sub, r
    gc.collect()
    assert mapped() == []
