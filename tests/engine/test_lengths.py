"""Field lengths read from arrays at a writer's flush (engine/store/lengths.py): the segment
files written are byte for byte those Whoosh writes on its own, and each length answered is
Whoosh's."""
from __future__ import annotations

from pathlib import Path

import pytest

from whoosh import index as windex

from searchapp.engine.store import lengths
from searchapp.engine.store.lengths import ArrayLengths, array_lengths
from searchapp.engine.store.schema import make_schema
from searchapp.engine.store.writer import add_articles
from searchapp.model import Article

pytestmark = pytest.mark.slow  # the first loads jieba (~2 s)


def _articles() -> list[Article]:
    """Made per test: a module-level list would keep its Articles alive for the whole session
    (tests/index/test_streaming_build.py counts the Articles alive during a build)."""
    return [Article(id=f"a{i}", title=f"标题{i % 7}新闻" if i % 5 else "",
                    body="经济发展，人民生活。" * (i * 7 % 20 + 1) + f"第{i}条",
                    author="张三" if i % 3 == 0 else None, source="人民日报" if i % 2 else None)
            for i in range(60)]


def _write(folder: Path, fast: bool) -> dict[str, bytes]:
    folder.mkdir()
    ix = windex.create_in(str(folder), make_schema())
    w = ix.writer(compound=False)
    if fast:
        array_lengths(w)
    add_articles(w, _articles(), lambda *a, **k: None)
    w.commit()
    return {p.suffix: p.read_bytes() for p in folder.iterdir() if p.suffix in (".pst", ".trm")}


def test_segment_files_are_the_same_with_array_lengths(tmp_path, monkeypatch):
    asked = []

    class Counting(ArrayLengths):
        def doc_field_length(self, docnum, fieldname, default=0):
            asked.append(fieldname)
            return super().doc_field_length(docnum, fieldname, default)

    monkeypatch.setattr(lengths, "ArrayLengths", Counting)
    fast = _write(tmp_path / "fast", True)
    assert asked  # the flush really read its lengths through ArrayLengths
    del asked[:]
    plain = _write(tmp_path / "plain", False)
    assert not asked
    assert set(fast) == {".pst", ".trm"}
    assert fast == plain


def test_each_length_is_whooshs(tmp_path):
    _write(tmp_path / "ix", False)
    ix = windex.open_dir(str(tmp_path / "ix"))
    (seg,) = ix._segments()
    pdr = seg.codec().per_document_reader(ix.storage, seg)
    fast = ArrayLengths(seg.codec().per_document_reader(ix.storage, seg))
    seen = set()
    for field in ("title", "body", "author", "meta", "source_t", "speaker", "id"):
        for doc in range(seg.doc_count_all()):
            want = pdr.doc_field_length(doc, field)
            assert fast.doc_field_length(doc, field) == want
            seen.add(want)
        assert fast.doc_field_length(0, field, default=-1) == pdr.doc_field_length(0, field, -1)
    assert None in seen and len(seen) > 20  # empty fields, and many lengths
