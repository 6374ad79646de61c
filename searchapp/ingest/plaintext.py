"""Prose text files: a magazine issue (many articles) or one plain-text article.

    looks_like_issue(text) -> bool
    read_article(text, filename=..., options=ReadOptions()) -> Article   raises NotAnArticle

**Issue or article.** A text is an issue when one of its closing credits (`来源：X`, a
parenthesised credit, `magazine_lines`) comes after body text *and* is followed by more text
(another article); or when it has no such credit but reads as a PDF extraction (most long lines
end mid-sentence, `wrapped_layout`) and is longer than `ISSUE_MIN_CHARS`: an issue whose credits
the segmenter cannot see, which the sanity checks then flag. Anything else is one article.

**A plain-text article** is: the title on the first non-blank line; optional metadata lines
right below it (`来源：`, `作者：`, `日期：`, `原标题：`, `链接：`, `责任编辑：`, their English
forms, or a line holding only a date; labels in traditional characters, `來源：`, read the same:
`labels`); the body; optionally closing `来源：`/`责任编辑：` lines (a `来源：` credit also in brackets,
`（来源：洛阳日报 记者 王芳）`, alone on its line or after the body's last sentence). A wire dateline opening the
body (`新华社郑州9月23日电（记者王五、赵六）`, `datelines.wire_dateline`) gives the source and the
authors when no `来源：`/`作者：` line gives them.
Body lines are joined into paragraphs as in a magazine issue (`magazine_text.body_text`: a line
ending a sentence ends its paragraph), so hard-wrapped and PDF-extracted articles read the same
as one-paragraph-per-line files. A first line that reads like body text is not taken as a title:
the file is refused unless `options.title` is "first-sentence". So is a first line indented with
an ideographic space (a paragraph indent), or a file of one line (a name, a date).

Ids: `make_id(file stem, title, date or "", first 30 body characters without whitespace)`, the
magazine formula, so whitespace and line wrapping never change them.
"""
from __future__ import annotations

import re
from pathlib import PurePath

from searchapp.model import Article, make_id
from searchapp.vocab.sources import normalize_source
from searchapp.vocab.topics import classify

from . import layout
from . import magazine_blocks as mb
from . import magazine_text as mt
from . import magazine_lines as ml
from .datelines import wire_dateline
from .html_dates import parse_date
from .labels import fold_labels
from .options import ReadOptions
from .titles import first_sentence, reads_like_body

#: A text without visible credits is read as an issue only above this many characters
#: (a long feature article is rarely longer; an issue always is).
ISSUE_MIN_CHARS = 20_000
#: Text after a closing credit that makes it an issue (more than a note such as 【未完待续】).
_AFTER_CREDIT_CHARS = 50
_META = re.compile(
    r"^(?P<key>来源|稿源|出处|作者|文|记者|通讯员|编辑|责任编辑|责编|日期|时间|发布时间|发表时间|"
    r"出版日期|原标题|链接|网址|原文链接|source|author|by|date|published|link|url)\s*[：:/]\s*(?P<val>\S.*)$",
    re.I)
_KEYS = {"来源": "source", "稿源": "source", "出处": "source", "source": "source",
         "作者": "author", "文": "author", "记者": "author", "通讯员": "author", "author": "author",
         "by": "author", "编辑": "editor", "责任编辑": "editor", "责编": "editor",
         "日期": "date", "时间": "date", "发布时间": "date", "发表时间": "date", "出版日期": "date",
         "date": "date", "published": "date", "原标题": "original_title", "链接": "url",
         "网址": "url", "原文链接": "url", "link": "url", "url": "url"}
_DATE_ONLY = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_WS = re.compile(r"\s+")
_BRACKETED = re.compile(r"^[（(]\s*(?P<in>[^()（）]+?)\s*[)）]$")
#: A `来源：` credit in brackets after the last sentence of the body, on its line.
_TAIL_CREDIT = re.compile(r"^.*[。！？!?”…](?P<open>\s*[（(])\s*来\s*源\s*[：:]\s*(?P<src>[^()（）]+?)\s*[)）]\s*$")


class NotAnArticle(ValueError):
    """The text is not one readable article; str(e) says what was seen and what to do."""


def _lines(text: str) -> list[tuple[int, str, str]]:
    """(1-based line number, display text, raw text) of the non-blank lines."""
    out = []
    for no, raw in enumerate(layout.split_lines(text), start=1):
        t = layout.clean_line(raw)
        if t:
            out.append((no, t, raw))
    return out


def wrapped_layout(lines: list[str]) -> bool:
    """True when most long lines end mid-sentence: text wrapped at a column width (PDF
    extraction, hard-wrapped text) rather than one paragraph per line. Long = at least 80 % of
    the 75th-percentile line length (and ≥ 10 characters)."""
    widths = sorted(len(_WS.sub("", ln)) for ln in lines)
    if len(widths) < 10:
        return False
    full = widths[len(widths) * 3 // 4]
    long_lines = [ln for ln in lines if len(_WS.sub("", ln)) >= max(10, 0.8 * full)]
    if not long_lines:
        return False
    open_ends = sum(1 for ln in long_lines if not layout.ends_sentence(ln))
    return open_ends >= 0.6 * len(long_lines)


def looks_like_issue(text: str) -> bool:
    """True when `text` should go to the magazine segmenter (see module docstring)."""
    items = mb.read_items(text)
    seen_body = False
    for i, it in enumerate(items):
        if it.marker and seen_body:
            after = sum(len(x.body_text) for x in items[i + 1:] if not x.marker)
            if after >= _AFTER_CREDIT_CHARS:
                return True
        if it.body_text and re.search(r"[，。；！？]", it.body_text):
            seen_body = True
    if any(it.marker for it in items):
        return False
    chars = sum(len(_WS.sub("", it.text)) for it in items)
    return chars > ISSUE_MIN_CHARS and wrapped_layout([it.text for it in items])


def _meta(line: str) -> tuple[str, str] | None:
    line = line.strip()
    b = _BRACKETED.match(line)  # `（来源：洛阳日报 记者 王芳）`: a credit printed in brackets
    if b and (kv := _meta(b.group("in"))) is not None and kv[0] == "source":
        return kv
    m = _META.match(fold_labels(line))  # `來源：` reads as `来源：`; the value as written
    if m and len(line) <= 120:
        return _KEYS[m.group("key").lower()], line[m.start("val"):m.end("val")].strip()
    if _DATE_ONLY.match(line.strip()):
        return "date", line.strip()
    return None


def read_article(text: str, *, filename: str, options: ReadOptions = ReadOptions()) -> Article:
    """One plain-text article (see module docstring). Raises NotAnArticle when the text has
    no body, or starts with body text while `options.title` is "given"."""
    lines = _lines(text)
    if not lines:
        raise NotAnArticle("no text")
    first_no, first, first_raw = lines[0]
    if len(lines) == 1:
        raise NotAnArticle(f"one line ({_WS.sub(' ', first)[:30]!r}) and no body text: not an article")
    meta: dict[str, str] = {}
    rest = lines[1:]
    indented = first_raw.startswith("\u3000")  # a paragraph indent, never a headline's
    title_ok = not indented and not reads_like_body(first) and _meta(first) is None
    if title_ok:
        while rest and (kv := _meta(rest[0][1])) is not None:
            meta.setdefault(*kv)
            rest = rest[1:]
        body_lines = rest
    elif options.first_sentence_titles:
        body_lines = lines
    else:
        shown = _WS.sub(" ", first)[:30]
        raise NotAnArticle(
            f"starts with body text, not a title line ({shown!r}…, {len(_WS.sub('', first))} "
            "characters): put the title on the first line, or index it with --title first-sentence")
    while body_lines and (kv := _meta(body_lines[-1][1])) is not None and kv[0] in ("source", "editor"):
        meta.setdefault(*kv)
        body_lines = body_lines[:-1]
    if body_lines and not meta.get("source") and (
            tail := _TAIL_CREDIT.match(fold_labels(body_lines[-1][1]))):
        no, t, raw = body_lines[-1]  # `……领域。（来源：洛阳日报 记者 王芳）`: the credit ends the body
        meta["source"] = t[tail.start("src"):tail.end("src")].strip()
        body_lines = body_lines[:-1] + [(no, t[:tail.start("open")].rstrip(), raw)]
    items = [mb.Item(no=no, text=t, page_start=layout.is_page_start(raw), body_text=t)
             for no, t, raw in body_lines]
    body = mt.body_text(items)
    if not body:
        raise NotAnArticle(f"{len(lines)} lines of title and metadata ({_WS.sub(' ', first)[:30]!r}…) "
                           "and no body text: not an article")
    extra: dict[str, str] = {}
    if title_ok:
        title = layout.clean_title(first)
    else:
        title = first_sentence(body)
        extra["title_from"] = "first-sentence"
    if meta.get("source"):  # `来源：新华社 高级记者 张三`: the outlet, and who wrote it
        meta["source"], credited = ml.outlet_and_credit(meta["source"])
        if credited:
            meta.setdefault("author", credited)
    wire = wire_dateline(body)  # `新华社郑州9月23日电（记者王五、赵六）`: sent by, written by
    if wire:
        if not meta.get("source"):  # a `来源：` line says otherwise: it wins
            meta["source"] = wire.outlet
        if wire.authors:
            meta.setdefault("author", wire.authors)
    date_raw = meta.get("date")
    date = parse_date(date_raw) if date_raw else None
    if date_raw and not date:
        extra["date_raw"] = date_raw
    for k in ("editor", "original_title"):
        if meta.get(k):
            extra[k] = meta[k]
    url = meta.get("url")
    stem = PurePath(filename or "").stem or "text"
    aid = make_id(stem, _WS.sub("", title), date or "", _WS.sub("", body)[:30])
    return Article(
        id=aid, title=title, body=body, source=normalize_source(meta.get("source"), url=url),
        date=date, author=meta.get("author"), url=url, kind="news",
        topics=classify(title, body),
        origin={"file": filename, "format": "text", "line_start": first_no,
                "line_end": lines[-1][0]},
        extra=extra)
