"""JSONL exports: one JSON object per line → one Article.

Fields read: `title` (required, non-empty after trimming), `body` or else `content` or `text`
(required, non-empty; another of the three, when it differs, is kept in `extra` and reported), optional `source`, `date`, `author`, `url`, `topics` (list of str or
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

Text fields take JSON strings. A `body` (`content`, `text`) may also be a list of strings: its
paragraphs, in order (empty ones dropped). Anything else in a text field — an object, a list
holding anything but strings, a number or a boolean as `title` or body — would be indexed as
Python's repr of the value, so the line is a problem (`title is a number, not text`) and is
skipped. The other text fields (`source`, `author`, `speaker`, `series`, `column`, `subtitle`,
`kind`, `url`) take a string, a number, or a list of strings (joined with spaces; an `author`
list with `、`, as the readers join the names of a byline, one name per person); an object
or a list holding anything else there is a problem the same way.

Bad lines (not JSON, not an object, no title or body, a text field of the wrong type) are
reported as `Problem(file, line, reason)` with their 1-based line number; blank lines are
ignored; the rest are imported.

A JSON escape of a lone UTF-16 surrogate (`"\\ud800"` without its pair: not a character, and
not storable as UTF-8, most often an export that cut a pair or mis-encoded an emoji) is
replaced by U+FFFD, as a decoder does with bytes it cannot read, and the line is reported as a
problem naming the fields so changed (`lone_surrogate_note`): the article is kept, like one
with an unreadable date, but the text it holds is not what was exported, and nobody is left
to find `\ufffd` in it by chance.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from searchapp.analysis.text import no_lone_surrogates
from searchapp.archive.editions import page_number
from searchapp.model import Article, make_id
from searchapp.vocab.sources import normalize_source

from .html_dates import date_problem, parse_date
from .result import Problem

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_KNOWN = {"title", "body", "content", "text", "source", "date", "author", "url", "topics", "id",
          "speaker", "series", "column", "subtitle", "kind", "page"}
_OURS = {"duplicate_of", "origin", "extra"}
_WS = re.compile(r"[ \t\u3000]+")


def _str(v: Any, sep: str = " ") -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        v = sep.join(str(x).strip() for x in v if x is not None and str(x).strip())
    s = str(v).strip()
    return s or None


_TEXT_META = ("source", "author", "speaker", "series", "column", "subtitle", "kind", "url")


def _kind_of(v: Any) -> str:
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        odd = [x for x in v if not isinstance(x, str)]
        return "a list holding " + _kind_of(odd[0]) if odd else "a list"
    return "null" if v is None else type(v).__name__


def _wrong_type(obj: dict, body_key: str | None) -> str | None:
    """Why a text field of `obj` cannot be read as text (module docstring), or None."""
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        return f"title is {_kind_of(title)}, not text"
    body = obj.get(body_key) if body_key else None
    if body is not None and not isinstance(body, str) and not (
            isinstance(body, list) and all(isinstance(x, str) for x in body)):
        return f"{body_key} is {_kind_of(body)}, not text (a string, or a list of strings: paragraphs)"
    for k in _TEXT_META:
        v = obj.get(k)
        if isinstance(v, dict) or (isinstance(v, list) and not all(isinstance(x, str) for x in v)):
            return f"{k} is {_kind_of(v)}, not text"
    return None


def _present(v: Any) -> bool:
    """A body value that is there (not null, not empty or blank text, not an empty list)."""
    if v is None:
        return False
    if isinstance(v, str):
        return bool(v.strip())
    if isinstance(v, list):
        return any(not isinstance(x, str) or x.strip() for x in v)
    return True


def _clean_body(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    paras = [p.strip() for p in re.split(r"\n\s*\n", s)]
    return "\n\n".join(p for p in paras if p)


def read_jsonl(text: str, *, filename: str) -> tuple[list[Article], list[Problem]]:
    """Parse a JSONL export (already decoded text). Returns (articles, problems); never raises
    for bad content. `filename` goes into `origin["file"]` and into generated ids."""
    articles: list[Article] = []
    problems: list[Problem] = []
    # split on LF only: str.splitlines would also split on U+2028/U+0085, which JSON strings
    # may hold unescaped
    for got in iter_jsonl(enumerate(text.split("\n"), start=1), filename=filename):
        if isinstance(got, Article):
            articles.append(got)
        else:
            problems.append(Problem(filename, got[0], got[1]))
    return articles, problems


def iter_jsonl(lines: Iterable[tuple[int, str]], *, filename: str) -> Iterator[Article | tuple[int, str]]:
    """The streaming form of `read_jsonl`: (line number, text) pairs in, Articles out, a bad
    line as (line, reason) (a line whose article is kept with a note, such as a bad date, gives
    both). Holds one line and the set of ids seen."""
    seen: set[str] = set()
    for lineno, line in lines:
        raw = line.strip().lstrip("\ufeff").strip()
        if not raw:
            continue
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield lineno, f"not valid JSON ({msg})"
            continue
        note = None
        if "\\u" in raw:  # an escaped lone surrogate cannot be stored (not UTF-8 encodable)
            note = lone_surrogate_note(obj)
            obj = no_lone_surrogates(obj) if note else obj
        got = list(record_article(obj, lineno, filename=filename, seen=seen))
        if note and any(isinstance(g, Article) for g in got):  # kept, but changed: say so
            yield lineno, note
        yield from got


def read_json_document(text: str, *, filename: str) -> tuple[list[Article], list[Problem]]:
    """A JSON document (not JSONL): one object, or an array of objects, each read like a JSONL
    line (`record_article`; problems carry the array position as their line). Raises ValueError
    when the text is not JSON or holds no object."""
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as e:
        msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
        raise ValueError(f"not valid JSON ({msg}) and not JSONL") from None
    records = doc if isinstance(doc, list) else [doc]
    notes = [lone_surrogate_note(r) for r in records]
    records = [no_lone_surrogates(r) if n else r for r, n in zip(records, notes)]
    doc = records if isinstance(doc, list) else records[0]
    if not any(isinstance(r, dict) for r in records):
        raise ValueError(f"a JSON {type(doc).__name__} holding no object with a title and a body")
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, rec in enumerate(records, start=1):
        if notes[i - 1] and isinstance(rec, dict):
            problems.append(Problem(filename, i if len(records) > 1 else None, notes[i - 1]))
        for got in record_article(rec, i, filename=filename, seen=seen):
            if isinstance(got, Article):
                got.origin["format"] = "json"
                got.origin.pop("line_start", None)
                got.origin.pop("line_end", None)
                got.origin["record"] = i
                articles.append(got)
            else:
                problems.append(Problem(filename, got[0] if len(records) > 1 else None, got[1]))
    return articles, problems


_LONE = re.compile("[\ud800-\udfff]")


def _has_lone(v: Any) -> bool:
    if isinstance(v, str):
        return _LONE.search(v) is not None
    if isinstance(v, list):
        return any(_has_lone(x) for x in v)
    if isinstance(v, dict):
        return any(_has_lone(k) or _has_lone(x) for k, x in v.items())
    return False


def lone_surrogate_note(obj: Any) -> str | None:
    """The problem to report for a parsed JSON record `obj` holding lone UTF-16 surrogates
    (module docstring): "title, body: a JSON escape of a lone UTF-16 surrogate (\\ud800–
    \\udfff without its pair) is not a character; replaced by U+FFFD (�), article kept", naming
    the record's fields (keys) that hold one; None when none does (the record is then left as
    it is)."""
    if not _has_lone(obj):
        return None
    if isinstance(obj, dict):
        where = [repr(no_lone_surrogates(k)) if _has_lone(k) else k
                 for k, v in obj.items() if _has_lone(k) or _has_lone(v)]
    else:
        where = ["the record"]
    return (f"{', '.join(str(w) for w in where)}: a JSON escape of a lone UTF-16 surrogate "
            "(\\ud800–\\udfff without its pair) is not a character; replaced by U+FFFD (�), "
            "article kept")


def record_article(obj: Any, lineno: int, *, filename: str,
                   seen: set[str]) -> Iterator[Article | tuple[int, str]]:
    """One decoded JSONL record → its Article, and (lineno, reason) for what was wrong with it
    (see the module docstring). `seen` holds the ids taken so far (updated)."""
    if not isinstance(obj, dict):
        yield lineno, f"not a JSON object (got {type(obj).__name__})"
        return
    body_key = next((k for k in ("body", "content", "text") if _present(obj.get(k))), None)
    wrong = _wrong_type(obj, body_key)
    if wrong:
        yield lineno, wrong
        return
    title = _str(obj.get("title"))
    body_v = obj[body_key] if body_key else None
    if not title:
        yield lineno, "no title"
        return
    if body_v is None:
        keys = ", ".join(list(obj)[:8])
        yield lineno, f"no body (expected 'body', 'content' or 'text'; keys: {keys})"
        return
    title = _WS.sub(" ", title.replace("\n", " ")).strip()
    if isinstance(body_v, list):  # paragraphs
        body = "\n\n".join(_clean_body(p) for p in body_v if p.strip())
    else:
        body = _clean_body(body_v)
    extra = {k: v for k, v in obj.items() if k not in _KNOWN and k not in _OURS}
    for k in ("body", "content", "text"):  # a second body field is kept, and said to be
        if k != body_key and _present(obj.get(k)) and obj[k] != body_v:
            extra[k] = obj[k]
            yield lineno, (f"both {body_key!r} and {k!r} given: {body_key!r} is indexed, {k!r} "
                           "kept in the article's extra fields (not searched)")
    date_raw = _str(obj.get("date"))
    date = parse_date(date_raw) if date_raw else None
    if date_raw and not date:
        extra["date_raw"] = date_raw
        yield lineno, date_problem(date_raw)
    url = _str(obj.get("url"))
    given = obj.get("id")
    if isinstance(given, (int, str)) and _SAFE_ID.match(str(given)):
        aid = str(given)
    else:
        aid = make_id("jsonl:" + (url or filename), title, date or date_raw)
        if given is not None:
            extra["source_id"] = given
    if aid in seen:
        yield lineno, f"duplicate id {aid!r} (an earlier line has it)"
        return
    seen.add(aid)
    topics = obj.get("topics")
    if isinstance(topics, str):
        topics = [t.strip() for t in re.split(r"[,，;；]", topics) if t.strip()]
    elif isinstance(topics, list):
        topics = [str(t).strip() for t in topics if t is not None and str(t).strip()]
    else:
        topics = []
    yield Article(
        id=aid, title=title, body=body,
        source=normalize_source(_str(obj.get("source")), url=url),
        date=date, author=_str(obj.get("author"), "、"), speaker=_str(obj.get("speaker")),
        series=_str(obj.get("series")), column=_str(obj.get("column")),
        page=page_number(obj.get("page"), _str(obj.get("column"))),
        subtitle=_str(obj.get("subtitle")), url=url, kind=_str(obj.get("kind")),
        topics=topics,
        origin={"file": filename, "format": "jsonl", "line_start": lineno, "line_end": lineno},
        extra=extra,
    )
