"""Building blocks of the magazine segmenter (`ingest.magazine`): lines with their credit
markers and chunks closed by credits. Headline blocks and speech digests are read in
`magazine_heads`, the text of a run of lines in `magazine_text`.

Data: `Item` (one non-blank line), `Chunk` (lines up to one closing credit), `Draft` (an
article being assembled). Functions are pure and never raise on any input.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import layout
from . import magazine_lines as ml
from .layout_hints import LayoutHints
from .magazine_wrap import column_width, is_full, join_wrapped

_MAX_TITLE_LINES = 8


@dataclass
class Item:
    """One non-blank line: 1-based `no`, display `text`, `page_start`, and marker info."""

    no: int
    text: str
    page_start: bool
    body_text: str = ""           # the part of the line that is body text
    marker: str | None = None     # "source" | "credit" when the line closes an article
    credit: str | None = None     # source outlet / credit words
    credit_names: str | None = None  # reporters a `来源：` credit names after the outlet
    last_no: int = 0              # last line of a line joined from several (magazine_wrap)
    full: bool = False            # as long as the column: a headline line runs on into the next
    head: float = 0.0             # headline type: font size / body size (layout hints), else 0
    size: float = 1.0             # font size / body size (layout hints), else 1
    top_credit: str | None = None  # a `来源：` printed under the headline (layout hints)

    @property
    def end(self) -> int:
        """The last line number this item covers."""
        return max(self.no, self.last_no)


@dataclass
class Chunk:
    """Lines up to and including one closing credit (or the end of the text)."""

    items: list[Item]
    gap: list[Item] = field(default_factory=list)    # leading headline-shaped lines
    body: list[Item] = field(default_factory=list)   # the rest, marker line included

    @property
    def marker(self) -> Item | None:
        return self.items[-1] if self.items and self.items[-1].marker else None


@dataclass
class Draft:
    """An article being assembled."""

    body_items: list[Item]
    title_items: list[Item] | None = None
    first: int = 0
    last: int = 0
    column: str | None = None
    series: str | None = None
    source: str | None = None
    author: str | None = None
    speaker: str | None = None
    subtitle: str | None = None
    kind: str = "news"
    extra: dict = field(default_factory=dict)


def read_items(text: str, hints: LayoutHints | None = None) -> list[Item]:
    """Non-blank lines of `text` as Items (1-based line numbers), with what a narrow column
    wrapped joined back (`magazine_wrap.join_wrapped`: speaker lines, `来源` credits, headline
    widows) and closing credits marked: `来源：` lines, a parenthesised credit ending a line (or
    alone after a finished sentence), and a credit split over two lines (the second line
    becomes the marker). With layout hints, lines in headline type carry their size ratio
    (`Item.head`), and a `来源：` line printed right under a headline (a byline between them
    allowed) credits the article below instead of closing one (`Item.top_credit`)."""
    heads = hints.headlines if hints else {}
    out: list[Item] = []
    for no, raw in enumerate(layout.split_lines(text), start=1):
        t = layout.clean_line(raw)
        if t:
            out.append(Item(no=no, text=t, page_start=layout.is_page_start(raw), body_text=t,
                            head=heads.get(no, 0.0),
                            size=hints.sizes.get(no, 1.0) if hints else 1.0))
    width = column_width([it.text for it in out])
    for it in out:
        it.full = is_full(it.text, width)
    join_wrapped(out, width)
    i = 0
    while i < len(out):
        it = out[i]
        sc = ml.source_credit(it.text)
        if sc is not None:
            it.marker, (it.credit, it.credit_names), it.body_text = "source", sc, ""
        elif (c := ml.credit_at_end(it.text)) is not None and (
                c[0] or i == 0 or layout.ends_sentence(out[i - 1].text)):
            it.marker, it.credit, it.body_text = "credit", c[1], c[0]
        elif (o := ml.open_credit(it.text)) is not None and i + 1 < len(out):
            rest = ml.close_credit(out[i + 1].text)
            words = ml.join_credit(o[1], rest) if rest is not None else None
            if words:
                it.body_text = o[0]
                nxt = out[i + 1]
                nxt.marker, nxt.credit, nxt.body_text = "credit", words, ""
                i += 1
        i += 1
    if heads:
        _mark_top_credits(out)
    return out


def _mark_top_credits(items: list[Item]) -> None:
    """Layout hints: a `来源：` line under a headline (up to three short body-type lines, a
    subtitle or byline, between them) credits the article below; a parenthesised credit
    closes an article only before a headline, a `来源：` line or the end, `【…】` notes between
    allowed (elsewhere it is a photo credit or an aside inside the article)."""
    for i, it in enumerate(items):
        if it.marker == "credit" and i + 1 < len(items):
            j = i + 1
            while j + 1 < len(items) and ml.is_bracket_note(items[j].text):
                j += 1  # `【未完待续】` between a piece's credit and the digest's 来源
            nxt = items[j]
            if not nxt.head and nxt.marker != "source" and not ml.is_bracket_note(nxt.text):
                it.marker, it.credit, it.body_text = None, None, it.text
                if i and items[i - 1].marker is None:
                    items[i - 1].body_text = items[i - 1].text  # a credit split over two lines
            continue
        if it.marker != "source" or i == 0 or i + 1 >= len(items) or items[i + 1].head:
            continue
        j = i - 1
        while j > 0 and i - j <= 3 and not items[j].head and not items[j].marker \
                and ml.is_title_like(items[j].text):
            j -= 1
        if items[j].head:
            it.top_credit, it.marker, it.credit, it.body_text = it.credit, None, None, ""


def _starts_article(items: list[Item], i: int) -> bool:
    """Layout hints: a run of headline-type lines after body text, not a speech headline
    (followed by a speaker line, which opens a speech inside a digest)."""
    it, prev = items[i], items[i - 1]
    if not it.head or prev.head or prev.marker:
        return False
    j = i
    while j < len(items) and items[j].head:
        j += 1
    return not (j < len(items) and ml.speaker_line(items[j].text) is not None)


def make_chunks(items: list[Item]) -> list[Chunk]:
    """Cut items after each marker (and, with layout hints, before a headline run that follows
    body text); split each chunk into its leading headline block (`gap`: up to 8
    headline-shaped, non-speaker lines, a line the column filled counting as part of the next;
    with hints, headline-type lines whatever their shape, ending with the last of them) and
    the rest (`body`)."""
    chunks, cur = [], []
    for i, it in enumerate(items):
        if cur and it.head and _starts_article(items, i) and any(not c.head for c in cur):
            chunks.append(Chunk(cur))
            cur = []
        cur.append(it)
        if it.marker:
            chunks.append(Chunk(cur))
            cur = []
    if cur:
        chunks.append(Chunk(cur))
    for ch in chunks:
        k = 0
        while (k < len(ch.items) and not ch.items[k].marker
               and _logical(ch.items[:k + 1]) <= _MAX_TITLE_LINES
               and (ml.is_title_like(ch.items[k].text) or ch.items[k].head)
               and ml.speaker_line(ch.items[k].text) is None):
            k += 1
        heads = [n for n in range(k) if ch.items[n].head]
        if heads:
            k = heads[-1] + 1  # a byline under the headline is not part of it
        elif k < len(ch.items) and _logical(ch.items[:k + 1]) > _MAX_TITLE_LINES:
            k = 0  # a long run of short lines is not a headline block (tables, lists)
        ch.gap, ch.body = ch.items[:k], ch.items[k:]
    return chunks


def _logical(items: list[Item]) -> int:
    """Lines `items` would be in a wide column: a full line runs on into the next one."""
    return sum(1 for it in items[:-1] if not it.full) + (1 if items else 0)


def group_start(items: list[Item], i: int) -> int:
    """Index of the first line of the logical line that items[i] ends or belongs to: the
    full-width headline-shaped lines right above it run on into it."""
    while i > 0 and items[i - 1].full and ml.is_title_like(items[i - 1].text) \
            and not items[i - 1].marker and ml.speaker_line(items[i - 1].text) is None:
        i -= 1
    return i
