"""Whoosh's file storage, creating every file without following a link.

    SafeStorage(folder)      a `whoosh.filedb.filestore.FileStorage` whose `create_file` always
                             opens O_CREAT | O_EXCL | O_NOFOLLOW, and whose temp storage (the
                             posting pool's run files, the compound file's parts) does the same

Whoosh never rewrites a file of an index: segments get new random names, a table of contents is
written under a temp name and renamed, so "exclusive create" never refuses one of its own files.
A name someone planted in the folder beforehand (a symbolic or hard link to a file elsewhere)
makes the open fail instead of writing through it (issue 16 item 2; `searchapp.index.files`
does the same for searchapp's own files).
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
from pathlib import Path
from typing import Callable, Iterable

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.util import random_name
from whoosh.util.filelock import FcntlLock

__all__ = ["SafeStorage", "create_new", "publish"]

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


def publish(work: Path, target: Callable[[str], Path], parts: Iterable[str], meta: dict,
            meta_part: str) -> None:
    """Move the finished files `work`/<part> of each of `parts` to `target(part)`, then write
    `meta` as JSON to `target(meta_part)` LAST (created exclusively in `work`, then renamed), so a
    reader that finds the metadata file finds every part complete: files left by a killed
    build are never read. Raises OSError."""
    for part in parts:
        os.replace(work / part, target(part))
    tmp = work / meta_part
    with create_new(tmp) as f:
        f.write(json.dumps(meta).encode("utf-8"))
    os.replace(tmp, target(meta_part))


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
