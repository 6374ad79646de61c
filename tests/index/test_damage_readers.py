"""Readers of a damaged index say so, the same way everywhere: once a reader meets damage (or
the cheap check at open sees it), every search, bulk line, stats call and page answers with
IndexDamaged ("index_damaged", 503, the `searchapp repair` hint), never a raw engine error
(`bulk_internal`) nor an answer from a generation known to be damaged."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from searchapp.errors import IndexDamaged
from searchapp.index import build, index_info, open_index
from searchapp.request import SearchRequest
from searchapp.search import search

from helpers import write_jsonl_corpus

pytestmark = pytest.mark.slow  # each test reads a real index built for it (~1-3 s)

QUERIES = ["观察", "网络", "安全", "发展", "工作", "5G", "互联网", "产业", "数据", "技术"]


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Path:
    """A real index of 60 articles (one generation)."""
    root = tmp_path_factory.mktemp("readers")
    write_jsonl_corpus(root / "corpus", "k", 3, 20)
    build([root / "corpus"], root / "ix")
    return root / "ix"


def _copy(whole: Path, dest: Path) -> Path:
    shutil.copytree(whole, dest)
    return dest / (dest / "CURRENT").read_text().strip()


def _zero(seg: Path, start: float, end: float) -> None:
    b = bytearray(seg.read_bytes())
    lo, hi = int(len(b) * start), int(len(b) * end)
    b[lo:hi] = bytes(hi - lo)
    seg.write_bytes(bytes(b))


@pytest.fixture(scope="module")
def partly(whole, tmp_path_factory) -> Path:
    """A copy whose biggest segment has a zeroed stretch (same size: only a full checksum sees
    it) that some queries read and others do not: the first such stretch found."""
    for k in range(9):
        ix = tmp_path_factory.mktemp("partly") / "ix"
        gen = _copy(whole, ix)
        _zero(max(gen.glob("*.seg"), key=lambda p: p.stat().st_size), k / 10, k / 10 + 0.1)
        kinds = set()
        try:
            with open_index(ix) as h:
                for q in QUERIES:
                    try:
                        search(h, SearchRequest(q=q, size=50))
                        kinds.add("ok")
                    except Exception:  # noqa: BLE001
                        kinds.add("failed")
                        break
        except IndexDamaged:
            continue
        if kinds == {"ok", "failed"}:
            return ix
    pytest.fail("no zeroed stretch left some queries answerable: the test would test nothing")


def test_once_damage_is_met_every_later_read_of_the_handle_says_damaged(partly):
    answered, damage = [], None
    with open_index(partly) as h:
        for q in QUERIES:
            try:
                search(h, SearchRequest(q=q, size=50))
                answered.append(q)
            except IndexDamaged as e:
                damage = e
                break
        assert damage is not None and answered
        assert "searchapp repair" in damage.message
        for q in answered:  # answered before the damage was known: refused now
            with pytest.raises(IndexDamaged):
                search(h, SearchRequest(q=q, size=50))
        with pytest.raises(IndexDamaged):
            h.doc_count()


def test_bulk_lines_get_index_damaged_not_an_internal_error(partly):
    from searchapp.bulk import BulkOptions, read_items
    from searchapp.bulk.run import run_batch

    opts = BulkOptions()
    records = list(run_batch(read_items([q.encode() for q in QUERIES], opts), opts,
                             index_dir=partly))
    codes = [r.get("code") for r in records]
    assert "bulk_internal" not in codes, records
    first = codes.index("index_damaged")
    assert first > 0 and all(c == "index_damaged" for c in codes[first:]), codes
    assert all(r["status"] == 503 and "searchapp repair" in r["error"] for r in records[first:])


@pytest.mark.parametrize("damage", ["manifest missing", "index file grown"])
def test_the_cheap_check_at_open_sees_damage_that_opening_the_engine_does_not(whole, tmp_path,
                                                                             damage):
    gen = _copy(whole, tmp_path / "ix")
    if damage == "manifest missing":
        (gen / "manifest.json").unlink()
    else:
        with open(max(gen.glob("*.seg"), key=lambda p: p.stat().st_size), "ab") as f:
            f.write(b"\0" * 10)
    with pytest.raises(IndexDamaged, match="is damaged: .*(manifest.json is missing|bytes instead)"):
        open_index(tmp_path / "ix")
    with pytest.raises(IndexDamaged, match="is damaged"):
        index_info(tmp_path / "ix")


def test_the_web_503_for_damage_gives_the_repair_advice_not_build_first(whole, tmp_path):
    from searchapp.web import create_app

    gen = _copy(whole, tmp_path / "ix")
    (gen / "manifest.json").unlink()
    c = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "ix")}).test_client()
    r = c.get("/api/search?q=5G")
    assert r.status_code == 503 and r.get_json()["code"] == "index_damaged"
    page = c.get("/search?q=5G")
    html = page.get_data(as_text=True)
    assert page.status_code == 503 and "searchapp repair" in html
    assert "请先建立索引" not in html


@pytest.mark.parametrize("loss", ["CURRENT deleted", "folder removed"])
def test_a_serving_handle_stops_answering_when_its_index_folder_loses_current(whole, tmp_path,
                                                                             loss):
    # found by the third fresh tester: a running server kept answering from an index folder
    # that was `rm -rf`'d (or whose CURRENT was deleted), with no warning
    from searchapp.errors import IndexMissing

    _copy(whole, tmp_path / "ix")
    with open_index(tmp_path / "ix") as h:
        assert search(h, SearchRequest(q="网络", size=5)).total > 0
        if loss == "CURRENT deleted":
            (tmp_path / "ix" / "CURRENT").unlink()
        else:
            shutil.rmtree(tmp_path / "ix")
        h.refresh()
        with pytest.raises(IndexMissing) as got:
            search(h, SearchRequest(q="网络", size=5))
        assert isinstance(got.value, IndexDamaged) == (loss == "CURRENT deleted")
        assert ("searchapp repair" if loss == "CURRENT deleted" else "searchapp index") \
            in got.value.message


def test_repair_check_names_what_an_unfinished_build_left(whole, tmp_path):
    # found by the third fresh tester: after a SIGKILLed build `repair --check` said "whole" and
    # did not mention the partial generation and spool files beside it
    from click.testing import CliRunner

    from searchapp.cli import main
    from searchapp.index.spool import PREFIX

    gen = _copy(whole, tmp_path / "ix")
    partial = tmp_path / "ix" / "gen-000009"  # what a build killed before its switch leaves
    partial.mkdir()
    shutil.copy(max(gen.glob("*.seg"), key=lambda p: p.stat().st_size), partial)
    (tmp_path / "ix" / f"{PREFIX}1234-0").write_bytes(b"\0" * 4096)
    r = CliRunner().invoke(main, ["repair", "--check", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 0, r.output
    assert "is whole" in r.output and "unfinished build left gen-000009, " in r.output
    assert f"{PREFIX}1234-0" in r.output


def test_bulk_with_workers_gives_every_line_after_the_damage_the_damage(partly):
    """With --jobs 2 each worker holds its own searcher and meets the damage on its own: the
    lines after the first damaged one (input order) are still refused, also those a worker that
    had not met it would have answered, and repeats of requests answered before it."""
    import json

    from searchapp.bulk import BulkOptions, read_items
    from searchapp.bulk.run import run_batch

    opts = BulkOptions()
    lines = [json.dumps({"q": q, "size": size}, ensure_ascii=False).encode()
             for size in (50, 10, 20) for q in QUERIES]
    lines += [json.dumps({"q": QUERIES[0], "size": 50}).encode()]  # a repeat of the first line
    records = list(run_batch(read_items(lines, opts), opts, index_dir=partly, jobs=2,
                             chunksize=1))
    codes = [r.get("code") for r in records]
    first = codes.index("index_damaged")
    assert first > 0 and all(c == "index_damaged" for c in codes[first:]), codes
    assert [r["id"] for r in records] == list(range(1, len(lines) + 1))


def test_repair_check_tells_a_finished_newer_generation_from_an_unfinished_build(whole, tmp_path):
    # fourth fresh tester, F8: after `repair --recover` the damaged newer generation (complete,
    # with its manifest) was described as "an unfinished build"
    from click.testing import CliRunner

    from searchapp.cli import main

    gen = _copy(whole, tmp_path / "ix")
    shutil.copytree(gen, tmp_path / "ix" / "gen-000009")  # finished, not live
    (tmp_path / "ix" / "gen-000010").mkdir()  # a build killed before its manifest
    r = CliRunner().invoke(main, ["repair", "--check", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    finished = [ln for ln in lines if "gen-000009" in ln]
    unfinished = [ln for ln in lines if "gen-000010" in ln]
    assert len(finished) == 1 and "finished generation newer than the live one" in finished[0]
    assert len(unfinished) == 1 and "unfinished build left gen-000010 " in unfinished[0]
    assert "unfinished" not in finished[0], r.output


def _subfiles(seg: Path) -> dict[str, tuple[int, int]]:
    """{sub-file name: (offset, length)} of a Whoosh compound segment file."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    f = FileStorage(str(seg.parent), readonly=True).open_file(seg.name)
    try:
        return {n: (d["offset"], d["length"])
                for n, d in CompoundStorage(f, use_mmap=False)._dir.items()}
    finally:
        f.close()


def test_stats_sees_damage_in_the_postings_when_the_stored_fields_are_intact(whole, tmp_path):
    # a segment's sub-files are laid out in a random order: damage at fixed offsets of the .seg
    # sometimes spares the stored fields, which were all that `stats` read, and `stats` said
    # nothing while every search failed. Here only the postings (.pst) of every segment change.
    gen = _copy(whole, tmp_path / "ix")
    for seg in gen.glob("*.seg"):
        b = bytearray(seg.read_bytes())
        off, n = next(v for k, v in _subfiles(seg).items() if k.endswith(".pst"))
        for i in range(off + n // 10, off + 9 * n // 10, 97):
            b[i] ^= 0xFF
        seg.write_bytes(bytes(b))
    with pytest.raises(IndexDamaged, match="searchapp repair"):
        index_info(tmp_path / "ix")


def test_a_derived_file_cut_short_under_an_open_reader_fails_one_request_then_reads_again(
        whole, tmp_path):
    # the segment files are read by slices (engine/store/fileslices): a file cut short after
    # the reader opened it raised a bare OSError in every later request that read it (a 500 on
    # the web, until a restart; a SIGBUS when the files were mapped)
    from searchapp.errors import IndexChanged

    queries = QUERIES[1:] + ['"网络安全"', '"发展"', "互联网产业"]
    with open_index(whole) as h:
        expected = {q: [x.id for x in search(h, SearchRequest(q=q, size=50)).hits] for q in queries}
    ix = tmp_path / "ix"
    gen = _copy(whole, ix)
    with open_index(ix) as h:
        search(h, SearchRequest(q=QUERIES[0]))  # the generation and its readers are open
        cut = [p for p in gen.glob("sa-*") if p.suffix in (".text", ".gdocs", ".pdocs", ".ptf")]
        assert cut
        for p in cut:
            p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])
        told, after = [], {}
        for q in queries:
            try:
                after[q] = [x.id for x in search(h, SearchRequest(q=q, size=50)).hits]
            except IndexChanged as e:
                told.append(e)
        assert told and all(e.code == "index_changed" and e.status == 503 for e in told)
        assert "opened again" in told[0].message and "repair --check" in told[0].message
        # opened again as the folder is now: the derived files cut short are left aside
        after = {q: [x.id for x in search(h, SearchRequest(q=q, size=50)).hits] for q in queries}
    assert after == expected
