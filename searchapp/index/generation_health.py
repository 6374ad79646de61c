"""Is one generation folder intact? Its folder, its manifest and the index files it records.

    check_generation(gen_dir, deep=False) -> GenerationState
    quick_problems(gen_dir, head) -> [str]     the cheap check a reader runs when it opens
    regular_file(path) -> (problem | None, size)

A generation is *intact* when its folder is a real folder (not a link), its `manifest.json` is
a readable manifest, every index file the manifest records (`index_files`: name → [size,
sha256]) is a regular file of that size — and, with `deep`, of that sha256, opens with the
engine and holds as many documents as the manifest lists articles. searchapp's own arrays
derived from the Whoosh index (`DERIVED_PREFIX`) are the exception for absence: one missing
or of another size is a `note`, not damage, because the engine checks their sizes itself and
computes what they hold from the index instead (slower first queries); one of its recorded
size whose bytes changed is damage like any other file (`deep`: the engine could not tell). Manifests written before
`index_files` existed (format 1) are checked by opening the index.

A manifest must also *belong* to its generation (`foreign_manifest`): the generation it records
and its build time are those of the folder's `generation.json` (written with it, in the same
step) and of the folder's number, and the index files it records are those `generation.json`
lists. One copied in from another index or another generation (a restore that mixed two
backups) is damage named as such — not "index files missing" — and its input paths are not
this index's, so `repair` never re-indexes them (`index.repair`). So too when the manifest
and generation.json agree but not one of the index files they record is in the folder, which
holds others: one side was copied in from elsewhere, and which cannot be told. Nothing here writes, and
nothing opens a file that is not a regular file (a FIFO in place of a segment would block).
"""
from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from searchapp import engine
from searchapp.index.files import file_digest, regular_file
from searchapp.index.manifest_ties import (describe_foreign, describe_other_files, foreign_manifest,
                                           head_tied, manifest_tail, mismatch, none_present,
                                           own_head, unrecorded)
from searchapp.index.store import DERIVED_PREFIX, MANIFEST, MANIFEST_FORMATS, gen_number

__all__ = ["GenerationState", "check_generation", "quick_problems", "regular_file",
           "foreign_manifest", "DERIVED_PREFIX"]

@dataclass
class GenerationState:
    """One generation folder: `problems` (empty = intact), `notes` (derived arrays missing or
    resized: searches work without them, slower), and from its manifest the number of
    `articles`, `built_at` and the recorded input `files` (absolute paths)."""

    name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    articles: int | None = None
    built_at: str | None = None
    files: list[str] = field(default_factory=list)
    #: why its manifest.json is not this generation's (`foreign_manifest`), else None; its
    #: recorded input files are then not this index's (`repair` never re-indexes them), and
    #: `articles`, `built_at` and `roots` come from the folder's own generation.json
    foreign: str | None = None
    #: the input paths given to its builds, from its own generation.json when the manifest is
    #: foreign (else from the manifest)
    roots: list[str] = field(default_factory=list)
    #: True when the manifest and generation.json agree with each other but none of the index
    #: files they record is in the folder, which holds others (`foreign` says so): which side
    #: is this index's cannot be told
    other_files: bool = False

    @property
    def intact(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        """`gen-000041 (42 articles, built 2026-12-06T20:54:57Z)` or its problems."""
        if self.intact:
            return f"{self.name} ({self.articles} articles, built {self.built_at})"
        return f"{self.name}: " + "; ".join(self.problems)


def _folder_problem(path: Path) -> str | None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "the folder is missing"
    except OSError as e:
        return f"the folder cannot be read ({e.strerror})"
    if stat.S_ISLNK(st.st_mode):
        return "the folder is a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    if not os.access(path, os.R_OK | os.X_OK):
        return "the folder cannot be read (permission denied)"
    return None


def _manifest(gen_dir: Path) -> tuple[dict[str, Any] | None, str | None]:
    why, _ = regular_file(gen_dir / MANIFEST)
    if why:
        return None, f"{MANIFEST} {why}"
    try:
        fd = os.open(gen_dir / MANIFEST, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            m = json.loads(f.read().decode("utf-8"))
    except OSError as e:
        return None, f"{MANIFEST} cannot be read ({e.strerror})"
    except ValueError as e:
        return None, f"{MANIFEST} is not valid JSON ({type(e).__name__})"
    if (not isinstance(m, dict) or m.get("format") not in MANIFEST_FORMATS
            or not isinstance(m.get("articles"), dict) or not isinstance(m.get("files"), dict)):
        return None, f"{MANIFEST} is not a searchapp manifest"
    return m, None


def _index_files(gen_dir: Path, recorded: dict[str, Any], deep: bool
                 ) -> tuple[list[str], list[str]]:
    """(problems, notes) of the index files `recorded` ({name: [size, sha256]}): notes for
    `DERIVED_PREFIX` arrays missing or of another size (module docstring)."""
    problems: list[str] = []
    notes: list[str] = []
    for name, entry in sorted(recorded.items()):
        try:
            size, digest = int(entry[0]), str(entry[1])
        except (TypeError, ValueError, IndexError):
            problems.append(f"{MANIFEST} records index file {name!r} unreadably")
            continue
        path = gen_dir / name
        if os.path.dirname(name) or name in ("", ".", ".."):
            problems.append(f"{MANIFEST} records an index file outside the folder ({name!r})")
            continue
        why, got = regular_file(path)
        if why is None and got != size:
            why = f"has {got} bytes instead of {size} (truncated or rewritten)"
        if why is not None and name.startswith(DERIVED_PREFIX):
            notes.append(f"derived file {name} {why}: searches compute what it holds from the "
                         "index (slower first queries); the next build writes it again")
            continue
        if why is None and deep:
            try:
                if file_digest(path) != digest:
                    why = "does not match its recorded sha256 (its bytes changed)"
            except OSError as e:
                why = f"cannot be read ({e.strerror})"
        if why:
            problems.append(f"index file {name} {why}")
    return problems, notes


def _opens(gen_dir: Path, articles: int) -> list[str]:
    try:
        with engine.open_generation(gen_dir) as gen:
            s = gen.searcher()
            try:
                n = engine.doc_count(s)
            finally:
                s.close()
    except Exception as e:  # noqa: BLE001 - whatever Whoosh raises, the generation is unusable
        return [f"the index cannot be opened ({type(e).__name__}: {str(e)[:160]})"]
    if n != articles:
        return [f"the index holds {n} documents but its manifest lists {articles} articles"]
    return []


def check_generation(gen_dir: Path, deep: bool = False) -> GenerationState:
    """The state of one generation folder (module docstring). `deep`: also compare every index
    file's sha256 and open the index (reads the whole index once: ~0.6 s per 400 MB)."""
    g = GenerationState(gen_dir.name)
    why = _folder_problem(gen_dir)
    if why:
        g.problems.append(why)
        return g
    m, why = _manifest(gen_dir)
    if m is None:
        g.problems.append(why or "manifest unreadable")
        return g
    g.articles, g.built_at, g.files = len(m["articles"]), m.get("built_at"), sorted(m["files"])
    g.roots = sorted(str(r) for r in m.get("roots") or [])
    head = own_head(gen_dir)
    head = head if head and head_tied(gen_dir, head) else None
    g.foreign = foreign_manifest(gen_dir, m, head) if head else None
    if g.foreign and head:  # judge the folder by its own head; the manifest vouches for nothing
        g.problems.append(g.foreign)
        g.articles, g.built_at = head.get("articles"), head.get("built_at")
        g.roots = sorted(str(r) for r in head.get("roots") or [])
        own = head.get("index_sizes")
        if isinstance(own, dict):
            g.problems += _index_files(gen_dir, {str(k): (v, "") for k, v in own.items()},
                                       False)[0]
        return g
    recorded = m.get("index_files")
    if isinstance(recorded, dict) and recorded:
        problems, g.notes = _index_files(gen_dir, recorded, deep)
        g.problems += problems
        others = unrecorded(gen_dir, recorded) if problems else []
        if others and none_present(gen_dir, recorded):
            g.foreign, g.other_files = describe_other_files(recorded, others), True
            g.problems = [g.foreign]
    elif m.get("format", 1) >= 2:
        g.problems.append(f"{MANIFEST} records no index files")
    if not g.problems and (deep or not isinstance(recorded, dict)):
        g.problems += _opens(gen_dir, g.articles)
    return g


def quick_problems(gen_dir: Path, head: dict[str, Any]) -> list[str]:
    """What a reader can see is wrong with generation folder `gen_dir` without parsing its
    manifest or reading its index files (a stat per file, a few ms even at 100k articles):
    `manifest.json` missing or not a regular file, and a Whoosh index file of the head's
    "index_sizes" ({name: bytes}; heads written before it have none: nothing more is checked)
    missing or of another size — `check_generation`'s own file check (`_index_files`, not
    deep), on the sizes the head repeats, so derived arrays missing or resized are notes here
    too, not problems; and a manifest whose generation and build time (read from its last
    `TAIL_BYTES`, where `write_manifest` puts them) are not the head's: another index's or
    generation's (`foreign_manifest`). Empty when nothing is seen
    wrong, which does not prove the bytes intact (only `inspect(deep=True)` does). Never
    raises."""
    why, _ = regular_file(gen_dir / MANIFEST)
    problems = [f"{MANIFEST} {why}"] if why else []
    tail = manifest_tail(gen_dir) if not why and head.get("built_at") else None
    if tail is not None and mismatch(gen_number(gen_dir.name), head, *tail):
        problems.append(describe_foreign(head, tail[0], tail[1], None))
    sizes = head.get("index_sizes")
    if isinstance(sizes, dict):
        problems += _index_files(gen_dir, {str(name): (size, "")
                                           for name, size in sizes.items()}, False)[0]
    return problems
