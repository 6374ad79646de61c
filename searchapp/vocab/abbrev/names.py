"""The Chinese full name that ends where an abbreviation's definition starts, for
`vocab.abbrev.definitions`: `中国加入世界贸易组织（WTO）` → `世界贸易组织`.

    name_before(text, end) -> str      the longest run of noun-like words (jieba part-of-speech
                                       tags) that ends at `end`, 2-20 ideographs, or ""
    context(text, end) -> str          the few characters before `end` that decide it
    is_person(name) -> bool            the name is a person's name alone (tag `nr`)
    HAN, is_han(s)                     the ideograph class, and "every character an ideograph"

The rules are those of "A Chinese full name read BEFORE a bracket" in
`vocab.abbrev.definitions`.
"""
from __future__ import annotations

import re

from searchapp.analysis.tokenizer import tagged_words

__all__ = ["name_before", "context", "is_person", "HAN", "is_han"]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_BEFORE = re.compile(f"[{HAN}]{{2,24}}$")
#: Jieba tags of the words a name is made of (ICTCLAS set): nouns, organisations, places,
#: other proper nouns, noun-verbs, abbreviations, idioms, distinguishing words.
_NAME_TAGS = frozenset({"n", "nt", "ns", "nz", "nl", "ng", "vn", "an", "j", "l", "b"})
#: Words that head a name whatever jieba tags them (`组织` is tagged a verb), and place words
#: (`f`, `北方`, `中部`) that may start one; these never do (`以上`, `之间`, …).
_NAME_HEADS = frozenset({"组织", "计划", "联合会", "集团", "中心", "机构", "论坛", "同盟",
                         "协定", "条约", "公约", "会议", "大会", "项目", "工程"})
_NOT_PLACE = frozenset({"以上", "以下", "之间", "之后", "之前", "以来", "其中", "当中", "之中",
                        "之外", "以外", "以后", "以前", "之上", "之下"})


def is_han(s: str) -> bool:
    """`s` is not empty and every character of it is an ideograph (HAN) or `·`."""
    return bool(s) and all(re.match(f"[{HAN}·]", c) for c in s)


def name_before(text: str, end: int) -> str:
    """The Chinese name that ends at `end` (the rules of `vocab.abbrev.definitions`), or ""."""
    while end > 0 and text[end - 1] == " ":  # `虚拟现实 (VR)`: letter-spaced print
        end -= 1
    m = _RUN_BEFORE.search(text, 0, end)
    if not m:
        return ""
    kept: list[str] = []
    for word, tag in reversed(tagged_words(m.group())):
        if not (tag in _NAME_TAGS or word in _NAME_HEADS
                or (tag == "f" and len(word) >= 2 and word not in _NOT_PLACE)):
            break
        kept.append(word)
    name = "".join(reversed(kept))
    if not (2 <= len(name) <= 20) or not is_han(name):
        return ""
    before = text[m.end() - len(name) - 1:m.end() - len(name)]
    if before.isascii() and before.isalnum():  # `X射线…`: the name goes on in Latin letters
        return ""
    return name


#: Characters before a bracket that decide the full name read before it: the longest run
#: `_RUN_BEFORE` takes (24), a line break its `$` may stand before, the character before the name.
_CONTEXT = 32


def context(text: str, end: int) -> str:
    """What `name_before(text, end)` reads: the text before `end` (trailing spaces dropped),
    its last _CONTEXT characters; `name_before(ctx, len(ctx))` gives the same name."""
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return text[max(0, end - _CONTEXT):end]


def is_person(name: str) -> bool:
    """The name is a person's name alone (jieba tags it `nr`)."""
    tags = tagged_words(name)
    return len(tags) == 1 and tags[0][1].startswith("nr")
