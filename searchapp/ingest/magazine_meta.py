"""Article metadata read from magazine text the way a reader reads it (used by `ingest.magazine`).

Digits are read after `html_dates.fold_digits` (full-width `９ 月 １４ 日` as `9 月 14 日`).

* `issue_year(text, filename)`: the issue's year = the most frequent 4-digit year (1990–2099)
  in the text, else one in the file name, else None. Never a constant.
* `lead_date(lead, year, month_hint)`: ISO day of the event from an article's first paragraph:
  `9 月 14 日` → `YYYY-09-14`, `2020 年 9 月 17 日` with its own year, a bare `16 日上午` at the
  start of the lead with the month of the previous dated article (`month_hint`). None when the
  lead names no day (`今年以来`, `近日`, `8月份`).
* `parse_credit(words)`: `新浪科技 杨雪梅` → (source, author); a job word glued to the outlet
  (`澎湃新闻高级记者`) is cut off the outlet.
* `speaker_from_title(title, body)`: a headline `Org Name：…` or `Name出席…致辞` names the speaker;
  the name's length (2 or 3 characters) is the one the body uses with a speech verb
  (表示/说/认为/指出…).
* `split_parallel_title(title)`: a two-clause speech headline whose second clause runs into
  the next line's organisation (`打破技术壁垒 促进开放合作世界银行`) → (headline, spill).
* `overlap(title, body)`: share of the title's character bigrams found in the body (0..1),
  used to decide which article a headline printed between two articles belongs to.
"""
from __future__ import annotations

import re
from collections import Counter

from .html_dates import fold_digits

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FULL = re.compile(r"(?:(?<!\d)(\d{4})\s*年\s*)?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_DAY_ONLY = re.compile(r"^\D{0,3}?(?<![\d月])(\d{1,2})\s*[日号](?:上午|下午|晚间|晚上|早上|中午|午间|凌晨|晚|，|,|\s|讯|电|消息)")
_JOB_SUFFIX = re.compile(r"(?:高级|首席|特约|实习|资深|驻\S{1,4})?(?:记者|编辑|通讯员|评论员)$")
_SPEECH_VERB = r"(?:还|也|在\S{0,8}?)?(?:表示|说|认为|指出|称|介绍|坦言|强调|提到|透露|谈到|提出|分享|解释)"
_ORG_SUFFIX = re.compile(r"(?:银行|大学|学院|集团|公司|协会|学会|研究院|研究所|基金会|组织|委员会|政府|中心|联盟|部|署|局|厅)$")
_BIGRAM_STRIP = re.compile(r"[\s\W_]+")


def issue_year(text: str, filename: str = "") -> int | None:
    """Most frequent 4-digit year in `text` (ties → the later year), else one in `filename`."""
    text, filename = fold_digits(text or ""), fold_digits(filename or "")
    years = Counter(int(y) for y in _YEAR.findall(re.sub(r"(?<!\d)(\d) (\d{3})(?=\s*年)", r"\1\2", text)))
    years = Counter({y: n for y, n in years.items() if 1990 <= y <= 2099})
    if years:
        return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    m = _YEAR.search(filename or "")
    return int(m.group(1)) if m else None


def _iso(y: int | None, m: int, d: int) -> str | None:
    if y is None or not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def lead_date(lead: str, year: int | None, month_hint: int | None = None) -> str | None:
    """ISO date of the event stated in `lead` (the first paragraph), see module docstring."""
    lead = fold_digits((lead or "")[:200])
    m = _FULL.search(lead)
    if m:
        y = int(m.group(1)) if m.group(1) else year
        return _iso(y, int(m.group(2)), int(m.group(3)))
    m = _DAY_ONLY.match(lead)
    if m and month_hint:
        return _iso(year, month_hint, int(m.group(1)))
    return None


def parse_credit(words: str) -> tuple[str | None, str | None]:
    """`新浪科技 杨雪梅` → ("新浪科技", "杨雪梅"); `澎湃新闻高级记者 陈斯斯` → ("澎湃新闻", "陈斯斯")."""
    parts = (words or "").split()
    if not parts:
        return None, None
    src = _JOB_SUFFIX.sub("", parts[0]) or parts[0]
    author = "".join(parts[1:]) or None
    return src, author


def _name_with_verb(cands: list[str], body: str) -> str | None:
    best, best_n = None, 0
    for c in cands:  # longest first: a 3-character name beats its 2-character tail on a tie
        n = len(re.findall(re.escape(c) + _SPEECH_VERB, body))
        if n > best_n:
            best, best_n = c, n
    return best


def speaker_from_title(title: str, body: str) -> str | None:
    """Speaker named by a headline (see module docstring), or None."""
    t = re.sub(r"\s+", "", title or "")
    compact_body = re.sub(r"\s+", "", body or "")
    m = re.match(r"^([^：:，。]{2,14})[：:]", t)
    if m:
        prefix = m.group(1)
        if _ORG_SUFFIX.search(prefix):
            return None
        cands = [prefix[-k:] for k in (4, 3, 2) if len(prefix) >= k]
        return _name_with_verb(cands, compact_body)
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?)(?:出席|在).{0,40}?(?:致辞|讲话|发言|演讲)", t)
    if m and m.group(1) in compact_body:
        return m.group(1)
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?)出席", t)  # `Name出席…` and the body reports their words
    if m and len(re.findall(re.escape(m.group(1)) + _SPEECH_VERB, compact_body)) >= 1:
        return m.group(1)
    return None


def split_parallel_title(title: str) -> tuple[str, str]:
    """(headline, spill): when `title` is two space-separated clauses and the second is longer
    than the first by an organisation name (ends in 银行/大学/集团/…), that tail belongs to the
    speaker line printed below. Otherwise (title, "")."""
    parts = title.split()
    if len(parts) == 2:
        a, b = parts
        extra = b[len(a):]
        if len(b) > len(a) + 1 and _ORG_SUFFIX.search(extra) and len(extra) <= 12:
            return f"{a} {b[:len(a)]}", extra
    return title, ""


def _bigrams(s: str) -> set[str]:
    s = _BIGRAM_STRIP.sub("", s or "")
    return {s[i:i + 2] for i in range(len(s) - 1)}


def shared_bigrams(title: str, body: str) -> int:
    """Number of distinct character bigrams of `title` that occur in `body`."""
    return len(_bigrams(title) & _bigrams(body))


def overlap(title: str, body: str) -> float:
    """Share (0..1) of `title`'s character bigrams that occur in `body`; 0 for an empty title."""
    tb = _bigrams(title)
    if not tb:
        return 0.0
    return len(tb & _bigrams(body)) / len(tb)
