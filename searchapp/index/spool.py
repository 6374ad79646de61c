"""Articles of a build kept on disk instead of in memory, from the moment they are read until
the writers add them: a build's memory does not grow with the number of articles.

    spool = Spool(folder)          a temporary file (removed by close(), or by the next build
                                   after a crash: `index.store.remove_stale` drops dot-files)
    spool.add(article) -> int      append; its position
    spool.view(positions, fix=None, extra=()) -> SpooledArticles
                                   a lazy, sliceable sequence of those articles (each passed
                                   through `fix` when read), followed by `extra` (in memory)

A SpooledArticles reads the file through its own handle when iterated, so a writer process
reads its share of the articles itself: they never pass through the parent's memory or a pipe.
Pickled (the job of a writer process forked before planning, `engine.store.standby`), it is
the spool file's path, the offsets of its articles, its `fix` for those alone
(`fix.part(positions)`, e.g. `index.corpus.Marks`) and `extra`: never the articles, and never
the offsets or records of the whole build.
"""
from __future__ import annotations

import os
import pickle
from array import array
from pathlib import Path
from typing import Callable, Iterator, Sequence

from searchapp.index.files import NEW_FILE
from searchapp.model import Article

__all__ = ["Spool", "SpooledArticles", "PREFIX"]

#: Name prefix of spool files in an index folder (dot-files: never a generation's).
PREFIX = ".spool-"


class Spool:
    """An append-only file of pickled Articles in `folder` (see the module docstring)."""

    @classmethod
    def reading(cls, path: str, offsets: array) -> "Spool":
        """A sealed spool over the file `path` written by another process: `offsets` are the
        byte offsets of its positions 0, 1, ... (`read` and `view` only; never `close`d)."""
        spool = cls.__new__(cls)
        spool.path, spool.offsets, spool._f = Path(path), offsets, None
        return spool

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{PREFIX}{os.getpid()}-{id(self):x}"
        # a new file, never through a link planted at the name (index/files.py)
        self._f = os.fdopen(os.open(self.path, NEW_FILE, 0o600), "wb")
        self.offsets = array("q")

    def add(self, article: Article) -> int:
        """Append `article`; returns its position (0, 1, ...)."""
        self.offsets.append(self._f.tell())
        pickle.dump(article, self._f, protocol=pickle.HIGHEST_PROTOCOL)
        return len(self.offsets) - 1

    def __len__(self) -> int:
        return len(self.offsets)

    def seal(self) -> None:
        """No more articles: write the file out and close the writing handle (before any
        reader, and before a writer process forks: a forked copy of an unflushed buffer would
        write it again)."""
        if self._f is not None and not self._f.closed:
            self._f.close()

    def read(self, positions: Sequence[int]) -> Iterator[Article]:
        """The articles at `positions`, in that order, through a handle of their own (the
        spool must be sealed)."""
        with open(self.path, "rb") as f:
            here = -1
            for pos in positions:
                off = self.offsets[pos]
                if off != here:
                    f.seek(off)
                yield pickle.load(f)
                here = f.tell()

    def view(self, positions: Sequence[int], fix: Callable[[int, Article], Article] | None = None,
             extra: Sequence[Article] = ()) -> "SpooledArticles":
        """A lazy sequence of the articles at `positions` (each as `fix(position, article)`),
        then `extra`. Seals the spool."""
        self.seal()
        return SpooledArticles(self, list(positions), fix, list(extra))

    def close(self) -> None:
        """Remove the file."""
        try:
            self.seal()
        finally:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass


class SpooledArticles(Sequence[Article]):
    """A sequence of spooled articles followed by in-memory ones; slicing gives another such
    sequence (no article is read until iterated)."""

    def __init__(self, spool: Spool, positions: list[int],
                 fix: Callable[[int, Article], Article] | None, extra: list[Article]):
        self.spool, self.positions, self.fix, self.extra = spool, positions, fix, extra

    def __len__(self) -> int:
        return len(self.positions) + len(self.extra)

    def __reduce__(self):
        """Pickled as the file's path, the offsets of `positions` and `fix.part(positions)`
        (TypeError for a `fix` without `part`: it could hold the whole build's records)."""
        fix = self.fix
        if fix is not None:
            part = getattr(fix, "part", None)
            if part is None:
                raise TypeError("a SpooledArticles pickles only with a fix that has part()")
            fix = part(self.positions)
        offsets = array("q", (self.spool.offsets[p] for p in self.positions))
        return _unpickle, (str(self.spool.path), offsets, fix, self.extra)

    def __iter__(self) -> Iterator[Article]:
        fix = self.fix
        for pos, a in zip(self.positions, self.spool.read(self.positions)):
            yield fix(pos, a) if fix is not None else a
        yield from self.extra

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            if step != 1:
                raise ValueError("only contiguous slices")
            k = len(self.positions)
            return SpooledArticles(self.spool, self.positions[min(start, k):min(stop, k)], self.fix,
                                   self.extra[max(0, start - k):max(0, stop - k)])
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        if i >= len(self.positions):
            return self.extra[i - len(self.positions)]
        return next(iter(self[i:i + 1]))


def _unpickle(path: str, offsets: array, fix, extra: list[Article]) -> SpooledArticles:
    """A SpooledArticles read back from its pickled form (`SpooledArticles.__reduce__`)."""
    return SpooledArticles(Spool.reading(path, offsets), list(range(len(offsets))), fix, extra)
