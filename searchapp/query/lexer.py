"""Lexer of the query language: a query string → (token, quoted) pairs, for `query.parser`.

    fold(q) -> str                       NFKC (`：` → `:`, `（` → `(`), every quote mark → `"`,
                                         ideographic space → space, letter-spaced words joined
    lex(q, plan) -> [(token, quoted)]    a quoted span keeps its prefix (`-`, `title:`) before
                                         "\x00"; a parenthesis is a token of its own

What cannot be lexed as typed is said on `plan` (`Plan.note`) and read as plain words: an odd
quote (`unbalanced_quote`), parentheses that do not pair up (`unbalanced_paren`), a wildcard
(`wildcard`). A pasted list (`甲，乙`, `甲、乙；丙`, `姚明/科比`) is its words. `|` and `||` are
OR whether spaced or not (`5G|AI` is `5G | AI`). An emoji or other searchable symbol typed
against a word (`河南🇨🇳`, `5G😀网络`, `🚀5G`) is a word of its own, as if typed with a space
(`query.symbols`; notice `symbol_split`).
"""
from __future__ import annotations

import re
import unicodedata

from searchapp.query.pages import join_spaced
from searchapp.query.plan import Plan
from searchapp.query.symbols import split_symbols

__all__ = ["fold", "lex"]

_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»「」『』〝〞"})


def fold(q: str) -> str:
    """`q` (None: empty) with full-width forms, quote marks and the ideographic space
    folded and letter-spaced words joined (`query.pages.join_spaced`)."""
    q = unicodedata.normalize("NFKC", q or "").translate(_QUOTES)
    return join_spaced(q.replace("\u3000", " "))


def lex(q: str, plan: Plan) -> list[tuple[str, bool]]:
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
        elif m.group(4) and "|" in m.group(4) and m.group(4).strip("|") \
                and "://" not in m.group(4):
            # `|` and `||` are OR with or without spaces (`5G|AI` = `5G | AI`, `网络||安全`);
            # only a URL keeps its bars
            out.extend(lex(_BARS.sub(" | ", m.group(4)), plan))
        elif m.group(4) and _LIST_SEP.search(m.group(4)):
            # a pasted list (`江泽民，李鹏`, `甲、乙；丙`) is its words, as if typed with spaces;
            # a comma between digits (`1,000`) stays in the number
            out.extend(lex(" ".join(_LIST_SEP.split(m.group(4))), plan))
        elif m.group(4) and "://" not in m.group(4) and (parts := split_symbols(m.group(4))):
            # `河南🇨🇳`: the emoji is a word of its own, as it is in the index (jieba cuts it
            # off), so the word is not a phrase no article holds; the prefix (`-`, `title:`)
            # goes with every part
            plan.note("symbol_split", word=m.group(4), parts=" ".join(parts))
            out.extend(lex(" ".join(parts), plan))
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
#: `/` between two ideographs (`姚明/科比`; in URLs and dates it stays). (`|` is the OR operator,
#: spaced or not: `_BARS`.)
_LIST_SEP = re.compile(r"[、;]|(?<!\d),|,(?!\d)|(?<=[\u3400-\u9fff])/(?=[\u3400-\u9fff])")
#: A run of bars inside a token: the OR operator written without spaces (`5G|AI`, `甲||乙`).
_BARS = re.compile(r"\|+")


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
