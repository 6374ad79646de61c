"""CSV/TSV exports: one row → one Article, read as a stream (any number of rows, bounded memory).

    TableReader(inp, sniffed, filename=..., options=...)
      .prepare()            decide the column mapping; raises TableRefused with what was seen
      .articles()           Iterator[Article]; skipped rows are appended to .problems

Which column holds what (`table_map`): the `--map` given, else a header row whose names we know
(`title`/`标题`, `body`/`正文`/`content`, `date`, `source`, `url`, `author`, `category`, `id`,
`page`/`版次`/`版面` …).
A header we know that gives a name twice (`title,body,body,date`) is refused naming it
(`table_map.repeats_refusal`). A table without either is refused, with a `--map` guessed from
its rows in the message
(`looks like a tab-separated table with 1,000 rows and no header: index it with --map
category,body --title first-sentence`). A title comes from its column; without one, the table
is refused unless `--title first-sentence` takes each body's first sentence (`titles`).

Per row: `body` required (a row without one is a problem, skipped, like a JSONL line); dates
parsed as in JSONL (an unreadable one is kept in `extra["date_raw"]` and reported); `source`
normalised (`sources.normalize_source`, the URL's host when empty); `category` (split at , ; |)
becomes topic values, followed by the topics of `topics.classify`; `page` gives the printed page
(`archive.page_number`: `8`, `第8版`; a label such as `第08版：要闻` is also kept as the `column`),
so a newspaper export's rows are filed as newspaper pages, not web pages (a value that is no
page, `A叠`, is kept in `extra["page_raw"]` and reported); unmapped columns go to `extra`
under their header name (`col3` without a header) unless a positional map skipped them with `-`.
A header row repeated inside the file (concatenated exports) is skipped, and so is a first line
`sep=;` (Excel's delimiter hint, which `sniff` has read).

Ids: a mapped `id` of 1–64 `[A-Za-z0-9_-]` is kept; otherwise `make_id("table:" + file stem,
title, date, first 30 body characters)`, with `#2`, `#3` for identical rows. `origin`: `{"file",
"format": "table", "line_start", "line_end"}` (a quoted field may span lines). A record that spans
lines *and* has the wrong number of fields, its first line holding an odd number of quotes, is a
quote left open: that line is the problem and the lines it swallowed are read again as rows.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import PurePath
from typing import Any, Iterable, Iterator

from searchapp.archive.editions import page_number
from searchapp.model import Article, make_id
from searchapp.vocab.sources import normalize_source
from searchapp.vocab.topics import classify

from .html_dates import date_problem, parse_date
from .options import ReadOptions
from .sniff import Sniffed
from .stream import Input
from .table_map import (ColumnMap, header_roles, looks_like_header, parse_map, repeats_refusal,
                        suggest)
from .titles import first_sentence

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_WS = re.compile(r"[ \t\u3000]+")
_TOPIC_SPLIT = re.compile(r"[,，;；|]")
_NAMES = {"\t": "tab-separated", ",": "comma-separated", ";": "semicolon-separated",
          "|": "pipe-separated"}
#: Rows sampled to guess a mapping for the refusal message.
_SAMPLE_ROWS = 50
#: Largest field accepted, in characters (csv's default of 128 KiB would refuse a long article).
FIELD_LIMIT = 64 * 1024 * 1024


class TableRefused(ValueError):
    """The table cannot be read as it is; str(e) says what was seen and what to do."""


def _clean_body(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", s)]
    return "\n\n".join(p for p in paras if p)


class TableReader:
    """One CSV/TSV file (see module docstring). `problems` holds (line, reason) pairs."""

    def __init__(self, inp: Input, sniffed: Sniffed, *, filename: str,
                 options: ReadOptions = ReadOptions()):
        self.inp, self.delim, self.filename, self.options = inp, sniffed.delimiter or ",", filename, options
        self.encoding = sniffed.encoding
        self.hint_line = sniffed.hint_line
        self.problems: list[tuple[int, str]] = []
        self.cols: dict[str, int] = {}
        self.header: list[str] | None = None
        self.skipped: tuple[int, ...] = ()
        self.width = 0

    # -- reading rows with their line numbers ---------------------------------------------------
    def _rows(self) -> Iterator[tuple[int, int, list[str], list[str]]]:
        """(first line, last line, cells, the record's physical lines) of every non-empty
        record."""
        if csv.field_size_limit() < FIELD_LIMIT:
            csv.field_size_limit(min(FIELD_LIMIT, sys.maxsize))
        lines = self.inp.lines(self.encoding)
        if self.hint_line:  # Excel's `sep=X` line names the delimiter; it is not a row
            lines = ((no, text) for no, text in lines if no != self.hint_line)
        return self._records(lines)

    def _records(self, numbered: Iterable[tuple[int, str]],
                 before: int = 0) -> Iterator[tuple[int, int, list[str], list[str]]]:
        """`_rows` over `numbered` (line number, text) pairs, the first numbered `before` + 1."""
        pos = [before]
        raw: list[str] = []

        def feed() -> Iterator[str]:
            for no, text in numbered:
                pos[0] = no
                raw.append(text)
                yield text + "\n"

        reader = csv.reader(feed(), delimiter=self.delim)
        while True:
            start = pos[0] + 1
            raw.clear()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                self.problems.append((pos[0], f"not a valid {self.delim!r}-separated row ({e}); skipped"))
                continue
            if any(c.strip() for c in row):
                yield start, pos[0], row, list(raw)

    def _unrun(self, start: int, lines: list[str],
               width: int) -> Iterator[tuple[int, int, list[str], list[str]]]:
        """A record of physical `lines` from line `start` with the wrong number of fields, where
        a quote left open on its first line ran it into the lines below (CSV reads on to the
        next quote): the first line reported as the problem, the lines after it read again as
        records of their own, so the good rows a stray quote swallowed are not lost."""
        self.problems.append((start, f"{len(next(csv.reader([lines[0]], delimiter=self.delim), []))} "
                                     f"fields where the {'header' if self.header else 'first row'} has "
                                     f"{width}, and a quote (\") left open ran it into the lines below; "
                                     "row skipped, the lines below read again"))
        yield from self._records(enumerate(lines[1:], start=start + 1), before=start)

    def _kind(self) -> str:
        return _NAMES.get(self.delim, f"{self.delim!r}-separated")

    def _refuse(self, what: str, hint: str, header: bool = False) -> TableRefused:
        n, exact = self._count()
        n -= 1 if (header and exact) else 0
        rows = f"{n:,} rows" if exact else f"about {n:,} lines"
        return TableRefused(f"looks like a {self._kind()} table with {rows} and {what}: {hint} "
                            "(roles: title, body, date, source, url, author, category, id, page; "
                            "`-` skips a column; docs/ingest.md)")

    def _count(self) -> tuple[int, bool]:
        if self.inp.compression is None and self.inp.size <= 64 * 1024 * 1024:
            return sum(1 for _ in self._rows()), True
        return sum(1 for _ in self.inp.lines(self.encoding)), False

    # -- the mapping ---------------------------------------------------------------------------
    def prepare(self) -> None:
        """Decide the columns (see module docstring). Raises TableRefused, or ValueError for a
        bad `--map` value."""
        rows = self._rows()
        try:
            self._decide(rows)
        finally:
            rows.close()

    def _decide(self, rows: Iterator[tuple[int, int, list[str], list[str]]]) -> None:
        first = next(rows, None)
        if first is None:
            raise TableRefused("no rows")
        cells = first[2]
        self.width = len(cells)
        title_mode = self.options.first_sentence_titles
        if self.options.columns:
            cmap = parse_map(self.options.columns)
            named = any(isinstance(c, str) for _, c in cmap.roles)
            if named or header_roles(cells, distinct=False) is not None:
                self.header = cells if looks_like_header(cells, distinct=False) else None
            try:
                self.cols = cmap.resolve(self.header)
            except ValueError as e:
                raise TableRefused(str(e)) from None
            self.skipped = cmap.skipped
        else:
            self._refuse_repeats(cells)
            cmap_h = header_roles(cells)
            sample = [r for _, _, r, _ in _take(rows, _SAMPLE_ROWS)]
            if cmap_h is None or cmap_h.role("body") is None:
                spec, needs = suggest(sample or [cells])
                hint = f"index it with --map {spec}" + (" --title first-sentence" if needs else "")
                if looks_like_header(cells):
                    shown = ", ".join(c.strip()[:20] for c in cells[:6]) + (", …" if len(cells) > 6 else "")
                    raise self._refuse(f"a header ({shown}) naming no body column",
                                       "index it with --map body=COLUMN,title=COLUMN (names "
                                       "from the header or numbers from 1)", header=True)
                raise self._refuse("no header", hint)
            self.header = cells
            self.cols = cmap_h.resolve(self.header)
        if "title" not in self.cols and not title_mode:
            raise self._refuse("no title column" if self.header else "a map without a title",
                               "add --title first-sentence (a title from each body's first "
                               "sentence) or map a title column", header=self.header is not None)
        top = max(self.cols.values())
        if self.header is None and top >= self.width:
            raise TableRefused(f"--map needs {top + 1} columns, but the first row has {self.width}")

    def _refuse_repeats(self, cells: list[str]) -> None:
        """Raise TableRefused for a known header that gives a name twice (`repeats_refusal`)."""
        said = repeats_refusal(cells)
        if said is not None:
            raise self._refuse(*said, header=True)

    # -- rows → articles -----------------------------------------------------------------------
    def articles(self) -> Iterator[Article]:
        """The articles, in file order (call `prepare()` first)."""
        stem = PurePath(self.filename).stem or "table"
        seen: set[str] = set()
        first = True
        for start, end, row, lines in self._rows():
            if first:
                first = False
                if self.header is not None:
                    continue
            if self.header is not None and row == self.header:
                continue  # a header repeated by concatenated exports
            width = len(self.header) if self.header else self.width
            if end > start and len(row) != width and lines[0].count('"') % 2:
                parts: Iterable[tuple[int, int, list[str], list[str]]] = \
                    list(self._unrun(start, lines, width))
            else:
                parts = [(start, end, row, lines)]
            for a, z, cells, _ in parts:
                art = self._article(a, z, cells, stem, seen)
                if art is not None:
                    yield art

    def _cell(self, row: list[str], role: str) -> str | None:
        i = self.cols.get(role)
        if i is None or i >= len(row):
            return None
        v = _WS.sub(" ", row[i].strip()) if role != "body" else row[i].strip()
        return v or None

    def _article(self, start: int, end: int, row: list[str], stem: str, seen: set[str]) -> Article | None:
        width = len(self.header) if self.header else self.width
        if len(row) != width:
            self.problems.append((start, f"{len(row)} fields where the {'header' if self.header else 'first row'} "
                                         f"has {width}; row skipped"))
            return None
        body_raw = self._cell(row, "body")
        if not body_raw:
            self.problems.append((start, "empty body; row skipped"))
            return None
        body = _clean_body(body_raw)
        extra: dict[str, Any] = {}
        title = self._cell(row, "title")
        if not title:
            if not self.options.first_sentence_titles:
                self.problems.append((start, "empty title; row skipped"))
                return None
            title = first_sentence(body)
            extra["title_from"] = "first-sentence"
        date_raw = self._cell(row, "date")
        date = parse_date(date_raw) if date_raw else None
        if date_raw and not date:
            extra["date_raw"] = date_raw
            self.problems.append((start, date_problem(date_raw)))
        url = self._cell(row, "url")
        page_raw = self._cell(row, "page")
        page = page_number(page_raw, page_raw) if page_raw else None
        if page_raw and page is None:
            extra["page_raw"] = page_raw
            self.problems.append((start, f"page {page_raw!r} is no page number (8, 第8版); kept"))
        cats = [t.strip() for t in _TOPIC_SPLIT.split(self._cell(row, "category") or "") if t.strip()]
        topics = cats + [t for t in classify(title, body) if t not in cats]
        mapped = set(self.cols.values()) | set(self.skipped)
        for i, v in enumerate(row):
            if i not in mapped and v.strip():
                extra[(self.header[i].strip() if self.header and self.header[i].strip() else f"col{i + 1}")] = v
        given = self._cell(row, "id")
        if given and _SAFE_ID.match(given):
            aid = given
            if aid in seen:
                self.problems.append((start, f"duplicate id {aid!r} (an earlier row has it); row skipped"))
                return None
        else:
            if given:
                extra["source_id"] = given
            base = [_WS.sub("", title), date or "", re.sub(r"\s+", "", body)[:30]]
            aid = make_id("table:" + stem, *base)
            n = 1
            while aid in seen:
                n += 1
                aid = make_id("table:" + stem, *base, f"#{n}")
        seen.add(aid)
        return Article(
            id=aid, title=title, body=body, source=normalize_source(self._cell(row, "source"), url=url),
            date=date, author=self._cell(row, "author"), url=url, topics=topics, page=page,
            column=page_raw if page is not None and not page_raw.isdigit() else None,
            origin={"file": self.filename, "format": "table", "line_start": start, "line_end": end},
            extra=extra)


def _take(it: Iterator, n: int) -> list:
    out = []
    for x in it:
        out.append(x)
        if len(out) >= n:
            break
    return out


__all__ = ["TableReader", "TableRefused", "ColumnMap"]
