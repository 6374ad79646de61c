"""Segmenter for PDF-extracted magazine issues: text → list[Article] with metadata.

How a reader finds the articles (details in docs/segmentation.md):

1. **Closing credits end articles.** A `来源：X` line, or a parenthesised credit after the last
   sentence of a compilation piece (`( 新浪科技 杨雪梅 )`, possibly split over two lines), closes
   the current article; so does `（来源：X）` alone on its line or after the last sentence.
   The text between two credits is a *chunk*. A news lead that credits its reporters in
   brackets after the dateline (`本报讯（记者 张伟）`) gives `author` when no credit did.
2. **A chunk opens with its headline block**: headline-shaped lines (short, no ，。；, no
   dateline; `magazine_lines.is_title_like`) up to the first body line. Inside the block a
   section label (`专题｜…`) is the `column`; a compilation headline above a `Name：` headline,
   a `【连载…】` tag, or above a speech headline is the `series`.
3. **Headline printed after the credit.** A chunk whose body starts right away (no headline)
   takes its headline from the lines printed after its own closing credit. When those lines
   could also open the next article, the split is the one whose headlines share most words
   with their bodies (`magazine_meta.overlap`), page-start lines breaking ties.
4. **Speech digests**: inside a chunk, a headline line followed by a `position  name` speaker
   line starts a new speech; all speeches take the digest's closing `来源`.
5. A chunk with no body (e.g. `【未完待续】` + `来源：…` after a piece's own credit) extends
   the previous article. A trailing chunk without any credit (a statistics report) is one
   article; a text without credits is one best-effort article.

Ids: `make_id(file stem, title, date or "", first 30 body characters without whitespace)`,
built only from whitespace-free content, so CRLF, BOM, GB18030 or re-wrapped copies of an issue
give the same ids. `origin` holds 1-based inclusive `line_start`/`line_end` in the input text.
Never raises on any str input.
"""
from __future__ import annotations

import re
from pathlib import PurePath

from searchapp.model import Article, make_id
from searchapp.vocab.topics import classify

from . import layout
from . import magazine_lines as ml
from . import magazine_blocks as mb
from . import magazine_heads as mh
from . import magazine_text as mt
from . import magazine_hints
from . import magazine_meta as meta
from .issue_dates import date_text_issue
from .jumps import join_jumps
from .layout_hints import LayoutHints
from .magazine_blocks import Draft

_WS = re.compile(r"\s+")


def segment(text: str, *, filename: str, hints: LayoutHints | None = None,
            warnings: list[str] | None = None) -> list[Article]:
    """Segment one magazine issue (`text`, already decoded) into articles, in file order.
    `filename` names the file (its stem namespaces the ids; stored in `origin["file"]`).
    `hints`: what a PDF reader saw of the layout (`layout_hints`); None for plain text (then
    page jumps are joined here, `jumps.join_jumps`; the PDF reader joins them knowing pages).
    `warnings`, when given, receives what could not be done with confidence (one line each).
    Returns [] for empty/blank text; never raises for any str input."""
    if not text or not text.strip():
        return []
    items = mb.read_items(text, hints)
    if not items:
        return []
    chunks = mb.make_chunks(items)
    drafts: list[Draft] = []
    series_run: list[Draft] = []   # pieces of the current compilation (credit-closed chunks)
    active_series: str | None = None
    for ch in chunks:
        gap = list(ch.gap)
        prev = drafts[-1] if drafts else None
        if prev is not None and prev.title_items is None and gap:
            s = mh.best_split(gap, mt.body_text(prev.body_items), mt.text_of(ch.body))
            if s:
                prev.title_items = gap[:s]
                prev.last = max(prev.last, gap[s - 1].end)
                gap = gap[s:]
        if not mt.has_body(ch.body) and drafts:
            # notes and a closing credit after a piece's own credit: extend the previous article
            if gap or ch.body:
                prev.last = max(prev.last, (gap + ch.body)[-1].end)
            if ch.marker and ch.marker.marker == "source":
                for p in series_run:
                    p.source = p.source or ch.marker.credit
                prev.source = prev.source or ch.marker.credit
                series_run, active_series = [], None
            continue
        body = ch.body
        speech_follows = bool(body) and ml.speaker_line(body[0].text) is not None
        title_items, series, column = mh.parse_gap(gap, speech_follows, mt.text_of(body[1:16]))
        if title_items and ml.is_outline_heading(title_items[0].text):
            body = title_items[1:] + body
            title_items = title_items[:1]
        d = Draft(body_items=body, title_items=title_items or None,
                  first=(gap[0].no if gap else (body[0].no if body else 0)), column=column)
        d.last = ch.items[-1].end
        if series:
            active_series = series
        elif not series_run:
            active_series = None  # a compilation continues only through credit-closed pieces
        d.series = active_series
        if hints is not None:
            magazine_hints.apply(d, ch)
        pieces = mh.split_digest(d, active_series)
        for i, p in enumerate(pieces):
            p.last = max([it.end for it in p.body_items] + [p.first]) if i + 1 < len(pieces) else d.last
        mk = ch.marker
        if mk is not None and mk.marker == "credit":
            src, author = meta.parse_credit(mk.credit)
            pieces[-1].source, pieces[-1].author = src, author
            series_run.extend(pieces)
        else:
            if mk is not None:  # a closing 来源 credits every piece of the run without its own
                for p in series_run + pieces:
                    p.source = p.source or mk.credit
                if mk.credit_names and len(series_run + pieces) == 1:  # `来源：X 记者 Y` of one piece
                    pieces[0].author = pieces[0].author or mk.credit_names
            series_run, active_series = [], None
        drafts.extend(pieces)
    arts = _finish(drafts, text, filename, hints.year if hints else None)
    if hints is None:  # a text issue: dated by its file name's day, when it gives one
        date_text_issue(arts, filename)
        jumped = join_jumps(arts, filename=filename)
        if warnings is not None:
            warnings.extend(jumped)
    return arts


def _finish(drafts: list[Draft], text: str, filename: str, year: int | None = None) -> list[Article]:
    stem = PurePath(filename or "").stem or "magazine"
    year = year or meta.issue_year(text, filename)
    month_hint = None
    out: list[Article] = []
    seen: set[str] = set()
    last_line = 0
    for d in drafts:
        body = mt.body_text(d.body_items)
        title = mt.title_of(d)
        if d.kind == "speech" and d.title_items and all(it.full for it in d.title_items[:-1]):
            # one headline line, perhaps wrapped by the column: its pieces join without a space
            raw, spill = meta.split_parallel_title("".join(it.text for it in d.title_items))
            title = layout.clean_title(raw)
            if spill and d.extra.get("speaker_position"):
                d.extra["speaker_position"] = spill + d.extra["speaker_position"]
        if not title:
            title = mt.fallback_title(body)
        if not title and not body:
            continue
        lead = mt.lead_of(d.body_items)
        date = None if d.kind == "speech" and d.series and not meta.lead_date(lead, year) else \
            meta.lead_date(lead, year, month_hint)
        if date:
            month_hint = int(date[5:7])
        author = d.author or (ml.lead_byline(lead) if d.kind == "news" else None)
        speaker = d.speaker or meta.speaker_from_title(title, body)
        if speaker and d.kind == "news":
            d.kind = "speech"
        first = max(d.first or d.last, last_line + 1)
        last = max(d.last, first)
        last_line = last
        compact_body = _WS.sub("", body)
        aid = make_id(stem, _WS.sub("", title), date or "", compact_body[:30])
        n = 1
        while aid in seen:  # identical title, date and opening twice in one file
            n += 1
            aid = make_id(stem, _WS.sub("", title), date or "", compact_body[:30], f"#{n}")
        seen.add(aid)
        if d.kind == "news" and d.source is None and d.title_items and \
                ml.is_outline_heading(d.title_items[0].text):
            d.kind = "report"
        art = Article(
            id=aid,
            title=title, body=body, source=d.source, date=date, author=author,
            speaker=speaker, series=d.series, column=d.column, subtitle=d.subtitle, kind=d.kind,
            topics=classify(title, body, series=d.series),
            origin={"file": filename, "format": "magazine", "line_start": first, "line_end": last},
            extra={k: v for k, v in d.extra.items() if v},
        )
        out.append(art)
    return out
