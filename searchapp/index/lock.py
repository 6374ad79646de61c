"""One writer at a time: an exclusive OS lock on `<index_dir>/.lock`.

    with writer_lock(index_dir, wait=False, progress=None, timeout=WAIT_TIMEOUT): ...
                                                        # raises IndexBusy, LinkRefused

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
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from searchapp.errors import IndexBusy
from searchapp.index.files import open_lock

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


#: Seconds `wait=True` waits for another build by default before giving up (IndexBusy).
WAIT_TIMEOUT = 600.0
#: Seconds between two tries of a busy lock while waiting.
_POLL = 0.2


def _still_busy(index_dir: Path, holder: str, waited: float) -> IndexBusy:
    return IndexBusy(f"index {index_dir} is still busy after {waited:g} s: another `searchapp "
                     f"index`{holder} is writing it; try again later (--timeout SECONDS waits "
                     f"longer, 0 = no limit)")


def _lock_within(fd: int, deadline: float | None) -> bool:
    """Take the record lock on `fd`, trying until `deadline` (time.monotonic(); None = forever).
    Returns False when the deadline passed first."""
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.EAGAIN):
                raise
        if deadline is not None and time.monotonic() >= deadline:
            return False
        time.sleep(_POLL)


@contextmanager
def writer_lock(index_dir: str | os.PathLike, *, wait: bool = False,
                progress: Callable[[str], None] | None = None,
                timeout: float | None = WAIT_TIMEOUT) -> Iterator[None]:
    """Hold the index writer lock for the duration of the `with` block.

    index_dir  folder of the index (created if missing)
    wait       False: raise `IndexBusy` (409, one-line message) when another writer holds it;
               True: call `progress(message)` once, then wait until the lock is free, at most
               `timeout` seconds (None or 0: no limit), then raise IndexBusy ("still busy").
    The lock file is opened without following links (`files.open_lock`): a symbolic or hard
    link planted at `.lock` raises LinkRefused and nothing is written through it.
    Raises OSError only if the lock file itself cannot be created (e.g. read-only folder).
    """
    d = Path(index_dir)
    d.mkdir(parents=True, exist_ok=True)
    key = os.path.realpath(d)
    tl = _thread_lock(key)
    said = False
    started = time.monotonic()
    deadline = started + timeout if wait and timeout else None
    if not tl.acquire(blocking=False):
        if not wait:
            raise IndexBusy(_busy_message(d, f" (pid {os.getpid()})"))
        if progress:
            progress(f"waiting: another build is writing {d} ...")
            said = True
        if not tl.acquire(timeout=-1 if deadline is None else max(0.0, deadline - time.monotonic())):
            raise _still_busy(d, f" (pid {os.getpid()})", round(time.monotonic() - started, 1))
    try:
        fd = open_lock(d / LOCK_NAME)
        try:
            if not _lock_within(fd, time.monotonic()):
                holder = _holder(fd)
                if not wait:
                    raise IndexBusy(_busy_message(d, holder)) from None
                if progress and not said:
                    progress(f"waiting: another `searchapp index`{holder} is writing {d} ...")
                if not _lock_within(fd, deadline):
                    raise _still_busy(d, holder, round(time.monotonic() - started, 1))
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
