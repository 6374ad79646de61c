"""Readers of the on-disk index: `IndexHandle` follows the live generation without a restart.

    h = open_index(index_dir)          # raises IndexMissing
    with h.searcher() as s: ...        # a whoosh Searcher of the live generation
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

from searchapp.errors import IndexMissing
from searchapp.index.store import CURRENT, folder_size, gen_number, read_current, read_manifest
from searchapp.model import Article

#: Seconds between two checks of CURRENT (a stat) by `IndexHandle.searcher()`.
CHECK_INTERVAL = 0.5
#: Searchers lent at once per handle (more callers wait for one). Searches are CPU-bound Python
#: under the GIL, so more searchers add no speed: measured 11.3 q/s with 1 vs 8.9 q/s with 8
#: (31k articles, docs/performance.md); each also keeps its own caches (facets, sort ranks).
MAX_SEARCHERS = 2
#: Idle searchers kept per handle.
MAX_IDLE = MAX_SEARCHERS


def missing_message(index_dir: Path) -> str:
    """The one-line error for a folder without a usable index."""
    return f"no index in {index_dir}: build it with `searchapp index corpus/`"


def _stamp(index_dir: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(index_dir / CURRENT)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _open_whoosh(gen_dir: Path):
    from whoosh.filedb.filestore import FileStorage

    # The schema's analyzers are unpickled from the TOC: importing the analysis module first
    # keeps that independent of import order.
    import searchapp.engine.store.schema  # noqa: F401

    # Not memory-mapped: Whoosh wraps each sub-file of a mapped compound segment in a BytesIO,
    # which *copies* it, so every reader held private copies of the postings, columns and term
    # files (~130 MB per searcher at 31k articles). Plain file reads share the OS page cache.
    # Measured (31k, 100 real queries): warm RSS 491 -> 180 MB with one searcher, 1,288 ->
    # 214 MB with four; CPU per query unchanged (43.2 vs 44.4 ms). docs/performance.md.
    storage = FileStorage(str(gen_dir), supports_mmap=False, readonly=True)
    return storage.open_index()


class IndexHandle:
    """A shared, thread-safe reader of the index in `index_dir` (see the module docstring).

    Raises IndexMissing from the constructor when there is no built index."""

    def __init__(self, index_dir: str | os.PathLike):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_SEARCHERS)
        self._held = threading.local()  # this thread's lent searchers (nested calls skip the wait)
        self._idle: list[Any] = []
        self._closed = False
        self._checked_at = 0.0
        self._stamp = _stamp(self.index_dir)
        name = read_current(self.index_dir)
        if name is None:
            raise IndexMissing(missing_message(self.index_dir))
        try:
            self._ix = _open_whoosh(self.index_dir / name)
        except Exception as e:  # noqa: BLE001 - any Whoosh failure means "no usable index"
            raise IndexMissing(f"index in {self.index_dir} cannot be opened ({type(e).__name__}); "
                               f"rebuild it with `searchapp index --rebuild corpus/`") from None
        self._name = name
        self._checked_at = time.monotonic()

    # -- generations -------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        """Number of the generation new searchers read (int >= 1)."""
        return gen_number(self._name) or 0

    @property
    def generation_dir(self) -> Path:
        """Folder of that generation."""
        return self.index_dir / self._name

    def _maybe_reload(self, force: bool = False) -> None:
        """Under self._lock: switch to a new generation if CURRENT changed. On any failure to
        open the new one, keep serving the old one (it is still on disk)."""
        now = time.monotonic()
        if not force and now - self._checked_at < CHECK_INTERVAL:
            return
        self._checked_at = now
        stamp = _stamp(self.index_dir)
        if stamp == self._stamp:
            return
        name = read_current(self.index_dir)
        if name is None or name == self._name:
            self._stamp = stamp
            return
        try:
            ix = _open_whoosh(self.index_dir / name)
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
        """Lend a whoosh Searcher of the live generation for the `with` block; waits while
        `MAX_SEARCHERS` are lent to other threads (a thread that already holds one does not
        wait, so nested calls cannot deadlock). Raises IndexMissing if the handle was closed."""
        depth = getattr(self._held, "n", 0)
        if depth == 0:
            self._slots.acquire()
        self._held.n = depth + 1
        try:
            with self._lock:
                if self._closed:
                    raise IndexMissing(f"index handle for {self.index_dir} is closed")
                self._maybe_reload()
                name = self._name
                s = self._idle.pop() if self._idle else None
                ix = self._ix
            if s is None:
                from searchapp.engine.match.bm25 import weighting

                s = ix.searcher(weighting=weighting())
            try:
                yield s
            finally:
                with self._lock:
                    keep = (not self._closed and name == self._name
                            and len(self._idle) < MAX_IDLE)
                    if keep:
                        self._idle.append(s)
                if not keep:
                    s.close()
        finally:
            self._held.n = depth
            if depth == 0:
                self._slots.release()

    def get_article(self, article_id: str) -> Article | None:
        """The stored Article with this id, or None (also for non-string or empty ids)."""
        if not isinstance(article_id, str) or not article_id:
            return None
        from searchapp.engine.store.schema import stored_to_article

        with self.searcher() as s:
            stored = s.document(id=article_id)
        return stored_to_article(stored) if stored else None

    def doc_count(self) -> int:
        """Number of live (not deleted) articles in the current generation."""
        with self.searcher() as s:
            return s.doc_count()

    def info(self) -> dict[str, Any]:
        """`index_info` of this handle's folder."""
        return index_info(self.index_dir)

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


def open_index(index_dir: str | os.PathLike) -> IndexHandle:
    """Open the index in `index_dir` for reading. Raises IndexMissing (one line that says how to
    build it) when the folder has no built index."""
    return IndexHandle(index_dir)


def _value_counts(gen_dir: Path) -> dict[str, dict[str, int]]:
    """{"sources": {source: articles}, "topics": {topic: articles}}, most frequent first, from
    the stored fields (exact even with deletions; ~1 s per 20k articles)."""
    import json

    from collections import Counter

    sources: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    ix = _open_whoosh(gen_dir)
    try:
        with ix.searcher() as s:
            for sf in s.all_stored_fields():
                if sf.get("source"):
                    sources[sf["source"]] += 1
                try:
                    topics.update(json.loads(sf.get("topics_json") or "[]"))
                except (TypeError, ValueError):
                    pass
    finally:
        ix.close()
    return {"sources": dict(sources.most_common()), "topics": dict(topics.most_common())}


def index_info(index_dir: str | os.PathLike, *, counts: bool = True) -> dict[str, Any]:
    """Facts for `searchapp stats`, from the live generation's manifest:
    {"articles": int, "files": int, "generation": int, "built_at": ISO-8601 UTC str,
     "size_bytes": int (the live generation's files), "index_dir": str, "problems": int,
     "sources": {str: int}, "topics": {str: int}}. The last two (articles per source and per
    topic, most frequent first) need a pass over the stored fields; `counts=False` leaves them
    out. Raises IndexMissing when there is no built index."""
    d = Path(index_dir)
    name = read_current(d)
    m = read_manifest(d / name) if name else None
    if name is None or m is None:
        raise IndexMissing(missing_message(d))
    files = m.get("files", {})
    info = {
        "articles": len(m.get("articles", {})),
        "files": len(files),
        "generation": gen_number(name) or 0,
        "built_at": m.get("built_at"),
        "size_bytes": folder_size(d / name),
        "index_dir": str(d),
        "problems": sum(len(f.get("problems", [])) for f in files.values()),
    }
    if counts:
        try:
            info.update(_value_counts(d / name))
        except Exception:  # noqa: BLE001 - the counts are extras; the manifest facts stand
            pass
    return info
