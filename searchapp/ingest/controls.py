"""Control and invisible characters out of an article's fields, whatever reader made it.

    clean_article(article) -> list[str]     names of the fields that held any (article changed)

A text file's stray control bytes are removed as its lines are decoded (`stream`, `decode`),
but a field can also carry them escaped: a JSONL/JSON `"\\u001b[31m"` or `"\\u202e"`, an HTML
`&#27;`, a CSV cell. Nothing a news article says needs them, and they reach every output as is:
an ESC byte in the HTML page, a right-to-left override that reverses the title shown, a raw ESC
in an RIS citation (third fresh tester, F15). So every reader's articles pass `clean_article`
(`reading.Reading`), which removes what `analysis.controls.strip_controls` does: terminal
escape sequences whole, C0/C1 controls but TAB and LF (in the body, CR becomes LF), bidi
embeddings, overrides and isolates, and the invisible characters scraped pages leave inside
words (zero-width space, soft hyphen, word joiner, a BOM inside text, a ZWJ outside an emoji
sequence): a title or source holding one looks like another but is not equal to it, so
`title:`/`source:` searches, facets and "similar sources" went wrong (seventh fresh tester, T9).

Fields cleaned: title, body, source, author, speaker, series, column, subtitle, url, kind,
date, each topic, and the string values of `extra` (one level). Single-line fields also lose
TAB/LF/CR (they become a space). Never raises.
"""
from __future__ import annotations

import re

from searchapp.analysis.controls import has_controls, strip_controls
from searchapp.model import Article

__all__ = ["clean_article"]

_LINE_FIELDS = ("title", "source", "author", "speaker", "series", "column", "subtitle", "url",
                "kind", "date")


def _any(text: str) -> bool:
    """Anything `strip_controls` might change, line breaks included."""
    return has_controls(text) or "\t" in text or "\n" in text or "\r" in text


def clean_article(art: Article) -> list[str]:
    """Clean `art`'s fields in place (module docstring); returns the names of the fields that
    held a control or invisible character, in field order ([] when none did; a TAB or line break made a
    space, or CR LF made LF, is not counted)."""
    changed: list[str] = []
    for name in ("title", "body") + _LINE_FIELDS[1:]:
        v = getattr(art, name)
        if not isinstance(v, str):
            continue
        dirty = has_controls(v)  # once: it runs the invisible-character pass over the field
        breaks = ("\r",) if name == "body" else ("\t", "\n", "\r")
        if dirty or any(b in v for b in breaks):
            new = strip_controls(v, multiline=name == "body")
            if name != "body":
                new = re.sub(r" {2,}", " ", new).strip()
            if new != v:
                setattr(art, name, new if new or name in ("title", "body") else None)
                if dirty:  # a line break made a space or LF is no news
                    changed.append(name)
    if any(_any(t) for t in art.topics):
        if any(has_controls(t) for t in art.topics):
            changed.append("topics")
        art.topics = [c for t in art.topics if (c := strip_controls(t, multiline=False).strip())]
    for k, v in list(art.extra.items()):
        if isinstance(v, str) and has_controls(v):
            art.extra[k] = strip_controls(v)
            changed.append(f"extra.{k}")
    return changed
