"""The one way searchapp writes files inside an index folder: never through a link, never
outside the folder.

    open_lock(path) -> fd                 the writer lock: an existing regular file with one link,
                                          or a new one; opened without following a symlink
    write_atomic(path, data)              new temp file (O_EXCL | O_NOFOLLOW) + fsync + os.replace
    copy_new(src, dst)                    copy a file into a new file (O_EXCL | O_NOFOLLOW)
    check_inside(root, path)              `path` lies directly in `root` or in a generation
                                          folder of it, and is not itself a link
    new_folder(path)                      mkdir, then check it is a real folder
    file_digest(path) -> str              sha256 of a regular file (never follows a link)
    regular_file(path) -> (problem, size) what is wrong with `path` as a regular file (lstat)

Why (issue 16 item 2): `ln -s SOMEFILE index/.lock; searchapp index …` used to empty SOMEFILE
(the lock was opened with O_CREAT and truncated), and a hard link at the same name did the same.
A symlink is refused by O_NOFOLLOW; a hard link (same inode under two names, so O_NOFOLLOW
cannot see it) by requiring one link on the opened file. New files are created with O_EXCL, so
a link planted at the name makes the open fail instead of writing through it; `os.replace` then
replaces the name itself, never the file a link points to. Whoosh's own files are created the
same way (`engine/store/storage.py`). What this cannot stop: another user who can write into the
index folder racing the build between two steps (the folder must belong to whoever builds it).
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from searchapp.errors import SearchAppError

__all__ = ["open_lock", "write_atomic", "copy_new", "check_inside", "new_folder", "file_digest",
           "fsync_path", "regular_file", "NEW_FILE", "LinkRefused"]

#: Flags of every file searchapp creates inside an index folder.
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class LinkRefused(SearchAppError):
    """A name inside the index folder is a link (or not a regular file) where searchapp writes;
    nothing was written through it (exit 2 in the CLI)."""

    status = 500


def _refuse(path: Path, what: str) -> LinkRefused:
    return LinkRefused(f"{path} is {what}; searchapp writes only regular files of its own inside "
                       f"the index folder and did not write through it: remove it and try again")


def open_lock(path: Path) -> int:
    """File descriptor (read-write) of the lock file `path`, created if missing. Raises
    LinkRefused when `path` is a symbolic link, not a regular file, or a file with more than one
    link (a hard link to a file elsewhere); OSError for other failures."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise _refuse(path, "a symbolic link") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(path, "not a regular file")
        if st.st_nlink != 1:
            raise _refuse(path, f"a file with {st.st_nlink} names (a hard link)")
    except BaseException:
        os.close(fd)
        raise
    return fd


def fsync_path(path: Path, directory: bool = False) -> None:
    """fsync a file (or, with `directory`, a folder: its entries); best effort (a file system
    that cannot fsync a folder raises nothing here)."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a new temp file beside it (random name, O_EXCL|O_NOFOLLOW),
    fsynced, then `os.replace` (readers see the old or the new content, never a mix). A link at
    `path` is replaced, never written through."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_path(path.parent, directory=True)


def copy_new(src: Path, dst: Path) -> None:
    """Copy the regular file `src` (opened without following a link) into the new file `dst`
    (which must not exist: O_EXCL|O_NOFOLLOW), keeping its modification time."""
    sfd = os.open(src, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(sfd)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(Path(src), "not a regular file")
        dfd = os.open(dst, NEW_FILE, 0o644)
        try:
            while chunk := os.read(sfd, 1 << 20):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(dfd, view):]
        finally:
            os.close(dfd)
        os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)
    finally:
        os.close(sfd)


def new_folder(path: Path) -> None:
    """Create the folder `path` (its parent must exist; it must not). Raises FileExistsError
    when something already has the name (a link included)."""
    os.mkdir(path, 0o755)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):  # pragma: no cover - replaced between mkdir and lstat
        raise _refuse(path, "not a folder")


def check_inside(root: Path, path: Path) -> None:
    """Raise LinkRefused unless `path` lies in the folder `root` itself or in one of its direct
    sub-folders (generation folders), with no symbolic link on the way."""
    real_root = os.path.realpath(root)
    parent = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    if parent != real_root and os.path.dirname(parent) != real_root:
        raise _refuse(Path(path), f"outside the index folder {root}")
    if os.path.islink(path):
        raise _refuse(Path(path), "a symbolic link")


def file_digest(path: Path, bufsize: int = 1 << 20, follow_links: bool = False) -> str:
    """sha256 hex of a regular file's bytes, opened without following a link unless
    `follow_links` (input files may be reached through links; index files never), never
    blocking on a FIFO (O_NONBLOCK; the caller checked it is a regular file). Raises OSError."""
    h = hashlib.sha256()
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags if follow_links else flags | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as f:
        while chunk := f.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


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
