"""What reading a file gives: `ReadResult(articles, problems, warnings)`, a `Problem` per skipped
part (or, as a warning, per suspicious one), or `IngestError` when the whole file is unusable
(shared by the readers and `ingest.read_file`); `display_path` for one-line messages."""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from searchapp.model import Article

__all__ = ["IngestError", "Problem", "ReadResult", "display_path"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def display_path(p: str | os.PathLike) -> str:
    """A path as printed in one-line messages: control characters (a newline in a file name)
    written as escapes (`\\n`, `\\x07`), so `file:line: reason` stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(p))


class IngestError(Exception):
    """A whole file cannot be used. `.file` (str path) and `.reason` (one line for the user)."""

    def __init__(self, reason: str, file: str | os.PathLike | None = None):
        super().__init__(reason)  # str(e) is the reason alone: callers prefix the file themselves
        self.reason = reason
        self.file = str(file) if file is not None else None


@dataclass
class Problem:
    """Something skipped (or, as a warning, suspicious) while reading: `file` (path as given),
    `line` (1-based) or None for the whole file, `reason` (one line for the user)."""

    file: str
    line: int | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """{"file": str, "line": int|None, "reason": str}"""
        return asdict(self)

    def __str__(self) -> str:
        f = display_path(self.file)
        return f"{f}:{self.line}: {self.reason}" if self.line else f"{f}: {self.reason}"


@dataclass
class ReadResult:
    """What one file gave: the articles read, the problems skipped (parts of the file) and the
    warnings (nothing skipped, but worth a look)."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
