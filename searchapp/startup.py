"""Start-up without garbage collection: what a process loads before its first answer (modules,
dictionaries, tables, an index's arrays) is kept for the life of the process, so a collection
during start-up scans ever more objects and finds next to nothing to free.

    with collection_paused(): ...     no automatic collection inside the block (resumed after,
                                      when it was on before)

CPython's cyclic collector runs a generation-0 pass every 700 allocations net of frees and
older passes every 10 of the younger ones (`gc.get_threshold`): importing the CLI's modules
alone ran ~100 passes freeing a few hundred objects, several per cent of a start's CPU time.
Reference counting still frees everything without cycles while paused, and the collector
resumes afterwards with every object still in its care. (Not `gc.freeze` after start-up: a
server's first index reader, once a rebuild replaces it, would then never be collected if it
holds a cycle, keeping the replaced generation's files open.)
"""
from __future__ import annotations

import gc

__all__ = ["collection_paused"]


class _Paused:
    """The context of `collection_paused` (a class, not contextlib: this module is imported
    before anything else of the CLI, so it imports nothing that would itself be collected)."""

    __slots__ = ("was_on",)

    def __enter__(self) -> None:
        self.was_on = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_on:
            gc.enable()


def collection_paused() -> _Paused:
    """Pause automatic garbage collection for a `with` block; it resumes at its end (also on an
    exception) unless it was already off."""
    return _Paused()
