"""Which column of a CSV/TSV export holds what: the `--map` syntax, header names, suggestions.

    parse_map(spec) -> ColumnMap              raises ValueError with the valid syntax
    header_roles(cells) -> ColumnMap | None   a header row we recognise, mapped by its names
    looks_like_header(cells) -> bool          short distinct labels, none a number or a date
    repeated_names(cells) -> [(name, cols)]   names a header row gives more than once
    repeats_refusal(cells) -> (what, hint)    the refusal of a known header repeating a name
    suggest(rows) -> str                      a `--map …` that would fit these data rows

`--map` syntax (docs/ingest.md):
  * by position: `category,body` — one role per column in order; `-` (or nothing) skips one;
  * by name or number: `title=标题,body=正文,date=发布时间` or `body=2,category=1` — a header
    name or a 1-based column number per role.
Roles: title, body (also: text, content), date, source, url, author, category (also: topic,
topics), id, page (the printed page of a newspaper export: `8`, `第8版`, `第08版：要闻`). A category becomes a topic facet value: the topic facet is the subject facet every
reader fills and every surface (UI facet, `topic:` query, `--topic`, API) already filters on;
`column` is a printed section label, stored but not a facet.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

ROLES = ("title", "body", "date", "source", "url", "author", "category", "id", "page")
_ALIASES = {"text": "body", "content": "body", "topic": "category", "topics": "category"}
_SKIP = ("", "-", "_")
#: Header names recognised without a `--map` (compared case-folded, without spaces, `_`, `-`).
HEADER_NAMES = {
    "title": {"title", "headline", "heading", "subject", "contenttitle", "标题", "题目", "新闻标题",
              "文章标题"},
    "body": {"body", "content", "text", "article", "story", "fulltext", "articletext", "正文", "内容",
             "新闻内容", "全文", "文章内容", "新闻正文"},
    "date": {"date", "time", "datetime", "pubdate", "publishdate", "published", "publishtime",
             "publishedat", "created", "createdat", "日期", "时间", "发布时间", "发布日期", "发表时间",
             "出版日期"},
    "source": {"source", "outlet", "publisher", "media", "sitename", "来源", "媒体", "出处", "网站"},
    "url": {"url", "link", "href", "permalink", "链接", "网址", "原文链接"},
    "author": {"author", "authors", "byline", "writer", "reporter", "作者", "记者"},
    "category": {"category", "categories", "label", "class", "topic", "topics", "channel", "section",
                 "分类", "类别", "类型", "栏目", "频道", "板块"},
    "id": {"id", "docid", "docno", "uuid", "guid", "编号"},
    "page": {"page", "pageno", "pagenumber", "版次", "版面", "版号", "版", "页码"},
}
_NORM = re.compile(r"[\s_\-]+")
_DATEISH = re.compile(r"^\d{4}[-/.年]\d{1,2}")
_SENTENCE = re.compile(r"[。！？!?]")


@dataclass(frozen=True)
class ColumnMap:
    """roles: ((role, column), ...) where column is a 0-based index (int) or a header name
    (str); skipped: 0-based indexes a positional map skips with `-` (not kept in `extra`)."""

    roles: tuple[tuple[str, int | str], ...]
    skipped: tuple[int, ...] = ()

    def role(self, name: str) -> int | str | None:
        """The column of role `name`, or None."""
        return next((c for r, c in self.roles if r == name), None)

    def resolve(self, header: list[str] | None) -> dict[str, int]:
        """{role: 0-based index}; names are looked up in `header`. Raises ValueError naming a
        column that is not in the header (or any name when there is no header)."""
        out: dict[str, int] = {}
        for role, col in self.roles:
            if isinstance(col, int):
                out[role] = col
                continue
            if header is None:
                raise ValueError(f"--map names column {col!r}, but this table has no header row; "
                                 "map by number (body=2) or by position (category,body)")
            keys = [_norm(h) for h in header]
            if _norm(col) not in keys:
                raise ValueError(f"--map names column {col!r}, which is not in the header "
                                 f"({_cells(header)})")
            if keys.count(_norm(col)) > 1:
                at = [str(i + 1) for i, k in enumerate(keys) if k == _norm(col)]
                raise ValueError(f"--map names column {col!r}, which the header gives "
                                 f"{len(at)} times (columns {', '.join(at)}): map it by "
                                 f"number ({role}={at[0]})")
            out[role] = keys.index(_norm(col))
        return out


def _norm(s: str) -> str:
    return _NORM.sub("", (s or "").strip().lstrip("\ufeff")).casefold()


def _cells(cells: list[str], n: int = 6) -> str:
    shown = ", ".join(c.strip()[:20] for c in cells[:n])
    return shown + (", …" if len(cells) > n else "")


def _role(name: str) -> str:
    r = name.strip().lower()
    r = _ALIASES.get(r, r)
    if r not in ROLES:
        raise ValueError(f"unknown role {name.strip()!r} in --map (roles: {', '.join(ROLES)}; "
                         "`-` skips a column)")
    return r


def parse_map(spec: str) -> ColumnMap:
    """Parse a `--map` value (module docstring). Raises ValueError for an unknown role, a role
    given twice, a column number below 1, mixed forms, or a map without a body column."""
    parts = [p.strip() for p in (spec or "").split(",")]
    if not any(parts):
        raise ValueError("--map is empty (e.g. --map category,body or --map title=标题,body=正文)")
    named = [p for p in parts if "=" in p]
    roles: list[tuple[str, int | str]] = []
    skipped: list[int] = []
    if named and len(named) != len([p for p in parts if p]):
        raise ValueError("--map mixes the two forms: give one role per column (category,body) "
                         "or role=column pairs (title=标题,body=2)")
    if named:
        for p in named:
            k, v = (x.strip() for x in p.split("=", 1))
            if not v:
                raise ValueError(f"--map {p!r}: no column after '='")
            col: int | str = v
            if v.isdigit():
                if int(v) < 1:
                    raise ValueError(f"--map {p!r}: columns are numbered from 1")
                col = int(v) - 1
            roles.append((_role(k), col))
    else:
        for i, p in enumerate(parts):
            if p in _SKIP:
                skipped.append(i)
            else:
                roles.append((_role(p), i))
    names = [r for r, _ in roles]
    dup = next((r for r in names if names.count(r) > 1), None)
    if dup:
        raise ValueError(f"--map gives the role {dup!r} twice")
    if "body" not in names:
        raise ValueError("--map needs a body column (body, text or content)")
    return ColumnMap(tuple(roles), tuple(skipped))


def header_roles(cells: list[str], distinct: bool = True) -> ColumnMap | None:
    """A ColumnMap by header names when at least one cell is a known name (HEADER_NAMES) and
    the row looks like a header (`looks_like_header(cells, distinct)`); else None. The first
    cell naming a role wins."""
    if not looks_like_header(cells, distinct):
        return None
    roles: list[tuple[str, int | str]] = []
    taken: set[str] = set()
    for i, c in enumerate(cells):
        key = _norm(c)
        for role, names in HEADER_NAMES.items():
            if key in names and role not in taken:
                roles.append((role, i))
                taken.add(role)
                break
    return ColumnMap(tuple(roles)) if roles else None


def looks_like_header(cells: list[str], distinct: bool = True) -> bool:
    """True when every non-empty cell is a short label (≤ 30 characters, no sentence
    punctuation, not a number or a date) and (with `distinct`) the labels are distinct."""
    vals = [c.strip() for c in cells if c.strip()]
    if not vals or (distinct and len(set(vals)) != len(vals)):
        return False
    return all(len(v) <= 30 and not _SENTENCE.search(v) and not _DATEISH.match(v)
               and not re.fullmatch(r"[\d.,:%+-]+", v) for v in vals)


def repeated_names(cells: list[str]) -> list[tuple[str, list[int]]]:
    """[(name, its 1-based columns)] for each name a header row gives more than once (compared
    as header names are, `_norm`), in the order of first appearance."""
    cols: dict[str, list[int]] = {}
    shown: dict[str, str] = {}
    for i, c in enumerate(cells):
        key = _norm(c)
        if key:
            cols.setdefault(key, []).append(i + 1)
            shown.setdefault(key, c.strip())
    return [(shown[k], v) for k, v in cols.items() if len(v) > 1]


def repeats_refusal(cells: list[str]) -> tuple[str, str] | None:
    """(what was seen, what to do) for a header we know that gives a name more than once
    (`title,body,body,date`): which column is meant cannot be told, and it is no "table without
    a header" (whose guessed map would read the header as a row); None for any other row."""
    rep = repeated_names(cells)
    known = header_roles(cells, distinct=False) if rep else None
    if known is None:
        return None
    name, at = rep[0]
    spec = ",".join(f"{r}={c + 1}" for r, c in known.roles if isinstance(c, int))
    return (f"a header ({_cells(cells)}) that gives the column {name!r} {len(at)} times "
            f"(columns {', '.join(map(str, at))})",
            "rename the columns so each name is given once, or choose by number, e.g. "
            f"--map {spec} (a column left out is kept under its name)")


def _kind(values: list[str]) -> str:
    vals = [v.strip() for v in values if v.strip()]
    if not vals:
        return "-"
    med = statistics.median(len(v) for v in vals)
    if sum(v.startswith(("http://", "https://")) for v in vals) >= 0.8 * len(vals):
        return "url"
    if sum(bool(_DATEISH.match(v)) for v in vals) >= 0.8 * len(vals) and med <= 30:
        return "date"
    if med >= 80:
        return "body"
    distinct = len(set(vals))
    if med <= 12 and distinct <= max(3, len(vals) // 3):
        return "category"
    if 6 <= med <= 60 and distinct >= 0.9 * len(vals) and not all(re.fullmatch(r"[\w-]+", v, re.A) for v in vals):
        return "title"
    if distinct == len(vals) and all(re.fullmatch(r"[\w-]{1,64}", v, re.A) for v in vals):
        return "id"
    return "-"


def suggest(rows: list[list[str]]) -> tuple[str, bool]:
    """(positional --map spec, needs_first_sentence) guessed from data rows: long text is the
    body, few repeated short values a category, dates, URLs, distinct short lines a title. The
    guess only fills the message of a refused file; nothing is read on a guess."""
    width = max((len(r) for r in rows), default=0)
    kinds = [_kind([r[i] if i < len(r) else "" for r in rows]) for i in range(width)]
    if "body" not in kinds and kinds:
        lengths = [statistics.median(len(r[i]) if i < len(r) else 0 for r in rows) for i in range(width)]
        kinds[lengths.index(max(lengths))] = "body"
    seen: set[str] = set()
    out = []
    for k in kinds:
        out.append(k if k != "-" and k not in seen else "-")
        seen.add(k)
    while out and out[-1] == "-":
        out.pop()
    return ",".join(out), "title" not in out
