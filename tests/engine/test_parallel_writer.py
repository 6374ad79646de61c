"""The parallel writer (engine/store/parallel.py) reports a document refused in a child writer
per article, as the serial path does, and commits everything else."""
from __future__ import annotations

from whoosh import index as windex

from searchapp.engine.store import parallel as index_parallel
from searchapp.engine.store.schema import make_schema
from searchapp.engine.store.writer import add_articles as _add_all
from searchapp.model import Article


def _say(*args, **kwargs):
    pass


def add(w, chunk, scale):  # module-level: a child writer gets it pickled
    refused = [(a, "refused for the test") for a in chunk if a.id in ("p1", "p8")]
    keep = [a for a in chunk if a.id not in ("p1", "p8")]
    return refused + _add_all(w, keep, _say, scale)


def test_a_document_refused_in_a_child_writer_is_reported(tmp_path):
    arts = [Article(id=f"p{i}", title=f"标题{i}", body=f"正文内容{i}") for i in range(10)]
    ix = windex.create_in(str(tmp_path), make_schema())
    failed = index_parallel.write(ix, arts, add, 2, 64)
    assert sorted(a.id for a, _ in failed) == ["p1", "p8"]  # p8 is in the child's half
    with windex.open_dir(str(tmp_path)).searcher() as s:
        assert sorted(sf["id"] for sf in s.all_stored_fields()) == \
            [f"p{i}" for i in range(10) if i not in (1, 8)]
