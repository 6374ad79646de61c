"""Page furniture: running headers and footers, page numbers — found, removed, and read.

    find(pages) -> Furniture

`pages` is a list of `PageFrags` (page number, size, fragments). A fragment is a furniture
*candidate* when it lies wholly in a margin band: the top or bottom `BAND` of the page height
or the outer `SIDE_BAND` of its width. Among candidates:

* **Repeated**: the same text (NFKC, spaces removed, every digit counted as one digit, so
  `第3版` = `第4版`) in the same band on at least `REPEAT_SHARE` of the pages (or of the pages
  of one parity: left and right pages often carry different heads), and on two pages at least.
  A one-page PDF has no repetition to go by.
  Except a **headline** (second fresh tester, M3: `第1页大标题：…` on every page was removed
  as a running head, the text lost and the pages run into one article): a top-band candidate
  set in its page's largest type, at least `HEADLINE_RATIO` × the page's body type, whose text
  is not the same on every page (the repeat is only up to its digits) is kept as text. A
  running head is set no larger than the text; a masthead repeated word for word stays
  furniture.
* **Its row**: candidates on the row of a repeated one (a header's section name that changes
  from page to page: `人民日报 | 第3版 | 要闻`).
* **Page numbers**: a candidate that is only a number (`5`, `- 5 -`, `第5页`, `P.5`, `5/12`).
* **A lone page's head and foot**: in a one-page PDF, a top- or bottom-band candidate set no
  larger than the body type and at least a body line's height away from the rest of the text.
* The **printed page number** of every page: among the integers that furniture candidates hold
  (dates taken out first), the offset `value - page index` that most pages agree on (at least
  half of them, and two); a one-page PDF uses a bare page number.
* **Dates** printed in a page's furniture (`1998年1月5日`, `2020-09-14`) give that page's issue
  date, a month without a day (`2020年9月`) its issue month; the years they show (also
  `2020年第9期`) the issue's year. An issue number N ≤ 3 (`1998年第1期`) bounds the issue month
  by 3N (a quarterly's first issue is out by March; weeklies and monthlies earlier): a
  dateline of `12月30日` in it is of the year before.
* The **issue number** (期号) a head prints, `第9期` / `2020年第9期` (1–999), and the running
  count `总第123期`: `Furniture.issue_number` / `issue_total`, given only when every page
  that prints one prints the same (two numbers: two issues in one file, or a misread: none).

* The **publication**: `pdf_publication.publication` reads it from the top-band furniture
  (a name the running heads repeat; a one-page PDF's head-shaped line).

Everything is relative to the page: no furniture string, font or size is known in advance.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .layout_hints import HEADLINE_RATIO
from .pdf_lines import Frag
from .pdf_publication import publication

BAND = 0.10
SIDE_BAND = 0.07
REPEAT_SHARE = 0.4
_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")
_BARE_NUMBER = re.compile(
    r"^[\W_]*(?:第|[Pp](?:age|\.)?)?\s*(\d{1,4})\s*(?:[页版頁]|/\s*\d{1,4})?[\W_]*$")
_DATE_FULL = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ISSUE_NO = re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*(\d{1,3})\s*期")
#: `第9期` (group 2) or `总第123期` (group 1 says 总), as a head prints them.
_ISSUE_NUMBER = re.compile(r"(总\s*)?第\s*(\d{1,5})\s*期")
_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")


@dataclass
class PageFrags:
    """One page for the furniture pass: 1-based `number`, `width`/`height` (points), `frags`."""

    number: int
    width: float
    height: float
    frags: list[Frag]


@dataclass
class Furniture:
    """What `find` learnt: `removed` (page number → furniture fragments), `labels` (page number
    → printed page number), `dates` (page number → ISO date printed in its furniture),
    `months` (page number → "YYYY-MM" of a head that names a month but no day: `2020年9月`),
    `year` (the issue's year from the furniture, or None), `publication` (the name the running
    heads repeat, or None), `big_heads` (see the field)."""

    removed: dict[int, list[Frag]] = field(default_factory=dict)
    labels: dict[int, int] = field(default_factory=dict)
    dates: dict[int, str] = field(default_factory=dict)
    months: dict[int, str] = field(default_factory=dict)
    year: int | None = None
    publication: str | None = None
    #: page number → the (issue number, running count) pairs its furniture prints (`第9期`,
    #: `总第123期`; None where a text shows one but not the other)
    numbers: dict[int, list[tuple[int | None, int | None]]] = field(default_factory=dict)
    #: running heads removed although set like a headline (the page's largest type, the same
    #: text on every page): text → the page numbers it was removed from, for a warning
    big_heads: dict[str, list[int]] = field(default_factory=dict)

    def is_furniture(self, page: int, frag: Frag) -> bool:
        return any(f is frag for f in self.removed.get(page, ()))

    def issue_date(self) -> str | None:
        """The issue's printed date: the one ISO day ("YYYY-MM-DD") the heads of every dated
        page show, else (no page shows a day) the one month ("YYYY-MM") they show; None when
        no head shows one or the heads disagree (two issues in one file, or a misread)."""
        for shown in (self.dates, self.months):
            if shown:
                one = set(shown.values())
                return one.pop() if len(one) == 1 else None
        return None


    def issue_number(self) -> int | None:
        """The issue number (期号: `第9期`) every page printing one shows, else None."""
        return _one(n for shown in self.numbers.values() for n, _ in shown)

    def issue_total(self) -> int | None:
        """The running count (`总第123期`) every page printing one shows, else None."""
        return _one(t for shown in self.numbers.values() for _, t in shown)


def _one(values) -> int | None:
    shown = {v for v in values if v is not None}
    return shown.pop() if len(shown) == 1 else None


def _issue_numbers(text: str) -> tuple[int | None, int | None]:
    """(issue number 1–999, running count) printed in a furniture text, each None if absent."""
    number = total = None
    for m in _ISSUE_NUMBER.finditer(text):
        v = int(m.group(2))
        if m.group(1):
            total = v if v >= 1 else total
        elif 1 <= v <= 999:
            number = v
    return number, total


def _band(p: PageFrags, f: Frag) -> str | None:
    if f.bottom <= p.height * BAND:
        return "top"
    if f.top >= p.height * (1 - BAND):
        return "bottom"
    if f.x1 <= p.width * SIDE_BAND:
        return "left"
    if f.x0 >= p.width * (1 - SIDE_BAND):
        return "right"
    return None


def _key(f: Frag) -> str:
    return _DIGITS.sub("#", _WS.sub("", unicodedata.normalize("NFKC", f.text)))


def _numbers(text: str) -> list[int]:
    t = unicodedata.normalize("NFKC", text)
    t = _DATE_FULL.sub(" ", t)
    t = _YEAR.sub(" ", t)
    return [int(x) for x in _DIGITS.findall(t) if len(x) <= 4]


def _date(text: str) -> str | None:
    m = _DATE_FULL.search(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _headline(p: PageFrags, f: Frag, band: str) -> bool:
    """Set like a headline: in the top band, in the page's largest type (within 2%), and at
    least HEADLINE_RATIO × the page's body type (the median size per character)."""
    if band != "top" or len(_WS.sub("", f.text)) < 2:
        return False
    sizes = sorted(o.size for o in p.frags for _ in range(max(1, o.n)))
    body = sizes[len(sizes) // 2]
    return f.size >= 0.98 * max(sizes) and f.size >= HEADLINE_RATIO * body


def _set_apart(p: PageFrags, f: Frag, band: str, cands: list[tuple[Frag, str]]) -> bool:
    """A lone page's head or foot: in the top or bottom band, not larger than the page's body
    type, and a body line's height or more away from the text that is not in the band."""
    if band not in ("top", "bottom"):
        return False
    inner = [o for o in p.frags if all(o is not c for c, _ in cands)]
    if not inner:
        return False
    sizes = sorted(o.size for o in p.frags for _ in range(max(1, o.n)))
    body = sizes[len(sizes) // 2]
    if f.size > body * 1.05:
        return False
    if band == "top":
        return min(o.top for o in inner) - f.bottom >= body
    return f.top - max(o.bottom for o in inner) >= body


def find(pages: list[PageFrags]) -> Furniture:
    """Furniture of a document (see module docstring). Never raises."""
    n = len(pages)
    cands: dict[int, list[tuple[Frag, str]]] = {}
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    texts: dict[tuple[str, str], set[str]] = defaultdict(set)  # the exact texts behind a key
    for p in pages:
        lst = []
        for f in p.frags:
            b = _band(p, f)
            if b:
                lst.append((f, b))
                seen[(b, _key(f))].add(p.number)
                texts[(b, _key(f))].add(_WS.sub("", unicodedata.normalize("NFKC", f.text)))
        cands[p.number] = lst
    parity_n = Counter(p.number % 2 for p in pages)

    def repeated(b: str, k: str) -> bool:
        on = seen[(b, k)]
        if len(on) < 2:
            return False
        if len(on) >= REPEAT_SHARE * n:
            return True
        for par in (0, 1):
            m = sum(1 for x in on if x % 2 == par)
            if m >= 2 and m >= REPEAT_SHARE * parity_n[par]:
                return True
        return False

    out = Furniture()
    votes: dict[int, set[int]] = defaultdict(set)
    numbers: dict[int, list[tuple[Frag, int, bool]]] = defaultdict(list)
    for p in pages:
        rep = []
        for f, b in cands[p.number]:
            if not repeated(b, _key(f)):
                continue
            if _headline(p, f, b):
                if len(texts[(b, _key(f))]) > 1:
                    continue  # a headline that changes with the page: kept as text
                out.big_heads.setdefault(_WS.sub(" ", f.text).strip(), []).append(p.number)
            rep.append(f)
        removed = list(rep)
        for f, b in cands[p.number]:
            if f in removed:
                continue
            bare = _BARE_NUMBER.match(unicodedata.normalize("NFKC", f.text).strip())
            same_row = any(abs(f.cy - r.cy) <= 0.5 * max(f.size, r.size) for r in rep)
            if same_row or bare or (n == 1 and _set_apart(p, f, b, cands[p.number])):
                removed.append(f)
        for f in removed:
            bare = bool(_BARE_NUMBER.match(unicodedata.normalize("NFKC", f.text).strip()))
            for v in _numbers(f.text):
                numbers[p.number].append((f, v, bare))
                votes[v - p.number].add(p.number)
        out.removed[p.number] = removed
    if n >= 2 and votes:
        off, on = max(votes.items(), key=lambda kv: (len(kv[1]), -abs(kv[0])))
        if len(on) >= max(2, 0.5 * n):
            out.labels = {p.number: p.number + off for p in pages}
    elif n == 1:
        bare = [v for _, v, b in numbers[pages[0].number] if b]
        if len(bare) == 1:
            out.labels = {pages[0].number: bare[0]}
    years: Counter[int] = Counter()
    for p in pages:
        for f in out.removed[p.number]:
            t = unicodedata.normalize("NFKC", f.text)
            got = _issue_numbers(t)
            if got != (None, None):
                out.numbers.setdefault(p.number, []).append(got)
            d = _date(f.text)
            if d:
                out.dates.setdefault(p.number, d)
                years[int(d[:4])] += 1
                continue
            years.update(int(y) for y in _YEAR.findall(t))
            m = _MONTH.search(t)
            if m and 1 <= int(m.group(2)) <= 12:
                out.months.setdefault(p.number, f"{m.group(1)}-{int(m.group(2)):02d}")
            m = _ISSUE_NO.search(t)
            if m and 1 <= int(m.group(2)) <= 3:  # issue N of a year is out by month 3N at the latest
                out.months.setdefault(p.number, f"{m.group(1)}-{3 * int(m.group(2)):02d}")
    if years:
        out.year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    out.publication = publication(
        [[f for f in out.removed[p.number] if _band(p, f) == "top"] for p in pages],
        lambda text: _date(text) is not None)
    return out
