"""Titles for texts that have none, and titles that are not titles.

    first_sentence(text, max_chars=40) -> str     the title `--title first-sentence` gives
    reads_like_body(title) -> bool                 a "title" that is really body text

Both read Chinese news typography only: sentence and clause punctuation, the lead markers that
open a news body (本报讯, 本报记者, 导语：, a `(记者` byline, a bullet such as □ or 【), wire
datelines built from the general outlet names of vocab/data/sources.toml, and the space that
separates two clauses of a Chinese headline. No rule names a title.
"""
from __future__ import annotations

import functools
import re

from searchapp.vocab.sources import load_sources

#: Longest title `first_sentence` gives, in characters (a printed Chinese headline rarely runs
#: past two lines of 20 characters).
MAX_TITLE_CHARS = 40
#: A title longer than this reads like body text (`reads_like_body`).
BODY_LIKE_CHARS = 60

_SENTENCE_END = re.compile(r"[。！？!?…\n]")
_CLAUSE = re.compile(r"[，；,;]")
_LEAD = re.compile(r"本报讯|本刊讯|本报记者|本刊记者|导语[：:]|北京时间|[（(]\s*记者|[【□⊙■●◎]")
_WS = re.compile(r"\s+")
_MIN = 6
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@functools.lru_cache(maxsize=1)
def _dateline() -> re.Pattern:
    """A wire dateline opening a body: an outlet name of vocab/data/sources.toml (or 本报/本刊), up to
    six characters of channel or place, an optional date, then 讯 or 电 (`新浪体育讯`,
    `新华网北京7月26日电`, `中新网2月12日讯`)."""
    _hosts, aliases = load_sources()
    names = {n for n in list(aliases) + list(aliases.values()) if _HAN.match(n)} | {"本报", "本刊"}
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?:{alt})[\u4e00-\u9fff]{{0,6}}?(?:\d{{1,2}}月\d{{1,2}}日)?[讯电]")


def _cut(s: str, m: re.Match | None) -> str:
    return s[: m.start()] if m and m.start() >= _MIN else s


def first_sentence(text: str, max_chars: int = MAX_TITLE_CHARS) -> str:
    """A title for `text`: its first sentence (up to 。！？!?… or a line break), cut before the
    first clause mark (，；,;), before a lead marker (本报讯, `(记者`, 导语：, □ …) and before a
    wire dateline (`_dateline`: 新浪体育讯, 新华网北京7月26日电) when at least 6 characters are
    left. Longer than `max_chars`: cut at the last space before the limit (the
    gap between two clauses of a headline) when that leaves 6 characters, else at the limit
    without splitting a Latin word or number. Whitespace runs become one space. "" for a blank
    text."""
    s = _WS.sub(" ", (text or "").strip().split("\n", 1)[0]).strip()
    s = _cut(s, _SENTENCE_END.search(s))
    s = _cut(s, _CLAUSE.search(s))
    s = _cut(s, _LEAD.search(s))
    s = _cut(s, _dateline().search(s, _MIN)).strip()
    if len(s) <= max_chars:
        return s
    head = s[:max_chars]
    space = head.rfind(" ")
    if space >= _MIN:
        return head[:space].strip()
    while len(head) > _MIN and head[-1].isascii() and head[-1].isalnum() and \
            s[len(head)].isascii() and s[len(head)].isalnum():
        head = head[:-1]
    return head.strip()


def reads_like_body(title: str) -> bool:
    """True when `title` reads like body text rather than a headline: longer than
    BODY_LIKE_CHARS characters, or holding a full stop 。, or three or more commas."""
    t = _WS.sub("", title or "")
    return len(t) > BODY_LIKE_CHARS or "。" in t or len(re.findall(r"[，,]", t)) >= 3
