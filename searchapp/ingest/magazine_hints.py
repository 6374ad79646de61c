"""The segmenter's use of layout hints (`layout_hints.LayoutHints`) on one article draft.

    apply(draft, chunk)

Called by `magazine.segment` only when the text came with hints (a PDF); a `.txt` issue never
gets here, so the text rules are unchanged. On the draft of a chunk:

* **Sizes in the headline block**: when its lines are set in different sizes, the largest
  (within 10 %) are the headline; smaller lines above them are the kicker (`extra["kicker"]`),
  smaller lines below them the subtitle (`Draft.subtitle`).
* **Subtitle and byline in body type**: a first body line opening with a dash (`——访…`) is
  the subtitle, with the lines after it set in its own size when that is not the body size;
  the first body line after it (or the first), when it is a byline
  (`magazine_lines.byline`: `本报记者 张三`, `文/张三`, `记者 张三 李四`), gives `author`. Both
  leave the body.
* **Credit under the headline**: a `来源：` line printed right under the headline (marked by
  `magazine_blocks.read_items`) gives `source`.
"""
from __future__ import annotations

from . import layout
from . import magazine_lines as ml
from .magazine_blocks import Chunk, Draft, Item

_SAME_SIZE = 0.10


def _text(items: list[Item]) -> str:
    return layout.clean_title(" ".join(it.text for it in items))


def apply(d: Draft, ch: Chunk) -> None:
    """Apply the hints to draft `d` made from chunk `ch` (see module docstring). Never raises."""
    t = d.title_items or []
    sized = [it.head for it in t if it.head]
    if sized and len(t) > 1:
        top = max(sized)
        main = [i for i, it in enumerate(t) if it.head >= (1 - _SAME_SIZE) * top]
        a, b = main[0], main[-1]
        if a > 0 or b < len(t) - 1:
            if a > 0:
                d.extra["kicker"] = _text(t[:a])
            if b < len(t) - 1:
                d.subtitle = _text(t[b + 1:])
            d.title_items = t[a:b + 1]
    items = d.body_items
    i = 0
    while i < min(len(items), 4):  # subtitle (`——…`) and byline, in body type under the headline
        it = items[i]
        i += 1
        if not it.body_text:
            continue
        name = ml.byline(it.body_text)
        if name:
            d.author = d.author or name
            it.body_text = ""
        elif d.subtitle is None and it.body_text.startswith(("——", "—")) and ml.is_title_like(it.body_text):
            sub = [it]
            while it.size != 1.0 and i < len(items) and items[i].size == it.size and \
                    ml.is_title_like(items[i].body_text):
                sub.append(items[i])  # the subtitle runs on in its own size
                i += 1
            d.subtitle = _text(sub)
            for s in sub:
                s.body_text = ""
            continue
        else:
            break
    for it in ch.items:
        if it.top_credit:
            d.source = d.source or it.top_credit
            break
