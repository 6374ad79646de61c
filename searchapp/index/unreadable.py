"""Keep what an indexed file held when that file cannot be read any more.

    previous_articles(index_dir, live, entry, key, owner) -> (articles, note)

A file indexed by an earlier build that is still there but now unreadable (emptied or
overwritten by an interrupted copy, an undecodable encoding, permission denied) is not a file
that is gone: its articles stay in the index, read back from the live generation, and the
build reports the file with a problem saying so. Its manifest entry keeps the earlier
hash, size and mtime, so the next build tries the file again (and says the same until the file is
readable or removed). Only a file that disappears from a folder given takes its articles with
it (docs/index.md).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from searchapp import engine
from searchapp.model import Article

__all__ = ["previous_articles", "UNREADABLE"]

#: Key of a planned read's manifest entry naming why the file could not even be opened
#: (`OSError` while hashing it); the read then goes straight to `previous_articles`.
UNREADABLE = "unreadable"


def previous_articles(index_dir: Path, live: str | None, entry: dict[str, Any] | None,
                      key: str, owner: dict[str, str]) -> tuple[list[Article], str]:
    """The articles the file `key` held in the live generation (`entry`: its live manifest
    entry, None when it had none), except ids another file owns in this build (`owner`:
    {article id: file key}), and the sentence to add to the file's problem: what was kept, or
    that nothing could be. Reading the live generation back may fail (a damaged index): then
    no article is kept and the sentence says they could not be."""
    ids = [i for i in (entry or {}).get("ids", []) if owner.get(i, key) == key]
    if not ids or live is None:
        return [], ""
    try:
        arts = engine.read_articles(index_dir / live, ids)
    except Exception as e:  # noqa: BLE001 - a damaged live index: say so, keep the build going
        return [], (f"; its {len(ids)} earlier articles could not be read back from the index "
                    f"({type(e).__name__}: {e}) and are not in the new generation")
    n = len(arts)
    return arts, (f"; kept the {n} article{'s' if n != 1 else ''} indexed from its earlier "
                  "version (fix or replace the file, or remove it to drop them)")
