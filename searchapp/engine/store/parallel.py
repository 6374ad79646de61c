"""Parallel segment writing for large builds (the second core).

    workers_for(n_articles, requested=None) -> int          how many writers a build uses
    write(ix, articles, add, workers, limitmb, delete=()) -> list[(Article, reason)]
                                           (limitmb: each writer's Whoosh posting pool, MB)

The articles to write are split into `workers` contiguous chunks. Chunk 0 is written by the
building process's own Whoosh writer (which also applies `delete`); every other chunk by a
forked child process with its own `SegmentWriter` (no lock) into a segment of its own. At commit
the parent lists the children's segments in the index's table of contents beside its own: the
`multisegment` mode of `whoosh.multiproc.MpWriter` (../shared/PERF_NOTES.md measured
writer(procs=2, multisegment=True) on this machine; docs/performance.md). Unlike MpWriter:
- articles reach the children by fork, so documents are never pickled through a queue;
- a document Whoosh refuses is reported per article, as in the serial path (MpWriter's child
  dies and its whole segment is lost);
- a child that fails or dies makes the write fail (MpWriter silently leaves its segment out), so
  the build stops and the previous generation stays live; children die with their parent
  (PR_SET_PDEATHSIG), so a killed build leaves no writer behind.
Uses Whoosh 2.7's writer internals (`_merge_segments`, `_finalize_segment`, `_commit_toc`,
`_finish`), the same calls MpWriter makes.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from typing import Any, Callable, Sequence

from whoosh.writing import SegmentWriter

from searchapp.engine.store.budget import release_free_memory
from searchapp.engine.store.grouped_writer import grouped
from searchapp.errors import SearchAppError
from searchapp.model import Article

__all__ = ["workers_for", "write", "PARALLEL_MIN"]

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
          collect: Any = None) -> list[tuple[Article, str]]:
    """Write `articles` into `ix` with `workers` writers and commit; `delete`: ids removed
    first (by the parent's writer). `limitmb`: each writer's posting pool (Whoosh's `limitmb`,
    `budget.Budget.pool_mb`). `add(writer, chunk, workers)` adds one chunk and returns
    [(Article, reason)] for documents it could not add. `finished(segment)`, when given, runs
    in each writer's process once its segment is complete (so the writers do that work at the
    same time too). `collect`, when given: the object `add` fills; each child sends its copy
    back and the parent merges it with `collect.merge(copy)`. Returns the refused articles. Raises SearchAppError when a child writer
    fails (nothing is committed then) and re-raises anything the parent's writer raises, after
    cancelling it and stopping the children."""
    ctx = multiprocessing.get_context("fork")
    w = grouped(ix.writer(limitmb=limitmb))
    chunks = _chunks(articles, workers)
    children: list[tuple[Any, Any, Sequence[Article]]] = []
    try:
        for aid in delete:
            w.delete_by_term("id", aid)
        # objects alive now are never freed by the children: keep their garbage collector off
        # them, so it does not write to (and so copy) every page of the parent's heap
        gc.freeze()
        release_free_memory()  # what planning freed is not copied into the children
        for chunk in chunks[1:]:
            recv, send = ctx.Pipe(duplex=False)
            p = ctx.Process(target=_child,
                            args=(ix, chunk, add, workers, limitmb, send, finished, collect),
                            daemon=True)
            p.start()
            send.close()
            children.append((p, recv, chunk))
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
        for p, recv, chunk in children:
            status, value, refused, got = _result(p, recv)
            if status != "ok":
                raise SearchAppError(f"a parallel index writer failed ({value}); nothing was "
                                     f"written and the previous index is unchanged")
            if refused:  # (reads the child's chunk again: only when something was refused)
                by_id = {a.id: a for a in chunk}
                failed += [(by_id[aid], reason) for aid, reason in refused]
            if value is not None:
                segments.append(value)
            if collect is not None and got is not None:
                collect.merge(got)
        w._commit_toc(final + segments)
        w._finish()
    except BaseException:
        for p, _, _ in children:
            if p.is_alive():
                p.kill()
        if not w.is_closed:
            try:
                w.cancel()
            except Exception:  # noqa: BLE001 - its segment may already be closed; the build's
                pass           # generation folder is removed by the caller anyway
        raise
    finally:
        gc.unfreeze()
        for p, recv, _ in children:
            p.join(timeout=5)
            recv.close()
    return failed


def _result(p, recv) -> tuple[str, Any, list, Any]:
    """The child's ("ok", segment | None, refused, collected) or ("error", message, [], None)."""
    try:
        got = recv.recv()
    except EOFError:
        p.join(timeout=5)
        return "error", f"writer process exited with code {p.exitcode} before finishing", [], None
    p.join(timeout=30)
    return got


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: the daemon flag still reaps it on exit
        pass


def _child(ix, chunk: Sequence[Article], add: Add, workers: int, limitmb: int, send,
           finished: Callable[[Any], None] | None = None, collect: Any = None) -> None:
    """Forked writer: add `chunk` to a new segment, run `finished` on it, send back (status,
    segment, refused, its copy of `collect`)."""
    _die_with_parent()
    try:
        w = grouped(SegmentWriter(ix, _lk=False, limitmb=limitmb))
        failed = add(w, chunk, 0)
        segment = None
        if w._added:
            segment = w._finalize_segment()
            if finished is not None:
                finished(segment)
        else:
            w._close_segment()
        # (no _tempstorage.destroy(): the temp folder is shared with the parent's writer,
        # which removes it when it finishes)
        send.send(("ok", segment, [(a.id, reason) for a, reason in failed], collect))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which fails the build
        try:
            send.send(("error", f"{type(e).__name__}: {e}", [], None))
        except Exception:  # noqa: BLE001
            pass
    finally:
        send.close()
        os._exit(0)
