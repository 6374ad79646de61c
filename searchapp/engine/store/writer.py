"""Writing one generation's Whoosh index: documents added, deleted, committed as one unit.

    write_generation(gen_dir, articles, *, new, delete=(), workers=None, say=...)
        -> [(Article, reason)]      the articles Whoosh refused (everything else is committed)

`new`: create an empty index with `schema.make_schema()` in the (existing, empty) folder
`gen_dir`; else open the index already there (the files of the live generation, copied by
`searchapp.index`) with that schema and delete the ids in `delete` first. Large writes use
several writers in parallel (`parallel.py`). Their buffers are sized by the build's memory
budget (`budget.py`: `memory_mb`, else SEARCHAPP_BUILD_MEMORY_MB, else its default). A failure
cancels the writer, so no half segment is ever committed; the caller drops the generation
folder. After the commit, the generation's arrays (`genarrays`: sort ranks, facet postings,
dates) are written beside the Whoosh files.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from whoosh.reading import SegmentReader

from searchapp.engine.store import genarrays, parallel, postarrays, segtext
from searchapp.engine.store.budget import Budget, release_free_memory, resolve
from searchapp.engine.store.grouped_writer import grouped
from searchapp.engine.store.schema import make_schema, to_document
from searchapp.engine.store.standby import Ready
from searchapp.engine.store.storage import SafeStorage
from searchapp.engine.store.turns import one_at_a_time
from searchapp.model import Article

__all__ = ["write_generation", "write_arrays", "PROGRESS_EVERY"]

#: Articles between two "indexed i/N" progress lines.
PROGRESS_EVERY = 100

Say = Callable[..., None]
Failed = list[tuple[Article, str]]


class Collector(Protocol):
    """What a build gathers from each article as its writers add them (`write_generation`)."""

    def add(self, article: Article) -> None: ...

    def merge(self, other: "Collector") -> None: ...


def write_generation(gen_dir: Path, articles: Sequence[Article], *, new: bool,
                     delete: Sequence[str] = (), workers: int | None = None,
                     say: Say = lambda *a: None, memory_mb: int | None = None,
                     collect: Collector | None = None, ready: Ready | None = None) -> Failed:
    """Add `articles` (after deleting the ids in `delete`) to the index in `gen_dir` and commit.
    `workers`: writers in parallel (None = automatic, `parallel.workers_for`). `memory_mb`: the
    build's memory budget (`budget.resolve`: None = SEARCHAPP_BUILD_MEMORY_MB or the default;
    SearchAppError when it is too small or not a number). `say(message,
    done=None, total=None)` reports progress ("indexing N articles", "indexed i/N articles",
    "committing"). `collect`: `collect.add(article)` runs for every article, in the writer
    process that adds it (before Whoosh sees it, so also for one it refuses); each forked
    writer's copy is sent back and merged with `collect.merge(copy)` (so it must pickle).
    `ready`: writer processes forked before the build planned (`standby.standby`; None: forked
    when needed). Returns the articles Whoosh refused, with the reason. Raises what the writer
    raises (OSError, SearchAppError from a failed parallel writer) after cancelling it."""
    budget = resolve(memory_mb, parallel.workers_for(len(articles), workers))
    storage = SafeStorage(str(gen_dir))  # every file created exclusively, never through a link
    if new:
        ix = storage.create_index(make_schema())
    else:
        ix = storage.open_index(schema=make_schema())
    try:
        n = budget.workers
        if n > 1:
            job = _Writing(gen_dir, budget.grams_bytes, say, collect)
            failed = parallel.write(ix, articles, job.add, n, budget.pool_mb, delete,
                                    job.finished, collect, ready)
        else:
            failed = _write_serial(ix, articles, delete, say, budget, collect)
    finally:
        ix.close()
    write_arrays(gen_dir, say, budget)
    return failed


def _say_nothing(*args: Any, **kwargs: Any) -> None:
    pass


class _Writing:
    """What each writer of a parallel build does with its chunk (`add`) and its finished segment
    (`finished`). Picklable, for a writer process that gets it as its job: `say` (the build's
    progress display) stays in the building process, which says for all writers."""

    def __init__(self, gen_dir: Path, grams_bytes: int, say: Say, collect: Collector | None):
        self.gen_dir, self.grams_bytes, self.say, self.collect = gen_dir, grams_bytes, say, collect

    def __getstate__(self) -> dict:
        return {**self.__dict__, "say": _say_nothing}

    def add(self, w: Any, chunk: Sequence[Article], scale: int) -> Failed:
        got = add_articles(w, chunk, self.say, scale, self.collect)
        if scale:
            self.say("committing")
        return got

    def finished(self, segment: Any) -> None:
        """Each writer writes its own segment's long posting lists as arrays (both writers at
        once: `postarrays` holds one list at a time), then its texts and gram index, one
        writer at a time (`turns.one_at_a_time`): the gram builds' buffers, the largest of the
        build, never add up."""
        release_free_memory()  # the posting pool's, before the gram index's turn
        storage = _unmapped(self.gen_dir)
        with SegmentReader(storage, make_schema(), segment) as reader:
            postarrays.write_segment(reader, self.gen_dir)
            with one_at_a_time(self.gen_dir):
                segtext.write_segment(reader, self.gen_dir, self.grams_bytes)


def _unmapped(gen_dir: Path) -> SafeStorage:
    """The generation's storage reading files with read() instead of a memory map: a writer
    reads its whole segment's literal column once, and mapped pages of it would count in the
    build's resident memory until the process ends."""
    return SafeStorage(str(gen_dir), supports_mmap=False)


def write_arrays(gen_dir: Path, say: Say = lambda *a: None, budget: Budget | None = None,
                 missing_only: bool = False) -> None:
    """Write beside the committed generation's Whoosh files what readers would otherwise
    compute per process on their first query: each segment's texts and gram index
    (`segtext`) and its long posting lists as arrays (`postarrays`; a segment that already has
    them, hard-linked from the previous generation or written by its parallel writer, is
    skipped) and the generation's arrays (`genarrays`).
    `budget`: the build's memory budget (None: `budget.resolve()` for one writer).
    `missing_only`: the generation's arrays too are written only when missing or resized (a
    generation whose Whoosh files did not change: `index.build` fills what the last one lacked)."""
    say("writing arrays")
    budget = budget or resolve()
    release_free_memory()
    ix = _unmapped(gen_dir).open_index(schema=make_schema())
    try:
        with ix.reader() as reader:
            for leaf, _ in reader.leaf_readers():
                if segtext.load(leaf, gen_dir) is None:
                    segtext.write_segment(leaf, gen_dir, budget.grams_bytes)
                if postarrays.load(leaf, gen_dir) is None:
                    postarrays.write_segment(leaf, gen_dir)
            if not missing_only or genarrays.load(reader, gen_dir) is None:
                genarrays.write(genarrays.compute(reader), reader, gen_dir)
    finally:
        ix.close()


def _write_serial(ix, articles: Sequence[Article], delete: Sequence[str], say: Say,
                  budget: Budget, collect: Collector | None = None) -> Failed:
    w = grouped(ix.writer(limitmb=budget.pool_mb))
    try:
        for aid in delete:
            w.delete_by_term("id", aid)
        failed = add_articles(w, articles, say, collect=collect)
        say("committing")
        w.commit()
    except BaseException:
        w.cancel()
        raise
    return failed


def add_articles(writer: Any, arts: Sequence[Article], say: Say, scale: int = 1,
                 collect: Collector | None = None) -> Failed:
    """Add `arts` to a Whoosh `writer`; returns the articles that could not be converted or
    added, with why. `scale`: writers working in parallel (progress counts are this writer's ×
    scale, an estimate of the whole build's); 0 = say nothing (a child writer). `collect`:
    `collect.add(article)` for each article first (`write_generation`)."""
    count = len(arts)
    total = count * scale
    failed: Failed = []
    if scale:
        say(f"indexing {total} articles", 0, total)
    for i, art in enumerate(arts, 1):
        if collect is not None:
            collect.add(art)
        try:
            doc = to_document(art)
        except Exception as e:  # noqa: BLE001 - one bad article never stops the others
            failed.append((art, f"{type(e).__name__}: {e}"))
            continue
        try:
            writer.add_document(**doc)
        except (ValueError, TypeError, UnicodeError) as e:  # Whoosh refused a value
            failed.append((art, f"{type(e).__name__}: {e}"))
        if scale and (i % PROGRESS_EVERY == 0 or i == count):
            say(f"indexed {i * scale}/{total} articles", i * scale, total)
    return failed
