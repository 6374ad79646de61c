"""Postings grouped per term (engine/store/grouped.py, grouped_writer.py, blockwrite.py): a
segment written by the grouped writer is byte for byte the segment Whoosh's own writer writes,
from real articles, with and without spilled runs, and after an incremental write that deletes
and merges; the grouped path is really the one taken."""
from __future__ import annotations

from pathlib import Path

import pytest

from whoosh import index as windex
from whoosh.formats import Positions

from searchapp.engine.store import grouped as grouped_mod
from searchapp.engine.store import grouped_writer as gw
from searchapp.engine.store.grouped import GroupedPool
from searchapp.engine.store.grouped_writer import (GroupedSegmentWriter, encode_positions, grouped,
                                                    tracked)
from searchapp.engine.store.schema import make_schema
from searchapp.engine.store.writer import add_articles
from searchapp.model import Article

pytestmark = pytest.mark.slow  # real articles, jieba, four indexes


def _pfr(n: int) -> list[Article]:
    """The first `n` real People's Daily articles (bench.pfr, ../shared), made per test."""
    from bench.pfr import articles

    keep = ("id", "title", "body", "date", "page", "column", "source")
    return [Article(**{k: d[k] for k in keep if k in d}) for d in articles(limit=n)]


def _files(folder: Path) -> dict[str, bytes]:
    """Every segment file of the index (postings, terms, stored fields, lengths, columns) by
    its name without the random segment id; a name held by several segments: their contents
    joined in sorted order."""
    out: dict[str, list[bytes]] = {}
    for p in folder.iterdir():
        if p.name.startswith("MAIN_") and p.name != "MAIN_WRITELOCK":
            out.setdefault(p.name.split(".", 1)[1], []).append(p.read_bytes())
    return {k: b"|".join(sorted(v)) for k, v in out.items()}


def _write(folder: Path, arts: list[Article], fast: bool, *, spill: int | None = None,
           delete: tuple[str, ...] = (), new: bool = True) -> None:
    if new:
        folder.mkdir()
        ix = windex.create_in(str(folder), make_schema())
    else:
        ix = windex.open_dir(str(folder), schema=make_schema())
    w = ix.writer(compound=False)
    if fast:
        grouped(w)
        assert type(w) is GroupedSegmentWriter and type(w.pool) is GroupedPool
    if spill is not None:
        w.pool.limit = spill
    for aid in delete:
        w.delete_by_term("id", aid)
    add_articles(w, arts, lambda *a, **k: None)
    if spill is not None:
        assert w.pool.runs  # the pool spilled
    w.commit(optimize=not new)  # an incremental write merges the old segment in (add_reader)
    ix.close()


def test_segment_is_whooshs_byte_for_byte(tmp_path, monkeypatch):
    arts = _pfr(400)
    called = []
    real = gw.word_postings
    monkeypatch.setattr(gw, "word_postings", lambda *a: called.append(1) or real(*a))
    _write(tmp_path / "grouped", arts, True)
    assert len(called) > 800  # titles and bodies took the direct word path
    _write(tmp_path / "whoosh", arts, False)
    fast, plain = _files(tmp_path / "grouped"), _files(tmp_path / "whoosh")
    assert {"pst", "trm", "_body_len.col", "literal.col", "_stored.col"} <= set(fast)
    assert fast == plain


def test_spilled_runs_give_the_same_segment(tmp_path, monkeypatch):
    monkeypatch.setattr(grouped_mod, "CHUNK_GROUPS", 50)
    monkeypatch.setattr(grouped_mod, "MAX_RUNS", 3)  # the runs are merged down first
    arts = _pfr(200)
    _write(tmp_path / "grouped", arts, True, spill=300_000)
    _write(tmp_path / "whoosh", arts, False, spill=300_000)
    assert _files(tmp_path / "grouped") == _files(tmp_path / "whoosh")


def test_incremental_write_with_merge_gives_the_same_segments(tmp_path):
    arts = _pfr(240)
    for name, fast in (("grouped", True), ("whoosh", False)):
        folder = tmp_path / name
        _write(folder, arts[:100], False)          # a small first segment (Whoosh's writer)
        _write(folder, arts[100:], fast, new=False,  # merged into the new one (add_reader)
               delete=tuple(a.id for a in arts[:100:7]))
        assert len(list(folder.glob("*.pst"))) == 1  # the first segment was merged in
    assert _files(tmp_path / "grouped") == _files(tmp_path / "whoosh")


def test_refused_document_leaves_no_posting(tmp_path):
    """Whoosh's writer puts a document's postings in its pool field by field: when a later
    field raises, the earlier fields' postings stay and land on the next document."""
    arts = _pfr(3)
    bad = Article(id="bad\ud800", title="标题", author="独有词甲乙", body="正文")  # id: a lone surrogate

    def authors(fast: bool) -> list:
        folder = tmp_path / str(fast)
        folder.mkdir()
        ix = windex.create_in(str(folder), make_schema())
        w = ix.writer()
        if fast:
            grouped(w)
        failed = add_articles(w, [arts[0], bad, *arts[1:]], lambda *a, **k: None)
        assert [a.id for a, _ in failed] == [bad.id]
        w.commit()
        with windex.open_dir(str(folder)).searcher() as s:
            assert s.doc_count() == 3
            r = s.reader()
            return [(t.decode(), list(r.postings(f, t).all_ids())) for f, t in r.all_terms()
                    if f == "author"]

    assert authors(True) == []
    assert ("独有", [1]) in authors(False)  # Whoosh's own writer: on the next article


def test_positions_encoded_as_whoosh_encodes_them():
    fmt = Positions()
    for poslist in ([0], [3], [0, 1, 2, 300], list(range(0, 5000, 7)), [70000, 70001]):
        assert encode_positions(poslist) == fmt.encode(poslist)


def test_pool_sorts_a_term_added_out_of_order(tmp_path):
    from whoosh.filedb.filestore import FileStorage

    pool = GroupedPool(FileStorage(str(tmp_path)), limitmb=1)
    pool.add(("f", b"b", 5, 1.0, b"x"))
    pool.add(("f", b"a", 2, 1.0, None))
    pool.add(("f", b"b", 1, 2.0, b"y"))
    pool.add_document_postings("e", 9, [(b"z", 1.0, b"v")])
    assert list(pool.iter_postings()) == [("e", b"z", 9, 1.0, b"v"), ("f", b"a", 2, 1.0, None),
                                          ("f", b"b", 1, 2.0, b"y"), ("f", b"b", 5, 1.0, b"x")]


def test_tracked_position_is_the_files(tmp_path):
    from whoosh.filedb.structfile import StructFile

    sf = StructFile(open(tmp_path / "f", "wb"))
    sf.write(b"abc")
    with tracked(sf):
        sf.write(b"x" * 1000)
        sf.write_int(-5)
        sf.write(bytearray(b"yz"))
        assert sf.tell() == 3 + 1000 + 4 + 2 == sf.file.tell()
        assert "tell" in vars(sf)
    assert "tell" not in vars(sf) and "write" not in vars(sf)  # the class's methods again
    assert sf.tell() == 1009
    sf.close()


def test_pool_limit_is_whooshs_limitmb(tmp_path):
    """The grouped pool spills where Whoosh's would by its own count: a larger factor cost each
    writer of a 31k build 60-70 MB more resident memory than Whoosh's pool (docs/performance.md,
    "Build CPU, eighth stop")."""
    from whoosh.filedb.filestore import FileStorage

    assert GroupedPool(FileStorage(str(tmp_path)), limitmb=51).limit == 51 * 1024 * 1024


def test_run_chunks_are_unmarshalled_from_memory(tmp_path, monkeypatch):
    """A spilled run is read back a chunk at a time from bytes (`marshal.loads`), never by
    `marshal.load` from the file, which calls the file once per value read; the stream is the
    same as without a spill."""
    from whoosh.filedb.filestore import FileStorage

    def no_load(f):
        raise AssertionError("marshal.load from the run file")

    monkeypatch.setattr(grouped_mod.marshal, "load", no_load)
    monkeypatch.setattr(grouped_mod, "CHUNK_GROUPS", 3)
    items = [(b"t%d" % (i % 7), 1.0 + i % 2, b"v%d" % i) for i in range(40)]
    streams = []
    for spill in (False, True):
        pool = GroupedPool(FileStorage(str(tmp_path)), limitmb=1)
        for d in range(0, 40, 4):
            pool.add_document_postings("f", d, {t: (t, w, v) for t, w, v in items[d:d + 4]}.values())
            if spill:
                pool.save()
        assert len(pool.runs) == (10 if spill else 0)
        streams.append(list(pool.iter_postings()))
    assert streams[0] == streams[1] and len(streams[0]) == 40


def test_run_file_cut_short_is_an_error(tmp_path):
    from whoosh.filedb.filestore import FileStorage

    pool = GroupedPool(FileStorage(str(tmp_path)), limitmb=1)
    pool.add_document_postings("f", 0, [(b"a", 1.0, b"x")])
    pool.save()
    path = tmp_path / pool.runs[0]
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(EOFError):
        list(pool.iter_postings())
