"""The wire dateline that opens a news body: who sent it and who wrote it.

    wire_dateline(body) -> Dateline | None

A news agency's or paper's dispatch opens with `OUTLET PLACE DATE 电（ROLE NAME、NAME）`
(`新华社郑州9月23日电（记者王五、赵六）`, `中新社北京1月5日电`, `新华社电`): the outlet that sent
it, the place it was filed from, the day, 电 ("by wire"), then the reporters in brackets.

What is read, and only this (never a guess from other text before 电):
  * the dateline must open the body, end in 电 (followed by a bracket, a space or punctuation
    when no date comes before it: `新华社电 …`, not `…电力`), and hold at most `MAX_PLACE` characters of
    place between the outlet and the date (or 电);
  * the outlet is the longest opening of it that is a known outlet
    (`vocab.sources.is_known_outlet`), else the longest opening that ends in the noun of an
    outlet (`vocab.sources.OUTLET_NOUNS`: 社, 报, 台, 网, 刊) and leaves a place of 2+
    characters (or else the whole opening, when it ends so):
    `烟台日报烟台9月1日电` → 烟台日报; `本报`, `本刊`, `本台`, `本网` ("this paper") name no outlet;
    a leading 据 ("according to": `据新华社电`) is not part of it;
  * read on the text folded to simplified characters (`新華社…電（記者…）` too); the outlet and
    the names are cut from the text as written;
  * authors: the bracket right after 电 when it holds a reporter role (记者, 通讯员, 实习生,
    特约/首席/实习记者) and, besides roles, only personal names (2–6 characters of Chinese,
    `·` allowed) separated by 、，, or spaces; else no author.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from searchapp.analysis.text import fold_width, to_simplified
from searchapp.vocab.sources import OUTLET_NOUNS, is_known_outlet

__all__ = ["Dateline", "wire_dateline", "MAX_PLACE"]

#: Most characters of place between the outlet and the date (`乌鲁木齐`, `呼和浩特`, `联合国`).
MAX_PLACE = 8
_HAN = r"\u4e00-\u9fff"
_LINE = re.compile(rf"^(?P<head>[{_HAN}]{{2,24}}?)\s*(?P<date>(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*)?电"
                   rf"(?P<after>\s*(?:[（(](?P<c>[^（()）]{{2,40}})[)）])?)(?P<next>[{_HAN}]?)")
_ROLE = re.compile(r"^(?:特约|首席|实习|见习)?(?:记者|通讯员)|^实习生")
_NAME = re.compile(rf"^[{_HAN}][{_HAN}·]{{1,5}}$")
#: "According to" before a cited dispatch (`据新华社电`, `据中新社北京1月5日电`): not the outlet's.
_ACCORDING_TO = "据"


@dataclass(frozen=True)
class Dateline:
    """outlet: the name as written (`新华社`); authors: names joined with `、`, or None."""

    outlet: str
    authors: str | None


def _outlet(head: str) -> str | None:
    if head.startswith("本"):
        return None
    for n in range(len(head), 1, -1):
        if len(head) - n <= MAX_PLACE and is_known_outlet(head[:n]):
            return head[:n]
    kinds = [n for n in range(len(head), 1, -1) if head[n - 1] in OUTLET_NOUNS]
    placed = [n for n in kinds if 2 <= len(head) - n <= MAX_PLACE]  # outlet + place first
    if placed:
        return head[:placed[0]]
    return head if kinds and kinds[0] == len(head) else None


def _authors(credit: str | None, written: str | None = None) -> str | None:
    """The reporters' names in `credit` (folded to simplified), cut from `written` (the same
    bracket as written, of the same length) when given; None unless the bracket holds a role
    and only names besides."""
    if not credit:
        return None
    written = written if written and len(written) == len(credit) else credit
    names: list[str] = []
    roles = 0
    for m in re.finditer(r"[^、，,\s]+", credit):
        part, at = m.group(), m.start()
        role = _ROLE.match(part)
        if role:
            roles += 1
            part, at = part[role.end():], at + role.end()
            if not part:
                continue
        if not _NAME.match(part):
            return None  # something else than reporters' names in the bracket
        name = written[at:at + len(part)]
        if name not in names:
            names.append(name)
    return "、".join(names) if roles and names else None


def wire_dateline(body: str) -> Dateline | None:
    """The dateline opening `body` (module docstring), or None when the body does not open
    with one from a recognisable outlet."""
    written = fold_width((body or "").lstrip()[:120])
    t = to_simplified(written)  # `新華社…電（記者…）` reads as `新华社…电（记者…）`
    if len(t) != len(written):
        written = t
    m = _LINE.match(t)
    if not m or (not m.group("date") and not m.group("after") and m.group("next")):
        return None  # `新华社电力…`: 电 is a word here, not the end of a dateline
    head, at = m.group("head"), 0
    if head.startswith(_ACCORDING_TO) and len(head) > 3:  # `据新华社电`: "according to Xinhua"
        head, at = head[1:], 1
    outlet = _outlet(head)
    if outlet is None:
        return None
    credit = m.group("c")
    return Dateline(written[at:at + len(outlet)],
                    _authors(credit, written[m.start("c"):m.end("c")] if credit else None))
