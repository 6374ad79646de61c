"""The index builds from real files into real Whoosh generations, updates incrementally by file
hash and stable id (never duplicating), reports what it did, and readers follow new generations."""
from __future__ import annotations

import json
import random
import threading
from pathlib import Path

import pytest

from searchapp import engine
from searchapp.errors import IndexBusy, IndexMissing
from searchapp.index import build, index_info, open_index
from searchapp.index.lock import writer_lock
from searchapp.index.store import KEEP_OLD, gen_name, list_generations, read_current

WORDS = ["互联网", "网络安全", "人工智能", "智能制造", "数字经济", "云计算", "大数据", "区块链",
         "物联网", "工业互联网", "数据中心", "智慧城市"]


def filler(seed: str, n: int = 60) -> str:
    """n pseudo-random common CJK characters: bodies of different articles share almost no
    4-character shingles, so none is a near-duplicate of another."""
    rng = random.Random(seed)
    return "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(n))


def write_jsonl(path: Path, prefix: str, n: int, *, salt: str = "") -> list[str]:
    """n articles with ids `<prefix>-<i>`; returns the ids."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            aid = f"{prefix}-{i}"
            ids.append(aid)
            w1, w2 = WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)]
            f.write(json.dumps({"id": aid, "title": f"{w1}发展报告 第{i}期 {prefix}",
                                "body": f"本文介绍{w1}与{w2}的最新进展。{salt}" + filler(aid + salt),
                                "source": "新华社" if i % 2 else "人民日报",
                                "date": f"2020-0{1 + i % 9}-1{i % 10}"}, ensure_ascii=False) + "\n")
    return ids


def all_ids(handle) -> list[str]:
    with handle.searcher() as s:
        return sorted(a.id for a in engine.all_articles(s))


@pytest.fixture()
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    write_jsonl(d / "a.jsonl", "a", 6)
    write_jsonl(d / "b.jsonl", "b", 5)
    write_jsonl(d / "sub" / "c.jsonl", "c", 4)
    return d


def test_full_build_counts_and_round_trip(corpus, tmp_path):
    ix = tmp_path / "ix"
    r = build([corpus], ix)
    assert (r.files, r.added, r.updated, r.removed, r.unchanged, r.articles) == (3, 15, 0, 0, 0, 15)
    assert r.problems == [] and r.full and r.generation == 1
    h = open_index(ix)
    assert h.doc_count() == 15 and h.generation == 1
    art = h.get_article("b-3")
    assert art is not None and art.id == "b-3" and "第3期" in art.title and art.source == "新华社"
    assert h.get_article("no-such-id") is None and h.get_article("") is None
    info = index_info(ix)
    assert info["articles"] == 15 and info["files"] == 3 and info["generation"] == 1
    assert info["size_bytes"] > 0 and info["built_at"].endswith("Z")
    assert sum(info["sources"].values()) == 15 and set(info["sources"]) == {"新华社", "人民日报"}
    json.dumps(r.to_dict())  # plain data


def test_unchanged_corpus_is_a_noop(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    r = build([corpus], ix)
    assert r.noop and r.files_read == 0 and r.unchanged == 15 and r.added == r.updated == r.removed == 0
    assert r.generation == 1 and list_generations(ix) == [1]


def test_one_changed_file_is_the_only_one_read(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    before = all_ids(open_index(ix))
    g1 = ix / read_current(ix)
    g1_bytes = {p.name: p.read_bytes() for p in g1.iterdir()}
    write_jsonl(corpus / "b.jsonl", "b", 5, salt="修订")  # same ids, new text
    lines = (corpus / "a.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "a.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one gone
    msgs: list[str] = []
    r = build([corpus], ix, progress=lambda done, total, msg: msgs.append(msg))
    read = sorted(Path(m.split(": ", 1)[1]).name for m in msgs if m.startswith("reading"))
    assert not r.full and r.files_read == 2 and read == ["a.jsonl", "b.jsonl"]
    assert (r.added, r.updated, r.removed, r.unchanged, r.articles) == (0, 5, 1, 9, 14)
    h = open_index(ix)
    after = all_ids(h)
    assert after == sorted(set(before) - {"a-5"}) and len(after) == len(set(after))
    assert "修订" in h.get_article("b-0").body
    assert "修订" not in h.get_article("c-0").body
    # the previous generation (its segments are hard-linked into the new one) is untouched
    assert {p.name: p.read_bytes() for p in g1.iterdir()} == g1_bytes


def test_same_file_twice_and_copies_never_duplicate(corpus, tmp_path):
    ix = tmp_path / "ix"
    r = build([corpus, corpus / "a.jsonl", corpus], ix)
    assert r.articles == 15 and r.files == 3
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "a-again.jsonl").write_bytes((corpus / "a.jsonl").read_bytes())
    r = build([tmp_path / "copy"], ix)  # same ids from another file: reported, skipped
    assert r.articles == 15 and r.added == 0
    assert len(r.problems) == 6 and all("already read" in p["reason"] for p in r.problems)
    h = open_index(ix)
    ids = all_ids(h)
    assert len(ids) == len(set(ids)) == 15


@pytest.mark.slow
def test_removal_applies_only_under_the_given_paths(corpus, tmp_path):
    ix = tmp_path / "ix"
    extra = tmp_path / "extra"
    write_jsonl(extra / "x.jsonl", "x", 3)
    build([corpus], ix)
    r = build([extra], ix)  # adds; corpus/ files are not under extra/ and stay
    assert (r.added, r.removed, r.articles) == (3, 0, 18)
    (corpus / "sub" / "c.jsonl").unlink()
    r = build([corpus], ix)
    assert (r.removed, r.files_removed, r.articles, r.added) == (4, 1, 14, 0)
    assert not any(i.startswith("c-") for i in all_ids(open_index(ix)))
    assert any(i.startswith("x-") for i in all_ids(open_index(ix)))


def test_missing_path_is_reported_and_removes_nothing(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    r = build([tmp_path / "no-such-folder"], ix)
    assert r.articles == 15 and r.noop
    assert r.problems and r.problems[0]["reason"] == "no such file or folder"
    r = build([tmp_path / "no-such-folder"], ix, rebuild=True)
    assert r.articles == 15 and open_index(ix).doc_count() == 15


def test_rebuild_gives_same_ids_and_count(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    before = all_ids(open_index(ix))
    r = build([corpus], ix, rebuild=True)
    assert r.full and r.files_read == 3 and r.unchanged == 15 and r.added == r.updated == 0
    assert all_ids(open_index(ix)) == before and r.generation == 2


def test_bad_files_are_reported_and_the_rest_indexed(corpus, tmp_path):
    (corpus / "empty.jsonl").write_bytes(b"")
    (corpus / "broken.jsonl").write_text('{"id": "ok-1", "title": "好", "body": "正文"}\n{not json\n',
                                         encoding="utf-8")
    ix = tmp_path / "ix"
    r = build([corpus], ix)
    files = {Path(p["file"]).name for p in r.problems}
    assert "empty.jsonl" in files and "broken.jsonl" in files
    assert any(p["line"] == 2 for p in r.problems if Path(p["file"]).name == "broken.jsonl")
    assert r.articles == 16 and r.problems
    again = build([corpus], ix)  # unchanged: same problems reported again, nothing re-read
    assert again.noop and again.problems == r.problems


def test_open_index_missing_says_how_to_build(tmp_path):
    with pytest.raises(IndexMissing) as e:
        open_index(tmp_path / "nothing")
    assert "searchapp index" in e.value.message and "\n" not in e.value.message
    with pytest.raises(IndexMissing):
        index_info(tmp_path / "nothing")


def test_reader_follows_new_generation_and_old_searcher_stays_valid(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    h = open_index(ix)
    with h.searcher() as old:
        write_jsonl(corpus / "d.jsonl", "d", 2)
        r = build([corpus], ix)
        assert r.added == 2 and r.generation == 2
        assert h.refresh() == 2
        with h.searcher() as new:
            assert engine.doc_count(new) == 17
        assert engine.doc_count(old) == 15 and engine.article_by_id(old, "a-0").id == "a-0"
    assert h.doc_count() == 17
    h.close()


@pytest.mark.slow
def test_old_generations_are_collected(corpus, tmp_path):
    ix = tmp_path / "ix"
    for i in range(KEEP_OLD + 3):
        write_jsonl(corpus / "a.jsonl", "a", 6, salt=str(i))
        build([corpus], ix)
    gens = list_generations(ix)
    assert len(gens) == KEEP_OLD + 1 and read_current(ix) == gen_name(gens[-1])


def test_leftover_of_a_killed_build_is_ignored_and_cleaned(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    junk = ix / gen_name(7)
    junk.mkdir()
    (junk / "_MAIN_1.toc").write_bytes(b"half written")
    assert open_index(ix).doc_count() == 15
    write_jsonl(corpus / "d.jsonl", "d", 1)
    r = build([corpus], ix)
    assert r.generation == 2 and not junk.exists() and open_index(ix).doc_count() == 16


@pytest.mark.slow
def test_second_writer_is_busy_or_waits(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    held, release = threading.Event(), threading.Event()

    def hold():
        with writer_lock(ix):
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(5)
    with pytest.raises(IndexBusy) as e:
        build([corpus], ix)
    assert "busy" in e.value.message and "\n" not in e.value.message and e.value.status == 409
    messages: list[str] = []
    threading.Timer(0.3, release.set).start()
    r = build([corpus], ix, wait=True, progress=lambda *a: messages.append(a[-1]))
    t.join()
    assert r.noop and any(m.startswith("waiting") for m in messages)


def test_bundled_corpus_index(handle):
    """The session fixture (conftest) indexes corpus/: the magazine issue gives 25+ articles,
    each with a unique id that round-trips through get_article."""
    n = handle.doc_count()
    assert n >= 25
    ids = all_ids(handle)
    assert len(ids) == len(set(ids)) == n
    art = handle.get_article(ids[0])
    assert art.id == ids[0] and art.title and art.body


@pytest.mark.slow
def test_lent_searcher_outlives_collection_of_its_generation(corpus, tmp_path):
    ix = tmp_path / "ix"
    build([corpus], ix)
    h = open_index(ix)
    first = ix / read_current(ix)
    with h.searcher() as old:
        for i in range(KEEP_OLD + 1):
            write_jsonl(corpus / "b.jsonl", "b", 5, salt=f"v{i}")
            build([corpus], ix, rebuild=True)  # full rebuilds: nothing shared by hard links
        assert not first.exists()
        assert len(engine.live_docs(old)) == 15 and len(list(engine.all_articles(old))) == 15
        assert "v0" not in engine.article_by_id(old, "b-1").body
    h.refresh()
    assert "v2" in h.get_article("b-1").body
    h.close()


@pytest.mark.slow
def test_article_skipped_for_a_clash_comes_back_when_the_clash_is_gone(corpus, tmp_path):
    ix = tmp_path / "ix"
    other = corpus / "zz-other.jsonl"
    write_jsonl(other, "z", 2)
    lines = other.read_text(encoding="utf-8").splitlines()
    clash = json.loads(lines[0])
    clash["id"], clash["title"] = "a-2", "来自另一个文件的文章"
    other.write_text("\n".join([json.dumps(clash, ensure_ascii=False)] + lines[1:]) + "\n",
                     encoding="utf-8")
    r = build([corpus], ix)
    assert [p["reason"] for p in r.problems if "already read" in p["reason"]]
    assert open_index(ix).get_article("a-2").title != clash["title"]
    assert build([corpus], ix).noop  # nothing changed: still a no-op
    # drop the line with id a-2 from a.jsonl: the skipped article of zz-other.jsonl comes in
    a_lines = (corpus / "a.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "a.jsonl").write_text("\n".join(l for l in a_lines if '"a-2"' not in l) + "\n",
                                    encoding="utf-8")
    for _ in range(2):
        r = build([corpus], ix)
        assert not any("already read" in p["reason"] for p in r.problems), r.problems
        h = open_index(ix)
        assert h.get_article("a-2") is not None and h.get_article("a-2").title == clash["title"]
        ids = all_ids(h)
        assert len(ids) == len(set(ids)) == 15 + 1
    assert build([corpus], ix).noop
    # and when the clashing file disappears instead
    write_jsonl(corpus / "b.jsonl", "b", 5)
    (corpus / "b2.jsonl").write_text((corpus / "b.jsonl").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    r = build([corpus], ix)
    assert len([p for p in r.problems if "already read" in p["reason"]]) == 5
    (corpus / "b.jsonl").unlink()
    r = build([corpus], ix)
    assert not any("already read" in p["reason"] for p in r.problems), r.problems
    assert open_index(ix).get_article("b-3") is not None
    assert r.articles == 16


def test_a_moved_folder_is_indexed_at_its_new_place_without_losing_or_doubling(tmp_path):
    # Found by the fresh tester: after `mv A B`, `searchapp index B` failed on every run
    # ("article id … already read from A/…", exit 1) and stats counted the gone files.
    from searchapp.index import build, open_index
    from searchapp.index.store import read_current, read_manifest

    a = tmp_path / "A"
    a.mkdir()
    for i, title in enumerate(["第一篇新闻标题", "第二篇新闻标题"]):
        (a / f"{i}.txt").write_text(f"{title}\n本报讯 这是第{i}篇正常文章，记者报道。\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert build([a], ix).added == 2
    b = a.rename(tmp_path / "B")
    r = build([b], ix)
    assert (r.added, r.removed, r.problems) == (0, 0, []), r
    assert len(r.file_warnings) == 2 and all("is gone" in w["reason"] for w in r.file_warnings)
    manifest = read_manifest(ix / read_current(ix))
    assert sorted(manifest["files"]) == sorted(str(p.resolve()) for p in b.iterdir())
    assert manifest["roots"] == [str(b.resolve())]  # what `searchapp repair` would re-index
    with open_index(ix) as h:
        assert h.doc_count() == 2
    again = build([b], ix)
    assert (again.problems, again.file_warnings, again.unchanged) == ([], [], 2)
