"""Credits: the outlets a copy of a story names as where it came from.

    credits(body) -> list[str]        outlet names (normalised, `vocab.sources.normalize_source`)
    credited_source(body) -> str | None   the outlet a body says it was taken from, for `source`

Forms read (the ways Chinese papers and sites credit a reprint; the issue names the first three):
  `来源：X` / `稿源：X` / `出处：X` (also `（来源：X）`, `本文来源：X`),
  `转自X` / `转载自X` / `摘自X` / `原载X` / `原载于X` (`本文转自X。`, `摘自《X》`), and
  `本文来源于X` (来源于 only after 本文/文章/稿件: `数据来源于X` names where a figure came from),
  `据X报道` / `据X消息` / `据X电` at the very start of the body (a lead that opens with it: a
  rewrite of X's report; the same words in the middle of a story cite a fact, not a source).
`来源`/`转自` credits count only near the start (first `HEAD` characters) or the end (last `TAIL`
characters) of the body, where papers print them; anywhere else they are quotations. Credits
written in traditional characters (`本文轉載自`, `來源：`, `原載於`, `據X報導`) read alike: a
zone holding a traditional credit character is matched on its simplified view (OpenCC `t2s`,
same length).

`credited_source` is what ingest (`ingest.reading`) gives an article as its `source` when its
reader found none: the first `来源：X` credit, else the first reprint credit (`转自`, `转载自`,
`来源于`, `摘自`, `原载`) standing at the start of a sentence, line or bracket (`图片转自X`
credits a photo, not the article); `据X报道` is a rewrite of X's report, not a copy of it, and
never gives a source.

An X counts as an outlet when it is written in 《》, is an outlet or alias of
`vocab/data/sources.toml`, or ends like an outlet name (报, 社, 台, 网, 新闻, 周刊, 杂志, 客户端,
…); generic words (本报, 外媒, 当地媒体, 记者, 网友, …) never do. Unknown forms (`X供稿`, a bare
`（X）`) are not read: the lineage benchmark measures what that costs (bench/lineage.py).
"""
from __future__ import annotations

import re
import unicodedata

from searchapp.analysis.text import to_simplified
from searchapp.vocab.sources import is_known_outlet, normalize_source

__all__ = ["credits", "credited_source", "HEAD", "TAIL"]

#: How far from the start / the end of a body a `来源`/`转自` credit may stand (characters).
HEAD, TAIL = 120, 80

_END = r"(?=$|[\s）)】\]，。,;；|｜的])"
#: An outlet's name: in 《》 (whatever follows: `原载《X》2020年第9期`), or a bare run that ends
#: where a clause does (`_END`).
_BARE = r"(?P<x>[\u3400-\u9fffA-Za-z0-9·—\-－ ]{2,24}?)"
_NAME = r"(?:《(?P<b>[^》\n]{1,24})》|" + _BARE + _END + ")"
_SOURCE = re.compile(r"(?:^|[\s（(【\[|｜）)】\]。，,;；])(?:本文|文章|稿件|新闻|信息)?(?:来源|稿源|出处)"
                     r"\s*[:：]\s*" + _NAME)
_FROM_WORDS = r"(?:(?:本文|文章|稿件)?(?:转载自|转自|摘自|原载于|原载)|(?:本文|文章|稿件)来源于)"
_FROM = re.compile(_FROM_WORDS + r"\s*[:：]?\s*" + _NAME)
#: A reprint credit at the start of a sentence, line or bracket: the form that gives `source`.
_FROM_LEAD = re.compile(r"(?:^|(?<=[\s（(【\[|｜）)】\]。，,;；！？!?:：]))" + _FROM.pattern)
_BY = re.compile(r"^\s*据\s*(?:《(?P<b>[^》\n]{1,24})》|" + _BARE + ")" + r"\s*(?:\d{1,2}日|今天|昨天|日前|近日)?(?:报道|报导|消息|电)")
#: Traditional characters of the credit words (轉載, 來源, 出處, 原載於, 據…報導/電): a zone
#: holding none is matched as written.
_TRADITIONAL = re.compile("[轉載來處於據報導電]")
_SUFFIX = re.compile(r"(?:报|社|台|网|新闻|周刊|杂志|客户端|在线|频道|电视|广播|传媒)$")
_GENERIC = re.compile(r"^(?:本报|本网|本台|本社|本刊|本站|外媒|外电|媒体|网络|互联网|网友|新闻|记者|当地|此间|"
                      r"有关|相关|国外|境外|多家|一家|该|这家|某|其他|网上|网传|上述|以上)")


def _outlet(m: re.Match) -> str | None:
    """The outlet named by a match of `_NAME`, normalised; None for a word that is no outlet."""
    bracketed = m.group("b")
    raw = bracketed if bracketed is not None else m.group("x")
    x = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).strip("-—－·")
    if len(x) < 2 or _GENERIC.match(x):
        return None
    if bracketed is None and not (is_known_outlet(x) or _SUFFIX.search(x)):
        return None
    return normalize_source(x)


def _view(zone: str) -> str:
    """`zone` for matching: its simplified spelling when it holds a traditional credit
    character (same length; one character at a time where a phrase would change it)."""
    if not _TRADITIONAL.search(zone):
        return zone
    simp = to_simplified(zone)
    if len(simp) != len(zone):
        simp = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in zone)
    return simp


def _zones(body: str) -> tuple[str, ...]:
    return (body,) if len(body) <= HEAD + TAIL else (body[:HEAD], body[-TAIL:])


def credits(body: str | None) -> list[str]:
    """Outlets credited by `body` (see the module docstring), in order of appearance, each once.
    Returns [] for an empty body; never raises for odd text."""
    body = body or ""
    out: list[str] = []

    def add(o: str | None) -> None:
        if o and o not in out:
            out.append(o)

    m = _BY.search(_view(body[:HEAD]))
    if m:
        add(_outlet(m))
    for zone in map(_view, _zones(body)):
        for rx in (_SOURCE, _FROM):
            for m in rx.finditer(zone):
                add(_outlet(m))
    return out


def credited_source(body: str | None) -> str | None:
    """The outlet `body` says it was taken from (module docstring: a `来源：` credit first, then
    a reprint credit leading its sentence), normalised; None when it names none. Never raises."""
    zones = [_view(z) for z in _zones(body or "")]
    for rx in (_SOURCE, _FROM_LEAD):
        for zone in zones:
            for m in rx.finditer(zone):
                o = _outlet(m)
                if o:
                    return o
    return None
