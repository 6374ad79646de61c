"""One writer at a time: an exclusive OS lock on `<index_dir>/.lock`.

    with writer_lock(index_dir, wait=False, progress=None): ...   # raises IndexBusy

The lock is a POSIX record lock (`fcntl.lockf`) held by the building process. The kernel drops
it when that process ends in any way (exit, exception, SIGKILL), so a killed build never leaves
a stale lock behind, and child processes forked by a multi-process Whoosh writer do not inherit
it (POSIX record locks belong to the process, unlike `flock` locks). Record locks do not exclude
threads of the same process, so a per-folder `threading.Lock` is taken first.
"""
from __future__ import annotations

import errno
import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from searchapp.errors import IndexBusy

LOCK_NAME = ".lock"

_registry_guard = threading.Lock()
_thread_locks: dict[str, threading.Lock] = {}


def _thread_lock(key: str) -> threading.Lock:
    with _registry_guard:
        return _thread_locks.setdefault(key, threading.Lock())


def _holder(fd: int) -> str:
    """The pid written by the current holder, as " (pid N)", or "" when unknown."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _busy_message(index_dir: Path, holder: str) -> str:
    return (f"index {index_dir} is busy: another `searchapp index`{holder} is writing it; "
            f"try again when it has finished (or use --wait)")


@contextmanager
def writer_lock(index_dir: str | os.PathLike, *, wait: bool = False,
                progress: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the index writer lock for the duration of the `with` block.

    index_dir  folder of the index (created if missing)
    wait       False: raise `IndexBusy` (409, one-line message) when another writer holds it;
               True: call `progress(message)` once, then block until the lock is free.
    Raises OSError only if the lock file itself cannot be created (e.g. read-only folder).
    """
    d = Path(index_dir)
    d.mkdir(parents=True, exist_ok=True)
    key = os.path.realpath(d)
    tl = _thread_lock(key)
    said = False
    if not tl.acquire(blocking=False):
        if not wait:
            raise IndexBusy(_busy_message(d, f" (pid {os.getpid()})"))
        if progress:
            progress(f"waiting: another build is writing {d} ...")
            said = True
        tl.acquire()
    try:
        fd = os.open(d / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                if e.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                holder = _holder(fd)
                if not wait:
                    raise IndexBusy(_busy_message(d, holder)) from None
                if progress and not said:
                    progress(f"waiting: another `searchapp index`{holder} is writing {d} ...")
                fcntl.lockf(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            try:
                yield
            finally:
                try:
                    os.ftruncate(fd, 0)
                finally:
                    fcntl.lockf(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        tl.release()
