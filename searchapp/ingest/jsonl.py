"""JSONL exports: one JSON object per line → one Article.

Fields read: `title` (required, non-empty after trimming), `body` or else `content` or `text`
(required, non-empty), optional `source`, `date`, `author`, `url`, `topics` (list of str or
one str), `id`, and also `speaker`, `series`, `column`, `subtitle`, `kind`, `page` (the printed
page: an integer >= 1, or else read from a `column` of the form 第N版). Everything else
goes into `Article.extra` unchanged (so nothing the exporter wrote is lost), except
`duplicate_of` and `origin`, which are ours to set.

`id` is kept when it is a URL-safe string of 1–64 characters (`[A-Za-z0-9_-]`); otherwise a
stable `make_id("jsonl:" + (url or filename), title, date)` is made and the given id (if any)
is kept as `extra["source_id"]`. Two lines with the same id: the later one is reported as a
problem and skipped (ids must be unique in the index).

Dates: "YYYY-MM-DD", "YYYY/M/D", "YYYY年M月D日", with an optional time, or an ISO timestamp;
stored as ISO "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][±HH:MM]"; an unreadable or impossible date
(`2020-13-45`) is kept in `extra["date_raw"]`, reported as a Problem for its line, and the
article is still imported without a date.

Bad lines (not JSON, not an object, no title or body) are reported as `Problem(file, line,
reason)` with their 1-based line number; blank lines are ignored; the rest are imported.
"""
from __future__ import annotations

import json
import re
from typing import Any

from searchapp.analysis.text import no_lone_surrogates
from searchapp.archive.editions import page_number
from searchapp.model import Article, make_id
from searchapp.vocab.sources import normalize_source

from .html_dates import parse_date
from .result import Problem

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_KNOWN = {"title", "body", "content", "text", "source", "date", "author", "url", "topics", "id",
          "speaker", "series", "column", "subtitle", "kind", "page"}
_OURS = {"duplicate_of", "origin", "extra"}
_WS = re.compile(r"[ \t\u3000]+")


def _str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        v = " ".join(str(x) for x in v if x is not None)
    s = str(v).strip()
    return s or None


def _clean_body(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    paras = [p.strip() for p in re.split(r"\n\s*\n", s)]
    return "\n\n".join(p for p in paras if p)


def read_jsonl(text: str, *, filename: str) -> tuple[list[Article], list[Problem]]:
    """Parse a JSONL export (already decoded text). Returns (articles, problems); never raises
    for bad content. `filename` goes into `origin["file"]` and into generated ids."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    # split on LF only: str.splitlines would also split on U+2028/U+0085, which JSON strings
    # may hold unescaped
    for lineno, line in enumerate(text.split("\n"), start=1):
        raw = line.strip().lstrip("\ufeff").strip()
        if not raw:
            continue
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            problems.append(Problem(filename, lineno, f"not valid JSON ({msg})"))
            continue
        if "\\u" in raw:  # an escaped lone surrogate cannot be stored (not UTF-8 encodable)
            obj = no_lone_surrogates(obj)
        if not isinstance(obj, dict):
            problems.append(Problem(filename, lineno, f"not a JSON object (got {type(obj).__name__})"))
            continue
        title = _str(obj.get("title"))
        body_v = next((obj[k] for k in ("body", "content", "text") if _str(obj.get(k))), None)
        if not title:
            problems.append(Problem(filename, lineno, "no title"))
            continue
        if body_v is None:
            problems.append(Problem(filename, lineno, "no body (expected 'body' or 'content')"))
            continue
        title = _WS.sub(" ", title.replace("\n", " ")).strip()
        body = _clean_body(_str(body_v) or "")
        extra = {k: v for k, v in obj.items() if k not in _KNOWN and k not in _OURS}
        date_raw = _str(obj.get("date"))
        date = parse_date(date_raw) if date_raw else None
        if date_raw and not date:
            extra["date_raw"] = date_raw
            problems.append(Problem(filename, lineno, f"date {date_raw[:40]!r} is not a valid date; "
                                    "article kept without a date"))
        url = _str(obj.get("url"))
        given = obj.get("id")
        if isinstance(given, (int, str)) and _SAFE_ID.match(str(given)):
            aid = str(given)
        else:
            aid = make_id("jsonl:" + (url or filename), title, date or date_raw)
            if given is not None:
                extra["source_id"] = given
        if aid in seen:
            problems.append(Problem(filename, lineno, f"duplicate id {aid!r} (an earlier line has it)"))
            continue
        seen.add(aid)
        topics = obj.get("topics")
        if isinstance(topics, str):
            topics = [t.strip() for t in re.split(r"[,，;；]", topics) if t.strip()]
        elif isinstance(topics, list):
            topics = [str(t).strip() for t in topics if t is not None and str(t).strip()]
        else:
            topics = []
        articles.append(Article(
            id=aid, title=title, body=body,
            source=normalize_source(_str(obj.get("source")), url=url),
            date=date, author=_str(obj.get("author")), speaker=_str(obj.get("speaker")),
            series=_str(obj.get("series")), column=_str(obj.get("column")),
            page=page_number(obj.get("page"), _str(obj.get("column"))),
            subtitle=_str(obj.get("subtitle")), url=url, kind=_str(obj.get("kind")),
            topics=topics,
            origin={"file": filename, "format": "jsonl", "line_start": lineno, "line_end": lineno},
            extra=extra,
        ))
    return articles, problems
