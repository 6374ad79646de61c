"""What a parsed query is: `Plan` (groups of OR-ed `Word`s, exclusions, dates, notices), plain
data made by `query.parser.parse` and read by the engine's query builder, search and the
highlighter."""
from __future__ import annotations

from dataclasses import dataclass, field

from searchapp.messages import notice

__all__ = ["Word", "Plan"]


@dataclass
class Word:
    """One query unit. `text` as typed (after operator folding); `phrase` True for "…" (never
    loosened); `field` None for all text fields, else a canonical FIELDS value; `loose` True for
    tokens of a question (each token its own word)."""

    text: str
    phrase: bool = False
    field: str | None = None
    loose: bool = False


@dataclass
class Plan:
    """Parsed query. `groups`: list of OR-groups (each a list of Word); every group must match.
    `excluded`: Words that must not match. `date_from`/`date_to`: inclusive ISO days or None.
    `pages`: printed pages an article must be on (any of them; empty = no page filter).
    `not_pages` / `not_dates`: pages and inclusive (from, to) date spans an article must not
    be on (`-page:1`, `NOT date:1998-01-05`).
    `page_words`/`date_words`: words read as a page or a span of issue dates (`query.
    calendar_words`; the dates are placed against the archive by search); `as_text`: the query
    with those words quoted, i.e. searched as text instead (None when there are none).
    `question`: the query was read as a natural-language question. `notices`: English texts of
    `notice_items` ({"code", "text", "text_zh"}, `messages.notice`), added by `note`.
    `unsearchable`: the text is not empty but holds nothing to search (no letter, digit,
    ideograph or searchable symbol such as an emoji outside operators): it matches no article (unlike an empty query)."""

    text: str
    groups: list[list[Word]] = field(default_factory=list)
    excluded: list[Word] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    pages: frozenset[int] = frozenset()
    not_pages: frozenset[int] = frozenset()
    not_dates: list[tuple[str | None, str | None]] = field(default_factory=list)
    page_words: list = field(default_factory=list)
    date_words: list = field(default_factory=list)
    as_text: str | None = None
    question: bool = False
    fallback: bool = False
    notices: list[str] = field(default_factory=list)
    notice_items: list[dict] = field(default_factory=list)
    unsearchable: bool = False

    def note(self, code: str, **params) -> None:
        """Add the notice `code` of `searchapp.messages` (English to `notices`, the full item to
        `notice_items`)."""
        item = notice(code, **params)
        self.notices.append(item["text"])
        self.notice_items.append(item)

    def explain(self) -> str:
        """Readable form, e.g. `网络 AND (a OR b) -c date:2020-09-01..2020-09-30`."""
        def w(x: Word) -> str:
            t = f'"{x.text}"' if x.phrase or " " in x.text else x.text
            return f"{x.field}:{t}" if x.field else t
        parts = []
        for g in self.groups:
            s = " OR ".join(w(x) for x in g)
            parts.append(f"({s})" if len(g) > 1 else s)
        out = " AND ".join(parts)
        out += "".join(f" -{w(x)}" for x in self.excluded)
        if self.date_from or self.date_to:
            out += f" date:{self.date_from or ''}..{self.date_to or ''}"
        if self.pages:
            out += " page:" + ",".join(str(p) for p in sorted(self.pages))
        out += "".join(f" -date:{lo or ''}..{hi or ''}" for lo, hi in self.not_dates)
        if self.not_pages:
            out += " -page:" + ",".join(str(p) for p in sorted(self.not_pages))
        return out.strip()

    def words(self) -> list[Word]:
        """Every positive Word (for highlighting and suggestions)."""
        return [x for g in self.groups for x in g]
