"""A build keeps its articles on disk, not in memory: the marks it computes from each article's
few kept values (near-duplicate signature, representative key, lineage copy) are those of
marking the articles themselves; the number of Article objects alive while a build plans and
writes does not grow with the corpus; a file that turns out unusable partway is left out whole,
as when files were read whole; the spooled sequence reads back exactly what was added."""
from __future__ import annotations

import gc
import gzip
import json
import random

import pytest

from helpers import write_jsonl_corpus
from searchapp import engine
from searchapp.analysis.dedupe import mark_duplicates
from searchapp.archive.lineage import assign
from searchapp.index import build, open_index
from searchapp.index.corpus import Corpus
from searchapp.index.spool import Spool
from searchapp.model import Article


def _articles(shared_dir, n: int = 900) -> list[Article]:
    """Real People's Daily articles plus abridged and re-dated copies (near-duplicates, some
    undated, some crediting another outlet)."""
    from bench.pfr import articles as pfr_articles  # bench/ is on sys.path (tests/conftest.py)

    rng = random.Random(4)
    out = [Article(id=a["id"], title=a["title"], body=a["body"], date=a["date"], source=a["source"])
           for a in pfr_articles(limit=n)]
    for i in range(0, len(out), 9):
        b = out[i].body
        if len(b) > 300:
            out.append(Article(id=f"copy{i}", title=out[i].title, source="新华社",
                               body=b[:int(len(b) * rng.uniform(0.4, 1.0))] + "（来源：人民日报）",
                               date=None if i % 4 == 0 else "1998-02-0%d" % (1 + i % 8)))
    rng.shuffle(out)
    return out


@pytest.mark.slow
def test_marks_from_kept_values_equal_marking_the_articles(shared_dir, tmp_path):
    arts = _articles(shared_dir)
    corpus = Corpus(tmp_path)
    try:
        for a in arts:
            corpus.add(a)
        order = list(range(len(arts)))[::-1]  # any order: the marks follow it
        warnings: list[str] = []
        marks = corpus.marks(order, warnings)
        assert marks is not None and not warnings
        ref = [Article(**{**a.__dict__}) for a in arts]
        ordered = [ref[i] for i in order]
        assign(ordered, mark_duplicates(ordered))
        grouped = 0
        for slot, a in enumerate(ref):
            assert marks.of(slot) == (a.duplicate_of, a.lineage), a.id
            grouped += a.duplicate_of is not None
        assert grouped > 20  # the copies were found
    finally:
        corpus.close()


def test_spool_reads_back_what_was_added_in_slices(tmp_path):
    spool = Spool(tmp_path)
    try:
        arts = [Article(id=f"a{i}", title=f"标题{i}", body="正文" * i) for i in range(50)]
        for a in arts:
            spool.add(a)
        view = spool.view(range(0, 50, 2), fix=lambda pos, a: a, extra=[Article(id="x", title="t", body="")])
        assert len(view) == 26
        assert [a.id for a in view] == [f"a{i}" for i in range(0, 50, 2)] + ["x"]
        assert [a.id for a in view[3:7]] == ["a6", "a8", "a10", "a12"]
        assert [a.id for a in view[24:]] == ["a48", "x"] and view[-1].id == "x" and view[0].id == "a0"
        assert [a.body for a in view[:2]] == ["", "正文正文"]
    finally:
        spool.close()
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_articles_alive_while_building_do_not_grow_with_the_corpus(tmp_path):
    """Count Article objects alive at every progress message of a build of 1,200 articles:
    they stay a small constant (the reader's and the writer's current ones), where holding
    the corpus would show all 1,200."""
    src = tmp_path / "src"
    write_jsonl_corpus(src, "s", 4, 300)
    seen = []

    def progress(done, total, msg):
        if msg.startswith(("indexed", "reading", "hashing", "marking")):
            seen.append(sum(isinstance(o, Article) for o in gc.get_objects()))

    rep = build([src], tmp_path / "ix", workers=1, progress=progress)
    assert rep.articles == 1200 and not rep.problems
    assert len(seen) > 10 and max(seen) < 50, seen


@pytest.mark.slow
def test_a_file_unusable_partway_is_left_out_whole(tmp_path):
    src = tmp_path / "src"
    write_jsonl_corpus(src, "ok", 1, 20)
    # corrupt (not cut short: a cut stream keeps its lines before the cut, tests/ingest/test_jsonl)
    # past the sniffed head, so the reader fails only after lines of it were given: gzip finds
    # the corruption at its CRC, after wrong bytes may have been given, so none may be kept
    pick = random.Random(7)
    rows = [json.dumps({"id": f"gz-{i}", "title": f"标题{i}",
                        "body": "".join(pick.choice("正文内容新闻报道记者") for _ in range(200))},
                       ensure_ascii=False) for i in range(3000)]
    data = bytearray(gzip.compress(("\n".join(rows) + "\n").encode("utf-8")))
    k = len(data) * 3 // 4
    data[k:k + 64] = bytes(64)
    (src / "broken.jsonl.gz").write_bytes(bytes(data))
    rep = build([src], tmp_path / "ix", workers=1)
    h = open_index(tmp_path / "ix")
    try:
        with h.searcher() as s:
            ids = {a.id for a in engine.all_articles(s)}
    finally:
        h.close()
    assert ids == {f"ok0-{i}" for i in range(20)}
    assert [p["file"].endswith("broken.jsonl.gz") for p in rep.problems] == [True]
    assert rep.articles == 20 and not any(name.startswith(".spool") for name in
                                          (p.name for p in (tmp_path / "ix").iterdir()))


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_incremental_build_rewrites_only_what_changed(tmp_path, workers):
    src = tmp_path / "src"
    write_jsonl_corpus(src, "j", 3, 30)
    ix = tmp_path / "ix"
    build([src], ix, workers=workers)
    lines = (src / "j1.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    lines[0] = json.dumps({**first, "body": first["body"] + "补充。"}, ensure_ascii=False)
    (src / "j1.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    rep = build([src], ix, workers=workers)
    assert (rep.added, rep.updated, rep.removed, rep.articles) == (0, 1, 1, 89)
