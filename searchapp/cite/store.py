"""Frozen result lists in a small SQLite file beside the index (`<index>/frozen.sqlite`).

    store = FrozenStore(index_dir)
    store.freeze(request, query_text, items, total, generation) -> FrozenList   (idempotent)
    store.get(key) -> FrozenList | None

The file lives in the index folder but outside every generation folder, so a rebuild
(`searchapp index --rebuild`), a switch back to an older generation or a restored generation
never touches it. Article ids derive from content (`model.make_id`), so a frozen id finds the
same article after any rebuild of the same input; an id the live index no longer holds is shown
as gone (from its frozen title, source and date), never dropped.

Keys are short and stable: the first `KEY_CHARS` (10) characters of the base32 SHA-256 of the
list's content (request + ordered ids), lower case. Freezing the same list twice gives the same
key (the first freezing time is kept); a key taken by other content is lengthened.

Opening safely (the index folder may be damaged or hostile): the file is opened with
`O_NOFOLLOW` first, so a symbolic link in its place is refused; it must be a regular file; the
rollback journal name (`frozen.sqlite-journal`) must not be a link; the connection must end
up on the same inode that was checked. Journal mode stays "delete" (no -wal/-shm files).
Each call opens its own connection (SQLite serialises writers; `busy_timeout` 5 s), so the
store is safe to share between server threads. Raises `FrozenStoreError` when the file cannot
be used (its message says why and where).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

__all__ = ["FrozenStore", "FrozenList", "FrozenStoreError", "FILE_NAME", "KEY_CHARS", "MAX_ITEMS",
           "content_key"]

FILE_NAME = "frozen.sqlite"
KEY_CHARS = 10
#: Most articles one frozen list holds (the rest of a longer result list is cut, and says so).
MAX_ITEMS = 500
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS frozen_lists (
    key        TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,          -- ISO-8601 UTC, seconds
    request    TEXT NOT NULL,          -- JSON: the search parameters (SearchRequest.to_params)
    query_text TEXT NOT NULL,
    total      INTEGER NOT NULL,       -- hits of the search when frozen (may exceed the items)
    generation INTEGER,                -- index generation it was frozen from
    items      TEXT NOT NULL           -- JSON list of frozen rows, in result order
)
"""


class FrozenStoreError(Exception):
    """The frozen-list file cannot be used (message: what and where)."""


@dataclass
class FrozenList:
    """One frozen list: key, created_at (ISO UTC), request (dict of search parameters),
    query_text, total (int), generation (int | None), items (list of dicts with rank, id, title,
    source, publication, author, date, page, url, kind)."""

    key: str
    created_at: str
    request: dict[str, Any]
    query_text: str
    total: int
    generation: int | None
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "created_at": self.created_at, "request": self.request,
                "query_text": self.query_text, "total": self.total,
                "generation": self.generation, "items": self.items}


def content_key(request: dict[str, Any], ids: list[str], length: int = KEY_CHARS) -> str:
    """The content-derived key of a list (see the module docstring)."""
    raw = json.dumps({"request": request, "ids": ids}, ensure_ascii=False, sort_keys=True,
                     separators=(",", ":")).encode("utf-8")
    return base64.b32encode(hashlib.sha256(raw).digest()).decode("ascii").lower()[:length]


class FrozenStore:
    """The frozen lists of the index in `index_dir` (see the module docstring)."""

    def __init__(self, index_dir: str | os.PathLike):
        self.path = Path(index_dir) / FILE_NAME

    # -- opening ---------------------------------------------------------------------------
    def _checked_fd(self, create: bool) -> int | None:
        flags = os.O_RDWR | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        if create:
            flags |= os.O_CREAT
        try:
            fd = os.open(self.path, flags, 0o644)
        except FileNotFoundError:
            if create:
                raise FrozenStoreError(f"cannot create {self.path}: its folder does not exist")
            return None
        except OSError as e:
            why = "it is a symbolic link" if os.path.islink(self.path) else (e.strerror or str(e))
            raise FrozenStoreError(f"refusing to open {self.path}: {why}") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise FrozenStoreError(f"refusing to open {self.path}: not a regular file")
        journal = Path(f"{self.path}-journal")
        if journal.is_symlink():
            os.close(fd)
            raise FrozenStoreError(f"refusing to open {self.path}: {journal.name} is a symbolic link")
        return fd

    @contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection | None]:
        fd = self._checked_fd(create=write)
        if fd is None:
            yield None
            return
        try:
            try:
                con = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None)
            except sqlite3.Error as e:
                raise FrozenStoreError(f"cannot open {self.path}: {e}") from None
            try:
                now, was = os.stat(self.path, follow_symlinks=False), os.fstat(fd)
                if (now.st_dev, now.st_ino) != (was.st_dev, was.st_ino):
                    raise FrozenStoreError(f"refusing to use {self.path}: it was replaced while opening")
                con.execute("PRAGMA journal_mode=DELETE")
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version > _SCHEMA_VERSION:
                    raise FrozenStoreError(f"{self.path} was written by a newer searchapp "
                                           f"(format {version}); it was left as it is")
                if write and version < _SCHEMA_VERSION:
                    con.execute(_SCHEMA)
                    con.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
                yield con
            except sqlite3.DatabaseError as e:
                raise FrozenStoreError(f"{self.path} is not a usable frozen-list file ({e}); "
                                       "it was left as it is") from None
            finally:
                con.close()
        finally:
            os.close(fd)

    def check(self) -> str | None:
        """What is wrong with the frozen-list file (one line naming it), or None when it is
        whole or was never created. Reads every page (SQLite `PRAGMA quick_check`); writes
        nothing. Used by `searchapp repair --check`."""
        try:
            with self._connect(write=False) as con:
                if con is None:
                    return None
                rows = con.execute("PRAGMA quick_check").fetchall()
                if [r[0] for r in rows] != ["ok"]:
                    return (f"{self.path} is damaged ({'; '.join(str(r[0]) for r in rows[:3])}); "
                            "it was left as it is")
                con.execute("SELECT count(*) FROM frozen_lists").fetchone()
        except FrozenStoreError as e:
            return str(e)
        except sqlite3.DatabaseError as e:
            return f"{self.path} is not a usable frozen-list file ({e}); it was left as it is"
        return None

    # -- reading and writing ---------------------------------------------------------------
    def get(self, key: str) -> FrozenList | None:
        """The frozen list with this key, or None (also when no list was ever frozen)."""
        with self._connect(write=False) as con:
            if con is None:
                return None
            try:
                row = con.execute("SELECT key, created_at, request, query_text, total, generation, "
                                  "items FROM frozen_lists WHERE key = ?", (key,)).fetchone()
            except sqlite3.OperationalError:  # an empty file: no table yet
                return None
        return _row(row) if row else None

    def freeze(self, request: dict[str, Any], query_text: str, items: list[dict[str, Any]],
               total: int, generation: int | None) -> FrozenList:
        """Store a list (at most MAX_ITEMS items, in order) and return it; the same content
        frozen earlier is returned as it was stored then. Raises FrozenStoreError."""
        items = [dict(it, rank=i) for i, it in enumerate(items[:MAX_ITEMS], 1)]
        ids = [it["id"] for it in items]
        created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        payload = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        req_json = json.dumps(request, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        with self._connect(write=True) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                for length in range(KEY_CHARS, 53, 2):
                    key = content_key(request, ids, length)
                    row = con.execute("SELECT key, created_at, request, query_text, total, "
                                      "generation, items FROM frozen_lists WHERE key = ?",
                                      (key,)).fetchone()
                    if row is None:
                        con.execute("INSERT INTO frozen_lists VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (key, created, req_json, query_text, int(total), generation,
                                     payload))
                        con.execute("COMMIT")
                        return FrozenList(key, created, request, query_text, int(total),
                                          generation, items)
                    got = _row(row)
                    if got.request == json.loads(req_json) and [i["id"] for i in got.items] == ids:
                        con.execute("COMMIT")
                        return got
                raise FrozenStoreError("no free key for this list")  # 2^-260: unreachable
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise


def _row(row: tuple) -> FrozenList:
    key, created, req, qt, total, gen, items = row
    return FrozenList(key, created, json.loads(req), qt, int(total), gen, json.loads(items))
