"""The one record every reader produces and every later stage consumes: `Article`.

Ids are stable: they are derived from the article's identity (where it came from and what it
says), never from run order, so re-indexing the same input gives the same ids and permalinks
keep working.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

_WS = re.compile(r"\s+")


@dataclass
class Article:
    """One news article, as printed (display text is never normalised for matching here).

    Fields:
      id      str, 16 lowercase hex characters (see `make_id`), URL-safe
      title   headline, whitespace cleaned
      body    full text; paragraphs separated by "\\n\\n", PDF line breaks already joined
      source  outlet name (no spaces for Chinese names), or None
      date    ISO "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM[:SS][+HH:MM]" for web pages), or None
      author, speaker, series, column, subtitle, url, kind: str or None
      topics  list of topic labels from `searchapp/data/topics.toml` (e.g. "5G", "security", "AI")
      origin  where it came from: {"file": str, "format": "magazine"|"text"|"html"|"jsonl"|
              "json"|"table"|"sogou"|"pfr",
              "line_start": int, "line_end": int (1-based, inclusive), ...}
      extra   any other metadata a reader kept (dict of JSON-serialisable values)
      duplicate_of  id of the article this one is a near-duplicate of (the story's original,
              `archive.lineage`), or None
      page    page (版面) the article was printed on, int >= 1, or None (JSONL `page`, or a
              `column` of the form 第N版)
      lineage reprint lineage set at build time over the whole corpus (`archive.lineage`:
              story, role 原发/转载, original, lag, credits), or None before that
    """

    id: str
    title: str
    body: str
    source: str | None = None
    date: str | None = None
    author: str | None = None
    speaker: str | None = None
    series: str | None = None
    column: str | None = None
    subtitle: str | None = None
    url: str | None = None
    kind: str | None = None
    topics: list[str] = field(default_factory=list)
    origin: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    page: int | None = None
    lineage: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict with every field (the `segment --format jsonl` shape)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        """Inverse of `to_dict`; unknown keys are ignored. Raises KeyError without id/title/body."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def make_id(namespace: str, *parts: str | None) -> str:
    """Stable article id: first 16 hex chars of SHA-1 over `namespace` and `parts`.

    `namespace` names where the article came from independently of run order (a file's name,
    a canonical URL, an export's own id); `parts` are identity fields such as title and date.
    Whitespace inside parts is removed first, so re-wrapping or re-encoding the same input gives
    the same id. Strings are hashed as UTF-8; a file name that is not UTF-8 (a GBK name out of
    a Windows zip: `os.fsdecode` gives lone surrogates) is hashed as its raw bytes
    (surrogateescape), so the id is stable and never an error. Returns str of length 16.
    """
    h = hashlib.sha1()
    h.update(namespace.encode("utf-8", "surrogateescape"))
    for p in parts:
        h.update(b"\x1f")
        h.update(_WS.sub("", p or "").encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:16]
