"""Where an article was printed: its publication, issue and page (the archive as printed).

    edition_of(article) -> Edition | None
    page_of(article) -> int | None
    parse_key(key) -> (publication, issue)
    name_date(stem) -> (ISO day or month | None, the rest of the name)

Three kinds of archive, one shape:
- **magazine** — an issue file (a PDF-extracted magazine or newspaper issue: `origin.format`
  "magazine" or "pdf"): the issue is the file (its name without extension); the publication is
  `extra["publication"]` when a reader found it, else the file name without its date and
  issue words (`issue-2020-09-internet-industry-magazine` → `internet-industry-magazine`), else
  the file name itself; the issue date is the one its running heads print
  (`extra["issue_date"]`, set by the PDF reader when the heads of all dated pages agree:
  `2020年10月15日` wins over a file name's `2020-10`), else the file name's (`2020-09`,
  `2020-09-14`, `20200914`, `2020年9月`), else None. Its issue number (期号) is the one its
  running heads print (`extra["issue_number"]`, 1–999, with `extra["issue_year"]`; a running
  count `extra["issue_total"]`), else None: never derived from a date or a file name. Print
  order inside the issue: page, then line.
  Its **name** (shown and cited) is the masthead of the folder's `publication.toml`
  (`extra["masthead"]`, `ingest.masthead`), else the name read from the running heads, else
  unknown (None: the key made from the file name is all there is, and pages say so). The
  sidecar's ISSN, CN and kind (期刊/报纸: `medium`) come with it.
- **newspaper** — a dated article with a page (`page`, or `column` `第N版`): the publication is
  its `source`, the issue its day.
- **web** — a dated article without a page: the publication is its `source` (the site), the issue
  its day.
Articles with no date that do not come from an issue file have no edition (they are counted, not
placed, on the calendar).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from searchapp.model import Article

__all__ = ["Edition", "edition_of", "page_of", "page_number", "parse_key", "name_date", "ISSUE_FORMATS",
           "KEY_SEP", "NO_SOURCE"]

#: `origin.format` values of readers whose file is one printed issue.
ISSUE_FORMATS = ("magazine", "pdf")
#: Separator of publication and issue in an edition key (a unit separator: never in a name).
KEY_SEP = "\x1f"
#: Publication of a dated article without a source.
NO_SOURCE = "（未注明来源）"

_COLUMN_PAGE = re.compile(r"^\s*第\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版")
_CN_NUM = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}
_NAME_DATE = [
    (re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.年]?(0[1-9]|1[0-2])[-_.月]?(0[1-9]|[12]\d|3[01])(?!\d)"), 3),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?!\d)"), 2),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})年([1-9]|1[0-2])月"), 2),
]
_ISSUE_WORDS = re.compile(r"(?i)\b(?:issue|no|vol)\b|第\s*\d+\s*期|期刊|\d+")
_HEXLIKE = re.compile(r"^[0-9a-f_\-]{6,}$", re.I)
_ISO = re.compile(r"^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$")


@dataclass(frozen=True)
class Edition:
    """publication (str: the archive's key of the publication, also its URL segment), issue
    (str key within it: an ISO day, or an issue file's name), date (ISO "YYYY-MM-DD" or
    "YYYY-MM" of the issue, or None), kind ("newspaper" | "web" | "magazine": how the archive
    holds it), page (int or None), name (the publication's name to show and cite, or None when
    only a file-name key is known: see `name_of`), issn and cn (from the publication sidecar, or
    None), medium ("magazine" | "newspaper" | "web": what it is for a citation; an issue file is
    a magazine unless its sidecar says 报纸), number (int 期号 the issue prints, or None),
    number_year (int year of that number, or None), total (int running count 总第N期, or
    None). `key` joins publication and issue (one index term)."""

    publication: str
    issue: str
    date: str | None
    kind: str
    page: int | None = None
    name: str | None = None
    issn: str | None = None
    cn: str | None = None
    medium: str | None = None
    number: int | None = None
    number_year: int | None = None
    total: int | None = None

    @property
    def key(self) -> str:
        return f"{self.publication}{KEY_SEP}{self.issue}"

    @property
    def display_name(self) -> str:
        """The name to show: `name`, else the key (a file-name key: see `named`)."""
        return self.name or self.publication

    @property
    def named(self) -> bool:
        """False when the publication is known only by a key made from a file name."""
        return self.name is not None


def parse_key(key: str) -> tuple[str, str]:
    """(publication, issue) of an edition key. Raises ValueError for a string without KEY_SEP."""
    pub, sep, issue = key.partition(KEY_SEP)
    if not sep:
        raise ValueError(f"not an edition key: {key!r}")
    return pub, issue


def _cn_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(c in _CN_NUM or c == "十" for c in s):
        if "十" in s:
            a, _, b = s.partition("十")
            return (_CN_NUM.get(a, 1) if a else 1) * 10 + (_CN_NUM.get(b, 0) if b else 0)
        return _CN_NUM.get(s) if len(s) == 1 else None
    return None


def page_number(value: object = None, column: str | None = None) -> int | None:
    """A page number from a reader's `page` value (int >= 1 or a string of digits) or, failing
    that, from a `column` of the form 第N版 (Arabic, full-width or Chinese numerals: 第01版,
    第１版, 第十二版). None when neither gives one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if isinstance(value, str):
        v = unicodedata.normalize("NFKC", value).strip()
        if v.isdigit() and int(v) > 0:
            return int(v)
    m = _COLUMN_PAGE.match(unicodedata.normalize("NFKC", column or ""))
    if m:
        n = _cn_number(m.group(1))
        return n if n and n > 0 else None
    return None


def page_of(a: Article) -> int | None:
    """The article's page: `Article.page`, else `extra["page"]`, else a 第N版 `column`."""
    return page_number(a.page, None) or page_number((a.extra or {}).get("page"), a.column)


def name_date(stem: str) -> tuple[str | None, str]:
    """(ISO day "YYYY-MM-DD" or month "YYYY-MM" found in a file name `stem`, or None; the name
    without it). Never raises."""
    for rx, parts in _NAME_DATE:
        m = rx.search(stem)
        if m:
            g = m.groups()
            iso = f"{g[0]}-{int(g[1]):02d}" + (f"-{int(g[2]):02d}" if parts == 3 else "")
            return iso, stem[:m.start()] + " " + stem[m.end():]
    return None, stem


def _publication_from_name(rest: str, stem: str) -> str:
    words = [w for w in re.split(r"[\s_\-.]+", _ISSUE_WORDS.sub(" ", rest)) if w]
    name = "-".join(words)
    if len(name) >= 2 and not _HEXLIKE.match(name):
        return name
    return stem


def _masthead(a: Article) -> dict[str, str]:
    m = (a.extra or {}).get("masthead")
    if not isinstance(m, dict):
        return {}
    return {k: v.strip() for k, v in m.items() if isinstance(v, str) and v.strip()}


def _printed_int(extra: dict, key: str, lo: int, hi: int) -> int | None:
    v = extra.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi else None


def edition_of(a: Article) -> Edition | None:
    """The article's edition (see the module docstring), or None."""
    page = page_of(a)
    origin = a.origin or {}
    if origin.get("format") in ISSUE_FORMATS and origin.get("file"):
        stem = PurePath(str(origin["file"])).stem
        date, rest = name_date(stem)
        printed = (a.extra or {}).get("issue_date")
        if isinstance(printed, str) and _ISO.match(printed):
            date = printed  # what the issue prints beats what its file is called
        pub = (a.extra or {}).get("publication")
        read = isinstance(pub, str) and bool(pub.strip())  # printed in the issue's running heads
        if not read:
            pub = _publication_from_name(rest, stem)
        m = _masthead(a)
        medium = "newspaper" if m.get("kind") == "newspaper" else "magazine"
        extra = a.extra or {}
        return Edition(pub.strip(), stem, date, "magazine", page,
                       name=m.get("name") or (pub.strip() if read else None),
                       issn=m.get("issn"), cn=m.get("cn"), medium=medium,
                       number=_printed_int(extra, "issue_number", 1, 999),
                       number_year=_printed_int(extra, "issue_year", 1800, 2200),
                       total=_printed_int(extra, "issue_total", 1, 10**6))
    if a.date and len(a.date) >= 10:
        kind = "newspaper" if page is not None else "web"
        return Edition(a.source or NO_SOURCE, a.date[:10], a.date[:10], kind, page,
                       name=a.source or None, medium=kind)
    return None
