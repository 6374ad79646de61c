"""The chunked posting pool (engine/store/runs.py) gives Whoosh's segment writer the same sorted
postings as Whoosh's own pool, spilling runs in chunks; an index written through it is the same."""
from __future__ import annotations

import marshal
import random

import pytest

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from searchapp.engine.store import runs
from searchapp.engine.store.runs import ChunkedRunPool, chunked_runs
from searchapp.engine.store.schema import make_schema
from searchapp.engine.store.writer import add_articles
from searchapp.model import Article

pytestmark = pytest.mark.slow  # run files on disk, an index of its own


def _postings(n: int, seed: int = 7) -> list[tuple]:
    """n postings (fieldname, term bytes, docnum, weight, value bytes | None), each
    (field, term, docnum) once, as a writer's pool receives them."""
    rnd = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        key = (rnd.choice(["body", "title", "meta"]), f"词{rnd.randrange(300)}".encode("utf-8"),
               rnd.randrange(5000))
        if key in seen:
            continue
        seen.add(key)
        value = None if rnd.random() < 0.1 else bytes(rnd.randrange(256) for _ in range(5))
        out.append((*key, float(rnd.randrange(1, 4)), value))
    return out


def _drain(folder, pool_class, items, maxfiles=128) -> tuple[list, int]:
    folder.mkdir(exist_ok=True)
    pool = pool_class(FileStorage(str(folder)), None, limitmb=0)
    pool.limit = 40_000  # bytes as Whoosh counts them: spills every ~200 postings
    for it in items:
        pool.add(it)
    spilled = len(pool.runs)
    return list(pool.items(maxfiles=maxfiles)), spilled


def test_chunked_pool_yields_what_whoosh_pool_yields(tmp_path, monkeypatch):
    items = _postings(6_000)
    monkeypatch.setattr(runs, "CHUNK", 64)  # several chunks per run
    want, spilled_w = _drain(tmp_path / "w", PostingPool, items)
    got, spilled_g = _drain(tmp_path / "c", ChunkedRunPool, items)
    assert spilled_w == spilled_g > 10  # the test really goes through run files
    assert got == want == sorted(items)
    # more runs than files open at once: runs are merged into runs first (reduce_to)
    got_reduced, _ = _drain(tmp_path / "r", ChunkedRunPool, items, maxfiles=4)
    assert got_reduced == want


def test_run_files_hold_chunks_not_single_postings(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "CHUNK", 100)
    storage = FileStorage(str(tmp_path))
    pool = ChunkedRunPool(storage, None, limitmb=0)
    for it in sorted(_postings(250)):
        pool.current.append(it)
    pool.save()
    (path,) = pool.runs
    f = storage.open_file(path).raw_file()
    chunks = []
    try:
        while True:
            chunks.append(marshal.load(f))
    except EOFError:
        pass
    f.close()
    assert [len(c) for c in chunks] == [100, 100, 50]


def test_index_written_through_chunked_runs_is_the_same(tmp_path):
    arts = [Article(id=f"a{i}", title=f"标题{i % 7}新闻", body="经济发展，人民生活。" * (i % 5 + 1) + f"第{i}条")
            for i in range(300)]

    def write(folder, chunked: bool):
        folder.mkdir()
        ix = windex.create_in(str(folder), make_schema())
        w = ix.writer(limitmb=1)
        w.pool.limit = 20_000  # spill often
        if chunked:
            chunked_runs(w)
            assert type(w.pool) is ChunkedRunPool
        add_articles(w, arts, lambda *a, **k: None)
        assert w.pool.runs  # spilled
        w.commit()
        with windex.open_dir(str(folder)).reader() as r:
            out = []
            for field, term in r.all_terms():
                m = r.postings(field, term)
                while m.is_active():
                    out.append((field, term, m.id(), m.weight(), m.value()))
                    m.next()
            return out

    assert write(tmp_path / "chunked", True) == write(tmp_path / "whoosh", False)
