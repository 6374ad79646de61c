"""Parallel segment writing for large builds (the second core).

    workers_for(n_articles, requested=None) -> int          how many writers a build uses
    with writers_ready(requested) as ready: ...      child writers forked before planning
    write(ix, articles, add, workers, limitmb, delete=(), finished=None, collect=None,
          ready=None) -> list[(Article, reason)]
                                           (limitmb: each writer's Whoosh posting pool, MB)

The articles to write are split into `workers` contiguous chunks. Chunk 0 is written by the
building process's own Whoosh writer (which also applies `delete`); every other chunk by a
child process (`standby.py`: forked before the build planned, when the build made them ready,
else forked now) with its own `SegmentWriter` (no lock) into a segment of its own. At commit
the parent lists the children's segments in the index's table of contents beside its own: the
`multisegment` mode of `whoosh.multiproc.MpWriter` (../shared/PERF_NOTES.md measured
writer(procs=2, multisegment=True) on this machine; docs/performance.md). Unlike MpWriter:
- articles reach the children as the spool's file offsets (`index.spool`), so documents are
  never pickled through a queue: each child reads its share from the spool file itself;
- a document Whoosh refuses is reported per article, as in the serial path (MpWriter's child
  dies and its whole segment is lost);
- a child that fails or dies makes the write fail (MpWriter silently leaves its segment out), so
  the build stops and the previous generation stays live; children die with their parent
  (PR_SET_PDEATHSIG), so a killed build leaves no writer behind.
Uses Whoosh 2.7's writer internals (`_merge_segments`, `_finalize_segment`, `_commit_toc`,
`_finish`), the same calls MpWriter makes.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any, Callable, Sequence

from whoosh.writing import SegmentWriter

from searchapp.engine.store.budget import release_free_memory
from searchapp.engine.store.grouped_writer import grouped
from searchapp.engine.store.standby import Proc, Ready, standby
from searchapp.errors import SearchAppError
from searchapp.model import Article

__all__ = ["workers_for", "writers_ready", "write", "PARALLEL_MIN"]

#: Below this many articles to write, one writer: forking and a second segment cost more than
#: they save (an incremental update of one file stays serial).
PARALLEL_MIN = 2000

Add = Callable[[Any, Sequence[Article], int], list]


def workers_for(n_articles: int, requested: int | None = None) -> int:
    """Writers for a build of `n_articles`: `requested` if given (≥ 1), else
    SEARCHAPP_BUILD_WORKERS if set, else min(2, CPUs) from PARALLEL_MIN articles up and 1
    below. Always 1 where `fork` is not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if requested is None:
        env = os.environ.get("SEARCHAPP_BUILD_WORKERS", "").strip()
        if env.isdigit():
            requested = int(env)
    if requested is not None:
        return max(1, min(requested, max(1, n_articles)))
    return min(2, os.cpu_count() or 1) if n_articles >= PARALLEL_MIN else 1


def writers_ready(requested: int | None = None):
    """A `with` block in which the child writers a large build of `requested` writers (None:
    automatic) would use are forked and wait (`standby.standby`): enter it before planning and
    pass its value to `write` as `ready`; what `write` does not use exits when the block ends."""
    return standby(workers_for(PARALLEL_MIN, requested) - 1)


def _chunks(items: Sequence[Article], k: int) -> list[Sequence[Article]]:
    size, extra = divmod(len(items), k)
    out, start = [], 0
    for i in range(k):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def write(ix, articles: Sequence[Article], add: Add, workers: int, limitmb: int,
          delete: Sequence[str] = (), finished: Callable[[Any], None] | None = None,
          collect: Any = None, ready: Ready | None = None) -> list[tuple[Article, str]]:
    """Write `articles` into `ix` with `workers` writers and commit; `delete`: ids removed
    first (by the parent's writer). `limitmb`: each writer's posting pool (Whoosh's `limitmb`,
    `budget.Budget.pool_mb`). `add(writer, chunk, workers)` adds one chunk and returns
    [(Article, reason)] for documents it could not add. `finished(segment)`, when given, runs
    in each writer's process once its segment is complete (so the writers do that work at the
    same time too). `collect`, when given: the object `add` fills; each child sends its copy
    back and the parent merges it with `collect.merge(copy)`. `ready`: writer processes forked
    before the build planned (`standby.standby`); without it (or when it has too few) they are
    forked now. What a child writer gets is pickled: `ix`, its chunk (an `index.spool`
    sequence pickles as its file offsets), `add`, `finished` and `collect` (one pickle, so
    `add` and `collect` stay one object there). Returns the refused articles. Raises
    SearchAppError when a child writer fails (nothing is committed then) and re-raises anything
    the parent's writer raises, after cancelling it and stopping the children."""
    w = grouped(ix.writer(limitmb=limitmb))
    chunks = _chunks(articles, workers)
    children: list[tuple[Proc, Sequence[Article]]] = []
    with standby(0) as own:
        try:
            for aid in delete:
                w.delete_by_term("id", aid)
            # objects alive now (the planner's records) are not freed while the writers work:
            # keep the garbage collector off them, so its full collections do not walk them
            # again and again, nor write to (and so copy) every page of a child forked now
            gc.freeze()
            if ready is None or len(chunks) - 1 > ready.idle:
                release_free_memory()  # what planning freed is not copied into the children
            for chunk in chunks[1:]:
                proc = ready.take() if ready is not None and ready.idle else own.take()
                proc.send((_child, (ix, chunk, add, limitmb, finished, collect)))
                children.append((proc, chunk))
            failed = add(w, chunks[0], workers)
            # the parent's segment is written while the children write theirs
            final = w._merge_segments(None, None, None)
            if w._added:
                final.append(w._finalize_segment())
                if finished is not None:
                    finished(final[-1])
            else:
                w._close_segment()
            segments = []
            for proc, chunk in children:
                status, value = proc.result()
                if status != "ok":
                    raise SearchAppError(f"a parallel index writer failed ({value}); nothing "
                                         f"was written and the previous index is unchanged")
                segment, refused, got = value
                if refused:  # (reads the child's chunk again: only when something was refused)
                    by_id = {a.id: a for a in chunk}
                    failed += [(by_id[aid], reason) for aid, reason in refused]
                if segment is not None:
                    segments.append(segment)
                if collect is not None and got is not None:
                    collect.merge(got)
            w._commit_toc(final + segments)
            w._finish()
        except BaseException:
            for proc, _ in children:
                proc.stop()
            if not w.is_closed:
                try:
                    w.cancel()
                except Exception:  # noqa: BLE001 - its segment may already be closed; the
                    pass           # build's generation folder is removed by the caller anyway
            raise
        finally:
            gc.unfreeze()
            for proc, _ in children:
                proc.stop()
    return failed


def _child(ix, chunk: Sequence[Article], add: Add, limitmb: int,
           finished: Callable[[Any], None] | None = None, collect: Any = None
           ) -> tuple[Any, list[tuple[str, str]], Any]:
    """A child writer's job: add `chunk` to a new segment of `ix`, run `finished` on it;
    returns (segment or None, [(article id, reason)] refused, its copy of `collect`)."""
    w = grouped(SegmentWriter(ix, _lk=False, limitmb=limitmb))
    failed = add(w, chunk, 0)
    segment = None
    if w._added:
        segment = w._finalize_segment()
        if finished is not None:
            finished(segment)
    else:
        w._close_segment()
    # (no _tempstorage.destroy(): the temp folder is shared with the parent's writer, which
    # removes it when it finishes)
    return segment, [(a.id, reason) for a, reason in failed], collect
