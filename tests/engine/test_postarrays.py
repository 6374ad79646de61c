"""A segment's long posting lists written as arrays at build time hold exactly what Whoosh's
own matcher reads (document numbers, weights, decoded positions) for every long term; queries
read them, answer the same as an index built without them, and fall back to parsing Whoosh's
blocks when the files are damaged or missing; an incremental build keeps them by hard link."""
from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest

from helpers import write_jsonl, write_pfr_parts
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
    src = tmp_path_factory.mktemp("postarr-src")
    return src, write_pfr_parts(src, 400, 2)


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


def _same_as_whoosh(pa, row, reader, fieldname, btext, ti):
    """The arrays' list at `row` holds Whoosh's own matcher's docnums, weights and values."""
    want = _whoosh_postings(reader, fieldname, btext, ti)
    assert pa.docnums(row).tolist() == [d for d, _, _ in want]
    assert pa.weights(row).tolist() == [w for _, w, _ in want]
    fmt = reader.schema[fieldname].format
    if fmt.fixed_value_size() != 0:
        vals = pa.values(row)
        assert len(vals) == len(want)
        kind = int(pa.spans[row, 4])
        if kind == 0:
            assert [vals[i] for i in range(len(vals))] == [v for _, _, v in want]
            assert vals[-1] == want[-1][2]
        else:
            with pytest.raises(TypeError):
                vals[0]
        with pytest.raises(IndexError):
            vals.positions(len(vals), None)
        if fmt.supports("positions"):
            dec = fmt.decoder("positions")
            assert [vals.positions(i, dec) for i in range(len(vals))] == \
                [dec(v) for _, _, v in want]
        return kind
    return None


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
                    row = pa.find(ti.extent()[0], ti.doc_frequency())
                    assert row is not None, (fieldname, btext)
                    _same_as_whoosh(pa, row, leaf, fieldname, btext, ti)
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


@pytest.mark.parametrize("damage", ["truncate", "remove", "bad_json", "other_docs",
                                    "span_outside", "format_1"])
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
        elif damage == "span_outside":  # sizes right, a row pointing past the values
            spans = np.fromfile(p.with_suffix(".pspans"), dtype=np.int64).reshape(-1, 9)
            spans[:, 5] += p.with_suffix(".pvals").stat().st_size + 1
            spans.tofile(p.with_suffix(".pspans"))
        elif damage == "format_1":
            _to_format_1(p.with_suffix(""), ix)
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


def _to_format_1(base, ix):
    """Replace the files `base`.* with what format 1 wrote for the same long lists: pspans
    [terms, 2], float32 weights, int64 absolute value offsets and Whoosh's encoded values for
    every posting (read from Whoosh's own matcher)."""
    segid = base.name[len("sa-"):]
    meta = json.loads(base.with_suffix(".pjson").read_text())
    h = open_index(ix)
    try:
        with h.searcher() as s:
            leaf = next(leaf for leaf, _ in s.reader().leaf_readers()
                        if leaf.segment().segment_id() == segid)
            lists = sorted((ti.extent()[0], _whoosh_postings(leaf, f, b, ti))
                           for (f, b), ti in leaf._terms.items()
                           if not ti.is_inlined() and ti.doc_frequency() >= MIN_DOCS)
    finally:
        h.close()
    assert len(lists) == meta["terms"]
    docs, tf, vals, spans = [], [], [], []
    for _, want in lists:
        spans.append((len(docs), len(want)))
        docs += [d for d, _, _ in want]
        tf += [w for _, w, _ in want]
        vals += [v or b"" for _, _, v in want]
    lens = [len(v) for v in vals]
    arrays = {"pkeys": np.asarray([k for k, _ in lists], dtype=np.int64),
              "pspans": np.asarray(spans, dtype=np.int64), "pdocs": np.asarray(docs, np.int32),
              "ptf": np.asarray(tf, dtype=np.float32),
              "pvoffs": np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)}
    for part, arr in arrays.items():
        arr.tofile(base.with_suffix("." + part))
    base.with_suffix(".pvals").write_bytes(b"".join(vals))
    base.with_suffix(".pjson").write_text(json.dumps(
        {"format": 1, "segment": segid, "docs": meta["docs"], "terms": len(lists),
         "postings": len(docs), "value_bytes": sum(lens), "min_docs": MIN_DOCS}))


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


def _refuses_bad_rows(pa, reader):
    """A row of an unknown width or pointing past a file is not found; a list whose offsets
    end past the values gives no values (its positions are then read the old way)."""
    import dataclasses

    var = next(r for r in range(len(pa.keys)) if pa.spans[r, 6] < 0)
    offset, count = int(pa.keys[var]), int(pa.spans[var, 1])
    assert pa.find(offset, count) == var and pa.values(var) is not None
    for col, value in ((2, 3), (4, 1), (3, len(pa.tf) + 1), (5, len(pa.vals) + 1),
                       (8, len(pa.voffs)), (0, len(pa.docs))):
        spans = pa.spans.copy()
        spans[var, col] = value
        assert dataclasses.replace(pa, spans=spans).find(offset, count) is None, col
    for r in range(len(pa.keys)):  # the first offset not 0; the last past the values
        width, at, n = int(pa.spans[r, 7]), int(pa.spans[r, 8]), int(pa.spans[r, 1])
        if pa.spans[r, 6] >= 0:
            continue
        for where in (at, at + n * width) if width == 4 else (at,):
            voffs = pa.voffs.copy()
            voffs[where:where + width] = 255
            assert dataclasses.replace(pa, voffs=voffs).values(r) is None, (r, where)


def test_every_encoding_holds_whooshs_postings(tmp_path):
    """Weights all 1.0, uint8 and uint16 term frequencies, float32 (a field boost that makes
    them non-integers); positions stored as uint16 and uint32, one per posting or with uint16
    or uint32 offsets; Whoosh's values of one length (Frequency), of unequal lengths
    (Characters), no values (Existence); in one segment; and a segment without long lists."""
    from whoosh import analysis, fields, index

    words = analysis.SpaceSeparatedTokenizer()
    schema = fields.Schema(
        pos=fields.TEXT(analyzer=words, phrase=True),
        boosted=fields.TEXT(analyzer=words, phrase=True, field_boost=1.5),
        freq=fields.TEXT(analyzer=words, phrase=False),
        chars=fields.TEXT(analyzer=words, chars=True),
        tag=fields.ID())
    (tmp_path / "w").mkdir()
    ix = index.create_in(str(tmp_path / "w"), schema)
    w = ix.writer()
    for i in range(40):
        far = ["pad"] * (70_000 + i) + ["far"] if i % 10 == 0 else []  # positions past uint16
        w.add_document(pos=" ".join(["once", "twice", "twice"] + ["filler"] * (i * 9)
                                    + ["many"] * (300 if i % 7 == 0 else 1 + i) + far),
                       boosted="once " + "twice " * (i % 3), freq="once " + "twice " * (i % 4),
                       chars="once " * (1 + i % 3) + "filler " * i, tag="t")
    w.commit()
    seen = {"width": set(), "value_len": set(), "offsets": set()}
    with ix.reader() as reader:
        folder = tmp_path / "arrays"
        folder.mkdir()
        meta = postarrays.write_segment(reader, folder, min_docs=4)
        pa = postarrays.load(reader, folder)
        assert pa is not None and meta["format"] == postarrays.FORMAT == 2
        for (fieldname, btext), ti in reader._terms.items():
            if ti.is_inlined() or ti.doc_frequency() < 4:
                continue
            row = pa.find(ti.extent()[0], ti.doc_frequency())
            assert row is not None, (fieldname, btext)
            kind = _same_as_whoosh(pa, row, reader, fieldname, btext, ti)
            seen["width"].add(int(pa.spans[row, 2]))
            vlen = int(pa.spans[row, 6])
            seen["value_len"].add((reader.schema[fieldname].format.fixed_value_size(), kind,
                                   "fixed" if vlen >= 0 else "offsets"))
            seen["offsets"].add(int(pa.spans[row, 7]))
        assert pa.find(ti.extent()[0] + 1, ti.doc_frequency()) is None
        assert seen["width"] == {0, 1, 2, 4}
        assert seen["value_len"] == {(None, 2, "fixed"), (None, 2, "offsets"), (None, 4, "fixed"),
                                     (None, 4, "offsets"), (None, 0, "offsets"), (4, 0, "fixed"),
                                     (0, None, "fixed")}
        assert seen["offsets"] == {0, 2, 4}
        _refuses_bad_rows(pa, reader)
        empty = tmp_path / "empty"
        empty.mkdir()
        assert postarrays.write_segment(reader, empty, min_docs=10 ** 6)["terms"] == 0
        pa = postarrays.load(reader, empty)
        assert pa is not None and pa.find(ti.extent()[0], ti.doc_frequency()) is None
