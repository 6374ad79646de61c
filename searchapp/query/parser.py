"""Query parser: the query language → a `Plan` (plain data), never an exception.

Language (documented for users in docs/search.md):
  word word        the plan asks for every word (implicit AND); best-match ranking
                   (`search.bestmatch`) ranks the articles with every word first and may add
                   those with most of them. A word that jieba splits into several tokens
                   (`网络安全宣传周`) matches as a phrase, or literally (substring scan)
  a OR b           either (binds tighter than the implicit AND: `x a OR b` = x AND (a OR b));
                   `|` is accepted for OR
  -word, -"…"      exclude; `NOT word` too
  "…"              phrase (also “…” 「…」 『…』 and full-width ＂)
  title: source: topic: speaker: author:   field restriction (value may be a "phrase");
                   Chinese aliases 标题 来源 主题 讲话人/发言人 作者
  date:2020-09  date:2020-09-01..2020-09-15  date:2020  date:2020-09-01..  (inclusive ranges)
  page:8  page:第8版  page:头版     the printed page (Chinese alias 版面); several = any of them
  ( … )           groups words: `-( … )`, `NOT ( … )` exclude what the group matches and
                   `title:( … )` restricts each of its words to the field (`-(a OR b)` is
                   `-a -b`, `title:(a OR b)` is `title:a OR title:b`). A negated group that
                   the plan cannot state (`-(a b)`: "not both") is refused: no results and the
                   notice `grouped_negation`, never the opposite set. Other parentheses group
                   nothing that OR does not already group (`x (a OR b)` = `x a OR b`).
  Full-width operators are folded (NFKC: `：` → `:`, `（` → `(`, `－` → `-`).
  `甲，乙`, `甲、乙`, `甲；乙`, `甲/乙` (outside quotes) are the words 甲 乙, as a pasted list
  means; a comma between digits stays in the number (`1,000`). An emoji typed against a word
  (`河南🇨🇳`) is a word of its own, as if typed with a space (`query.symbols`, `symbol_split`). A word written directly before a quote
  (`数字经济"网络安全"`) is a word of its own, not a prefix of the phrase. `X:Y` where X is
  no field (`记者：新一届`, `http://…`, `12:30`) is searched as the phrase it is, like
  `"记者：新一届"` (`unknown_field`).
  An OR next to an exclusion or a date/page filter cannot be stated either: it is read as AND
  and said (`or_exclusion`, `or_filter`). `NOT NOT a` is `a`.
Natural-language questions (a `?`/`？`, or a question word such as 多少/什么/如何/吗, with at
least three tokens) drop question noise (`QUESTION_NOISE`) and match their remaining tokens as
separate words.
Anything unreadable (unbalanced quote or parenthesis, lone OR / - / :, unknown field, bad date)
is read as plain words: `Plan.fallback` is set and `Plan.notices` says what happened.
HTML tags (`<b>5G</b>`, `<script>…</script>`: pasted from a page, or a probe) are never text
an article holds: they are removed before reading, with the notice `html_tags`, and what is
between them is searched (`<b>5G</b>` finds what `5G` finds).

The steps, one module each: `query.lexer` (characters → tokens), `query.operators` (tokens →
words, groups, exclusions, fields, `date:`/`page:`), `query.calendar_filters` (page and date
words → filters), `query.questions` (a question → its words), `query.limits` (the word limits).
"""
from __future__ import annotations

import re

from searchapp.analysis.analyzer import meaningful
from searchapp.query.calendar_filters import apply_calendar_words
from searchapp.query.lexer import fold, lex
from searchapp.query.limits import MAX_WORD_CHARS, MAX_WORDS, limit_words
from searchapp.query.operators import FIELDS, read_tokens
from searchapp.query.plan import Plan, Word
from searchapp.query.questions import QUESTION_NOISE, questions

__all__ = ["parse", "FIELDS", "QUESTION_NOISE", "MAX_WORDS", "MAX_WORD_CHARS"]

#: An HTML or XML tag: `<name …>`, `</name>`, `<name/>` (a letter first, so `<5G>` or `a < b`
#: stay text).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")


def parse(q: str) -> Plan:
    """Read `q` (any string) into a Plan. Never raises; see the module docstring."""
    plan = Plan(text=q or "")
    q = q or ""
    if _TAG.search(q):
        q = " ".join(_TAG.sub(" ", q).split())
        plan.note("html_tags", text=q)
    try:
        _parse_into(fold(q), plan)
    except Exception:  # pragma: no cover - last line of defence: plain words
        plan.groups = [[Word(t)] for t in fold(q).replace('"', " ").split() if meaningful(t)]
        plan.excluded = []
        plan.fallback = True
        plan.note("unreadable_query")
    return plan


def _parse_into(q: str, plan: Plan) -> None:
    """Read folded query `q` into `plan`: its words, groups and exclusions, then a question's
    words, the word limit, and whether anything is left to search."""
    read_tokens(lex(q, plan), plan)
    apply_calendar_words(plan, q)
    questions(plan)
    limit_words(plan)
    if (plan.text.strip() and not plan.unsearchable and not plan.groups and not plan.excluded
            and not plan.date_from and not plan.date_to and not plan.pages
            and not plan.date_words and not plan.not_pages and not plan.not_dates):
        plan.unsearchable = True
        plan.note("nothing_searchable")
