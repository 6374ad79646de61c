"""The PKU People's Daily tagged corpus ("PFR", 人民日报标注语料库): paragraphs → Articles, as a
stream.

    read_pfr(lines, filename=...) -> Iterator[Article | (line, reason)]

Format (the corpus's own documentation, summarised in ../shared/data/pfr-199801/SOURCE.md): one
paragraph per line, `YYYYMMDD-PP-AAA-NNN/m  word/POS  word/POS …` — date, page (版面), article
number on the page, paragraph number; tokens `word/POS` separated by spaces; `[word/POS
word/POS]nt` brackets mark multi-word names. Plain text = the words without their tags and
brackets, joined with no space (the original printed text, full-width digits included).

An article is the run of consecutive lines sharing `YYYYMMDD-PP-AAA`. Its title is paragraph 1
(the headline); its body the other paragraphs, separated by a blank line. An article of one
paragraph has that paragraph as its body and its first sentence as its title
(`titles.first_sentence`, `extra["title_from"]`). `date` is the id's date, `column` the page as
printed (`第4版`) and `page` its number, `source` `PFR_SOURCE` (the corpus is
People's Daily's by definition), `id` `pfr-YYYYMMDD-PP-AAA` (the corpus's own article key; a
repeated key is reported and skipped). A line that is not in this format is reported and
skipped; blank lines are ignored.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from searchapp.model import Article
from searchapp.vocab.topics import classify

from .titles import first_sentence

#: The newspaper of the corpus (the format is the PKU-annotated People's Daily).
PFR_SOURCE = "人民日报"
_ID = re.compile(r"^(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{3})-(\d{3})/m$")


def plain(tokens: list[str]) -> str:
    """The printed text of tagged tokens: tags, `[` and `]xx` dropped, words joined."""
    out = []
    for t in tokens:
        if t.startswith("[") and len(t) > 1:
            t = t[1:]
        k = t.rfind("]")
        if k > 0 and t[k + 1:].isascii() and t[k + 1:].isalpha():
            t = t[:k]
        k = t.rfind("/")
        if k > 0 and t[k + 1:].isascii() and t[k + 1:].isalnum():
            t = t[:k]
        out.append(t)
    return "".join(out)


def read_pfr(lines: Iterable[tuple[int, str]], *, filename: str) -> Iterator[Article | tuple[int, str]]:
    """Articles from (line number, text) pairs; a skipped line or article is yielded as
    (line, reason). Never raises for bad content."""
    seen: set[str] = set()
    key: str | None = None
    paras: list[str] = []
    meta: tuple[str, int, int, int] = ("", 0, 0, 0)  # date, page, first line, last line
    for no, text in lines:
        parts = text.split()
        if not parts:
            continue
        m = _ID.match(parts[0])
        if not m:
            yield no, "not a PFR line (expected `YYYYMMDD-PP-AAA-NNN/m  word/POS …`); skipped"
            continue
        y, mo, d, page, art, _para = m.groups()
        k = f"{y}{mo}{d}-{page}-{art}"
        if k != key:
            if key is not None:
                yield from _article(key, paras, meta, filename, seen)
            key, paras = k, []
            meta = (f"{y}-{mo}-{d}", int(page), no, no)
        paras.append(plain(parts[1:]))
        meta = (meta[0], meta[1], meta[2], no)
    if key is not None:
        yield from _article(key, paras, meta, filename, seen)


def _article(key: str, paras: list[str], meta: tuple[str, int, int, int], filename: str,
             seen: set[str]) -> Iterator[Article | tuple[int, str]]:
    date, page, first, last = meta
    aid = f"pfr-{key}"
    paras = [p for p in paras if p]
    if not paras:
        yield first, f"article {key} has no text; skipped"
        return
    if aid in seen:
        yield first, f"duplicate article key {key} (an earlier run of lines has it); skipped"
        return
    seen.add(aid)
    extra: dict = {}
    if len(paras) > 1:
        title, body = paras[0], "\n\n".join(paras[1:])
    else:
        body = paras[0]
        title = first_sentence(body)
        extra["title_from"] = "first-sentence"
    yield Article(
        id=aid, title=title, body=body, source=PFR_SOURCE, date=date, column=f"第{page}版", page=page,
        kind="news", topics=classify(title, body),
        origin={"file": filename, "format": "pfr", "line_start": first, "line_end": last},
        extra=extra)
