"""Sogou Labs news dumps (SogouCA / SogouCS `.dat`): `<doc>` records → Articles, as a stream.

    read_sogou(lines, filename=...) -> Iterator[Article | Problem-tuple]

The format (Sogou Labs' description, as the SogouCA/CS files are laid out): XML-like but not
well-formed XML (`&` is not escaped), one field per line inside each record, an optional
`<doclist>` wrapper:

    <doc>
    <url>http://…</url>
    <docno>98590b972ad2f0ea-34913306c0bb3300</docno>
    <contenttitle>…</contenttitle>
    <content>…</content>
    </doc>

A field may run over several lines (its text is joined with a newline). Per record: the title
is `contenttitle`, the body `content` with its ideographic-space paragraph indents
(`　　`) as paragraph breaks; `source` from the URL's host (`sources.normalize_source`); `date`
from a `/YYYYMMDD/` or `/YYYY-MM-DD/` part of the URL (the dumps have no date field); `id` the
`docno` when it is 1–64 `[A-Za-z0-9_-]`, else `make_id("sogou:" + (url or file stem), title)`.
A record without a title or with an empty `content` (the dumps hold channel pages and failed
fetches) is reported with its line and skipped, as is a repeated id. Lines outside records are
ignored. Text is kept as printed (full-width digits and letters fold at search time).
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Iterable, Iterator

from searchapp.model import Article, make_id
from searchapp.vocab.sources import normalize_source
from searchapp.vocab.topics import classify

_FIELD = re.compile(r"<(url|docno|contenttitle|content)>(.*?)(</\1>)?\s*$", re.S)
_CLOSE = re.compile(r"^(.*?)</(url|docno|contenttitle|content)>\s*$", re.S)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})-?(\d{2})-?(\d{2})/")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_PARA = re.compile(r"(?:\u3000\u3000|\n)+")


def _date_from_url(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def read_sogou(lines: Iterable[tuple[int, str]], *, filename: str) -> Iterator[Article | tuple[int, str]]:
    """Articles of a Sogou dump from (line number, text) pairs; a skipped record is yielded as
    (line, reason). Never raises for bad content."""
    stem = PurePath(filename).stem or "sogou"
    seen: set[str] = set()
    rec: dict[str, str] | None = None
    start = 0
    open_field: str | None = None
    last = 0
    for no, text in lines:
        last = no
        t = text.strip()
        if open_field is not None and rec is not None:
            m = _CLOSE.match(text)
            rec[open_field] += "\n" + (m.group(1) if m else text)
            if m:
                open_field = None
            continue
        if t == "<doc>":
            rec, start = {}, no
            continue
        if t == "</doc>":
            if rec is not None:
                yield from _finish(rec, start, no, filename, stem, seen)
            rec = None
            continue
        if rec is None:
            continue
        m = _FIELD.match(t)
        if m:
            rec[m.group(1)] = m.group(2)
            if m.group(3) is None:
                open_field = m.group(1)
    if rec is not None:
        yield from _finish(rec, start, last, filename, stem, seen)


def _finish(rec: dict[str, str], start: int, end: int, filename: str, stem: str,
            seen: set[str]) -> Iterator[Article | tuple[int, str]]:
    title = re.sub(r"\s+", " ", rec.get("contenttitle", "")).strip()
    paras = [p.strip() for p in _PARA.split(rec.get("content", ""))]
    body = "\n\n".join(p for p in paras if p)
    if not title:
        yield start, "record without a title (<contenttitle>); skipped"
        return
    if not body:
        yield start, f"record {title[:30]!r} has an empty <content>; skipped"
        return
    url = rec.get("url", "").strip() or None
    docno = rec.get("docno", "").strip()
    aid = docno if _SAFE_ID.match(docno) else make_id("sogou:" + (url or stem), title)
    if aid in seen:
        yield start, f"duplicate id {aid!r} (an earlier record has it); skipped"
        return
    seen.add(aid)
    extra = {"source_id": docno} if docno and docno != aid else {}
    yield Article(
        id=aid, title=title, body=body, source=normalize_source(None, url=url),
        date=_date_from_url(url), url=url, kind="news", topics=classify(title, body),
        origin={"file": filename, "format": "sogou", "line_start": start, "line_end": end},
        extra=extra)
