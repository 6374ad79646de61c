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
  means; a comma between digits stays in the number (`1,000`). A word written directly before a quote
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
"""
from __future__ import annotations

import re
import unicodedata

from searchapp.analysis.analyzer import meaningful, word_spans
from searchapp.query.dates import date_bounds, date_range_reversed
from searchapp.query import calendar_words
from searchapp.query.pages import join_spaced, read_page
from searchapp.query.plan import Plan, Word

__all__ = ["parse", "FIELDS", "QUESTION_NOISE", "MAX_WORDS", "MAX_WORD_CHARS"]

#: Field names of the query language (and their Chinese aliases) → canonical name.
FIELDS = {"title": "title", "标题": "title", "source": "source", "来源": "source",
          "topic": "topic", "主题": "topic", "speaker": "speaker", "讲话人": "speaker",
          "发言人": "speaker", "author": "author", "作者": "author", "date": "date",
          "日期": "date", "page": "page", "版面": "page"}

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

#: Most words (positive and excluded) one query may use; more are ignored with a notice (each
#: word costs a literal scan and a few posting lists, so this bounds the cost of one query).
MAX_WORDS = 32
#: Longest word, in characters: a longer one (a pasted sentence without spaces, which the
#: analyzer splits into hundreds of tokens) is cut to its first MAX_WORD_CHARS characters, with
#: a notice. An article holding the whole word holds its head too (recall is kept), and the
#: cost of one word is bounded as MAX_WORDS bounds the count.
MAX_WORD_CHARS = 64

#: An HTML or XML tag: `<name …>`, `</name>`, `<name/>` (a letter first, so `<5G>` or `a < b`
#: stay text).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")

_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»「」『』〝〞"})


def _fold(q: str) -> str:
    q = unicodedata.normalize("NFKC", q or "").translate(_QUOTES)
    return join_spaced(q.replace("\u3000", " "))


def _lex(q: str, plan: Plan) -> list[tuple[str, bool]]:
    """Split into (token, quoted) pairs. Quoted spans keep their prefix (`-`, `title:`); a
    parenthesis outside quotes is a token of its own when they pair up, else they are all
    dropped (`unbalanced_paren`)."""
    if q.count('"') % 2:
        plan.fallback = True
        plan.note("unbalanced_quote")
        q = q.replace('"', " ")
    if not _balanced(q):
        if "(" in q or ")" in q:
            plan.fallback = True
            plan.note("unbalanced_paren")
        q = q.replace("(", " ").replace(")", " ")
    out: list[tuple[str, bool]] = []
    for m in _TOKEN.finditer(q):
        if m.group(2) is not None:
            prefix = m.group(1)
            if not _is_phrase_prefix(prefix):  # `数字经济"网络安全"`: a word, then the phrase
                out.extend((p, False) for p in _LIST_SEP.split(prefix) if p)
                prefix = ""
            out.append((prefix + "\x00" + m.group(2), True))
        elif m.group(4) and _LIST_SEP.search(m.group(4)):
            # a pasted list (`江泽民，李鹏`, `甲、乙；丙`) is its words, as if typed with spaces;
            # a comma between digits (`1,000`) stays in the number
            out.extend(_lex(" ".join(_LIST_SEP.split(m.group(4))), plan))
        elif m.group(4) and "*" in m.group(4) and m.group(4).strip("*-"):
            # no wildcards, and it is said: `网*安全` is the words 网 安全, `5G*` is 5G (a word
            # matches inside longer words anyway); `-网*安全` excludes 网安全 as before
            if "wildcard" not in [n["code"] for n in plan.notice_items]:
                plan.note("wildcard")
            tok = m.group(4)
            if tok.startswith("-"):
                out.append((tok.replace("*", ""), False))
            else:
                out.extend((p, False) for p in tok.split("*") if p)
        else:
            out.append((m.group(3) or m.group(4), False))
    return out


#: A quoted span with its prefix, a parenthesis, or a run of other non-space characters.
_TOKEN = re.compile(r'([^\s()"]*)"([^"]*)"|([()])|([^\s()"]+)')

#: Punctuation that separates the items of a list outside quotes, after NFKC folding: 、 and
#: the semicolon always, the comma unless it sits between two digits (a thousands separator),
#: `/` and `|` between two ideographs (`姚明/科比`; in URLs, dates and `a|b` they stay).
_LIST_SEP = re.compile(r"[、;]|(?<!\d),|,(?!\d)|(?<=[\u3400-\u9fff])[/|](?=[\u3400-\u9fff])")


def _is_phrase_prefix(prefix: str) -> bool:
    """True when `prefix`, written directly before a quote, applies to the phrase: nothing,
    `-` or `+`, a field (`title:`, `-来源:`); else it is a word of its own."""
    body = prefix[1:] if prefix[:1] in ("-", "+") else prefix
    return body == "" or body.endswith(":")


def _balanced(q: str) -> bool:
    """True when `q`'s parentheses outside quotes pair up (and there is at least one)."""
    depth, seen, quoted = 0, False, False
    for c in q:
        if c == '"':
            quoted = not quoted
        elif not quoted and c == "(":
            depth, seen = depth + 1, True
        elif not quoted and c == ")":
            depth -= 1
            if depth < 0:
                return False
    return seen and depth == 0


def _apply_date(value: str, plan: Plan) -> bool:
    """Narrow the plan's date range by a `date:` value; False when unreadable."""
    b = date_bounds(value)
    if b is None:
        return False
    lo, hi = b
    if date_range_reversed(value):
        plan.note("date_reversed", value=value)
    plan.date_from = max(x for x in (plan.date_from, lo) if x) if (plan.date_from or lo) else None
    plan.date_to = min(x for x in (plan.date_to, hi) if x) if (plan.date_to or hi) else None
    return True


def _is_question(text: str, toks: list[str]) -> bool:
    if "?" in text:
        return True
    return len(toks) >= 3 and any(t in _QUESTION_WORDS for t in toks)


def parse(q: str) -> Plan:
    """Read `q` (any string) into a Plan. Never raises; see the module docstring."""
    plan = Plan(text=q or "")
    q = q or ""
    if _TAG.search(q):
        q = " ".join(_TAG.sub(" ", q).split())
        plan.note("html_tags", text=q)
    try:
        _parse_into(_fold(q), plan)
    except Exception:  # pragma: no cover - last line of defence: plain words
        plan.groups = [[Word(t)] for t in _fold(q).replace('"', " ").split() if meaningful(t)]
        plan.excluded = []
        plan.fallback = True
        plan.note("unreadable_query")
    return plan


def _parse_into(q: str, plan: Plan) -> None:
    """Read folded query `q` into `plan`: its words, groups and exclusions, then a question's
    words, the word limit, and whether anything is left to search."""
    _read_tokens(_lex(q, plan), plan)
    _calendar(plan, q)
    _questions(plan)
    _limit_words(plan)
    if (plan.text.strip() and not plan.unsearchable and not plan.groups and not plan.excluded
            and not plan.date_from and not plan.date_to and not plan.pages
            and not plan.date_words and not plan.not_pages and not plan.not_dates):
        plan.unsearchable = True
        plan.note("nothing_searchable")


#: Operator tokens (unquoted) of the query language.
_OPERATORS = {"OR": "or", "|": "or", "||": "or", "AND": "and", "&&": "and", "+": "and",
              "NOT": "not"}


def _closing(items: list[tuple[str, bool]], i: int) -> int:
    """Index of the ")" that closes the "(" at `i` (the lexer only keeps balanced ones)."""
    depth = 0
    for j in range(i, len(items)):
        tok, quoted = items[j]
        if not quoted and tok in ("(", ")"):
            depth += 1 if tok == "(" else -1
            if depth == 0:
                return j
    return len(items)


def _group_prefix(tok: str) -> tuple[bool, str | None] | None:
    """(negated, field) when the unquoted `tok` is a prefix that applies to a group after it:
    `-`, `title:`, `-title:` (a known field other than date/page); else None."""
    minus = tok.startswith("-")
    body = tok[1:] if minus else tok
    if body == "":
        return (True, None) if minus else None
    if body.endswith(":"):
        canon = FIELDS.get(body[:-1].casefold())
        if canon is not None and canon not in ("date", "page"):
            return minus, canon
    return None


def _read_group(sub: Plan, plan: Plan, negated: bool, fieldname: str | None,
                pending_or: bool) -> None:
    """Add the words of a parenthesised group (`sub`, read on its own) to `plan`: with
    `fieldname` each word without a field of its own gets it; `negated` excludes what the
    group matches when the plan can state it (`-(a OR b)` = `-a -b`, `-(-a -b)` = `a OR b`),
    else the query is refused (`grouped_negation`)."""
    plan.notices += sub.notices
    plan.notice_items += sub.notice_items
    plan.fallback = plan.fallback or sub.fallback
    for w in [x for g in sub.groups for x in g] + sub.excluded:
        if fieldname and w.field is None:
            w.field = fieldname
    if sub.date_from or sub.date_to or sub.pages:
        if negated or pending_or:
            plan.unsearchable = True
            plan.note("grouped_negation")
            return
        _apply_date(f"{sub.date_from or ''}..{sub.date_to or ''}", plan)
        plan.pages = plan.pages | sub.pages
    if negated:
        if len(sub.groups) == 1 and not sub.excluded:
            plan.excluded.extend(sub.groups[0])
        elif not sub.groups and sub.excluded:
            plan.groups.append(list(sub.excluded))
        elif sub.groups or sub.excluded:
            plan.unsearchable = True
            plan.note("grouped_negation")
        return
    if pending_or and plan.groups and sub.groups:
        if len(sub.groups) > 1 or sub.excluded:
            plan.note("or_group")
        plan.groups[-1].extend(sub.groups[0])
        plan.groups.extend(sub.groups[1:])
    else:
        plan.groups.extend(sub.groups)
    plan.excluded.extend(sub.excluded)


def _read_tokens(items: list[tuple[str, bool]], plan: Plan) -> None:
    """Operators, groups and words, left to right: OR joins a word (or a one-group
    parenthesis) to the previous group, NOT and `-` exclude the next word or group (NOT NOT
    cancels), every other word starts a group; `date:` narrows the dates."""
    pending_or = negate_next = False
    group_prefix: tuple[bool, str | None] | None = None
    i = 0
    while i < len(items):
        tok, quoted = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else ("", True)
        i += 1
        if not quoted and nxt == ("(", False) and _group_prefix(tok) is not None:
            group_prefix = _group_prefix(tok)
            continue
        if not quoted and tok == "(":
            j = _closing(items, i - 1)
            sub = Plan(text="")
            _read_tokens(items[i:j], sub)
            minus, fieldname = group_prefix or (False, None)
            _read_group(sub, plan, negate_next != minus, fieldname, pending_or)
            i, pending_or, negate_next, group_prefix = j + 1, False, False, None
            continue
        op = None if quoted else _OPERATORS.get(tok)
        if op == "or":
            if not plan.groups or i == len(items) or pending_or:
                plan.fallback = True
                plan.note("lone_or")
            else:
                pending_or = True
            continue
        if op == "and":
            continue
        if op == "not":
            negate_next = not negate_next
            continue
        negated, negate_next = negate_next, False
        read = _read_word(tok, quoted, plan, negated)
        if read is None:  # a date, or an empty field: nothing to add
            if pending_or:
                plan.note("or_filter")
            pending_or = False
            continue
        minus, fieldname, body, phrase = read
        if not body.strip() or not meaningful(body):
            if tok.strip() in ("-", ":", "NOT"):
                plan.fallback = True
                plan.note("lone_operator")
        else:
            w = Word(body.strip(), phrase=phrase, field=fieldname)
            if negated != minus:
                if pending_or:
                    plan.note("or_exclusion")
                plan.excluded.append(w)
            elif pending_or and plan.groups:
                plan.groups[-1].append(w)
            else:
                plan.groups.append([w])
        pending_or = False
    if negate_next:
        plan.fallback = True
        plan.note("lone_not")


def _read_word(tok: str, quoted: bool, plan: Plan,
               negated: bool = False) -> tuple[bool, str | None, str, bool] | None:
    """(excluded by a leading `-`, canonical field or None, the word's text, a phrase) of a
    token, or None when it is used up here (`date:`/`page:` applied to the plan, excluded when
    `-` or a NOT before it (`negated`) says so; an empty field noted)."""
    prefix, _, body = tok.partition("\x00") if quoted else ("", "", tok)
    raw = prefix if quoted else tok
    minus = raw.startswith("-")
    if minus:
        raw = raw[1:]
        body = body if quoted else raw
    if raw.startswith("+"):
        raw = raw[1:]
        body = body if quoted else raw
    head, colon, rest = raw.partition(":")
    if colon and not head:
        return minus, None, body if quoted else rest, quoted
    if not colon:
        return minus, None, body, quoted
    canon = FIELDS.get(head.casefold())
    value = body if quoted else rest
    if canon is None:
        # `记者：新一届`, `http://…`, `12:30`: text copied from an article, an exact lookup:
        # searched as the phrase it is (what an article holds literally finds it first, and a
        # string no article holds says so), and said
        plan.fallback = True
        plan.note("unknown_field", field=head)
        return minus, None, body if quoted else raw, True
    if not value.strip():
        plan.fallback = True
        plan.note("empty_field", field=head)
        return None
    if canon == "date":
        bounds = date_bounds(value.strip()) if minus != negated else None
        if bounds is not None:  # -date:…: articles of those days are left out
            plan.not_dates.append(bounds)
        elif minus != negated or not _apply_date(value.strip(), plan):
            plan.fallback = True
            plan.note("bad_date", value=value)
        return None
    if canon == "page":
        n = read_page(value)
        if n is None:
            plan.fallback = True
            plan.note("bad_page", value=value)
        elif minus != negated:  # -page:1: not on that page
            plan.not_pages = plan.not_pages | {n}
        else:
            plan.pages = plan.pages | {n}
        return None
    return minus, canon, value, quoted


def _calendar(plan: Plan, q: str) -> None:
    """Plain words that state a printed page or a span of issue dates (`calendar_words`) leave
    the text search and become filters; `plan.as_text` is the query with them quoted."""
    quoted: dict[str, str] = {}
    groups = []
    for g in plan.groups:
        w = g[0]
        if len(g) != 1 or w.phrase or w.field is not None:
            groups.append(g)
            continue
        got = calendar_words.read(w.text)
        if got is not None:
            quoted[w.text] = f'"{w.text}"'
        else:
            glued = calendar_words.split(w.text)
            if glued is None:
                groups.append(g)
                continue
            got, rest = glued
            cut = len(w.text) - len(rest) if w.text.endswith(rest) else None
            quoted[w.text] = f'"{w.text[:cut]}" {rest}' if cut else f'"{w.text}"'
            groups.append([Word(rest)])
        if isinstance(got, calendar_words.PageWord):
            plan.page_words.append(got)
            plan.pages = plan.pages | {got.page}
        else:
            plan.date_words.append(got)
    if not quoted:
        return
    plan.groups = groups
    out = []
    for tok in q.split():
        out.append(quoted.pop(tok, tok))
    plan.as_text = " ".join(out)


def _limit_words(plan: Plan) -> None:
    """At most MAX_WORDS words (positive first, then excluded) of at most MAX_WORD_CHARS
    characters each (an excluded word is never cut: a shorter one would exclude more), with
    a notice."""
    long_words = [w for g in plan.groups for w in g if len(w.text) > MAX_WORD_CHARS]
    for w in long_words:
        w.text = w.text[:MAX_WORD_CHARS].rstrip()
    if long_words:
        plan.note("long_word", n=MAX_WORD_CHARS)
    n = sum(len(g) for g in plan.groups) + len(plan.excluded)
    if n <= MAX_WORDS:
        return
    kept, room = [], MAX_WORDS
    for g in plan.groups:
        if room <= 0:
            break
        kept.append(g[:room])
        room -= len(kept[-1])
    plan.groups = kept
    plan.excluded = plan.excluded[:max(0, room)]
    plan.note("too_many_words", n=MAX_WORDS)


def _questions(plan: Plan) -> None:
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
