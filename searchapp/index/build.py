"""Build and open the on-disk index (Whoosh), safely and incrementally.

    build(paths, index_dir, *, rebuild=False, progress=None, wait=False, workers=None) -> BuildReport

Guarantees (docs/index.md has the full story):
- Atomic: every build writes a new generation folder beside the live one and switches the
  `CURRENT` pointer with `os.replace` only when it is complete and fsynced (`store`). A build
  killed at any moment leaves the previous index live, whole and searchable.
- Incremental: a manifest per generation records each input file's sha256 and article ids. Only
  new or changed files are read again; articles are written by stable id (never duplicated);
  articles of files that disappeared from under the given paths are removed. Files indexed
  earlier from other paths are kept. An unchanged corpus is a no-op (no new generation).
  `rebuild=True` re-reads exactly the given paths into a fresh index; a change of the indexing
  code (ingest, analysis, vocab, the engine's schema: `fingerprint`) forces the same, over
  the given paths plus earlier files that still exist.
- One writer: `lock.writer_lock`; a second concurrent build raises IndexBusy (or waits).
- Problems in one file (IngestError, bad lines) are reported and never stop the other files.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from searchapp import engine
from searchapp.errors import SearchAppError
from searchapp.index import repair as _repair
from searchapp.index.files import new_folder
from searchapp.index.health import Health, check_generation, inspect
from searchapp.index.lock import WAIT_TIMEOUT, writer_lock
from searchapp.index.mined import Definitions, write_pairs
from searchapp.index.repair import damage_error
from searchapp.index.store import (collect_garbage, fsync_tree, gen_name, index_files,
                                   link_or_copy_tree, list_generations, now_iso, read_current,
                                   read_manifest, remove_stale, switch_current, write_copies,
                                   write_manifest)
from searchapp.index.report import BuildReport, nothing_readable, plan_report, rederived
from searchapp.model import Article

if TYPE_CHECKING:  # annotations only: the readers load when a build plans (see _build_locked)
    from searchapp.index.plan import BuildPlan
    from searchapp.ingest import FileFilter, ReadOptions

__all__ = ["build", "BuildReport", "repair"]


def build(paths: Sequence[str | os.PathLike], index_dir: str | os.PathLike, *,
          rebuild: bool = False, progress: Callable[..., None] | None = None,
          wait: bool = False, workers: int | None = None, options: ReadOptions | None = None,
          files: FileFilter | None = None,
          wait_timeout: float | None = WAIT_TIMEOUT, memory_mb: int | None = None) -> BuildReport:
    """Index the files under `paths` (files or folders) into `index_dir` (created if missing).

    progress  called as `progress(done: int, total: int | None, message: str)`: while reading,
              done/total count files ("reading 3/32: corpus/x.txt"); while indexing, articles
              ("indexed 200/3148 articles"); other steps ("waiting: ...", "committing",
              "switched to gen-000042") repeat the last counts or give (0, None). An exception
              raised by `progress` is ignored (a broken display never stops a build).
    rebuild   True: ignore the previous generation and index exactly `paths` afresh
    wait      True: wait for another running build instead of raising IndexBusy, at most
              `wait_timeout` seconds (None or 0: no limit), then raise IndexBusy
    workers   Whoosh writers in parallel (forked processes, one segment each); None = automatic:
              min(2, CPUs) when ≥ engine.store.parallel.PARALLEL_MIN articles are written, else 1
              (SEARCHAPP_BUILD_WORKERS overrides the automatic choice)
    options   ingest.ReadOptions for the files under `paths` (`--map`, `--title`); None = defaults
    files     ingest.FileFilter: include/exclude globs for files in the folders given
    memory_mb the memory budget of the writers' buffers, MB, all processes together
              (`engine.build_budget`: None = SEARCHAPP_BUILD_MEMORY_MB, else its default;
              docs/index.md, "Memory")
    Returns a BuildReport. Raises IndexBusy when another build holds the lock (wait=False);
    IndexDamaged when the index folder is damaged (`health`; nothing is written or deleted;
    `rebuild=True` replaces a damaged index anyway, keeping its intact generations, with a
    warning); LinkRefused when a link sits where the build writes; OSError only when the index
    folder itself cannot be written; SearchAppError for a budget below the least one or a
    SEARCHAPP_BUILD_MEMORY_MB that is not a number (before anything is read). Problems with
    input files are reported in `BuildReport.problems`, never raised.
    """
    t0 = time.perf_counter()
    engine.build_budget(memory_mb)  # a bad budget is refused before anything is read
    say = _sayer(progress)
    d = Path(index_dir)
    with writer_lock(d, wait=wait, progress=say, timeout=wait_timeout):
        report = _build_locked([Path(p) for p in paths], d, rebuild, say, workers, options, files,
                               memory_mb)
    report.seconds = round(time.perf_counter() - t0, 3)
    report.index_dir = str(d)
    return report


def _sayer(progress: Callable[..., None] | None) -> Callable[..., None]:
    """Adapt `progress(done, total, message)` to the internal `say(message, done, total)`."""
    last = [0, None]

    def say(message: str, done: int | None = None, total: int | None = None) -> None:
        if done is not None:
            last[:] = [done, total]
        if progress is not None:
            try:
                progress(last[0], last[1], message)
            except Exception:  # noqa: BLE001 - see build()'s docstring
                pass

    return say


def repair(index_dir: str | os.PathLike, mode: str = "auto", *,
           progress: Callable[..., None] | None = None, wait: bool = False,
           workers: int | None = None) -> dict[str, Any]:
    """Repair a damaged index folder (`repair.repair`: mode "auto", "reindex" or "recover"),
    holding the writer lock. Returns what was done ({"action", "why", "generation", "report",
    "health"}); raises SearchAppError when nothing can be done, IndexBusy like `build`."""
    say = _sayer(progress)
    d = Path(index_dir)
    with writer_lock(d, wait=wait, progress=say):
        return _repair.repair(d, mode, rebuild=lambda paths: _build_locked(
            paths, d, True, say, workers))


def _build_locked(paths: list[Path], d: Path, rebuild: bool, say: Callable[..., None],
                  workers: int | None = None, options: ReadOptions | None = None,
                  files: FileFilter | None = None, memory_mb: int | None = None) -> BuildReport:
    """Check the folder, plan the build, then keep the live generation (nothing to do, or
    nothing readable) or write a new one and switch to it."""
    health = inspect(d)
    replaced, recorded = None, None
    if health.damaged:
        if not rebuild:
            raise damage_error(health)
        replaced = (f"the index was damaged ({'; '.join(health.problems())}); --rebuild "
                    f"replaced it with a new generation; intact older generations kept: "
                    f"{', '.join(g.name for g in health.intact()) or 'none'}")
        live = None
        # its articles are not kept, but each file is read as it was (`--map`, `--title`)
        recorded = (_repair.recorded_manifest(health)[0] or {}).get("files")
    else:
        live = health.live
        if live:
            remove_stale(d, live)
    # the child writers are forked now, before planning grows this process (readers, records
    # of every article): forked later, each would count those pages again (engine.writers_ready)
    with engine.writers_ready(workers) as ready:
        return _plan_and_write(paths, d, live, health, replaced, rebuild, say, workers, options,
                               files, memory_mb, ready, recorded)


def _plan_and_write(paths: list[Path], d: Path, live: str | None, health: Health,
                    replaced: str | None, rebuild: bool, say: Callable[..., None],
                    workers: int | None, options: ReadOptions | None, files: FileFilter | None,
                    memory_mb: int | None, ready: Any,
                    recorded: dict[str, Any] | None = None) -> BuildReport:
    # deferred: planning loads the readers (BeautifulSoup, ...); opening an index to search
    # (which imports this package) does not need them
    from searchapp.index.plan import make_plan

    try:
        # the idle child writer classifies and signs part of the articles read (index.signing)
        plan = make_plan(paths, d, live, rebuild, say, options, files, recorded,
                         helper=ready.helper() if ready is not None else None)
    except SearchAppError:
        raise
    except Exception:  # reading the live generation (kept articles) failed: is it damaged?
        _raise_if_damaged(health, live)
        raise
    try:
        report = plan_report(plan)
        report.replaced_damage = replaced
        lacking = (health.state(live).notes if live and not plan.full else None) or []  # sa-…
        if plan.noop and not lacking:
            report.noop = True
            report.generation = plan.live_generation
            if plan.stat_refresh and live:
                write_manifest(d / live, plan.manifest)  # same content, fresher size/mtime
            say(f"index is up to date ({report.articles} articles)")
            return report
        if plan.problems and not plan.manifest["articles"] and (plan.removed or not live):
            return nothing_readable(plan, report, live, say)
        verified = None
        if live and not plan.full:  # its files are about to be linked into the next generation
            _raise_if_damaged(health, live)
            verified = (read_manifest(d / live) or {}).get("index_files")
        report.generation = _write_and_switch(d, live, plan, report, say, workers, verified,
                                              memory_mb, ready)
        if lacking:
            report.warnings.append(rederived(lacking, live, report.generation))
        return report
    finally:
        plan.close()


def _raise_if_damaged(health: Health, live: str | None) -> None:
    """Check the live generation deeply (every index file's sha256, opening it); raise
    IndexDamaged when it is not intact."""
    if not live:
        return
    state = check_generation(health.index_dir / live, deep=True)
    if not state.intact:  # the others were listed unchecked (healthy at a glance): check them,
        # as `inspect` does for a damaged folder, so the message names what is really intact
        d = health.index_dir
        health.generations = [state if g.name == live else check_generation(d / g.name)
                              for g in health.generations]
        raise damage_error(health)


def _write_and_switch(d: Path, live: str | None, plan: BuildPlan, report: BuildReport,
                      say: Callable[..., None], workers: int | None,
                      verified: dict[str, list] | None = None, memory_mb: int | None = None,
                      ready: Any = None) -> int:
    """Write the next generation (in full, or the live one's files plus the changes), record its
    manifest (with the size and sha256 of every index file; `verified`: the live generation's
    entries, just checked, reused for the files linked from it), fsync it and make it live;
    returns its number. Raises SearchAppError for an OSError (the previous generation stays
    live; the new folder is removed)."""
    n = max([0, *list_generations(d)]) + 1
    gen_dir = d / gen_name(n)
    found = Definitions()  # abbreviation definitions, found by the writers as they add
    try:
        if plan.full:
            failed = _write_full(gen_dir, plan, say, workers, memory_mb, found, ready)
        else:
            failed = _write_incremental(d / live, gen_dir, plan, say, workers, memory_mb, found,
                                        ready)
        _drop_failed(plan, report, failed)
        warning = write_pairs(gen_dir, d / live if live else None, plan.write,
                              [*plan.delete, *(a.id for a, _ in failed)], plan.full, found)
        if warning:
            report.warnings.append(warning)
        plan.manifest.update(generation=n, built_at=now_iso(),
                             index_files=index_files(gen_dir, verified,
                                                     d / live if live else None))
        write_copies(gen_dir, plan.manifest)
        write_manifest(gen_dir, plan.manifest)
        fsync_tree(gen_dir)
        switch_current(d, gen_dir.name)
    except BaseException as e:
        if read_current(d) != gen_dir.name:  # not switched: the old generation stays live
            shutil.rmtree(gen_dir, ignore_errors=True)
        if isinstance(e, OSError):
            kept = "the previous index is unchanged" if live else "no index was created"
            raise SearchAppError(f"could not write the index in {d} ({e.strerror or e}"
                                 f"{_free_space_note(d)}); {kept}") from e
        raise
    say(f"switched to {gen_dir.name}")
    collect_garbage(d, gen_dir.name)
    return n


#: Free space below which a failed write names the disk as the likely cause, in bytes.
LOW_SPACE = 64 * 2**20


def _free_space_note(d: Path) -> str:
    """", the disk holding it has only 1.4 MB free" when that is below LOW_SPACE, else "": a
    full disk can surface as another error (a worker process failing first, a leftover file)."""
    try:
        free = shutil.disk_usage(d).free
    except OSError:
        return ""
    return f", the disk holding it has only {free / 2**20:.1f} MB free" if free < LOW_SPACE else ""


def _drop_failed(plan: BuildPlan, report: BuildReport, failed: list[tuple[Article, str]]) -> None:
    """Take articles Whoosh refused out of the manifest and the counts; report each one."""
    files = plan.manifest["files"]
    for art, reason in failed:
        plan.manifest["articles"].pop(art.id, None)
        for key, entry in files.items():
            if art.id in entry.get("ids", []):
                entry["ids"] = [i for i in entry["ids"] if i != art.id]
                prob = {"file": (art.origin or {}).get("file") or key,
                        "line": (art.origin or {}).get("line_start"),
                        "reason": f"article {art.id} could not be indexed: {reason}"}
                entry.setdefault("problems", []).append(prob)
                report.problems.append(prob)
        if art.id in plan.old_ids:  # its old document was deleted for the rewrite
            report.updated -= 1
            report.removed += 1
        else:
            report.added -= 1
    report.articles = len(plan.manifest["articles"])


def _write_full(gen_dir: Path, plan: BuildPlan, say: Callable[..., None],
                workers: int | None, memory_mb: int | None = None,
                found: Definitions | None = None, ready: Any = None) -> list[tuple[Article, str]]:
    new_folder(gen_dir)
    return engine.write_generation(gen_dir, plan.write, new=True, workers=workers, say=say,
                                   memory_mb=memory_mb, collect=found, ready=ready)


def _write_incremental(live_dir: Path, gen_dir: Path, plan: BuildPlan, say: Callable[..., None],
                       workers: int | None, memory_mb: int | None = None,
                       found: Definitions | None = None, ready: Any = None
                       ) -> list[tuple[Article, str]]:
    link_or_copy_tree(live_dir, gen_dir)
    if not plan.delete and not plan.write:  # same Whoosh files: only what the live one lacked
        engine.write_arrays(gen_dir, say, missing_only=True)
        return []
    return engine.write_generation(gen_dir, plan.write, new=False, delete=plan.delete,
                                   workers=workers, say=say, memory_mb=memory_mb,
                                   collect=found, ready=ready)
