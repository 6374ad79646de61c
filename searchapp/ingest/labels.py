"""Metadata labels written in traditional characters, read as their simplified spelling.

    fold_labels(s) -> str     `s` with every label before a colon in simplified characters

The readers recognise metadata by its label and a colon: `来源：`, `作者：`, `记者：`,
`责任编辑：`, `日期：`, `发布时间：`, `原标题：`… (plaintext `_META`, the magazine segmenter's
credits, HTML metadata lines). A Taiwan or Hong Kong article writes them `來源：`, `記者：`,
`責任編輯：`, `發佈時間：`, `原標題：`. `fold_labels` gives the text the label patterns are
matched against: every run of up to `MAX_LABEL` Han characters right before a colon (`:` or
`：`; spaces allowed inside the run and before the colon) converted to simplified characters
(OpenCC `t2s`, through `analysis.text.to_simplified`, one character at a time where a phrase
would change the length).
Nothing else changes, and the result has exactly the length of `s`, so a match's offsets index
the original text: values are taken from it, and stored text is never rewritten (a traditional
article keeps its characters; only the matching view is folded). Big5 input is decoded first
(`decode`), so it is read the same way.
"""
from __future__ import annotations

import re

from searchapp.analysis.text import to_simplified

__all__ = ["fold_labels", "MAX_LABEL"]

#: Longest label read (`原文链接`, `出版日期`, `责任编辑` are 4; `本文来源` and a prefix such as
#: `本报记者` also 4): runs before a colon are folded up to this many characters back.
MAX_LABEL = 6
_HAN = "\u3400-\u9fff\uf900-\ufaff"
#: A run of Han characters (spaces between them allowed: `來 源：`) right before a colon.
_BEFORE_COLON = re.compile(rf"[{_HAN}](?:[ \t\u3000]*[{_HAN}]){{0,{MAX_LABEL - 1}}}(?=[ \t\u3000]*[:：])")


def _fold(run: str) -> str:
    simp = to_simplified(run)
    if len(simp) != len(run):  # a phrase table changed the length: one character at a time
        simp = "".join(s if len(s := to_simplified(c)) == 1 else c for c in run)
    return simp


def fold_labels(s: str) -> str:
    """`s` with each run of Han characters before a colon in simplified characters (module
    docstring); same length as `s`; `s` itself when it has no colon. Never raises."""
    if not s or (":" not in s and "：" not in s):
        return s
    return _BEFORE_COLON.sub(lambda m: _fold(m.group()), s)
