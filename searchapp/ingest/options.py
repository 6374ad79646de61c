"""What the user tells the readers that the content cannot: `ReadOptions` (table column mapping,
where titles come from) and `FileFilter` (which files of a folder to take).

    ReadOptions(columns="category,body", title="first-sentence")
    FileFilter(include=("*.txt",), exclude=("answers/*", "*.md")).selected(rel_path) -> bool

Glob rules (`FileFilter`, like .gitignore's): a pattern without `/` matches a file's name or the
name of any folder above it (below the folder given); a pattern with `/` matches the path
relative to that folder (`*` also crosses `/`). With include patterns, a file must match one of
them; a file matching an exclude pattern is left out. Matching is case-sensitive
(`fnmatch.fnmatchcase`). Files named explicitly are never filtered.
"""
from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

#: Where titles come from: "given" (a title column, the first line of a text) or
#: "first-sentence" (the first sentence of the body, `titles.first_sentence`, when none is given).
TITLE_MODES = ("given", "first-sentence")


@dataclass(frozen=True)
class ReadOptions:
    """columns: the `--map` spec as typed (parsed by `table_map.parse_map`), or None;
    title: one of TITLE_MODES; masthead: the publication an issue file belongs to, as
    `masthead.read_masthead` gives it from the folder's `publication.toml`, as sorted (key,
    value) pairs, or None. Raises ValueError for an unknown title mode."""

    columns: str | None = None
    title: str = "given"
    masthead: tuple[tuple[str, str], ...] | None = None

    def __post_init__(self) -> None:
        if self.title not in TITLE_MODES:
            raise ValueError(f"title must be one of {', '.join(TITLE_MODES)}, got {self.title!r}")

    def to_dict(self) -> dict[str, Any]:
        """{"columns": str|None, "title": str[, "masthead": {key: value}]}: what an index
        manifest records per file, so a file is read again with the options it was first read
        with (and when they change). "masthead" is there only when set, so manifests of files
        without one stay as they were."""
        out: dict[str, Any] = {"columns": self.columns, "title": self.title}
        if self.masthead:
            out["masthead"] = dict(self.masthead)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "ReadOptions":
        """Inverse of `to_dict`; None or {} gives the defaults."""
        d = d or {}
        m = d.get("masthead")
        return cls(columns=d.get("columns"), title=d.get("title") or "given",
                   masthead=tuple(sorted(m.items())) if isinstance(m, dict) and m else None)

    def with_masthead(self, masthead: dict[str, str] | None) -> "ReadOptions":
        """These options with `masthead` (a dict, or None for none)."""
        pairs = tuple(sorted(masthead.items())) if masthead else None
        return dataclasses.replace(self, masthead=pairs)

    @property
    def first_sentence_titles(self) -> bool:
        """True when a missing title is taken from the first sentence of the body."""
        return self.title == "first-sentence"


@dataclass(frozen=True)
class FileFilter:
    """include/exclude glob patterns for files found in folders (see module docstring)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    def selected(self, rel_path: str) -> bool:
        """True when the file at `rel_path` (relative to the folder given, `/`-separated) is
        taken: it matches an include pattern (or there are none) and no exclude pattern."""
        if self.include and not any(_match(p, rel_path) for p in self.include):
            return False
        return not self.excluded(rel_path)

    def excluded(self, rel_path: str) -> bool:
        """True when a file or folder at `rel_path` matches an exclude pattern."""
        return any(_match(p, rel_path) for p in self.exclude)


def _match(pattern: str, rel_path: str) -> bool:
    pattern = pattern.strip()
    if not pattern:
        return False
    if "/" in pattern.rstrip("/"):
        return fnmatch.fnmatchcase(rel_path, pattern.strip("/")) or \
            fnmatch.fnmatchcase(rel_path, pattern.strip("/") + "/*")
    parts = PurePosixPath(rel_path).parts
    return any(fnmatch.fnmatchcase(part, pattern.rstrip("/")) for part in parts)
