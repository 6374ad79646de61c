"""The articles of a build: read from files without ever raising (as a stream: a file of any
size is read one article at a time), compared by content hash, marked as near-duplicates over
the whole corpus."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any, Iterator

from searchapp.analysis.dedupe import mark_duplicates
from searchapp.archive.lineage import assign as assign_lineage
from searchapp.ingest import IngestError, ReadOptions, iter_file, read_file
from searchapp.model import Article

__all__ = ["article_hash", "read_file_articles", "iter_file_articles", "FileArticles",
           "mark_near_duplicates", "problem"]


def problem(file: Any, reason: str, line: int | None = None) -> dict[str, Any]:
    """A manifest / report problem: {"file": str, "line": int | None, "reason": str}."""
    return {"file": str(file), "line": line, "reason": reason}


def article_hash(a: Article) -> str:
    """sha1 hex of the Article's JSON (all fields, sorted keys): equal hash = same document."""
    # a shallow dict gives the same JSON as `a.to_dict()` (dataclasses.asdict deep-copies
    # every nested value first: ~20% of a build's planning time)
    shallow = {f.name: getattr(a, f.name) for f in dataclasses.fields(a)}
    raw = json.dumps(shallow, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()  # non-UTF-8 file names


def read_file_articles(path: Path, options: ReadOptions | None = None
                       ) -> tuple[list[Article], list[dict[str, Any]], list[dict[str, Any]]]:
    """Articles, problems and warnings of one file read with `options`; never raises."""
    try:
        rr = read_file(path, options)
    except IngestError as e:
        return [], [problem(path, e.reason)], []
    except Exception as e:  # noqa: BLE001 - one broken file must never stop the others
        return [], [problem(path, f"unexpected error while reading: {type(e).__name__}: {e}")], []
    probs = [p.to_dict() if hasattr(p, "to_dict") else dict(p) for p in rr.problems]
    return list(rr.articles), probs, [w.to_dict() for w in rr.warnings]


class FileArticles:
    """The articles of one file as a stream that never raises. Iterate once; then `problems`
    and `warnings` (dicts) are complete, and `failed` is True when the file turned out
    unusable partway (its articles already given must then be dropped: the file is reported
    with one problem, as `read_file_articles` reports it). `topics_later`: articles whose
    topics the reader would classify come with `topics` None, for the caller to set
    (`ingest.reading.Reading`)."""

    def __init__(self, path: Path, options: ReadOptions | None, topics_later: bool = False):
        self.path, self.options, self.topics_later = path, options, topics_later
        self.problems: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.failed = False

    def __iter__(self) -> Iterator[Article]:
        path = self.path
        try:
            reading = iter_file(path, self.options)
            reading.topics_later = self.topics_later
            yield from reading
        except IngestError as e:
            self._fail(problem(path, e.reason))
            return
        except Exception as e:  # noqa: BLE001 - one broken file must never stop the others
            self._fail(problem(path, f"unexpected error while reading: {type(e).__name__}: {e}"))
            return
        self.problems = [p.to_dict() if hasattr(p, "to_dict") else dict(p) for p in reading.problems]
        self.warnings = [w.to_dict() for w in reading.warnings]

    def _fail(self, prob: dict[str, Any]) -> None:
        self.failed = True
        self.problems, self.warnings = [prob], []


def iter_file_articles(path: Path, options: ReadOptions | None = None,
                       topics_later: bool = False) -> FileArticles:
    """The articles of one file read with `options`, as a stream (`FileArticles`)."""
    return FileArticles(path, options, topics_later)


def mark_near_duplicates(articles: list[Article], warnings: list[str]) -> None:
    """Set `duplicate_of` over `articles` (`analysis.dedupe`, in the given order), then the
    reprint lineage of every article (`archive.lineage.assign`: 原发/转载 in each group, which
    also points `duplicate_of` at each story's original); when that fails, every article keeps
    its earlier marks and `warnings` says why (never a lost build)."""
    saved = [(a.duplicate_of, a.lineage) for a in articles]
    for a in articles:
        a.duplicate_of = None
    try:
        assign_lineage(articles, mark_duplicates(articles))
    except Exception as e:  # noqa: BLE001 - dedupe is an extra; never lose the build for it
        for a, (dup, lin) in zip(articles, saved):
            a.duplicate_of, a.lineage = dup, lin
        warnings.append(f"near-duplicate marking skipped: {type(e).__name__}: {e}")


