"""The index writes only inside its own folder and never through a link: a symbolic or hard link
planted at any name the build writes is refused or replaced, never written through, and every
file the build opens for writing is opened without following links (audit hook)."""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from searchapp.errors import SearchAppError
from searchapp.index import build

from helpers import write_jsonl_corpus

SECRET = "precious data\n"


@pytest.fixture()
def setup(tmp_path):
    corpus = tmp_path / "corpus"
    write_jsonl_corpus(corpus, "k", 2, 5)
    victim = tmp_path / "victim.txt"
    victim.write_text(SECRET)
    return corpus, tmp_path / "ix", victim


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
@pytest.mark.parametrize("existing", [False, True])
def test_a_link_at_the_lock_is_never_written_through(setup, kind, existing):
    corpus, ix, victim = setup
    if existing:
        build([corpus], ix)
        (ix / ".lock").unlink()
    ix.mkdir(exist_ok=True)
    (os.symlink if kind == "symlink" else os.link)(victim, ix / ".lock")
    with pytest.raises(SearchAppError) as e:
        build([corpus], ix, rebuild=True)
    assert victim.read_text() == SECRET
    assert ".lock" in e.value.message and "link" in e.value.message


def _plant(ix: Path, name: str, victim: Path) -> None:
    """A symbolic link at `name` in the index folder pointing at the victim (its folder for a
    generation folder name)."""
    target = victim.parent / "outside" if name.startswith("gen-") else victim
    target.mkdir(exist_ok=True) if name.startswith("gen-") else None
    p = ix / name
    if p.exists() or p.is_symlink():
        p.unlink()
    os.symlink(target, p)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["CURRENT", "gen-000001/manifest.json", "gen-000002",
                                  "gen-000001/_MAIN_1.toc"])
def test_links_planted_at_index_names_are_never_written_through(setup, name):
    corpus, ix, victim = setup
    build([corpus], ix)
    _plant(ix, name, victim)
    outside = victim.parent / "outside"
    write_jsonl_corpus(corpus / "more", "m", 1, 3)
    try:
        build([corpus], ix)
    except SearchAppError as e:  # a damaged folder is refused, and says so
        assert "damaged" in e.message
    assert victim.read_text() == SECRET
    assert not outside.exists() or not any(outside.iterdir())


_RECORDING: list | None = None
_HOOKED = False


def _hook(event, args):
    if event == "open" and _RECORDING is not None and args[0] is not None:
        path, mode, flags = args
        if isinstance(path, int):
            return
        writing = (flags & (os.O_WRONLY | os.O_RDWR)) if mode is None else any(c in str(mode) for c in "wax+")
        if writing:
            _RECORDING.append((os.fsdecode(path), mode, flags, threading.current_thread().name))


@pytest.mark.slow
def test_every_write_of_a_build_is_inside_the_index_and_follows_no_link(setup, tmp_path, monkeypatch):
    global _HOOKED
    corpus, ix, _ = setup
    monkeypatch.setenv("SEARCHAPP_CACHE", str(tmp_path / "cache"))
    if not _HOOKED:
        sys.addaudithook(_hook)
        _HOOKED = True
    seen = []

    def recorded(*args, **kw):
        global _RECORDING
        _RECORDING = []
        try:
            build(*args, **kw)
            seen.extend(_RECORDING)
        finally:
            _RECORDING = None

    recorded([corpus], ix)  # full
    write_jsonl_corpus(corpus / "more", "m", 1, 3)
    recorded([corpus], ix)  # incremental: the live generation's files linked and copied
    recorded([corpus], ix, rebuild=True)
    root = os.path.realpath(ix)
    cache = os.path.realpath(tmp_path / "cache")
    assert seen
    for path, mode, flags in [(p, m, f) for p, m, f, _ in seen]:
        real = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        if real.startswith(cache):
            continue
        assert real == root or real.startswith(root + os.sep), path
        assert flags is not None and flags & (os.O_NOFOLLOW | os.O_EXCL), (path, mode, flags)
