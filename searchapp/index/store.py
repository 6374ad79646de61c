"""On-disk layout of an index folder: generations, the CURRENT pointer, manifests, clean-up.

    <index_dir>/
      .lock            writer lock (searchapp.index_lock)
      CURRENT          one line: the live generation's folder name, e.g. "gen-000042"
      gen-000042/      a complete Whoosh index + manifest.json (never modified once live)
      gen-000041/      previous generations kept for readers still using them (KEEP_OLD)

A build writes a new `gen-N/` beside the live one, fsyncs it, then switches `CURRENT` with an
atomic `os.replace`. Readers only ever follow `CURRENT`, so a build killed at any moment leaves
the previous generation live and whole; its half-written folder is removed by the next build.

manifest.json (one per generation):
  {"format": 2, "generation": int, "built_at": ISO-8601 UTC, "fingerprint": str,
   "index_files": {file name: [size in bytes, sha256 hex]} of every Whoosh file of the folder
                  (format 2; `health` checks them before the generation is trusted),
   "roots": [real paths given to the builds it holds] (what `searchapp repair` re-indexes),
   "files": {abs_path: {"hash": sha256 hex, "size": int, "mtime_ns": int,
                        "ids": [article id, ...], "problems": [{file, line, reason}, ...],
                        "skipped": [ids skipped as already taken, ...]}},
   "articles": {article id: sha1 hex of the Article's JSON}}
generation.json (one per generation, written with the manifest): its small head — format,
  generation, built_at, fingerprint, schema signature, article count, and "index_sizes"
  ({file name: size in bytes}, from `index_files`) — what a reader checks when it opens the
  generation without parsing the manifest (megabytes for a large archive).

Every file written here goes through `files` (no link is ever written through).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from searchapp.archive import copies
from searchapp.index.files import (check_inside, copy_new, file_digest, fsync_path, new_folder,
                                   write_atomic)
from searchapp.index.spool import PREFIX as SPOOL_PREFIX
from searchapp.vocab.abbrev import FILE as ABBREV_FILE


CURRENT = "CURRENT"
MANIFEST = "manifest.json"
#: The manifest's head (everything but the per-file, per-article and index-file entries).
HEAD = "generation.json"
#: Generations kept besides the live one, so readers that opened them shortly before a switch
#: keep working (a reader re-checks CURRENT at least every 0.5 s and then moves on).
KEEP_OLD = 2
MANIFEST_FORMAT = 2
#: Manifest formats still read (1: before `index_files`; its generation is rebuilt in full
#: anyway, since the format is part of the fingerprint, but its file list is still used).
MANIFEST_FORMATS = (1, 2)
#: Files of a generation folder that are not part of its index (Whoosh's writer lock; the mined
#: abbreviation pairs, `index.mined`: damage there costs the pairs, not the index; the identical
#: copies, `archive.copies`: damage there lists every copy, nothing is lost).
NOT_INDEX_FILES = ("MAIN_WRITELOCK", ABBREV_FILE, copies.FILE)
#: Files searchapp derives from the Whoosh index (`sa-…` arrays: engine.store's genarrays,
#: postarrays, segtext): the engine checks their sizes and computes what they hold from the
#: index when they are missing or of another size, so that is no reason to refuse.
DERIVED_PREFIX = "sa-"
_GEN_RE = re.compile(r"^gen-(\d{6,})$")


def gen_name(n: int) -> str:
    """Folder name of generation `n` (int >= 1): "gen-000042"."""
    return f"gen-{n:06d}"


def gen_number(name: str) -> int | None:
    """Inverse of `gen_name`; None for anything else."""
    m = _GEN_RE.match(name)
    return int(m.group(1)) if m else None


def list_generations(index_dir: Path) -> list[int]:
    """Numbers of the generation folders present, ascending."""
    try:
        names = os.listdir(index_dir)
    except FileNotFoundError:
        return []
    return sorted(n for n in (gen_number(x) for x in names) if n is not None)


def read_current(index_dir: Path) -> str | None:
    """Name of the live generation folder, or None when there is no (valid) CURRENT pointer or
    it names a folder that is missing."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if gen_number(name) is None or not (index_dir / name).is_dir():
        return None
    return name


def fsync_tree(folder: Path) -> None:
    """fsync every file in `folder` (not recursive) and the folder itself (durability on power
    loss; a killed process needs none of this)."""
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False):
            fsync_path(Path(entry.path))
    fsync_path(folder, directory=True)


def switch_current(index_dir: Path, name: str) -> None:
    """Make generation folder `name` live: atomic replace of CURRENT (`files.write_atomic`).
    A folder found at the name (damage: `os.replace` cannot replace it) is renamed aside to
    `CURRENT.damaged-<time>`, never deleted."""
    path = index_dir / CURRENT
    check_inside(index_dir, path)
    if path.is_dir() and not path.is_symlink():
        os.rename(path, index_dir / f"{CURRENT}.damaged-{datetime.now().strftime('%Y%m%d%H%M%S%f')}")
    write_atomic(path, (name + "\n").encode("ascii"))


def write_manifest(gen_dir: Path, manifest: dict[str, Any]) -> None:
    """Store `manifest` (shape in the module docstring) as gen_dir/manifest.json, and its head
    as gen_dir/generation.json, UTF-8. A path that is not UTF-8 (os.fsdecode's lone surrogates)
    is written as a JSON \\u escape, which `read_manifest` reads back as the same string, so
    the files stay valid UTF-8 JSON. "generation", "built_at" and "index_files" are written
    last, in that order: a reader checks that the manifest is the head's own from its last
    bytes, without parsing it (`generation_health.quick_problems`)."""
    last = ("generation", "built_at", "index_files")  # the tail a reader checks (health)
    manifest = {**{k: v for k, v in manifest.items() if k not in last},
                **{k: manifest[k] for k in last if k in manifest}}
    check_inside(gen_dir.parent, gen_dir / MANIFEST)
    write_atomic(gen_dir / MANIFEST, _json_bytes(manifest, (",", ":")))
    head = {k: v for k, v in manifest.items() if k not in ("files", "articles", "index_files")}
    head["articles"] = len(manifest.get("articles") or {})
    recorded = manifest.get("index_files") or {}
    head["index_sizes"] = {name: entry[0] for name, entry in sorted(recorded.items())}
    check_inside(gen_dir.parent, gen_dir / HEAD)
    write_atomic(gen_dir / HEAD, _json_bytes(head, None))


def write_copies(gen_dir: Path, manifest: dict[str, Any]) -> None:
    """Write the new generation folder `gen_dir`'s identical-copies file (`archive.copies`:
    byte-identical files indexed under several paths) when the manifest's files hold any. A
    generation without the file has none (search lists every article); the folder is new and
    the file is never linked from the live generation (`link_or_copy_tree`), so there is no
    older one to remove."""
    found = copies.identical(manifest.get("files") or {})
    if found.hidden or found.also_in:
        check_inside(gen_dir.parent, gen_dir / copies.FILE)
        write_atomic(gen_dir / copies.FILE, copies.encode(found))


def _json_bytes(value: Any, separators: tuple[str, str] | None) -> bytes:
    """`value` as UTF-8 JSON; all-ASCII escapes when it holds a lone surrogate."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=separators).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, separators=separators).encode("ascii")


def read_head(gen_dir: Path) -> dict[str, Any] | None:
    """The generation's manifest head (`HEAD`; "articles" is the article count), read from the
    manifest itself for a generation written before the head existed; None when neither is
    readable or of another format."""
    try:
        m = json.loads((gen_dir / HEAD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        full = read_manifest(gen_dir)
        if full is None:
            return None
        return {**{k: v for k, v in full.items() if k not in ("files", "articles", "index_files")},
                "articles": len(full.get("articles") or {})}
    if not isinstance(m, dict) or m.get("format") != MANIFEST_FORMAT:
        return None
    return m


def read_manifest(gen_dir: Path) -> dict[str, Any] | None:
    """The generation's manifest, or None when missing/unreadable/of an unknown format."""
    try:
        m = json.loads((gen_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(m, dict) or m.get("format") not in MANIFEST_FORMATS:
        return None
    return m


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def index_files(gen_dir: Path, known: dict[str, list] | None = None,
                known_dir: Path | None = None) -> dict[str, list]:
    """{file name: [size, sha256 hex]} of the index files in `gen_dir` (regular files, not the
    manifest or its head, temp files or `NOT_INDEX_FILES`). The entry of `known` (the files of
    `known_dir`, just verified: the live generation's) is reused instead of hashing the file again when the
    file is still the very same file (a hard link to it), never for a file replaced since."""
    out: dict[str, list] = {}
    for entry in sorted(os.scandir(gen_dir), key=lambda e: e.name):
        name = entry.name
        if (not entry.is_file(follow_symlinks=False) or name in (MANIFEST, HEAD)
                or name in NOT_INDEX_FILES or name.startswith(".")):
            continue
        size = entry.stat(follow_symlinks=False).st_size
        prev = (known or {}).get(name)
        if prev and prev[0] == size and known_dir is not None and _same_file(
                Path(entry.path), known_dir / name):
            out[name] = [size, prev[1]]
        else:
            out[name] = [size, file_digest(Path(entry.path))]
    return out


def now_iso() -> str:
    """Current UTC time, ISO-8601 with seconds: "2026-11-29T19:42:16Z"."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def stale(index_dir: Path, live: str | None) -> list[Path]:
    """Leftovers of killed builds (or the work of a build running now): generation folders
    newer than the live one, then temp and spool files; [] when the folder does not exist."""
    live_n = gen_number(live) if live else 0
    out = [index_dir / gen_name(n) for n in list_generations(index_dir) if n > (live_n or 0)]
    try:
        entries = list(os.scandir(index_dir))
    except OSError:
        return out
    return out + [Path(e.path) for e in entries
                  if e.name.startswith((f".{CURRENT}.tmp-", SPOOL_PREFIX))]


def remove_stale(index_dir: Path, live: str | None) -> None:
    """Delete leftovers of killed builds (`stale`). Call only while holding the writer lock
    (readers never look past CURRENT)."""
    for p in stale(index_dir, live):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            try:
                os.unlink(p)
            except OSError:
                pass


def collect_garbage(index_dir: Path, live: str, keep_old: int = KEEP_OLD) -> list[str]:
    """Delete generation folders older than the `keep_old` newest ones before `live`.
    Returns the names deleted. Call only while holding the writer lock."""
    live_n = gen_number(live) or 0
    older = [n for n in list_generations(index_dir) if n < live_n]
    doomed = older[:-keep_old] if keep_old > 0 else older
    for n in doomed:
        shutil.rmtree(index_dir / gen_name(n), ignore_errors=True)
    return [gen_name(n) for n in doomed]


def link_or_copy_tree(src: Path, dst: Path) -> None:
    """Populate new folder `dst` with the Whoosh files of `src` for an incremental update.

    Segment files are hard-linked (Whoosh never rewrites a file once written: it creates new,
    randomly named segments and a new numbered TOC, then deletes what it no longer needs, and
    unlinking a hard link leaves the other generation's file intact). TOC files, the manifest
    and anything small are copied; lock files are skipped. Falls back to copying where the
    file system refuses hard links. New files only (`files.copy_new`); links in `src` are
    skipped. The identical-copies file is not carried over: each build writes its own."""
    new_folder(dst)
    for entry in os.scandir(src):
        if (not entry.is_file(follow_symlinks=False) or "LOCK" in entry.name
                or entry.name in (MANIFEST, HEAD, copies.FILE)):
            continue
        s, d = Path(entry.path), dst / entry.name
        if entry.name.endswith(".toc") or entry.name.startswith("."):
            copy_new(s, d)
            continue
        try:
            os.link(s, d, follow_symlinks=False)
        except OSError:
            copy_new(s, d)


def folder_size(folder: Path) -> int:
    """Total bytes of the regular files in `folder` (not recursive)."""
    total = 0
    try:
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
    except FileNotFoundError:
        pass
    return total
