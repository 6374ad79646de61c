"""Operators, groups and fields of the query language: the lexer's (token, quoted) pairs → the
words, groups, exclusions and `date:`/`page:` filters of a `Plan`, for `query.parser`.

    read_tokens(items, plan)     left to right: OR joins, NOT and `-` exclude, ( … ) groups,
                                 `field:` restricts, `date:`/`page:` filter
    apply_date(value, plan)      narrow the plan's dates by a `date:` value; False when unreadable
    FIELDS                       field names and their Chinese aliases → canonical name

The rules (what an OR beside an exclusion means, which negated groups can be stated) are the
language's, documented in `query.parser` and docs/search.md.
"""
from __future__ import annotations

from searchapp.analysis.analyzer import meaningful
from searchapp.query.dates import date_bounds, date_range_reversed
from searchapp.query.pages import read_page
from searchapp.query.plan import Plan, Word

__all__ = ["read_tokens", "apply_date", "FIELDS"]

#: Field names of the query language (and their Chinese aliases) → canonical name.
FIELDS = {"title": "title", "标题": "title", "source": "source", "来源": "source",
          "topic": "topic", "主题": "topic", "speaker": "speaker", "讲话人": "speaker",
          "发言人": "speaker", "author": "author", "作者": "author", "date": "date",
          "日期": "date", "page": "page", "版面": "page"}


def apply_date(value: str, plan: Plan) -> bool:
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
        apply_date(f"{sub.date_from or ''}..{sub.date_to or ''}", plan)
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


def read_tokens(items: list[tuple[str, bool]], plan: Plan) -> None:
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
            read_tokens(items[i:j], sub)
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
        elif minus != negated or not apply_date(value.strip(), plan):
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
