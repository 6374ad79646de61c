"""One writer at a time through the memory-heavy end of a parallel build.

    with one_at_a_time(folder): ...      blocks until no other process holds `folder`'s turn

A parallel build's writers (`parallel.py`) finish adding their chunks at about the same time,
then each builds its segment's gram index (`writer._Writing.finished`; its posting arrays, one
list at a time, are written before, outside the turn, by both writers at once), the
largest buffer of its life (`budget.Budget.grams_mb`). When those builds overlap, the build's
peak is the sum of both; taken in turn, it is one of them on top of the other writer's resting
memory (docs/performance.md, "Build memory, eighth stop"). The turn is an exclusive `flock` on
the generation folder itself (no file is created in it): the kernel lets it go when its holder
closes it or dies, so a writer that crashes never leaves the other waiting. Raises OSError
when the folder cannot be opened.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

__all__ = ["one_at_a_time"]


@contextmanager
def one_at_a_time(folder: str | os.PathLike) -> Iterator[None]:
    """Hold `folder`'s turn (an exclusive flock on the open folder) for the `with` block."""
    fd = os.open(Path(folder), os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the only descriptor of this open file lets the lock go
