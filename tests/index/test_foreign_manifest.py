"""A generation folder holding another index's manifest.json (a restore that mixed two backups):
`search`, `stats` and `repair --check` give the same verdict, naming the manifest as another
index's, and `repair` never re-indexes the other index's input files in place of this one's
(it changes nothing and names the command that re-indexes this index's own inputs)."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.errors import IndexDamaged, SearchAppError
from searchapp.index import build, index_info, open_index, repair
from searchapp.index.health import inspect

from helpers import write_jsonl_corpus


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """Index A (one generation, 10 articles from corpus_a) and index B (three generations from
    corpus_b: its manifest records generation 3 and B's input paths)."""
    root = tmp_path_factory.mktemp("foreign")
    a_in, b_in = root / "corpus_a", root / "corpus_b"
    write_jsonl_corpus(a_in, "a", 2, 5)
    write_jsonl_corpus(b_in, "b", 1, 4)
    build([a_in], root / "A")
    build([b_in], root / "B")
    for extra in ("b2", "b3"):
        write_jsonl_corpus(b_in / extra, extra, 1, 3)
        build([b_in], root / "B")
    assert (root / "B" / "gen-000003" / "manifest.json").is_file()
    return root


def _mixed(pair: Path, tmp_path: Path, same_stamp: bool = False) -> Path:
    """A copy of index A whose live generation holds B's live manifest. `same_stamp`: the
    foreign manifest also claims A's generation number and build time (only its index files
    then tell it apart)."""
    ix = tmp_path / "ix"
    shutil.copytree(pair / "A", ix)
    foreign = json.loads((pair / "B" / "gen-000003" / "manifest.json").read_text("utf-8"))
    if same_stamp:
        head = json.loads((ix / "gen-000001" / "generation.json").read_text("utf-8"))
        foreign.update(generation=head["generation"], built_at=head["built_at"])
        (ix / "gen-000001" / "manifest.json").write_text(
            json.dumps(foreign, separators=(",", ":")), "utf-8")
    else:
        shutil.copyfile(pair / "B" / "gen-000003" / "manifest.json",
                        ix / "gen-000001" / "manifest.json")
    return ix


def _snapshot(ix: Path) -> dict[str, str]:
    return {str(p.relative_to(ix)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(ix.rglob("*")) if p.is_file() and p.name != ".lock"}


def _cli(ix: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "searchapp", *args, "--index", str(ix)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("same_stamp", [False, True], ids=["other-build", "same-stamp"])
def test_search_stats_and_check_name_the_foreign_manifest_alike(pair, tmp_path, same_stamp):
    ix = _mixed(pair, tmp_path, same_stamp)
    health = inspect(ix, deep="all")
    assert health.damaged
    verdict = "manifest.json belongs to another index or generation"
    assert any(verdict in p for p in health.problems())
    assert not any("is missing" in p for p in health.problems())  # not blamed on segments
    with pytest.raises(IndexDamaged) as reader:
        open_index(ix)
    with pytest.raises(IndexDamaged) as stats:
        index_info(ix)
    assert verdict in reader.value.message and reader.value.message == stats.value.message
    check = _cli(ix, "repair", "--check")
    assert check.returncode == 1 and check.stdout.strip() == reader.value.message
    search = _cli(ix, "search", "观察")
    assert search.returncode != 0 and verdict in search.stderr


@pytest.mark.slow
def test_repair_keeps_this_index_and_names_its_own_inputs(pair, tmp_path):
    ix = _mixed(pair, tmp_path)
    before = _snapshot(ix)
    for mode in ("auto", "reindex", "recover"):
        with pytest.raises(SearchAppError) as e:
            repair(ix, mode)
        assert "belongs to another index" in e.value.message
        assert str(pair / "corpus_b") not in e.value.message
        assert f"searchapp index --rebuild --index {ix} {pair / 'corpus_a'}" in e.value.message
    r = _cli(ix, "repair")
    assert r.returncode == 2 and str(pair / "corpus_a") in r.stderr
    assert _snapshot(ix) == before  # nothing written or deleted

    rebuilt = _cli(ix, "index", "--rebuild", str(pair / "corpus_a"))
    assert rebuilt.returncode == 0, rebuilt.stderr
    with open_index(ix) as h:
        assert h.doc_count() == 10
        assert h.get_article("a0-0") is not None and h.get_article("b0-0") is None


@pytest.mark.slow
def test_an_intact_own_generation_is_still_offered(pair, tmp_path):
    """The foreign manifest is in the live generation; an older generation of this index is
    whole: recovering to it is possible, and its own inputs are what a re-index reads."""
    ix = tmp_path / "ix"
    shutil.copytree(pair / "A", ix)
    write_jsonl_corpus(pair / "corpus_a" / "later", "al", 1, 2)
    try:
        build([pair / "corpus_a"], ix)
    finally:
        shutil.rmtree(pair / "corpus_a" / "later")
    shutil.copyfile(pair / "B" / "gen-000003" / "manifest.json", ix / "gen-000002" / "manifest.json")
    out = repair(ix, "auto")
    assert out["action"] == "reindex"
    with open_index(ix) as h:
        assert h.get_article("a0-0") is not None and h.get_article("b0-0") is None


@pytest.mark.slow
def test_manifest_and_head_both_from_another_index_are_not_reindexed(pair, tmp_path):
    """generation.json copied in with the manifest: they agree, but none of the index files they
    record is in the folder, which holds others. Which side is this index's cannot be told, so
    nothing is re-indexed automatically; search and repair --check say the same."""
    ix = tmp_path / "ix"
    shutil.copytree(pair / "A", ix)
    for name in ("manifest.json", "generation.json"):
        shutil.copyfile(pair / "B" / "gen-000003" / name, ix / "gen-000001" / name)
    before = _snapshot(ix)
    with pytest.raises(IndexDamaged) as reader:
        open_index(ix)
    assert "belong to different indexes or generations" in reader.value.message
    assert _cli(ix, "repair", "--check").stdout.strip() == reader.value.message
    for mode in ("auto", "reindex"):
        with pytest.raises(SearchAppError) as e:
            repair(ix, mode)
        assert "nothing was re-indexed automatically" in e.value.message
    assert _snapshot(ix) == before
