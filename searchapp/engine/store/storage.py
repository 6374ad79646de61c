"""Whoosh's file storage, creating every file without following a link.

    SafeStorage(folder)      a `whoosh.filedb.filestore.FileStorage` whose `create_file` always
                             opens O_CREAT | O_EXCL | O_NOFOLLOW, and whose temp storage (the
                             posting pool's run files, the compound file's parts) does the same

Whoosh never rewrites a file of an index: segments get new random names, a table of contents is
written under a temp name and renamed, so "exclusive create" never refuses one of its own files.
A name someone planted in the folder beforehand (a symbolic or hard link to a file elsewhere)
makes the open fail instead of writing through it (issue 16 item 2; `searchapp.index.files`
does the same for searchapp's own files).

searchapp's own files of a segment (`segtext`, `postarrays`) live beside it as
`sa-<segment id>.<part>`: `segment_file` names them, `publish` moves a finished set into place,
`map_array` maps one back read-only.
"""
from __future__ import annotations

import errno
import fcntl
import json
import mmap
import os
from pathlib import Path
from typing import Iterable

import numpy as np

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.util import random_name
from whoosh.util.filelock import FcntlLock

__all__ = ["SafeStorage", "create_new", "publish", "segment_file", "map_array"]

_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def create_new(path: str | os.PathLike, mode: str = "wb"):
    """A new file at `path`, opened exclusively and without following a link (a leftover temp
    file of a killed build at the name is removed first; a link there is removed, never
    followed). Returns a file object opened with `mode`."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    return os.fdopen(os.open(path, _FLAGS, 0o644), mode)


def segment_file(folder: Path, segid: str, part: str) -> Path:
    """The path of searchapp's file `part` of segment `segid` in the generation folder `folder`
    (named after the segment, so an incremental build hard-links it with the segment's own
    files)."""
    return folder / f"sa-{segid}.{part}"


def publish(work: Path, folder: Path, segid: str, parts: Iterable[str], meta: dict,
            meta_part: str) -> None:
    """Move the finished files `work`/<part> of each of `parts` to `segment_file(folder, segid,
    part)`, then write `meta` as JSON to its `meta_part` LAST (created exclusively in `work`,
    then renamed), so a reader that finds the metadata file finds every part complete: files
    left by a killed build are never read. Raises OSError."""
    for part in parts:
        os.replace(work / part, segment_file(folder, segid, part))
    tmp = work / meta_part
    with create_new(tmp) as f:
        f.write(json.dumps(meta).encode("utf-8"))
    os.replace(tmp, segment_file(folder, segid, meta_part))


def map_array(path: Path, dtype, length: int, maps: list | None = None) -> np.ndarray:
    """A read-only array of the first `length` items (`dtype`) of the file `path`, memory-mapped:
    a plain ndarray over an `mmap`, not np.memmap, so slices and copies of it stay plain arrays;
    an empty array when `length` is 0 (an empty file cannot be mapped). `maps`: when given, the
    mmap is appended to it (for a caller that lets its pages go: `madvise`). Raises OSError, and
    ValueError when the file holds fewer items."""
    if not length:
        return np.empty(0, dtype=dtype)
    with open(path, "rb") as f:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if maps is not None:
        maps.append(m)
    return np.frombuffer(m, dtype=dtype, count=length)


class _NoFollowLock(FcntlLock):
    """Whoosh's writer lock file (`MAIN_WRITELOCK`), opened without following a link."""

    def acquire(self, blocking=False):
        self.fd = os.open(self.filename, os.O_CREAT | os.O_WRONLY | os.O_NOFOLLOW
                          | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except OSError as e:
            os.close(self.fd)
            self.fd = None
            if e.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            return False
        self.locked = True
        return True


class SafeStorage(FileStorage):
    """FileStorage that creates files exclusively and never through a link (module docstring)."""

    def create_file(self, name, excl=False, mode="wb", **kwargs):
        if self.readonly:
            return super().create_file(name, excl=excl, mode=mode, **kwargs)  # raises ReadOnlyError
        fd = os.open(self._fpath(name), _FLAGS, 0o644)
        return StructFile(os.fdopen(fd, mode), name=name, **kwargs)

    def lock(self, name):
        return _NoFollowLock(self._fpath(name))

    def temp_storage(self, name=None):
        """A SafeStorage in the sub-folder `name` (random when None), created if missing; a
        link at that name is refused (OSError) rather than followed."""
        path = os.path.join(self.folder, name or f"{random_name()}.tmp")
        try:
            os.mkdir(path, 0o755)
        except FileExistsError:
            pass
        if os.path.islink(path) or not os.path.isdir(path):
            raise OSError(f"{path} is not a folder of the index (a link?); refusing to use it")
        return SafeStorage(path)
