"""What reading a file gives: `ReadResult(articles, problems)`, a `Problem` per skipped part, or
`IngestError` when the whole file is unusable (shared by the readers and `ingest.read_file`)."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any

from searchapp.model import Article

__all__ = ["IngestError", "Problem", "ReadResult"]


class IngestError(Exception):
    """A whole file cannot be used. `.file` (str path) and `.reason` (one line for the user)."""

    def __init__(self, reason: str, file: str | os.PathLike | None = None):
        super().__init__(reason)  # str(e) is the reason alone: callers prefix the file themselves
        self.reason = reason
        self.file = str(file) if file is not None else None


@dataclass
class Problem:
    """Something skipped while reading: `file` (path as given), `line` (1-based) or None for the
    whole file, `reason` (one line for the user)."""

    file: str
    line: int | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """{"file": str, "line": int|None, "reason": str}"""
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


@dataclass
class ReadResult:
    """What one file gave: the articles read and the problems skipped (parts of the file)."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
