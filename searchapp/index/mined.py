"""The generation's mined abbreviation pairs (`vocab.abbrev`), written inside the generation.

    write_pairs(gen_dir, live_dir, write, delete, full, found=None) -> str | None   (a warning)
    Definitions()         the writers' collector (`engine.write_generation`'s `collect`)

A full build mines every article it writes, in two stages (`abbrev.candidates`, `abbrev.resolve`):
each writer process finds the candidate definitions of the articles it adds while it has them in
memory (`Definitions`, merged over the writers), and the building process reads the full names
of those few candidates afterwards (jieba's tag table is loaded there only, not in every writer).

An incremental build starts from the live generation's pairs, forgets the articles it deletes
or rewrites and adds the ones it writes; when the live generation has no usable pairs file
(written before mining, or damaged), the new generation's articles are all mined again here.
The file is written atomically
(`files.write_atomic`: an incremental build's hard-linked copy of the previous file is
replaced, never written through), so an older generation keeps its own pairs. It is not one of
the generation's index files (`store.NOT_INDEX_FILES`): a damaged or missing pairs file means
no mined pairs at query time (logged), never a damaged index.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

from searchapp import engine
from searchapp.index.files import write_atomic
from searchapp.model import Article
from searchapp.vocab import abbrev

__all__ = ["write_pairs", "Definitions"]

log = logging.getLogger("searchapp")


class Definitions:
    """The candidate definitions (`abbrev.candidates`) of the articles a writer adds: the
    `collect` of `engine.write_generation`, so each writer finds them on its own share. Picklable
    (a forked writer sends its copy back); never raises: a failure is kept and reported by
    `write_pairs`."""

    def __init__(self) -> None:
        self.found: list[tuple[str, tuple]] = []  # (article id, (candidates of each text, ...))
        self.error: str | None = None

    def add(self, article: Article) -> None:
        """Find the candidate definitions in `article`'s title and body."""
        if self.error is not None:
            return
        try:
            got = tuple(c for c in (abbrev.candidates(t) for t in (article.title, article.body)
                                    if t) if c)
        except Exception as e:  # noqa: BLE001 - mined pairs are an extra; never lose the build
            self.error = f"{type(e).__name__}: {e}"
            return
        if got:
            self.found.append((article.id, got))

    def merge(self, other: "Definitions") -> None:
        """Take over what another writer's collector found."""
        if self.error is None:
            self.error = other.error
        self.found.extend(other.found)

    def pairs(self) -> abbrev.Pairs:
        """The pairs of everything found. Raises _MiningFailed when a writer's mining failed."""
        if self.error is not None:
            raise _MiningFailed(self.error)
        out = abbrev.Pairs()
        for aid, got in self.found:
            out.add_found(aid, got)
        return out


class _MiningFailed(Exception):
    """A writer's mining failed (its message is the original error's)."""


def write_pairs(gen_dir: Path, live_dir: Path | None, write: Iterable[Article],
                delete: Iterable[str], full: bool, found: Definitions | None = None) -> str | None:
    """Mine and write `gen_dir`'s pairs file (module docstring). `write`: the articles this
    build wrote; `delete`: ids it deleted or rewrote; `found`: what the writers collected from
    `write` (None: mine `write` here). Never raises for a mining or writing failure: the file is
    then left out and the returned warning says why."""
    path = gen_dir / abbrev.FILE
    try:
        base = None if full or live_dir is None else abbrev.read(live_dir)
        if base is None and not (full or live_dir is None):
            pairs, articles = abbrev.Pairs(), engine.iter_articles(gen_dir)  # all again
        else:
            pairs = base or abbrev.Pairs()
            pairs.drop(delete)  # (a no-op on a fresh Pairs)
            articles = write if found is None else ()
            if found is not None:
                pairs.merge(found.pairs())
        for a in articles:
            pairs.add(a.id, a.title, a.body)
        write_atomic(path, abbrev.encode(pairs))
        return None
    except Exception as e:  # noqa: BLE001 - mined pairs are an extra; never lose the build
        try:
            path.unlink()  # never leave the previous generation's pairs as this one's
        except OSError:
            pass
        why = str(e) if isinstance(e, _MiningFailed) else f"{type(e).__name__}: {e}"
        msg = f"abbreviation mining skipped: {why}"
        log.warning(msg)
        return msg
