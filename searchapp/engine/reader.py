"""Opening one generation's Whoosh index for reading, and its searchers.

    open_generation(gen_dir) -> Generation
    Generation.searcher(matcher="arrays") -> searcher     (opaque: pass it to engine functions;
                                                          `.close()` when done)
    Generation.close()
    read_articles(gen_dir, ids=None) -> list[Article]      stored articles of a generation
    iter_articles(gen_dir, ids=None) -> iterator            the same, one at a time

The index is opened with searchapp's own schema (`store.schema.make_schema`), never with the
schema Whoosh pickled into the table of contents: unpickling would import the analyzer class by
the dotted path it had when the index was written, so moving a class would make every earlier
index unreadable. Whether the stored index has these fields is the manifest's business
(`schema_signature`, checked by `searchapp.index`).

Files are not memory-mapped: Whoosh wraps each sub-file of a mapped compound segment in a
BytesIO, which *copies* it, so every reader held private copies of the postings, columns and
term files; plain file reads share the OS page cache (docs/performance.md, "Figures behind the
code").
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from whoosh.filedb.filestore import FileStorage

from searchapp.engine.documents import docnum_of, stored_article
from searchapp.engine.match import ATTR, DEFAULT_MATCHER, MATCHERS
from searchapp.engine.match.bm25 import weighting
from searchapp.engine.store.schema import make_schema, stored_to_article
from searchapp.model import Article

__all__ = ["Generation", "open_generation", "read_articles", "iter_articles"]


class Generation:
    """One generation's Whoosh index, open for reading. Raises what Whoosh raises when the
    folder holds no readable index (OSError, whoosh.index.EmptyIndexError, ...)."""

    def __init__(self, gen_dir: str | os.PathLike):
        storage = FileStorage(str(gen_dir), supports_mmap=False, readonly=True)
        self._ix = storage.open_index(schema=make_schema())

    def searcher(self, matcher: str = DEFAULT_MATCHER) -> Any:
        """A new searcher (BM25F weighting) that matches with `matcher` (one of
        `engine.match.MATCHERS`; ValueError otherwise). Not thread-safe: one thread at a time."""
        if matcher not in MATCHERS:
            raise ValueError(f"matcher must be one of {', '.join(MATCHERS)}, got {matcher!r}")
        s = self._ix.searcher(weighting=weighting())
        setattr(s, ATTR, matcher)
        return s

    def close(self) -> None:
        """Release the index's files (searchers still open keep theirs until closed)."""
        self._ix.close()

    def __enter__(self) -> "Generation":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_generation(gen_dir: str | os.PathLike) -> Generation:
    """The index in `gen_dir` opened for reading (see `Generation`)."""
    return Generation(gen_dir)


def read_articles(gen_dir: Path, ids: Iterable[str] | None = None) -> list[Article]:
    """The stored articles of the generation in `gen_dir` whose id is in `ids` (None: all), in
    docnum order."""
    return list(iter_articles(gen_dir, ids))


#: `iter_articles` looks each id up in the id field when fewer than one document in this many
#: is asked for (an unreadable file's articles, a few re-marked ones); otherwise it reads every
#: stored document once, which is cheaper per article for a large share.
LOOKUP_SHARE = 8


def iter_articles(gen_dir: Path, ids: Iterable[str] | None = None) -> Iterator[Article]:
    """`read_articles` one at a time (a build reads a large archive's kept articles this way,
    never holding them all). A few ids are looked up (`LOOKUP_SHARE`) instead of reading every
    stored document: a build that reads back one file's articles does not scan the archive."""
    want = None if ids is None else set(ids)
    with open_generation(gen_dir) as gen:
        s = gen.searcher()
        try:
            if want is not None and len(want) * LOOKUP_SHARE < s.doc_count():
                found = (docnum_of(s, aid) for aid in want)
                for d in sorted(d for d in found if d is not None):
                    yield stored_article(s, d)
                return
            for sf in s.all_stored_fields():
                if want is None or sf.get("id") in want:
                    yield stored_to_article(sf)
        finally:
            s.close()
