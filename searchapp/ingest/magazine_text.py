"""The text of a run of magazine lines (`magazine_blocks.Item`): joined, cut into paragraphs,
its lead, its headline.

    has_body(items) -> bool;  text_of(items) -> str;  body_text(items) -> str
    lead_of(items) -> str;  title_of(draft) -> str;  fallback_title(body) -> str

Functions are pure and never raise on any input.
"""
from __future__ import annotations

import re

from . import layout
from . import magazine_lines as ml
from .magazine_blocks import Draft, Item

_WS = re.compile(r"\s+")


def has_body(items: list[Item]) -> bool:
    """True when some item carries body text other than a `【…】` note."""
    return any(it.body_text and not ml.is_bracket_note(it.body_text) for it in items)


def text_of(items: list[Item]) -> str:
    """The items' text joined as one paragraph."""
    return layout.join_lines([it.body_text for it in items])


def body_text(items: list[Item]) -> str:
    """Body with paragraphs separated by a blank line: a line ending a sentence closes its
    paragraph; a short headline-shaped line at a paragraph start (a subhead or a photo caption,
    under 80 % of the usual line length) is a paragraph of its own."""
    lines = [it.body_text for it in items if it.body_text and not ml.is_bracket_note(it.body_text)]
    if not lines:
        return ""
    widths = sorted(len(_WS.sub("", ln)) for ln in lines)
    typical = widths[len(widths) // 2]
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if not cur and ml.is_title_like(ln) and len(_WS.sub("", ln)) < 0.8 * typical:
            paras.append(layout.join_lines([ln]))
            continue
        cur.append(ln)
        if layout.ends_sentence(ln):
            paras.append(layout.join_lines(cur))
            cur = []
    if cur:
        paras.append(layout.join_lines(cur))
    return "\n\n".join(p for p in paras if p)


def lead_of(items: list[Item]) -> str:
    """The first paragraph as `body_text` cuts it, except that a sentence ending on a full line
    does not end it: there the column, not the writer, may have put the break, so the lead (and
    the date read from it) does not depend on the column width."""
    kept = [it for it in items if it.body_text and not ml.is_bracket_note(it.body_text)]
    if not kept:
        return ""
    widths = sorted(len(_WS.sub("", it.body_text)) for it in kept)
    first = kept[0].body_text
    if ml.is_title_like(first) and len(_WS.sub("", first)) < 0.8 * widths[len(widths) // 2]:
        return layout.join_lines([first])
    cur: list[str] = []
    for it in kept:
        cur.append(it.body_text)
        if layout.ends_sentence(it.body_text) and not it.full:
            break
    return layout.join_lines(cur)


def title_of(d: Draft) -> str:
    """The draft's headline lines joined and whitespace-cleaned ("" when it has none)."""
    if d.title_items:
        return layout.clean_title(" ".join(it.text for it in d.title_items))
    return ""


def fallback_title(body: str) -> str:
    """Best-effort headline when none was printed: the body's first clause, ≤ 30 characters."""
    first = re.split(r"[，。！？；,;\n]", body.strip(), maxsplit=1)[0]
    return layout.clean_title(first[:30])
