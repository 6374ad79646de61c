"""The publication a PDF issue's running heads name (`pdf_furniture.find` calls it).

    publication(tops, dated) -> str | None

`tops` holds, for every page in order, the furniture fragments of its top band; `dated(text)`
says whether a text holds a full printed date (`pdf_furniture`'s date rule).

* **Repeated** (two pages or more): the text without digits that the running heads repeat in
  the top band of at least `NAME_SHARE` of the pages (two at least), the most repeated one. A
  head drawn as one text run (`人民日报  2020年9月15日  星期二`) is read by its parts: split at
  spaces and separators (`|` `·` `/`), the parts without digits that are not a weekday or lunar
  date (`星期二`, `周二`, `农历八月初一`, `庚子年`) are its candidates, the first of them ranking
  first on a tie.
* **A lone page** has no repetition to go by: its name is read only from a top-band row that has
  a running head's shape — a name, a full date and an edition `第N版` on one line
  (`中原科技周刊  2020年10月22日  第1版`, in one run or several runs on the row) — and only when
  that row holds exactly one name candidate once the date and edition are taken out
  (`人民日报 第1版 要闻 2020年9月15日` names nothing: two candidates, and no guess is made).

Never raises.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Callable

from .pdf_lines import Frag

__all__ = ["publication", "NAME_SHARE"]

NAME_SHARE = 0.6
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DIGITS = re.compile(r"\d")
_WS = re.compile(r"\s+")
_PARTS = re.compile(r"\s+|[|｜/·•]")
_EDITION = re.compile(r"第\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*版")
_CALENDAR_WORD = re.compile(r"^(?:星期|礼拜|周)[一二三四五六日天]$|^农历|^(?:[甲乙丙丁戊己庚辛壬癸]"
                            r"[子丑寅卯辰巳午未申酉戌亥])年")


def publication(tops: list[list[Frag]], dated: Callable[[str], bool]) -> str | None:
    """The publication's name as printed (see the module docstring), or None."""
    if len(tops) == 1:
        return _head_line_name(tops[0], dated)
    on: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, str] = {}
    place: dict[str, int] = {}  # a part's place in its run (0: the run's first name)
    for n, frags in enumerate(tops):
        for f in frags:
            for i, (t, printed) in enumerate(_name_parts(f.text)):
                on[t].add(n)
                shown.setdefault(t, printed)
                place[t] = min(place.get(t, i), i)
    if not on:
        return None
    best = max(on, key=lambda t: (len(on[t]), -place[t], -len(t)))
    if len(on[best]) >= max(2, NAME_SHARE * len(tops)):
        return shown[best]
    return None


def _head_line_name(top: list[Frag], dated: Callable[[str], bool]) -> str | None:
    """The one name candidate of a top-band row that also holds a full date and a `第N版`, as
    printed; None when no row has that shape or a row holds more than one candidate."""
    rows: list[list[Frag]] = []
    for f in sorted(top, key=lambda f: (f.cy, f.x0)):
        if rows and abs(f.cy - rows[-1][0].cy) <= 0.5 * max(f.size, rows[-1][0].size):
            rows[-1].append(f)
        else:
            rows.append([f])
    for row in rows:
        line = unicodedata.normalize("NFKC", "  ".join(f.text.strip() for f in
                                                        sorted(row, key=lambda f: f.x0)))
        if not (dated(line) and _EDITION.search(line)):
            continue
        names = [(k, shown) for chunk in _PARTS.split(_EDITION.sub("  ", line))
                 for k, shown in _name_parts(chunk)]
        if len({k for k, _ in names}) == 1:
            return names[0][1]
    return None


def _name_parts(text: str) -> list[tuple[str, str]]:
    """The parts of a furniture run that may name the publication, in order, as (key without
    spaces, text as printed): the whole run when it holds no digit, else the run split at spaces
    and separators; never a part that holds a digit, is a weekday or lunar date, or has fewer
    than two letters or Chinese characters."""
    t = unicodedata.normalize("NFKC", text).strip()
    parts = [(_WS.sub("", t), text.strip())] if not _DIGITS.search(t) else \
        [(x, x) for x in _PARTS.split(t) if x and not _DIGITS.search(x)]
    return [(k, shown) for k, shown in parts
            if len(_NAME_CHARS.findall(k)) >= 2 and not _CALENDAR_WORD.search(k)]
