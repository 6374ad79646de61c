"""Typed settings with defaults, validated at load. Nothing is read at import time.

Limits are documented here once and quoted by the README, the API description and error messages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

#: The vocabulary data files shipped with the package (topics, sources, the user dictionary).
DATA_DIR = Path(__file__).resolve().parent / "vocab" / "data"
#: Query-time synonym list shipped with the package.
SYNONYMS = Path(__file__).resolve().parent / "query" / "data" / "synonyms.txt"

#: Longest query accepted, in characters (after trimming); longer is a 400 / bulk error record.
MAX_QUERY_CHARS = 500
#: Largest page size (results per page) accepted by web, API, CLI and bulk.
MAX_PAGE_SIZE = 100
#: Deepest page number accepted; deeper is a 400 (pages past the last one show the last page).
MAX_PAGE = 1000
#: Most queries in one POST /api/bulk batch; more is a 413.
MAX_BULK_BATCH = 10_000
#: Default results per page.
DEFAULT_PAGE_SIZE = 10


@dataclass(frozen=True)
class Settings:
    """Where things are and how big things may be.

    index_dir   folder of the on-disk index (default `index/` in the working directory, or
                $SEARCHAPP_INDEX)
    userdict    jieba user dictionary (plain text, `word [freq] [tag]` per line)
    synonyms    synonym/variant list (plain text, one group of equivalent terms per line)
    topics      topic rules (TOML)
    """

    index_dir: Path = field(default_factory=lambda: Path(os.environ.get("SEARCHAPP_INDEX", "index")))
    userdict: Path = DATA_DIR / "userdict.txt"
    synonyms: Path = SYNONYMS
    topics: Path = DATA_DIR / "topics.toml"
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}, got {self.page_size}")

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None) -> "Settings":
        """Defaults, then $SEARCHAPP_INDEX, then `overrides` (e.g. a test's dict). Paths may be str."""
        s = cls()
        if overrides:
            conv = {k: (Path(v) if k in {"index_dir", "userdict", "synonyms", "topics"} and v is not None else v)
                    for k, v in overrides.items() if k in cls.__dataclass_fields__}
            s = replace(s, **conv)
        return s
