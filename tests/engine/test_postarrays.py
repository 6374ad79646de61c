"""A segment's long posting lists written as arrays at build time hold exactly what Whoosh's
own matcher reads (document numbers, weights, decoded positions) for every long term; queries
read them, answer the same as an index built without them, and fall back to parsing Whoosh's
blocks when the files are damaged or missing; an incremental build keeps them by hard link."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from helpers import write_jsonl
from searchapp import engine
from searchapp.engine.match.keys import storage_folder
from searchapp.engine.store import postarrays, writer
from searchapp.index import build, open_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow

#: Low enough that the small test corpus has long terms in every field that has postings.
MIN_DOCS = 8
QUERIES = ["中国", "经济 发展", '"经济发展"', "人民 -记者", "title:中国", "改革 OR 开放",
           '"中国共产党"', "国家", "记者", "发展", "的", "在 中国", '"人民日报"', "北京"]


@pytest.fixture(scope="module")
def pfr_src(tmp_path_factory, shared_dir):
    """400 real People's Daily articles in two JSONL files."""
    from bench.pfr import articles

    arts = articles(limit=400)
    src = tmp_path_factory.mktemp("postarr-src")
    write_jsonl(src / "a.jsonl", arts[:200])
    write_jsonl(src / "b.jsonl", arts[200:])
    return src, arts


def _build(src, ix, mp, arrays=True):
    with mp.context() as m:
        m.setattr(postarrays, "MIN_DOCS", MIN_DOCS)
        m.setenv("SEARCHAPP_BUILD_WORKERS", "2")  # two writers: the `finished` hook's path
        if not arrays:  # the code before posting arrays
            m.setattr(writer.postarrays, "write_segment", lambda *a, **k: None)
        build([src], ix)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory, pfr_src):
    """The same articles indexed with posting arrays and without them."""
    src, _ = pfr_src
    mp = pytest.MonkeyPatch()
    d = tmp_path_factory.mktemp("postarr-ix")
    _build(src, d / "with", mp)
    _build(src, d / "without", mp, arrays=False)
    mp.undo()
    return d / "with", d / "without"


def _whoosh_postings(reader, fieldname, btext, ti):
    m = reader._terms._codec.postings_reader(reader._terms._postfile, ti,
                                             reader.schema[fieldname].format,
                                             term=(fieldname, btext))
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_arrays_hold_whooshs_postings_for_every_long_term(indexes):
    h = open_index(indexes[0])
    try:
        with h.searcher() as s:
            leaves = [leaf for leaf, _ in s.reader().leaf_readers()]
            assert len(leaves) >= 2
            for leaf in leaves:
                pa = postarrays.load(leaf, storage_folder(leaf))
                assert pa is not None
                checked = 0
                for (fieldname, btext), ti in leaf._terms.items():
                    if ti.is_inlined() or ti.doc_frequency() < MIN_DOCS:
                        continue
                    span = pa.find(ti.extent()[0], ti.doc_frequency())
                    assert span is not None, (fieldname, btext)
                    first, end = span
                    want = _whoosh_postings(leaf, fieldname, btext, ti)
                    assert pa.docs[first:end].tolist() == [d for d, _, _ in want]
                    assert pa.tf[first:end].astype(float).tolist() == [w for _, w, _ in want]
                    fmt = leaf.schema[fieldname].format
                    if fmt.fixed_value_size() != 0:
                        vals = pa.values(first, end)
                        assert [vals[i] for i in range(len(vals))] == [v for _, _, v in want]
                        if fmt.supports("positions"):
                            dec = fmt.decoder("positions")
                            assert [dec(vals[i]) for i in range(len(vals))] == \
                                [dec(v) for _, _, v in want]
                    checked += 1
                assert checked == len(pa.keys) and checked > 50
    finally:
        h.close()


def _answers(ix):
    h = open_index(ix)
    try:
        out = []
        for q in QUERIES:
            d = search(h, SearchRequest(q=q, size=50)).to_dict()
            d.pop("took_ms", None)
            out.append((q, d["total"], d))
        return out
    finally:
        h.close()


def _arrays_read(ix):
    before = engine.match_counts().get("posting_arrays", 0)
    got = _answers(ix)
    return got, engine.match_counts().get("posting_arrays", 0) - before


def test_queries_read_the_arrays_and_answer_as_without_them(indexes):
    with_, without = indexes
    a, used = _arrays_read(with_)
    b, unused = _arrays_read(without)
    assert used > 0 and unused == 0
    assert sum(t for _, t, _ in a) > 0
    assert a == b


def _live(ix):
    return ix / (ix / "CURRENT").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("damage", ["truncate", "remove", "bad_json", "other_docs"])
def test_damaged_arrays_are_ignored(indexes, tmp_path, damage):
    with_, without = indexes
    ix = tmp_path / "ix"
    shutil.copytree(with_, ix)
    gen = _live(ix)
    for p in sorted(gen.glob("sa-*.pdocs")):
        if damage == "truncate":
            os.truncate(p, p.stat().st_size - 4)
        elif damage == "remove":
            p.unlink()
        else:
            j = p.with_suffix(".pjson")
            meta = json.loads(j.read_text())
            if damage == "bad_json":
                j.write_text("{" + j.read_text()[:10])
            else:
                meta["docs"] += 1
                j.write_text(json.dumps(meta))
    got, used = _arrays_read(ix)
    assert used == 0
    assert got == _arrays_read(without)[0]


def test_incremental_build_keeps_the_arrays(tmp_path, pfr_src, monkeypatch):
    src, arts = pfr_src
    s2 = tmp_path / "src"
    shutil.copytree(src, s2)
    ix = tmp_path / "ix"
    _build(s2, ix, monkeypatch)
    old = _live(ix)
    write_jsonl(s2 / "c.jsonl", [dict(a, id=f"new-{i}") for i, a in enumerate(arts[:60])])
    _build(s2, ix, monkeypatch)
    new = _live(ix)
    assert new != old
    h = open_index(ix)
    try:
        with h.searcher() as s:
            leaves = [leaf for leaf, _ in s.reader().leaf_readers()]
            kept = 0
            for leaf in leaves:
                assert postarrays.load(leaf, new) is not None
                segid = leaf.segment().segment_id()
                before = old / f"sa-{segid}.pdocs"
                if before.exists():
                    assert os.path.samefile(before, new / f"sa-{segid}.pdocs")
                    kept += 1
            assert kept >= 1 and len(leaves) > kept
    finally:
        h.close()
