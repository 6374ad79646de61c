"""Typed settings with defaults, validated at load. Nothing is read at import time.

Limits are documented here once and quoted by the README, the API description and error messages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from searchapp.errors import SearchAppError

#: The vocabulary data files shipped with the package (topics, sources, the user dictionary).
DATA_DIR = Path(__file__).resolve().parent / "vocab" / "data"
#: Query-time synonym list shipped with the package.
SYNONYMS = Path(__file__).resolve().parent / "query" / "data" / "synonyms.txt"

#: Longest query accepted, in characters (after trimming); longer is a 400 / bulk error record.
MAX_QUERY_CHARS = 500
#: Largest page size (results per page) accepted by web, API, CLI and bulk.
MAX_PAGE_SIZE = 100
#: Deepest page number accepted; deeper is a 400 (a page past the last one has no hits and says so).
MAX_PAGE = 1000
#: Most queries in one POST /api/bulk batch; more is a 413.
MAX_BULK_BATCH = 10_000
#: Default results per page.
DEFAULT_PAGE_SIZE = 10
#: Longest article indexed, in characters (title + body, as read). A longer one is refused as a
#: `file:line` problem (`ingest.reading`), never truncated, and the rest of the file is read.
#: Why this number: the longest real news texts are some tens of thousands of characters (a
#: full Party congress report, printed whole by the People's Daily, is about 30,000; a
#: government work report about 20,000; `ingest.checks` already warns past 20,000), so
#: 200,000 is several times any real article. Past it a text is a damaged export or a file
#: that is not news, and the memory of indexing one article grows with its length (a
#: 3,000,000-character line needed about 3 GB: docs/performance.md, "One article's memory").
MAX_ARTICLE_CHARS = 200_000
#: How queries are matched (`searchapp.engine.match`): on posting arrays (the default), or by
#: Whoosh's own matchers (the reference: same results, slower).
MATCHERS = ("arrays", "whoosh")


@dataclass(frozen=True)
class Settings:
    """Where the index is, how big a page is, how queries are matched.

    index_dir   folder of the on-disk index (default `index/` in the working directory)
    page_size   results per page of the web UI (1..MAX_PAGE_SIZE)
    matcher     one of MATCHERS
    public_url  the site's address as readers reach it (e.g. https://news.example.org/), the
                base of every absolute link the web layer writes (permalinks, export links);
                None = relative links (docs/web.md, "Links")
    Raises SearchAppError (status 500) for a value out of range, naming the variable."""

    index_dir: Path = Path("index")
    page_size: int = DEFAULT_PAGE_SIZE
    matcher: str = MATCHERS[0]
    public_url: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise SearchAppError(f"page_size must be 1..{MAX_PAGE_SIZE}, got {self.page_size}")
        if self.matcher not in MATCHERS:
            raise SearchAppError(f"SEARCHAPP_MATCHER must be one of {', '.join(MATCHERS)}, "
                                 f"got {self.matcher!r}")
        check_public_url(self.public_url)

    @classmethod
    def load(cls) -> "Settings":
        """Defaults, then the environment: $SEARCHAPP_INDEX (index_dir), $SEARCHAPP_MATCHER
        (matcher; empty = default), $SEARCHAPP_PUBLIC_URL (public_url; empty = none)."""
        return cls(index_dir=Path(os.environ.get("SEARCHAPP_INDEX") or "index"),
                   matcher=os.environ.get("SEARCHAPP_MATCHER", "").strip().lower() or MATCHERS[0],
                   public_url=os.environ.get("SEARCHAPP_PUBLIC_URL", "").strip() or None)


def check_public_url(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL without query or fragment (the base of absolute
    links), None for None/"". Raises SearchAppError (500) naming the problem otherwise."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SearchAppError(f"public URL must look like https://news.example.org/ (http or "
                             f"https, a host, no query), got {url!r}")
    return url
