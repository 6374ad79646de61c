"""Does a generation's manifest.json belong to it? What ties a manifest to its generation folder.

    own_head(gen_dir) -> dict | None              generation.json as written
    head_tied(gen_dir, head) -> bool              that head is the folder's own
    foreign_manifest(gen_dir, m, head) -> str | None   why manifest `m` is not the folder's
    manifest_tail(gen_dir) -> (generation, built_at, sizes) | None   a reader's cheap look
    none_present / unrecorded / describe_other_files   index files recorded vs. present

`manifest.json` and `generation.json` (its head) are written in the same step
(`store.write_manifest`), and the head lists the generation's index files with their sizes; a
manifest is the folder's own when it records the folder's generation number, the head's
generation and build time, and the head's index files at the same sizes. One copied in from
another index or generation (a restore that mixed two backups) is damage named as such, and its
input paths never fed this index (`repair` never re-indexes them). The head judged by must be
the folder's own too (`head_tied`). When both were copied in, they agree, but not one of the
index files they record is in the folder at its size while others are: which side is this
index's cannot be told (`describe_other_files`). docs/index.md, "Damage and repair". Nothing
here writes; every file is opened without following a link.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from searchapp.index.files import regular_file
from searchapp.index.store import DERIVED_PREFIX, HEAD, MANIFEST, NOT_INDEX_FILES, gen_number

__all__ = ["own_head", "head_tied", "mismatch", "describe_foreign", "foreign_manifest",
           "none_present", "unrecorded", "describe_other_files", "manifest_tail", "TAIL_BYTES"]


def own_head(gen_dir: Path) -> dict[str, Any] | None:
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


def mismatch(folder: int | None, head: dict[str, Any], generation: Any, built_at: Any,
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


def describe_foreign(head: dict[str, Any], generation: Any, built_at: Any,
                     articles: int | None) -> str:
    """The damage line for a manifest recording (`generation`, `built_at`, `articles` or None)
    in a folder whose own head is `head`."""
    held = f" ({articles} articles)" if articles is not None else ""
    return (f"{MANIFEST} belongs to another index or generation: it records generation "
            f"{generation} built {built_at}{held}, while this folder's {HEAD} and index files "
            f"are generation {head.get('generation')} built {head.get('built_at')} "
            f"({head.get('articles')} articles) — a manifest copied in from elsewhere (a "
            f"restore that mixed two copies?)")


def foreign_manifest(gen_dir: Path, m: dict[str, Any], head: dict[str, Any]) -> str | None:
    """Why the parsed manifest `m` of generation folder `gen_dir` is not that generation's own
    (module docstring), or None when it is. `head`: the folder's generation.json, read and
    checked by the caller (a generation without one, written before it: nothing to compare)."""
    recorded = m.get("index_files")
    sizes = None
    if isinstance(recorded, dict):
        try:
            sizes = {str(k): int(v[0]) for k, v in recorded.items()}
        except (TypeError, ValueError, IndexError):
            sizes = None
    articles = m.get("articles")
    if not mismatch(gen_number(gen_dir.name), head, m.get("generation"), m.get("built_at"),
                     sizes):
        return None
    return describe_foreign(head, m.get("generation"), m.get("built_at"),
                             len(articles) if isinstance(articles, dict) else None)


def head_tied(gen_dir: Path, head: dict[str, Any]) -> bool:
    """True when generation.json `head` is the folder's own: it names the folder's generation
    number, and (when it lists index files) one of its Whoosh index files is there at its
    size. A head that is not vouches for nothing, so a manifest is not judged by it."""
    if head.get("generation") not in (None, gen_number(gen_dir.name)):
        return False
    sizes = head.get("index_sizes")
    if not isinstance(sizes, dict) or not sizes:
        return True
    return not none_present(gen_dir, {str(k): (v, "") for k, v in sizes.items()})


def none_present(gen_dir: Path, recorded: dict[str, Any]) -> bool:
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


def unrecorded(gen_dir: Path, recorded: dict[str, Any]) -> list[str]:
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


def describe_other_files(recorded: dict[str, Any], others: list[str]) -> str:
    """The damage line when none of the index files `recorded` ({name: [size, sha256]}) is in
    the folder as recorded while `others` (`unrecorded`, non-empty) are."""
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


def manifest_tail(gen_dir: Path) -> tuple[int, str, dict[str, int] | None] | None:
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
