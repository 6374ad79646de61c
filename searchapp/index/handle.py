"""Readers of the on-disk index: `IndexHandle` follows the live generation without a restart.

    h = open_index(index_dir)          # raises IndexMissing (IndexOutdated: written with other fields)
    with h.searcher() as s: ...        # an engine searcher of the live generation
    h.get_article(id) -> Article | None;  h.doc_count() -> int;  h.generation -> int;  h.close()

Thread safety: one handle is shared by all threads of a WSGI server. Each `searcher()` call lends
a Searcher to one caller at a time from a small pool of at most `MAX_SEARCHERS` (2), whatever
the server's thread count (Whoosh searchers read files through
seek+read and are not meant to be used by two threads at once); it goes back to the pool when
the `with` block ends, so its caches (facets, sort columns) stay warm for the next request.

Reopening: at most every `CHECK_INTERVAL` seconds (0.5 s) a `searcher()` call stats `CURRENT`;
when a build switched in a new generation, new calls get searchers of the new one, while
searchers already lent keep reading the old generation until their `with` block ends (the build
keeps `index_store.KEEP_OLD` old generations on disk; open files survive deletion on POSIX).
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from searchapp import engine
from searchapp.config import Settings
from searchapp.errors import IndexChanged, IndexDamaged, IndexMissing, IndexOutdated, SearchAppError
from searchapp.index.health import inspect, quick_problems
from searchapp.index.repair import damage_error
from searchapp.index.store import CURRENT, gen_number, read_current, read_head
from searchapp.model import Article

__all__ = ["IndexHandle", "open_index", "missing_message", "unusable", "refuse_seen_damage",
           "CHECK_INTERVAL", "MAX_SEARCHERS", "MAX_IDLE"]

#: Seconds between two checks of CURRENT (a stat) by `IndexHandle.searcher()`.
CHECK_INTERVAL = 0.5
#: Searchers lent at once per handle (more callers wait for one). Searches are CPU-bound Python
#: under the GIL, so more searchers add memory, not speed (docs/performance.md, "Server memory
#: and throughput"); each also keeps its own caches (facets, sort ranks).
MAX_SEARCHERS = 2
#: Idle searchers kept per handle.
MAX_IDLE = MAX_SEARCHERS


def missing_message(index_dir: Path) -> str:
    """The one-line error for a folder without a usable index: the absolute folder looked at,
    how to build one there, and how to point at another."""
    where = Path(index_dir).absolute()
    return (f"no index in {where}: build it with `searchapp index corpus/ --index {where}`, or "
            f"point --index or SEARCHAPP_INDEX at an existing index")


def unusable(index_dir: Path, error: Exception | None = None) -> IndexMissing:
    """Why `index_dir` cannot be read: IndexDamaged naming the damage and the repair (see
    `health`), or IndexMissing ("build it") when no index was ever completed there. `error`: what
    opening the live generation raised, if it got that far."""
    health = inspect(index_dir, deep=error is not None)
    if health.damaged:
        return damage_error(health)
    if health.fresh:
        return IndexMissing(missing_message(index_dir))
    return IndexMissing(f"index in {index_dir} cannot be opened ({type(error).__name__}): check "
                        f"it with `searchapp repair --check --index {index_dir}`")


def _stamp(index_dir: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(index_dir / CURRENT)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _open_generation(index_dir: Path, name: str) -> engine.Generation:
    """The generation `name` of `index_dir`, opened. Raises IndexOutdated when its manifest
    says it was written with other fields than this searchapp's schema (a manifest without a
    signature predates it and was written with the same fields); IndexDamaged when the cheap
    check at open (`health.quick_problems`: manifest present, index files of their recorded
    sizes) sees damage; else what opening raises."""
    m = read_head(index_dir / name) or {}
    if m.get("schema") not in (None, engine.schema_signature()):
        raise IndexOutdated(f"the index in {index_dir} was built by another version of searchapp "
                            f"with other fields; rebuild it with `searchapp index --rebuild "
                            f"corpus/` (or the folders it was built from)")
    refuse_seen_damage(index_dir, name, m)
    return engine.open_generation(index_dir / name)


def refuse_seen_damage(index_dir: Path, name: str, head: dict[str, Any]) -> None:
    """Raise IndexDamaged when the cheap check at open (`health.quick_problems` of generation
    `name`, `head`: its generation.json) sees damage: the folder's own verdict (`unusable`,
    naming every problem and the repair) when it finds the damage too, else the problems
    seen. Returns None when nothing is seen wrong."""
    seen = quick_problems(index_dir / name, head)
    if not seen:
        return
    found = unusable(index_dir)
    if isinstance(found, IndexDamaged):
        raise found
    raise IndexDamaged(f"the index in {index_dir} is damaged: {'; '.join(seen)}. Check it "
                       f"with `searchapp repair --check --index {index_dir}`.")


class IndexHandle:
    """A shared, thread-safe reader of the index in `index_dir` (see the module docstring).

    `matcher`: how its searchers match (`engine.MATCHERS`; None = `Settings.load().matcher`,
    i.e. $SEARCHAPP_MATCHER or "arrays"). Raises IndexMissing from the constructor when there is
    no built index (IndexOutdated when it was written with other fields)."""

    def __init__(self, index_dir: str | os.PathLike, matcher: str | None = None):
        self.index_dir = Path(index_dir)
        self.matcher = matcher or Settings.load().matcher
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_SEARCHERS)
        self._held = threading.local()  # this thread's lent searchers (nested calls skip the wait)
        self._idle: list[Any] = []
        self._closed = False
        self._checked_at = 0.0
        self._stamp = _stamp(self.index_dir)
        name = read_current(self.index_dir)
        if name is None:
            raise unusable(self.index_dir)
        try:
            self._ix = _open_generation(self.index_dir, name)
        except (IndexOutdated, IndexDamaged):
            raise
        except Exception as e:  # noqa: BLE001 - any Whoosh failure means "no usable index"
            raise unusable(self.index_dir, e) from None
        self._name = name
        self._checked_at = time.monotonic()
        # (CURRENT stamp, IndexDamaged or None: whole) of the last deep check after a failure
        self._damage: tuple[Any, SearchAppError | None] | None = None

    # -- generations -------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        """Number of the generation new searchers read (int >= 1)."""
        return gen_number(self._name) or 0

    def _maybe_reload(self, force: bool = False) -> None:
        """Under self._lock: switch to a new generation if CURRENT changed. On any failure to
        open the new one, keep serving the old one (it is still on disk). CURRENT gone (deleted,
        unreadable, the folder removed) is not a change to follow: from then on every read is
        refused with what `unusable` finds (IndexDamaged, or IndexMissing when nothing is left),
        until CURRENT is back (a repair)."""
        now = time.monotonic()
        if not force and now - self._checked_at < CHECK_INTERVAL:
            return
        self._checked_at = now
        stamp = _stamp(self.index_dir)
        if stamp == self._stamp:
            return
        name = read_current(self.index_dir)
        if name is None:  # CURRENT deleted or unreadable, or the whole folder removed: say so
            self._stamp = stamp
            self._damage = (stamp, unusable(self.index_dir))
            return
        if name == self._name:
            self._stamp = stamp
            return
        try:
            ix = _open_generation(self.index_dir, name)
        except Exception:  # noqa: BLE001 - keep the old generation; retry at the next check
            return
        self._stamp = stamp
        old_idle, self._idle = self._idle, []
        self._ix, self._name = ix, name
        for s in old_idle:
            s.close()

    def refresh(self) -> int:
        """Check CURRENT now (not waiting for the interval); returns the generation number."""
        with self._lock:
            self._maybe_reload(force=True)
            return self.generation

    # -- reading -----------------------------------------------------------------------------
    @contextmanager
    def searcher(self) -> Iterator[Any]:
        """Lend a searcher of the live generation (for `searchapp.engine`'s functions) for the
        `with` block; waits while
        `MAX_SEARCHERS` are lent to other threads (a thread that already holds one does not
        wait, so nested calls cannot deadlock). Raises IndexMissing if the handle was closed, and
        IndexDamaged in place of an engine failure inside the block when the index's files are
        damaged (`damage_behind`) — and, once that is known, at every later call until CURRENT
        changes (a repair), so no reader is answered from a generation known to be damaged."""
        depth = getattr(self._held, "n", 0)
        if depth == 0:
            self._slots.acquire()
        self._held.n = depth + 1
        try:
            with self._lock:
                if self._closed:
                    raise IndexMissing(f"index handle for {self.index_dir} is closed")
                self._maybe_reload()
                known = self._known_damage_locked()
                if known is not None:  # found earlier: every reader is told, not only some
                    raise known
                name = self._name
                s = self._idle.pop() if self._idle else None
                ix = self._ix
            if s is None:
                try:
                    s = ix.searcher(self.matcher)
                except Exception as e:  # noqa: BLE001 - the segment files cannot be opened
                    damage = self.damage_behind(e)
                    if damage is None:
                        raise
                    raise damage from e
            try:
                yield s
            except SearchAppError:
                raise
            except Exception as e:  # noqa: BLE001 - a reader failing inside the index's files
                damage = self.damage_behind(e)
                if damage is not None:
                    raise damage from e
                if isinstance(e, engine.FileChanged):  # a file cut short under this reader
                    raise self._reopened(name, e) from e
                raise
            finally:
                with self._lock:
                    keep = (not self._closed and name == self._name and ix is self._ix
                            and len(self._idle) < MAX_IDLE)  # not one of a generation opened again
                    if keep:
                        self._idle.append(s)
                if not keep:
                    s.close()
        finally:
            self._held.n = depth
            if depth == 0:
                self._slots.release()

    def _reopened(self, name: str, error: Exception) -> IndexChanged:
        """Open generation `name` again when it is still the live one (its files as they are
        now: a derived file cut short is then left aside, as at any open, `health`), so the
        next request reads the folder as it is; the IndexChanged that tells this request."""
        try:
            ix = _open_generation(self.index_dir, name)
        except SearchAppError as e:  # the folder is damaged or outdated now: say that
            return IndexChanged(f"{e.message}", message_zh=e.message_zh)
        except Exception:  # noqa: BLE001 - keep serving; the next request finds out again
            ix = None
        with self._lock:
            if ix is not None and name == self._name and not self._closed:
                old_idle, self._idle = self._idle, []
                self._ix = ix
                for s in old_idle:
                    s.close()
        return IndexChanged(
            f"an index file changed on disk while it was being read ({error}); the index in "
            f"{self.index_dir} was opened again as it is now: repeat the request, and check the "
            f"folder with `searchapp repair --check --index {self.index_dir}`",
            message_zh="索引文件在读取时被改动，已重新打开索引：请重试，并用 searchapp repair --check 检查索引目录。")

    def known_damage(self) -> SearchAppError | None:
        """The IndexDamaged found behind an earlier failure (`damage_behind`) while CURRENT is
        as it was then, else None. Costs no I/O."""
        with self._lock:
            return self._known_damage_locked()

    def _known_damage_locked(self) -> SearchAppError | None:
        if self._damage is not None and self._damage[0] == self._stamp:
            return self._damage[1]
        return None

    def damage_behind(self, error: Exception) -> SearchAppError | None:
        """IndexDamaged when the index folder is damaged (`health.inspect` with `deep`: every
        file's sha256), which is what a reader failing inside the engine (a truncated or
        corrupted segment: zlib or pickle errors, EOFError) most often means; None when the
        folder is whole (the failure is something else and is raised as it is). The verdict,
        either way, is kept while CURRENT does not change, so the folder is hashed once, not
        once per failing request."""
        stamp = _stamp(self.index_dir)
        with self._lock:
            if self._damage is not None and self._damage[0] == stamp:
                return self._damage[1]
        found = unusable(self.index_dir, error)
        verdict = found if isinstance(found, IndexDamaged) else None
        with self._lock:  # whole or damaged, the folder is hashed once per CURRENT state
            self._damage = (stamp, verdict)
        return verdict

    def get_article(self, article_id: str) -> Article | None:
        """The stored Article with this id, or None (also for non-string or empty ids)."""
        if not isinstance(article_id, str) or not article_id:
            return None
        with self.searcher() as s:
            return engine.article_by_id(s, article_id)

    def doc_count(self) -> int:
        """Number of live (not deleted) articles in the current generation."""
        with self.searcher() as s:
            return engine.doc_count(s)

    def close(self) -> None:
        """Close idle searchers; lent ones close when their `with` block ends. Idempotent."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for s in idle:
            s.close()

    def __enter__(self) -> "IndexHandle":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_index(index_dir: str | os.PathLike, matcher: str | None = None) -> IndexHandle:
    """Open the index in `index_dir` for reading (`matcher`: see `IndexHandle`). Raises
    IndexMissing (one line that says how to build it) when the folder has no built index."""
    return IndexHandle(index_dir, matcher)
