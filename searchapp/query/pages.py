"""Printed pages as the query language writes them: `page:8`, `page:第8版`, and the words `头版`,
`第N版`, `N版`, `一版` (read by `query.calendar_words`).

    read_page(text) -> int | None
    join_spaced(q) -> str               `第 8 版` → `第8版` outside quotes (after NFKC)
"""
from __future__ import annotations

import re
import unicodedata

from searchapp.analysis.numerals import value
from searchapp.analysis.text import to_simplified

__all__ = ["read_page", "join_spaced", "MAX_PAGE"]

#: Highest printed page read (no newspaper or magazine issue has more).
MAX_PAGE = 999

_PAGE = re.compile(r"(?:第\s*)?(?P<n>\d{1,3}|[〇零一二两三四五六七八九十百]{1,5})\s*(?P<ban>版)?")

#: `第 8 版`, `第8 版`, `第 八 版`: a page word typed with spaces, as a whole query word (it may
#: carry `-` or a field's colon before it).
_SPACED = re.compile(r"(?<![^\s(:\-])第\s*(\d{1,3}|[〇零一二两三四五六七八九十百]{1,5})\s*版(?=$|[\s)])")


def join_spaced(q: str) -> str:
    """`q` (NFKC-folded) with page words typed with spaces closed up (`第 8 版` → `第8版`), so
    they read as the page word they are; text between double quotes is left as typed."""
    parts = q.split('"')
    for i in range(0, len(parts), 2):  # even parts lie outside quotes
        if "第" in parts[i]:
            parts[i] = _SPACED.sub(lambda m: f"第{m.group(1)}版", parts[i])
    return '"'.join(parts)


def read_page(text: str) -> int | None:
    """The printed page `text` names, or None: `8`, `08`, `８`, `第8版`, `8版`, `第八版`, `一版`,
    `头版` (= 1; traditional `頭版` too). A bare Chinese numeral (`八`) is not a page (it is a
    word); 0 and pages above MAX_PAGE are not pages."""
    s = to_simplified(unicodedata.normalize("NFKC", text or "").strip())
    if s in ("头版", "头版头条"):
        return 1
    m = _PAGE.fullmatch(s)
    if not m or not (m.group("n").isdigit() or m.group("ban")):
        return None
    n = m.group("n")
    v = int(n) if n.isdigit() else int(value(n) or 0)
    return v if 1 <= v <= MAX_PAGE else None
