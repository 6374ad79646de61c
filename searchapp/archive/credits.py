"""Credits: the outlets a copy of a story names as where it came from.

    credits(body) -> list[str]        outlet names (normalised, `vocab.sources.normalize_source`)

Forms read (the ways Chinese papers and sites credit a reprint; the issue names the first three):
  `来源：X` / `稿源：X` / `出处：X` (also `（来源：X）`, `本文来源：X`),
  `转自X` / `转载自X` / `摘自X` / `原载X` / `原载于X` (`本文转自X。`, `摘自《X》`),
  `据X报道` / `据X消息` / `据X电` at the very start of the body (a lead that opens with it: a
  rewrite of X's report; the same words in the middle of a story cite a fact, not a source).
`来源`/`转自` credits count only near the start (first `HEAD` characters) or the end (last `TAIL`
characters) of the body, where papers print them; anywhere else they are quotations.

An X counts as an outlet when it is written in 《》, is an outlet or alias of
`vocab/data/sources.toml`, or ends like an outlet name (报, 社, 台, 网, 新闻, 周刊, 杂志, 客户端,
…); generic words (本报, 外媒, 当地媒体, 记者, 网友, …) never do. Unknown forms (`X供稿`, a bare
`（X）`) are not read: the lineage benchmark measures what that costs (bench/lineage.py).
"""
from __future__ import annotations

import re
import unicodedata

from searchapp.vocab.sources import is_known_outlet, normalize_source

__all__ = ["credits", "HEAD", "TAIL"]

#: How far from the start / the end of a body a `来源`/`转自` credit may stand (characters).
HEAD, TAIL = 120, 80

_NAME = r"(?:《(?P<b>[^》\n]{1,24})》|(?P<x>[\u3400-\u9fffA-Za-z0-9·—\-－ ]{2,24}?))"
_END = r"(?=$|[\s）)】\]，。,;；|｜的])"
_SOURCE = re.compile(r"(?:^|[\s（(【\[|｜）)】\]。，,;；])(?:本文|文章|稿件|新闻|信息)?(?:来源|稿源|出处)"
                     r"\s*[:：]\s*" + _NAME + _END)
_FROM = re.compile(r"(?:本文|文章|稿件)?(?:转载自|转自|摘自|原载于|原载)\s*[:：]?\s*" + _NAME + _END)
_BY = re.compile(r"^\s*据\s*" + _NAME + r"\s*(?:\d{1,2}日|今天|昨天|日前|近日)?(?:报道|消息|电)")
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


def credits(body: str | None) -> list[str]:
    """Outlets credited by `body` (see the module docstring), in order of appearance, each once.
    Returns [] for an empty body; never raises for odd text."""
    body = body or ""
    out: list[str] = []

    def add(o: str | None) -> None:
        if o and o not in out:
            out.append(o)

    m = _BY.search(body[:HEAD])
    if m:
        add(_outlet(m))
    zones = (body,) if len(body) <= HEAD + TAIL else (body[:HEAD], body[-TAIL:])
    for zone in zones:
        for rx in (_SOURCE, _FROM):
            for m in rx.finditer(zone):
                add(_outlet(m))
    return out
