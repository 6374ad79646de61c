"""Natural-language questions: `中国现在有多少网民？` → the words 中国 网民, for `query.parser`.

    questions(plan)     a plan of plain words only, read as a question (a `?`/`？`, or a question
                        word with at least three tokens), keeps its runs of non-noise tokens as
                        loose words (notice `question`)
    QUESTION_NOISE      the tokens dropped
"""
from __future__ import annotations

from searchapp.analysis.analyzer import meaningful, word_spans
from searchapp.query.plan import Plan, Word

__all__ = ["questions", "QUESTION_NOISE"]

#: Question words, particles and deictic time words dropped from natural-language questions
#: (general Mandarin interrogatives and sentence-final particles, e.g. as listed in Yip & Rimmington,
#: "Chinese: A Comprehensive Grammar", ch. on questions). Tokens after normalisation.
QUESTION_NOISE = frozenset("""
多少 几 几个 什么 啥 怎么 怎样 怎么样 如何 为什么 为何 哪 哪些 哪里 哪儿 哪个 谁 是否 是不是 有没有
什么样 什么时候 时候 何时 几时 多久 多长 多大 多远 多高
能不能 可不可以 吗 呢 吧 啊 呀 么 嘛 请问 想 知道 现在 目前 如今 当前 的 了 是 有 在 都 会 能 可以 一下
what how why who which when where is are do does many much the a an of
""".split())
_QUESTION_WORDS = frozenset("多少 几 几个 什么 啥 怎么 怎样 怎么样 如何 为什么 为何 哪些 哪里 哪个 谁 是否 "
                            "是不是 有没有 吗 呢 什么时候 何时 多久".split())


def _is_question(text: str, toks: list[str]) -> bool:
    if "?" in text:
        return True
    return len(toks) >= 3 and any(t in _QUESTION_WORDS for t in toks)


def questions(plan: Plan) -> None:
    """Natural-language question: plain unquoted words → runs of adjacent non-noise tokens, each
    run one word (`中国现在有多少网民？` → `中国` `网民`; `3号线在哪里` → `3号线`)."""
    plain = [g[0] for g in plan.groups if len(g) == 1 and not g[0].phrase and g[0].field is None]
    if len(plain) != len(plan.groups) or not plain:
        return
    spans = [(w.text, word_spans(w.text)) for w in plain]
    toks = [t for _, sp in spans for t, _, _ in sp]
    if not _is_question(plan.text, toks):
        return
    runs: list[str] = []
    for text, sp in spans:
        start = end = None
        for t, s, e in sp + [("?", -1, -1)]:
            if t in QUESTION_NOISE or s < 0:
                if start is not None:
                    runs.append(text[start:end])
                start = None
            else:
                start = s if start is None else start
                end = e
    runs = list(dict.fromkeys(r for r in runs if meaningful(r)))
    if not runs or len(runs) == len(toks) == len(plain):
        return
    plan.question = True
    plan.groups = [[Word(r, loose=True)] for r in runs]
    plan.note("question", words=" ".join(runs))
