"""Identical copies: the same source file indexed under several paths (a copy of an issue in
another folder, a backup beside the original). Search lists each article once; the other
files it is in are named on it ("also in"), never deleted.

    identical(files) -> Copies            from an index manifest's {path: file record}
    encode(copies) -> bytes;  decode(data) -> Copies;  read(folder) -> Copies
    Copies.hidden: frozenset[str]          ids not listed (each is an identical copy of a listed one)
    Copies.also_in: {id: ((file, id or None), ...)}   the other files of a listed article
    FILE, EMPTY

Rule: two files are identical when their bytes are (the manifest's sha256, `hash`) and they
were read with the same options (`read_options`: a table read with another column map gives
other articles). Reading is deterministic, so the k-th article of one such file is the k-th of
the other. Of the articles at one position, the one with the smallest id is listed — the copy
the reprint lineage makes the original of a same-day tie (`archive.lineage`, rule 2), so a
listed article is never shown as the reprint of its hidden twin — and the others are hidden.
A file whose articles were all skipped at index time (their ids clash: the same file name in
another folder gives the same ids) hides nothing and is named on every article of the file
that holds them; a file with some of its ids skipped cannot be aligned and is left as it is
(its articles are listed, each on its own).

Only byte-identical files: rows repeated inside one file, a re-encoded copy (GBK beside
UTF-8) and reprints of a story in other outlets are distinct documents (near-duplicates and
reprints are marked by `analysis.dedupe` and `archive.lineage`, and listed).
The file names shown are the paths relative to the folder all files of the group share.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Copies", "identical", "encode", "decode", "read", "FILE", "EMPTY"]

#: The generation file holding the identical copies (written by the index build).
FILE = "copies.json"
_FORMAT = 1

log = logging.getLogger("searchapp")


@dataclass(frozen=True)
class Copies:
    """`hidden`: ids of identical copies that are not listed; `also_in`: listed id → the other
    files holding it, as ((file, id of the copy there, or None when it was skipped), ...)."""

    hidden: frozenset = frozenset()
    also_in: dict = field(default_factory=dict)

    def listed(self, article_id: str | None) -> str | None:
        """The id under which `article_id` is listed: its listed twin when it is a hidden
        copy, else itself (None for None)."""
        if article_id is None or article_id not in self.hidden:
            return article_id
        return next((k for k, v in self.also_in.items() if any(i == article_id for _, i in v)),
                    article_id)


EMPTY = Copies()


def _shown(paths: list[str]) -> dict[str, str]:
    """{path: path relative to the folder all `paths` share} ("/" separators)."""
    try:
        root = os.path.commonpath([os.path.dirname(p) for p in paths])
        return {p: Path(os.path.relpath(p, root)).as_posix() for p in paths}
    except ValueError:  # mixed absolute and relative paths, other drives
        return {p: p for p in paths}


def identical(files: dict[str, dict[str, Any]]) -> Copies:
    """The identical copies among `files` (a manifest's "files": path → {"hash", "read_options",
    "ids", "skipped", ...}); see the module docstring. Never raises for a malformed record (it
    is left out)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for path, rec in files.items():
        if not isinstance(rec, dict) or not isinstance(rec.get("hash"), str):
            continue
        key = (rec["hash"], json.dumps(rec.get("read_options"), sort_keys=True, default=str))
        groups.setdefault(key, []).append(path)
    hidden: set[str] = set()
    also: dict[str, list[tuple[str, str | None]]] = {}
    for paths in groups.values():
        if len(paths) < 2:
            continue
        paths.sort()
        shown = _shown(paths)
        ids = {p: [str(i) for i in files[p].get("ids") or []] for p in paths}
        skipped = {p: bool(files[p].get("skipped")) for p in paths}
        full = [p for p in paths if ids[p] and not skipped[p]]
        if not full:
            continue
        n = len(ids[full[0]])
        aligned = [p for p in full if len(ids[p]) == n]
        for k in range(n):
            at = sorted((ids[p][k], p) for p in aligned)
            keep = at[0][0]
            for other, p in at[1:]:
                if other != keep:
                    hidden.add(other)
                    also.setdefault(keep, []).append((shown[p], other))
        for p in paths:  # every article skipped: the file is a copy of one that holds them
            if not ids[p] and skipped[p]:
                for k in range(n):
                    keep = min(ids[q][k] for q in aligned)
                    also.setdefault(keep, []).append((shown[p], None))
    return Copies(frozenset(hidden), {k: tuple(v) for k, v in also.items()})


def encode(copies: Copies) -> bytes:
    """The FILE bytes of `copies` (UTF-8 JSON)."""
    body = {"format": _FORMAT, "hidden": sorted(copies.hidden),
            "also_in": {k: [list(x) for x in v] for k, v in sorted(copies.also_in.items())}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8",
                                                                             "surrogateescape")


def decode(data: bytes) -> Copies:
    """Copies from FILE bytes. Raises ValueError when they are not a copies file."""
    try:
        body = json.loads(data.decode("utf-8", "surrogateescape"))
        if not isinstance(body, dict) or body.get("format") != _FORMAT:
            raise ValueError("not a copies file of a known format")
        also = {str(k): tuple((str(f), None if i is None else str(i)) for f, i in v)
                for k, v in body["also_in"].items()}
        return Copies(frozenset(map(str, body["hidden"])), also)
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"copies file damaged: {e}") from e


def read(folder: Path | None) -> Copies:
    """The copies of the generation in `folder`: EMPTY when there is no FILE (an index built
    before it existed, or a generation without identical files), or when it is damaged (a
    warning on the `searchapp` logger: every article is then listed, nothing is lost)."""
    if folder is None:
        return EMPTY
    path = Path(folder) / FILE
    try:
        return decode(path.read_bytes())
    except FileNotFoundError:
        return EMPTY
    except (OSError, ValueError) as e:
        log.warning("identical copies not collapsed: cannot read %s (%s)", path, e)
        return EMPTY
