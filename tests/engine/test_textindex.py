"""The literal clause's data: the gram index (characters and character pairs → documents) and
the texts it is checked against give exactly the documents whose literal form contains a needle
at Latin word edges (brute force: `analysis.literal.literal_find`), whether built in one block or many merged in small key ranges, read from the
files written with a segment, or built in memory for a segment without them; damaged files are
never read."""
from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.analysis.literal import has_edges, literal_find
from searchapp.engine.match import textindex
from searchapp.engine.match.keys import storage_folder
from searchapp.engine.store import segtext
from searchapp.engine.store.grams import gram_keys
from searchapp.index import open_index
from searchapp.request import SearchRequest
from searchapp.search import search

_ALPHABET = st.sampled_from(list("中国人民经济发展ab1Z改革.+# \n") + ["\U00020000", "é", "ж"])


def _segment(texts: list[str]) -> textindex.SegmentText:
    data = [t.encode("utf-8") for t in texts]
    starts = np.zeros(len(data) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(d) + 1 for d in data])
    return textindex.SegmentText(b"\x00".join(data) + b"\x00" if data else b"", starts, None, None)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(_ALPHABET, max_size=30), max_size=14),
       needles=st.lists(st.text(_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=6),
       budget=st.sampled_from([64, 400, 4000, 10**7]))
def test_gram_index_and_scan_equal_brute_force(texts, needles, budget):
    seg = _segment(texts)
    # tiny blocks and budgets: many blocks, merged in many key ranges
    grams = textindex.build_in_memory(seg.text, seg.starts, budget_bytes=budget,
                                      block_chars=max(1, budget // 40))
    indexed = textindex.SegmentText(seg.text, seg.starts, grams, None)
    assert len(grams) == sum(len(set(t)) + len({t[i:i + 2] for i in range(len(t) - 1)})
                             for t in texts)
    for needle in needles:
        want = [d for d, t in enumerate(texts) if literal_find(t, needle) >= 0]
        assert seg.docs_with(needle).tolist() == want  # the whole-text scan
        assert indexed.docs_with(needle).tolist() == want
        cand, exact = grams.candidates(needle)
        assert set(want) <= set(cand.tolist())
        if exact and not has_edges(needle):
            assert cand.tolist() == want


def test_gram_keys():
    assert gram_keys("") == ([], True)
    assert gram_keys("中") == ([ord("中")], True)
    keys, exact = gram_keys("中国中国")
    assert exact is False and len(keys) == 2  # 中国 and 国中, each once
    assert gram_keys("中国")[1] is True


def _needles(texts: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        t = rng.choice(texts)
        if len(t) > 8:
            k = rng.randint(1, 6)
            i = rng.randrange(len(t) - k)
            out.append(t[i:i + k])
    return out + ["不存在的词组", "中华人民共和国", "5g", "g", "c++", "c", "go", "2"]


def test_segment_files_written_with_the_index_give_the_brute_force_answer(handle):
    with handle.searcher() as s:
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            files = segtext.load(r, storage_folder(r))
            assert files is not None  # written with the segment
            st_files = textindex.segment_text(r)
            assert st_files.grams is not None
            texts = [t.decode("utf-8") for t in segtext.column_texts(r)]
            mem = _segment(texts)
            mem_grams = textindex.SegmentText(mem.text, mem.starts,
                                              textindex.build_in_memory(mem.text, mem.starts), None)
            assert bytes(files.text) == bytes(mem.text)
            for needle in _needles(texts, 150, 5):
                want = [d for d, t in enumerate(texts) if literal_find(t, needle) >= 0]
                assert st_files.docs_with(needle).tolist() == want, needle
                assert mem.docs_with(needle).tolist() == want, needle
                assert mem_grams.docs_with(needle).tolist() == want, needle


@pytest.mark.slow
def test_damaged_segment_files_are_not_read(corpus_index, tmp_path):
    copy = tmp_path / "ix"
    shutil.copytree(corpus_index, copy)
    gen = sorted(p for p in copy.iterdir() if p.name.startswith("gen-"))[-1]
    jsons = sorted(gen.glob("sa-*.json"))
    jsons = [p for p in jsons if not p.name.startswith("sa-gen")]
    assert jsons
    gdocs = jsons[0].with_suffix(".gdocs")
    gdocs.write_bytes(gdocs.read_bytes()[:-4])  # truncated
    good, bad = open_index(corpus_index), open_index(copy)
    try:
        with bad.searcher() as s:
            readers = [sub.reader() for sub, _ in s.leaf_searchers()]
            damaged = [r for r in readers if r.segment().segment_id() in jsons[0].name]
            assert damaged and segtext.load(damaged[0], gen) is None
            assert textindex.segment_text(damaged[0]).grams is None  # read from the column
        for q in ("5G", "网络安全", "数字经济", "河南省", "互联网"):
            a, b = search(good, SearchRequest(q=q)).to_dict(), search(bad, SearchRequest(q=q)).to_dict()
            a.pop("took_ms"), b.pop("took_ms")
            assert a == b, q
    finally:
        good.close()
        bad.close()


def test_in_memory_index_is_built_once_the_scans_pay_for_it(monkeypatch):
    texts = ["中国经济发展", "人民生活", "经济改革开放", "abc中国"]
    seg = _segment(texts)
    seg.key = "test-segment:4"
    monkeypatch.setattr(textindex, "BUILD_AFTER", 3)
    textindex._scans.clear()
    textindex._built.clear()
    answers = [seg.docs_with("经济").tolist() for _ in range(5)]
    assert answers == [[0, 2]] * 5
    assert textindex._built.get("test-segment:4") is not None


@pytest.mark.slow
def test_segment_files_written_in_many_blocks_equal_one_block(corpus_index, tmp_path):
    copy = tmp_path / "ix"
    shutil.copytree(corpus_index, copy)
    gen = sorted(p for p in copy.iterdir() if p.name.startswith("gen-"))[-1]
    h = open_index(copy)
    try:
        with h.searcher() as s:
            r = s.leaf_searchers()[0][0].reader()
            segid = r.segment().segment_id()
            one = {p: (gen / f"sa-{segid}.{p}").read_bytes() for p in ("text", "gkeys", "gdocs")}
            meta = segtext.write_segment(r, gen, budget_bytes=2000, max_chars=300)
            assert meta["docs"] == r.doc_count_all()
            assert {p: (gen / f"sa-{segid}.{p}").read_bytes() for p in one} == one
    finally:
        h.close()


def _block_pages_kb() -> int:
    """Resident kB of this process's mappings of gram-index block files (`b<k>.k/.b/.d`)."""
    total, block = 0, False
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()
            if head and "-" in head[0] and not head[0].endswith(":"):
                name = head[5] if len(head) > 5 else ""
                block = ".sa-" in name and name.rsplit("/", 1)[-1][:1] == "b"
            elif block and head[:1] == ["Rss:"]:
                total += int(head[1])
    return total


def test_block_pages_are_let_go_before_a_key_range_is_written(corpus_index, tmp_path,
                                                              monkeypatch):
    """A block's mapped pages count in the build's resident memory beside the key range's
    arrays (which the budget counts): each block's are let go once its part of the range has
    been copied out, so none is resident when the range is written."""
    copy = tmp_path / "ix"
    shutil.copytree(corpus_index, copy)
    gen = sorted(p for p in copy.iterdir() if p.name.startswith("gen-"))[-1]
    seen: list[int] = []
    real = segtext.merge_blocks

    def merge(blocks, write, budget_bytes, *rest):
        def spied(*args):
            seen.append(_block_pages_kb())
            return write(*args)
        return real(blocks, spied, budget_bytes, *rest)

    monkeypatch.setattr(segtext, "merge_blocks", merge)
    h = open_index(copy)
    try:
        with h.searcher() as s:
            r = s.leaf_searchers()[0][0].reader()
            segtext.write_segment(r, gen, budget_bytes=200_000, max_chars=20_000)
    finally:
        h.close()
    assert len(seen) > 1  # several key ranges
    assert max(seen) == 0, seen
