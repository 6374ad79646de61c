"""A damaged index folder is never replaced silently: every way of damaging it (pointer, manifest,
Whoosh files) is detected before anything is written or deleted, reported with the intact
generations, and repaired only on request (`searchapp repair`)."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.errors import SearchAppError
from searchapp.index import build

from helpers import ROOT, write_jsonl_corpus

PER_FILE = 7


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """Two generations of a 3-file index (21 articles), and a folder of 3 new articles."""
    root = tmp_path_factory.mktemp("damage")
    corpus, new = root / "corpus", root / "new"
    write_jsonl_corpus(corpus, "k", 2, PER_FILE)
    write_jsonl_corpus(new, "n", 1, 3)
    ix = root / "ix"
    build([corpus], ix)
    write_jsonl_corpus(corpus / "more", "m", 1, PER_FILE)
    r = build([corpus], ix)
    assert r.articles == 3 * PER_FILE and r.generation == 2
    return {"root": root, "corpus": corpus, "new": new, "ix": ix, "n": 3 * PER_FILE}


def snapshot(ix: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under the index folder except the writer lock."""
    out = {}
    for p in sorted(ix.rglob("*")):
        if p.is_file() and not p.is_symlink() and p.name != ".lock":
            out[str(p.relative_to(ix))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _live(ix: Path) -> Path:
    return ix / "gen-000002"


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert found, (folder, pattern)
    return max(found, key=lambda p: p.stat().st_size)


def _flip(p: Path) -> None:
    b = bytearray(p.read_bytes())
    for i in range(len(b) // 3, 2 * len(b) // 3, 97):
        b[i] ^= 0xFF
    p.write_bytes(bytes(b))


def _truncate(p: Path, keep: int | None = None) -> None:
    b = p.read_bytes()
    p.write_bytes(b[: (len(b) - 1) if keep is None else keep])


def _dir_instead(p: Path) -> None:
    p.unlink()
    p.mkdir()


DAMAGE = {
    "current missing": lambda ix: (ix / "CURRENT").unlink(),
    "current empty": lambda ix: (ix / "CURRENT").write_bytes(b""),
    "current garbage": lambda ix: (ix / "CURRENT").write_bytes(b"\x00\xffgen-xyz"),
    "current dangling": lambda ix: (ix / "CURRENT").write_text("gen-000009\n"),
    "current is a folder": lambda ix: _dir_instead(ix / "CURRENT"),
    "live folder missing": lambda ix: shutil.rmtree(_live(ix)),
    "manifest missing": lambda ix: (_live(ix) / "manifest.json").unlink(),
    "manifest truncated": lambda ix: _truncate(_live(ix) / "manifest.json", 100),
    "manifest empty": lambda ix: (_live(ix) / "manifest.json").write_bytes(b""),
    "manifest not an object": lambda ix: (_live(ix) / "manifest.json").write_text("[1, 2]"),
    "segment missing": lambda ix: _one(_live(ix), "*.seg").unlink(),
    "segment truncated by one byte": lambda ix: _truncate(_one(_live(ix), "*.seg")),
    "segment bytes flipped": lambda ix: _flip(_one(_live(ix), "*.seg")),
    "segment replaced by a folder": lambda ix: _dir_instead(_one(_live(ix), "*.seg")),
    "toc missing": lambda ix: [p.unlink() for p in _live(ix).glob("*.toc")],
    "toc truncated": lambda ix: [_truncate(p, 50) for p in _live(ix).glob("*.toc")],
    "toc points at nothing": lambda ix: [p.rename(p.with_name("X" + p.name))
                                         for p in _live(ix).glob("*.seg")],
}


@pytest.fixture()
def damaged(base, tmp_path, request):
    ix = tmp_path / "ix"
    shutil.copytree(base["ix"], ix, symlinks=True)
    DAMAGE[request.param](ix)
    return ix


@pytest.mark.slow
@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_incremental_build_on_a_damaged_index_changes_nothing_and_says_why(base, damaged):
    before = snapshot(damaged)
    err = None
    try:
        build([base["new"]], damaged)
    except SearchAppError as e:
        err = e
    assert snapshot(damaged) == before  # nothing written, nothing deleted
    assert err is not None and getattr(err, "code", None) == "index_damaged", err
    assert "damaged" in err.message and "searchapp repair" in err.message
    # the older generation is named with what its manifest says (fourth fresh tester, F7: a
    # damage found by the sha256 check listed it as "gen-000001 (None articles, built None)")
    assert f"gen-000001 ({2 * PER_FILE} articles, built 20" in err.message, err.message
    assert "None" not in err.message, err.message


@pytest.mark.slow
@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_repair_restores_every_article_and_builds_work_again(base, damaged):
    from searchapp.index import open_index, repair

    out = repair(damaged)
    assert out["action"] == "reindex", out  # every recorded input still exists
    with open_index(damaged) as h:
        assert h.doc_count() == base["n"]  # the folder given to the builds, read again
    r = build([base["new"]], damaged)
    assert r.articles == base["n"] + 3 and r.added == 3


@pytest.mark.parametrize("damaged", ["segment bytes flipped", "manifest truncated"], indirect=True)
def test_recover_makes_the_newest_intact_generation_live(base, damaged):
    from searchapp.index import open_index, repair

    out = repair(damaged, "recover")
    assert out == {**out, "action": "recover", "generation": 1}
    with open_index(damaged) as h:
        assert h.doc_count() == 2 * PER_FILE  # gen-000001 was built before the third file


@pytest.mark.parametrize("damaged", ["segment truncated by one byte"], indirect=True)
def test_auto_repair_recovers_when_recorded_inputs_are_gone(base, damaged, tmp_path):
    from searchapp.index import repair
    from searchapp.index.health import inspect
    from searchapp.index.repair import repair_plan

    plan = repair_plan(inspect(damaged))
    assert plan.action == "reindex" and not plan.missing
    # one of the paths the index was built from is gone: re-indexing would lose its articles
    m = json.loads((damaged / "gen-000002" / "manifest.json").read_text())
    m["roots"].append(str(tmp_path / "gone"))
    (damaged / "gen-000002" / "manifest.json").write_text(json.dumps(m))
    plan = repair_plan(inspect(damaged))
    assert plan.action == "recover" and plan.missing == [str(tmp_path / "gone")]
    assert repair(damaged)["action"] == "recover"


def test_a_healthy_or_fresh_folder_needs_no_repair(base, tmp_path):
    from searchapp.index import repair

    ix = tmp_path / "ix"
    shutil.copytree(base["ix"], ix)
    before = snapshot(ix)
    assert repair(ix)["action"] == "none" and snapshot(ix) == before
    assert repair(tmp_path / "empty")["action"] == "none"


def test_killed_first_build_leftovers_are_not_damage(base, tmp_path):
    ix = tmp_path / "ix"
    (ix / "gen-000001").mkdir(parents=True)
    (ix / "gen-000001" / "_MAIN_1.toc").write_bytes(b"half written")
    r = build([base["new"]], ix)
    assert r.articles == 3 and r.generation == 2


def test_rebuild_replaces_a_damaged_index_with_a_warning_and_keeps_intact_generations(base, tmp_path):
    ix = tmp_path / "ix"
    shutil.copytree(base["ix"], ix)
    (ix / "CURRENT").unlink()
    r = build([base["new"]], ix, rebuild=True)
    assert r.articles == 3 and r.generation == 3
    assert "damaged" in (r.replaced_damage or "")
    assert (ix / "gen-000001").is_dir() and (ix / "gen-000002").is_dir()


@pytest.mark.slow
def test_cli_says_what_is_damaged_and_repairs_on_request(base, tmp_path):
    import subprocess
    import sys

    ix = tmp_path / "ix"
    shutil.copytree(base["ix"], ix)
    DAMAGE["segment bytes flipped"](ix)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "searchapp", *args, "--index", str(ix)],
                              capture_output=True, text=True, timeout=300)

    r = run("index", str(base["new"]))
    assert r.returncode == 2 and "damaged" in r.stderr and "searchapp repair" in r.stderr
    assert "gen-000001" in r.stderr and "sha256" in r.stderr
    assert run("repair", "--check").returncode == 1
    r = run("repair")
    assert r.returncode == 0 and "repaired" in r.stdout, r.stderr
    assert run("repair", "--check").returncode == 0
    r = run("search", "观察", "--json")
    assert r.returncode == 0


@pytest.mark.slow
def test_generations_written_incrementally_check_out_whole(base, tmp_path):
    """The sha256 recorded for a file linked from the previous generation is reused only while
    it is the same file: files rewritten in place of a link (the generation arrays) are hashed
    again, so the next deep check finds nothing wrong."""
    from searchapp.index.health import inspect

    ix = tmp_path / "ix"
    shutil.copytree(base["ix"], ix)
    write_jsonl_corpus(tmp_path / "a", "a", 1, 2)
    write_jsonl_corpus(tmp_path / "b", "b", 1, 2)
    assert build([tmp_path / "a"], ix).generation == 3
    assert build([tmp_path / "b"], ix).generation == 4
    health = inspect(ix, deep="all")
    assert not health.damaged and all(g.intact for g in health.generations), health.to_dict()


@pytest.mark.slow
def test_recover_without_an_intact_generation_points_at_the_reindex(base, tmp_path):
    # found by the fresh tester: it said "no recorded input path" while one was recorded
    from searchapp.index.health import inspect
    from searchapp.index.repair import repair_plan

    ix = tmp_path / "ix"
    build([base["corpus"]], ix)
    _flip(_one(ix / "gen-000001", "*.seg"))
    choice = repair_plan(inspect(ix, deep=True), "recover")
    assert choice.action is None
    assert "no recorded input path" not in choice.why and "searchapp repair --index" in choice.why


@pytest.mark.parametrize("damaged", ["segment bytes flipped", "segment truncated by one byte"],
                         indirect=True)
def test_a_search_that_reads_a_damaged_segment_says_damaged_not_internal_error(base, damaged):
    # Found by a fresh tester: a segment corrupted in place (same size, bytes flipped) opened
    # fine, then every search failed with "internal error: Error -3 while decompressing data".
    from searchapp.errors import IndexDamaged
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search import search

    seen: list[Exception] = []
    try:
        with open_index(damaged) as h:
            for q in ["观察", "网络", "安全", "发展", "工作"]:
                try:
                    r = search(h, SearchRequest(q=q, size=50, snippets=True))
                    for hit in r.hits:
                        h.get_article(hit.id)
                except Exception as e:  # noqa: BLE001 - the kind is what is tested
                    seen.append(e)
    except IndexDamaged as e:  # damage seen on opening already
        seen.append(e)
    assert seen, "the damage was never read: the test damaged nothing it reads"
    for e in seen:
        assert isinstance(e, IndexDamaged), repr(e)
        assert "damaged" in e.message and "searchapp repair" in e.message, e.message


def test_stats_over_damaged_segments_says_damaged(base, tmp_path):
    # found by the fresh tester: `stats` printed the counts and exit 0 while every search failed
    ix = tmp_path / "ix"
    shutil.copytree(base["ix"], ix)
    for seg in _live(ix).glob("*.seg"):  # every segment, most of each: stats reads them all
        b = bytearray(seg.read_bytes())
        for i in range(len(b) // 10, 9 * len(b) // 10, 97):
            b[i] ^= 0xFF
        seg.write_bytes(bytes(b))
    # in a fresh process, as `searchapp stats` runs (tests/engine/test_keys.py checks that the
    # engine's caches tell a copy of an index from the original)
    r = subprocess.run([sys.executable, "-c", STATS_PROBE, str(ix)], capture_output=True,
                       text=True, timeout=300, cwd=ROOT)
    assert r.stdout.strip() == "IndexDamaged" and "searchapp repair" in r.stderr, (r.stdout,
                                                                                   r.stderr)


STATS_PROBE = """
import sys
from searchapp.errors import IndexDamaged
from searchapp.index import index_info
try:
    index_info(sys.argv[1])
    print("no error")
except IndexDamaged as e:
    print("IndexDamaged")
    print(e.message, file=sys.stderr)
"""


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    """Two generations over a JSONL folder and a header-less TSV table that reads only with
    `--map category,body --title first-sentence` (recorded per file in the manifests)."""
    from searchapp.ingest import ReadOptions

    root = tmp_path_factory.mktemp("mapped")
    corpus, table = root / "corpus", root / "table"
    write_jsonl_corpus(corpus, "k", 1, PER_FILE)
    table.mkdir()
    body = "某市今年新建基站两千个，覆盖所有县城和重点乡镇，网络质量持续提升，运营商表示将继续加大投入。"
    rows = [f"{c}\t第{i}条新闻标题{body}" for i, c in enumerate(["体育", "财经", "科技"] * 4)]
    (table / "news.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ix = root / "ix"
    build([table], ix, options=ReadOptions(columns="category,body", title="first-sentence"))
    r = build([corpus], ix)  # no options: the table keeps its own
    assert r.articles == PER_FILE + 12 and r.generation == 2
    return {"ix": ix, "table": table, "corpus": corpus, "n": PER_FILE + 12}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["toc missing", "segment missing", "current missing",
                                  "segment bytes flipped"])
def test_repair_reads_each_file_with_the_options_it_was_indexed_with(mapped, tmp_path, kind):
    # fifth fresh tester, F1: after a lost TOC, `repair` re-read a table indexed with --map
    # without it, so its articles were refused and dropped (1,032 -> 32), "repaired", exit 0
    from searchapp.index import open_index, repair

    ix = tmp_path / "ix"
    shutil.copytree(mapped["ix"], ix, symlinks=True)
    DAMAGE[kind](ix)
    out = repair(ix)
    assert out["action"] == "reindex", out
    assert out["report"]["articles"] == mapped["n"] and not out["report"]["problems"], out
    with open_index(ix) as h:
        assert h.doc_count() == mapped["n"]
    # and a later build without options still keeps the table's
    r = build([mapped["table"], mapped["corpus"]], ix)
    assert r.articles == mapped["n"] and not r.problems


@pytest.mark.slow
def test_cli_repair_lists_what_it_could_not_read_and_exits_1(tmp_path):
    # fifth fresh tester, F1: a repair whose re-index refused a file said "repaired", exit 0
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    write_jsonl_corpus(corpus, "z", 1, 3)
    build([corpus], ix)
    (f,) = sorted(corpus.rglob("*.jsonl"))
    with f.open("a", encoding="utf-8") as out:
        out.write('{"title": "断行\n')  # a line cut short since the index was built
    for p in (ix / (ix / "CURRENT").read_text().strip()).glob("*.toc"):
        p.unlink()
    r = subprocess.run([sys.executable, "-m", "searchapp", "repair", "--index", str(ix)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert f"{f.name}:4:" in r.stderr, r.stderr
    assert "repaired" in r.stdout and "1 problem (listed above)" in r.stdout, r.stdout
