"""Metadata labels written in traditional characters, read as their simplified spelling.

    fold_labels(s) -> str     `s` with every label before a colon, and every job title of a
                              credit, in simplified characters
    CREDIT_TITLE              regex (simplified) of a credit's job title: 记者, 高级记者, 本报记者…

The readers recognise metadata by its label and a colon: `来源：`, `作者：`, `记者：`,
`责任编辑：`, `日期：`, `发布时间：`, `原标题：`… (plaintext `_META`, the magazine segmenter's
credits, HTML metadata lines). A Taiwan or Hong Kong article writes them `來源：`, `記者：`,
`責任編輯：`, `發佈時間：`, `原標題：`. `fold_labels` gives the text the label patterns are
matched against: every run of up to `MAX_LABEL` Han characters right before a colon (`:` or
`：`; spaces allowed inside the run and before the colon) converted to simplified characters
(OpenCC `t2s`, through `analysis.text.to_simplified`, one character at a time where a phrase
would change the length).
A credit names its writer by a job title without a colon: `來源：新華社 高級記者 張三`,
`本報記者 王五`, `通訊員 趙六`. Every job title (`CREDIT_TITLE`: an optional rank or place —
本报, 特约, 高级, 首席, 实习, 资深, 驻…— and the job noun: 记者, 通讯员, 编辑, 评论员, 撰稿人) is
folded too, wherever it stands, so the readers' rules for credits written in simplified
characters (the outlet cut before the reporter, a byline's names) read it alike.
Nothing else changes, and the result has exactly the length of `s`, so a match's offsets index
the original text: values are taken from it, and stored text is never rewritten (a traditional
article keeps its characters; only the matching view is folded). Big5 input is decoded first
(`decode`), so it is read the same way.
"""
from __future__ import annotations

import re

from searchapp.analysis.text import to_simplified

__all__ = ["fold_labels", "MAX_LABEL", "CREDIT_TITLE"]

#: Longest label read (`原文链接`, `出版日期`, `责任编辑` are 4; `本文来源` and a prefix such as
#: `本报记者` also 4): runs before a colon are folded up to this many characters back.
MAX_LABEL = 6
_HAN = "\u3400-\u9fff\uf900-\ufaff"
#: A run of Han characters (spaces between them allowed: `來 源：`) right before a colon.
_BEFORE_COLON = re.compile(rf"[{_HAN}](?:[ \t\u3000]*[{_HAN}]){{0,{MAX_LABEL - 1}}}(?=[ \t\u3000]*[:：])")
#: A credit's job title, in simplified characters: an optional rank, desk or posting (`驻京`,
#: `驻东京`) and the job noun. Readers use it on text `fold_labels` has folded.
CREDIT_TITLE = (rf"(?:本报|本台|本刊|本网|特约|高级|首席|实习|资深|驻[{_HAN}]{{1,4}}?)?"
                r"(?:记者|通讯员|编辑|评论员|撰稿人)")
_CREDIT_TITLE = re.compile(CREDIT_TITLE)
#: Characters of the job nouns in either script (记/記, 讯/訊, 编/編, 评/評, 撰): a text
#: without any holds no job title and is not converted to look for one.
_JOB_CHARS = re.compile("[记記讯訊编編评評撰]")


def _fold(run: str) -> str:
    simp = to_simplified(run)
    if len(simp) != len(run):  # a phrase table changed the length: one character at a time
        simp = "".join(s if len(s := to_simplified(c)) == 1 else c for c in run)
    return simp


def fold_labels(s: str) -> str:
    """`s` with each run of Han characters before a colon, and each job title of a credit
    (`CREDIT_TITLE`), in simplified characters (module docstring); same length as `s`, the
    rest as written. Never raises."""
    if not s:
        return s
    if ":" in s or "：" in s:
        s = _BEFORE_COLON.sub(lambda m: _fold(m.group()), s)
    if not _JOB_CHARS.search(s):
        return s
    view = _fold(s)  # same length: offsets of the view are offsets of `s`
    spans = [m.span() for m in _CREDIT_TITLE.finditer(view)]
    if not spans:
        return s
    out, cur = [], 0
    for a, b in spans:
        out += [s[cur:a], view[a:b]]
        cur = b
    out.append(s[cur:])
    return "".join(out)
