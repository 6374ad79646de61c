"""The memory budget of a build: one number, split among the buffers that grow with the corpus.

    resolve(memory_mb=None, workers=1) -> Budget      memory_mb, else SEARCHAPP_BUILD_MEMORY_MB,
                                                      else DEFAULT_MB; its parts per writer

The budget is the working memory of the buffers a build sizes itself, summed over its
processes (the building process and its forked writers): each writer's Whoosh posting pool
(postings sorted in memory, spilled to a temporary run file when the pool is full) and each
writer's gram-index build at the end of its segment (`segtext`: blocks of documents, then key
ranges). What does not grow with the corpus stays outside it: each process's interpreter,
modules and jieba dictionary (about 150-250 MB for the first process; a forked writer shares
most of those pages with its parent); docs/performance.md has the measured totals. Other
per-article state of a build is small (a few hundred bytes an article: the planner's records,
`index/corpus.py`) or on disk (the spool, `index/spool.py`).

Split, per writer (`workers` writers work at the same time, so each gets its share):
  pool_mb   POOL_SHARE of the budget ÷ workers, as Whoosh's `limitmb`; Whoosh counts a posting
            at about a third of what the process holds for it, so the pool's limit is its
            share ÷ POOL_OVERHEAD
  grams_mb  the rest ÷ workers: `segtext.write_segment`'s budget (it holds its own figure)
A writer's pool is emptied into the segment before its gram index is built, but the
allocator keeps some of the pool's pages, so the two shares are not assumed to overlap.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from searchapp.errors import SearchAppError

__all__ = ["Budget", "resolve", "release_free_memory", "ENV", "DEFAULT_MB", "MIN_MB", "POOL_SHARE",
           "POOL_OVERHEAD"]

#: Environment variable giving the budget in MB when no `--memory-mb` is given.
ENV = "SEARCHAPP_BUILD_MEMORY_MB"
#: Default budget, MB: with the processes' fixed memory, a build's peak stays under 1 GB at any
#: corpus size (issue 19; measured in docs/performance.md).
DEFAULT_MB = 512
#: Smallest budget accepted, MB (Whoosh's pool needs a few MB per writer to make progress).
MIN_MB = 64
#: Share of the budget for the Whoosh posting pools (the rest: gram-index builds).
POOL_SHARE = 0.6
#: Bytes a writer process holds per byte Whoosh's pool counts for a posting (PostingPool.add
#: estimates ~150 bytes + the term; CPython's 5-tuple of bytes, int and float, the list's slot,
#: the sort at a spill and the allocator's slack take about three times that: measured,
#: docs/performance.md, "Build memory bounded").
POOL_OVERHEAD = 3.0
#: Least pool limit per writer, MB (a tiny limit spills a run file every few documents).
MIN_POOL_MB = 8
#: Least gram-index budget per writer, MB.
MIN_GRAMS_MB = 16


@dataclass(frozen=True)
class Budget:
    """A build's memory budget and its parts (MB). `pool_mb` and `grams_mb` are per writer;
    `source`: where the total came from ("argument", ENV or "default")."""

    total_mb: int
    workers: int
    pool_mb: int
    grams_mb: int
    source: str

    @property
    def grams_bytes(self) -> int:
        return self.grams_mb << 20

    def to_dict(self) -> dict:
        return asdict(self)


def _from_env() -> int | None:
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise SearchAppError(f"{ENV}={raw!r} is not a whole number of MB (e.g. {DEFAULT_MB})") \
            from None


def resolve(memory_mb: int | None = None, workers: int = 1) -> Budget:
    """The budget of a build with `workers` writers: `memory_mb` if given, else the ENV
    variable, else DEFAULT_MB, split as the module docstring says. Raises SearchAppError when
    the number is below MIN_MB or ENV is not a whole number."""
    source = "argument"
    if memory_mb is None:
        memory_mb, source = _from_env(), ENV
    if memory_mb is None:
        memory_mb, source = DEFAULT_MB, "default"
    if memory_mb < MIN_MB:
        raise SearchAppError(f"a build's memory budget must be at least {MIN_MB} MB, "
                             f"not {memory_mb} ({source})")
    workers = max(1, workers)
    per_writer = memory_mb / workers
    pool = max(MIN_POOL_MB, int(per_writer * POOL_SHARE / POOL_OVERHEAD))
    grams = max(MIN_GRAMS_MB, int(per_writer * (1 - POOL_SHARE)))
    return Budget(memory_mb, workers, pool, grams, source)


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc `malloc_trim(0)`; nothing where
    it is missing). A build calls it between phases: memory freed by planning or by a
    writer's posting pool otherwise stays resident in the process (and a writer forked after
    planning starts with every resident page of its parent, so the tree's summed RSS counts
    it twice). Also called by a reader that built a segment's gram index in memory
    (`match.textindex`)."""
    try:
        import ctypes  # deferred: only a process that builds (an index or a gram index) needs it

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
