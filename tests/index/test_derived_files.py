"""searchapp's own arrays beside a generation's Whoosh files (`sa-…`: generation arrays,
posting arrays, segment texts) are derived: the engine checks their sizes and computes what
they hold from the index when they are missing or resized. The damage rule agrees with that
everywhere — the reader's check at open, `repair --check` and a build's check of the live
generation: such a file is a note, not damage; one whose bytes changed at its recorded size is
damage (the engine could not tell)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchapp.cli import main
from searchapp.index import build, open_index
from searchapp.index.health import check_generation, inspect
from searchapp.request import SearchRequest
from searchapp.search import search

from helpers import write_jsonl_corpus

pytestmark = pytest.mark.slow  # a real index built for the module

QUERIES = ["网络", "安全", "发展", "5G"]


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("derived")
    write_jsonl_corpus(root / "corpus", "d", 2, 40)
    build([root / "corpus"], root / "ix")
    return root


def _answers(ix: Path) -> list[list[str]]:
    with open_index(ix) as h:
        return [[x.id for x in search(h, SearchRequest(q=q, size=50)).hits] for q in QUERIES]


def _copy(whole: Path, dest: Path) -> tuple[Path, Path]:
    shutil.copytree(whole / "ix", dest)
    return dest, dest / (dest / "CURRENT").read_text().strip()


def test_derived_files_missing_or_resized_are_notes_and_searches_answer_the_same(whole,
                                                                                 tmp_path):
    ix, gen = _copy(whole, tmp_path / "ix")
    before = _answers(ix)
    derived = sorted(gen.glob("sa-*"))
    assert len(derived) > 10, derived
    (gen / "sa-gen.rank_oldest").unlink()
    pdocs = next(gen.glob("sa-*.pdocs"))
    pdocs.write_bytes(pdocs.read_bytes()[:-4])
    state = check_generation(gen, deep=True)
    assert state.intact, state.problems
    assert any("sa-gen.rank_oldest is missing" in n for n in state.notes), state.notes
    assert any(pdocs.name in n and "instead of" in n for n in state.notes), state.notes
    assert not inspect(ix, deep="all").damaged
    assert _answers(ix) == before
    r = CliRunner().invoke(main, ["repair", "--check", "--index", str(ix)])
    assert r.exit_code == 0, r.output
    assert f"note: {gen.name}: derived file sa-gen.rank_oldest is missing" in r.output
    assert "the next build writes it again" in r.output  # as it does (below)
    # a build is not refused: it adds to the index
    report = build([whole / "corpus"], ix, rebuild=True)
    assert report.generation == 2 and not check_generation(ix / "gen-000002", deep=True).notes


def test_a_derived_file_changed_in_place_is_damage(whole, tmp_path):
    ix, gen = _copy(whole, tmp_path / "ix")
    target = gen / "sa-gen.rank_newest"
    b = bytearray(target.read_bytes())
    b[:8] = bytes(8) if any(b[:8]) else b"\x01" * 8
    target.write_bytes(bytes(b))
    state = check_generation(gen, deep=True)
    assert any("sa-gen.rank_newest does not match its recorded sha256" in p
               for p in state.problems), state.problems
    r = CliRunner().invoke(main, ["repair", "--check", "--index", str(ix)])
    assert r.exit_code == 1 and "damaged" in r.output


@pytest.mark.parametrize("change", ["nothing", "an unreadable file"])
def test_the_next_build_writes_missing_derived_files_again(whole, tmp_path, change):
    """Before, an incremental build that rewrote no segment linked the live generation's files
    as they were: the lacking file stayed missing, and the new manifest, recording only what
    was there, gave `repair --check` nothing to note. An unchanged corpus was a no-op."""
    ix, gen = _copy(whole, tmp_path / "ix")
    before = _answers(ix)
    (gen / "sa-gen.rank_oldest").unlink()
    pdocs = next(gen.glob("sa-*.pdocs"))
    pdocs.unlink()
    cut = next(gen.glob("sa-*.ptf"))
    cut_bytes = cut.read_bytes()
    cut.write_bytes(cut_bytes[:-4])  # resized: left aside by readers, written anew
    paths = [whole / "corpus"]
    if change != "nothing":
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
        paths.append(tmp_path / "more")
    report = build(paths, ix)
    assert not report.noop and report.generation == 2
    assert report.added == report.updated == report.removed == 0
    new = ix / "gen-000002"
    assert (new / "sa-gen.rank_oldest").is_file() and (new / pdocs.name).is_file()
    assert not check_generation(new, deep=True).notes
    assert (new / cut.name).read_bytes() == cut_bytes and len(cut.read_bytes()) == len(cut_bytes) - 4
    assert any("sa-gen.rank_oldest" in w and "written again" in w for w in report.warnings), \
        report.warnings
    assert _answers(ix) == before
    assert build(paths, ix).noop  # and the one after has nothing to do
