"""termdict reads a segment's term dictionary with positioned reads (os.pread): every term
gives the same TermInfo as Whoosh's own lookup, absent terms give None, and a layout it does not
read falls back to Whoosh."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound

from helpers import CORPUS, write_jsonl_corpus
from searchapp.engine.match import termdict
from searchapp.index import build, open_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The bundled issue plus 60 JSONL articles cut from it, in two segments."""
    d = tmp_path_factory.mktemp("termdict")
    shutil.copytree(CORPUS, d / "src")
    build([d / "src"], d / "ix")
    write_jsonl_corpus(d / "src", "t", 2, 30)
    build([d / "src"], d / "ix")
    return open_index(d / "ix")


def _same(a, b) -> bool:
    return (a.doc_frequency() == b.doc_frequency() and a.weight() == b.weight()
            and a.min_length() == b.min_length() and a.max_weight() == b.max_weight()
            and a.is_inlined() == b.is_inlined()
            and (a.inlined_postings() if a.is_inlined() else a.extent())
            == (b.inlined_postings() if b.is_inlined() else b.extent()))


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_closed_handle_leaves_no_file_of_its_index_open(tmp_path):
    """Term lookups keep nothing of a segment file beyond its reader: once the handle is
    closed, no descriptor or memory map of its files is left, without waiting for a garbage
    collection (a map kept on the reader pinned a replaced generation's deleted files while a
    reference cycle kept the reader alive: found by a fresh tester). A closed reader's lookup
    is Whoosh's (which raises)."""
    write_jsonl_corpus(tmp_path / "src", "c", 1, 20)
    build([tmp_path / "src"], tmp_path / "ix")
    h = open_index(tmp_path / "ix")
    with h.searcher() as s:
        readers = [sub.reader() for sub, _ in s.leaf_searchers()]
        for r in readers:
            assert termdict.term_info(r, "body", "网络".encode()) is not None
            assert termdict._dict_of(r) is not None  # the positioned-read path was used

    def held() -> list[str]:
        fds = [os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")]
        maps = Path("/proc/self/maps").read_text().splitlines()
        return [x for x in fds + maps if str(tmp_path / "ix") in x]

    assert held()  # the open handle does hold its segment file
    h.close()
    assert held() == []
    for r in readers:
        with pytest.raises(Exception):
            termdict.term_info(r, "body", "网络".encode())


def _whoosh_prefix(r, field, prefix):
    if field not in r.indexed_field_names():
        return []
    return [(t, r.doc_frequency(field, t)) for t in r.expand_prefix(field, prefix)]


@pytest.mark.slow
def test_prefix_terms_same_as_whoosh_expand_prefix(index):
    """Every 1-3 character prefix of terms (and some that are no term's, plus the first and
    past the last key of a field, and other fields) gives Whoosh's expand_prefix with each
    term's doc_frequency, in the same order."""
    import random
    rng = random.Random(19)
    checked = 0
    with index.searcher() as s:
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            assert termdict._dict_of(r).order is not None  # the positioned-read path is tested
            terms = [(f, t) for (f, t), _ in r._terms.items() if f in ("title", "body", "source")]
            prefixes = {(f, t.decode()[:k].encode()) for f, t in rng.sample(terms, 400)
                        for k in (1, 2, 3)}
            prefixes |= {("body", b""), ("title", b""), ("body", b"\xff"), ("body", "不存在".encode()),
                         ("nosuchfield", "经济".encode()), ("body", "经济".encode())}
            for field, pre in sorted(prefixes):
                got = termdict.prefix_terms(r, field, pre)
                assert got == _whoosh_prefix(r, field, pre), (field, pre)
                checked += len(got)
    assert checked > 5000


def test_prefix_terms_other_layout_falls_back_to_whoosh():
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage

    ix = RamStorage().create_index(fields.Schema(body=fields.TEXT))
    with ix.writer() as w:
        w.add_document(body="alpha alphabet beta")
        w.add_document(body="alphabet")
    with ix.searcher() as s:
        r = s.reader()
        assert termdict.prefix_terms(r, "body", b"alpha") == [(b"alpha", 1), (b"alphabet", 2)]
        assert termdict.prefix_terms(r, "nosuch", b"a") == []


class _Reads:
    """Counts `os.pread` calls while installed (termdict reads through `os.pread`)."""

    def __init__(self, monkeypatch):
        self.n, real = 0, os.pread

        def counting(*a):
            self.n += 1
            return real(*a)

        monkeypatch.setattr(os, "pread", counting)


@pytest.mark.slow
def test_a_term_found_costs_two_reads(index, monkeypatch):
    """Its slot, then its item's lengths, key and value in one read (a TermInfo of a term
    without inlined postings fits the guess); the answer is Whoosh's."""
    with index.searcher() as s:
        r = s.leaf_searchers()[0][0].reader()
        d = termdict._Dict(r._terms)
        found = [(f, t, ti) for (f, t), ti in r._terms.items()
                 if f == "body" and not ti.is_inlined()][:200]
        assert len(found) == 200
        reads = _Reads(monkeypatch)
        for f, t, want in found:
            before = reads.n
            got = d.lookup(d.keycoder(f, t))
            slots = reads.n - before - 1  # slots probed (linear probing) before the item
            assert slots >= 1 and _same(got, want), (f, t)
        # no key collides in its first slot for most terms: two reads each
        assert reads.n <= 2 * len(found) + len(found) // 10


@pytest.mark.slow
def test_a_prefix_search_again_reads_less(index, monkeypatch):
    """The binary search's first steps look at the same keys in every search: kept per
    segment, a second search reads fewer (same answer)."""
    with index.searcher() as s:
        r = s.leaf_searchers()[0][0].reader()
        d = termdict._Dict(r._terms)
        assert d.order is not None
        reads = _Reads(monkeypatch)
        key = d.keycoder("body", "经济".encode())
        first = d.prefixed(key)
        n1 = reads.n
        again = d.prefixed(key)
        n2 = reads.n - n1
        assert again == first and first
        assert n2 <= n1 - 2 * min(termdict._PROBE_DEPTH, d.order[1].bit_length() - 1)
