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
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from searchapp import engine
from searchapp.index.files import file_digest
from searchapp.index.store import HEAD, MANIFEST, MANIFEST_FORMATS, NOT_INDEX_FILES, gen_number

__all__ = ["GenerationState", "check_generation", "quick_problems", "regular_file",
           "foreign_manifest", "DERIVED_PREFIX"]

#: Files searchapp derives from the Whoosh index (`sa-…` arrays: engine.store's genarrays,
#: postarrays, segtext): the engine checks their sizes and computes what they hold from the
#: index when they are missing or of another size, so that is no reason to refuse.
DERIVED_PREFIX = "sa-"


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


def regular_file(path: Path) -> tuple[str | None, int]:
    """(what is wrong with `path` as a regular file or None, its size)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "is missing", 0
    except OSError as e:
        return f"cannot be read ({e.strerror})", 0
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link", 0
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file", 0
    return None, st.st_size


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


def _own_head(gen_dir: Path) -> dict[str, Any] | None:
    """The folder's generation.json as written (no fallback to the manifest), or None."""
    why, _ = regular_file(gen_dir / HEAD)
    if why:
        return None
    try:
        fd = os.open(gen_dir / HEAD, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            head = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return head if isinstance(head, dict) else None


def _mismatch(folder: int | None, head: dict[str, Any], generation: Any, built_at: Any,
              sizes: dict[str, int] | None) -> bool:
    """True when a manifest recording (`generation`, `built_at`, index file `sizes`) is not the
    one written with `head` in folder number `folder`."""
    if isinstance(generation, int) and folder is not None and generation != folder:
        return True
    if head.get("generation") is not None and generation != head.get("generation"):
        return True
    if head.get("built_at") is not None and built_at != head.get("built_at"):
        return True
    own = head.get("index_sizes")
    return isinstance(own, dict) and sizes is not None and sizes != own


def _describe_foreign(head: dict[str, Any], generation: Any, built_at: Any,
                      articles: int | None) -> str:
    held = f" ({articles} articles)" if articles is not None else ""
    return (f"{MANIFEST} belongs to another index or generation: it records generation "
            f"{generation} built {built_at}{held}, while this folder's {HEAD} and index files "
            f"are generation {head.get('generation')} built {head.get('built_at')} "
            f"({head.get('articles')} articles) — a manifest copied in from elsewhere (a "
            f"restore that mixed two copies?)")


def foreign_manifest(gen_dir: Path, m: dict[str, Any],
                     head: dict[str, Any] | None = None) -> str | None:
    """Why the parsed manifest `m` of generation folder `gen_dir` is not that generation's own
    (module docstring), or None when it is, or when the folder has no readable generation.json
    to compare with (generations written before it: nothing more can be told). `head`: the
    folder's generation.json, read here when not given."""
    head = head if head is not None else _own_head(gen_dir)
    if not head:
        return None
    recorded = m.get("index_files")
    sizes = None
    if isinstance(recorded, dict):
        try:
            sizes = {str(k): int(v[0]) for k, v in recorded.items()}
        except (TypeError, ValueError, IndexError):
            sizes = None
    articles = m.get("articles")
    if not _mismatch(gen_number(gen_dir.name), head, m.get("generation"), m.get("built_at"),
                     sizes):
        return None
    return _describe_foreign(head, m.get("generation"), m.get("built_at"),
                             len(articles) if isinstance(articles, dict) else None)


def _head_tied(gen_dir: Path, head: dict[str, Any]) -> bool:
    """True when generation.json `head` is the folder's own: it names the folder's generation
    number, and (when it lists index files) one of its Whoosh index files is there at its
    size. A head that is not vouches for nothing, so a manifest is not judged by it."""
    if head.get("generation") not in (None, gen_number(gen_dir.name)):
        return False
    sizes = head.get("index_sizes")
    if not isinstance(sizes, dict) or not sizes:
        return True
    return not _none_present(gen_dir, {str(k): (v, "") for k, v in sizes.items()})


def _none_present(gen_dir: Path, recorded: dict[str, Any]) -> bool:
    """True when not one of the Whoosh index files `recorded` ({name: [size, sha256]}, derived
    arrays aside) is in `gen_dir` at its recorded size."""
    names = [n for n in recorded if not n.startswith(DERIVED_PREFIX)]

    def there(name: str) -> bool:
        why, size = regular_file(gen_dir / name)
        try:
            return why is None and size == int(recorded[name][0])
        except (TypeError, ValueError, IndexError):
            return False

    return bool(names) and not any(there(n) for n in names)


def _unrecorded(gen_dir: Path, recorded: dict[str, Any]) -> list[str]:
    """The index files of `gen_dir` that `recorded` does not list (regular files; not the
    manifest, its head, `NOT_INDEX_FILES`, derived arrays or hidden files), sorted."""
    try:
        entries = list(os.scandir(gen_dir))
    except OSError:
        return []
    return sorted(e.name for e in entries
                  if e.is_file(follow_symlinks=False) and e.name not in recorded
                  and e.name not in (MANIFEST, HEAD, *NOT_INDEX_FILES)
                  and not e.name.startswith((DERIVED_PREFIX, ".")))


def _describe_other_files(recorded: dict[str, Any], others: list[str]) -> str:
    kept = sorted(n for n in recorded if not n.startswith(DERIVED_PREFIX))
    return (f"none of the {len(kept)} index files {MANIFEST} and {HEAD} record is here as "
            f"recorded (e.g. {kept[0]}), while the folder holds {len(others)} "
            f"other{'s' * (len(others) != 1)} (e.g. {others[0]}): the "
            f"two files and the index files belong to different indexes or generations (a "
            f"restore that mixed two copies?)")


#: How much of the manifest's end a reader reads to find the generation and build time it
#: records (`write_manifest` writes "generation", "built_at", "index_files" last; the index
#: files of a 100k-article generation take ~5 KB).
TAIL_BYTES = 64 * 1024
_TAIL_RE = re.compile(rb'"generation":(\d+),"built_at":("[^"\\]*"),"index_files":(?=\{)')


def _manifest_tail(gen_dir: Path) -> tuple[int, str, dict[str, int] | None] | None:
    """(generation, built_at, {index file: size} or None) read from the end of the manifest;
    None when not found there."""
    try:
        fd = os.open(gen_dir / MANIFEST, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            f.seek(max(0, size - TAIL_BYTES))
            tail = f.read(TAIL_BYTES)
    except OSError:
        return None
    found = list(_TAIL_RE.finditer(tail))
    if not found:
        return None
    last = found[-1]
    try:
        generation, built_at = int(last.group(1)), json.loads(last.group(2))
    except ValueError:
        return None
    try:
        files, _ = json.JSONDecoder().raw_decode(tail[last.end():].decode("utf-8"))
        sizes = {str(k): int(v[0]) for k, v in files.items()}
    except (ValueError, TypeError, IndexError, AttributeError):
        sizes = None
    return generation, built_at, sizes


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
    head = _own_head(gen_dir)
    head = head if head and _head_tied(gen_dir, head) else None
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
        others = _unrecorded(gen_dir, recorded) if problems else []
        if others and _none_present(gen_dir, recorded):
            g.foreign, g.other_files = _describe_other_files(recorded, others), True
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
    tail = _manifest_tail(gen_dir) if not why and head.get("built_at") else None
    if tail is not None and _mismatch(gen_number(gen_dir.name), head, *tail):
        problems.append(_describe_foreign(head, tail[0], tail[1], None))
    sizes = head.get("index_sizes")
    if isinstance(sizes, dict):
        problems += _index_files(gen_dir, {str(name): (size, "")
                                           for name, size in sizes.items()}, False)[0]
    return problems
