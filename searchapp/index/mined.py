"""The generation's mined abbreviation pairs (`vocab.abbrev`), written inside the generation.

    write_pairs(gen_dir, live_dir, write, delete, full) -> str | None   (a warning, or None)

A full build mines every article it writes. An incremental build starts from the live
generation's pairs, forgets the articles it deletes or rewrites and mines the ones it writes;
when the live generation has no usable pairs file (written before mining, or damaged), the
new generation's articles are all mined again. The file is written atomically
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

__all__ = ["write_pairs"]

log = logging.getLogger("searchapp")


def write_pairs(gen_dir: Path, live_dir: Path | None, write: Iterable[Article],
                delete: Iterable[str], full: bool) -> str | None:
    """Mine and write `gen_dir`'s pairs file (module docstring). `write`: the articles this
    build wrote; `delete`: ids it deleted or rewrote. Never raises for a mining or writing
    failure: the file is then left out and the returned warning says why."""
    path = gen_dir / abbrev.FILE
    try:
        base = None if full or live_dir is None else abbrev.read(live_dir)
        if base is None:
            pairs = abbrev.Pairs()
            articles = write if full or live_dir is None else engine.iter_articles(gen_dir)
        else:
            pairs, articles = base, write
            pairs.drop(delete)
        for a in articles:
            pairs.add(a.id, a.title, a.body)
        write_atomic(path, abbrev.encode(pairs))
        return None
    except Exception as e:  # noqa: BLE001 - mined pairs are an extra; never lose the build
        try:
            path.unlink()  # never leave the previous generation's pairs as this one's
        except OSError:
            pass
        msg = f"abbreviation mining skipped: {type(e).__name__}: {e}"
        log.warning(msg)
        return msg
