"""Headline blocks and speech digests of the magazine segmenter (`ingest.magazine`): which
headline lines belong to which article, a block's series and column, a digest cut into its
speeches.

    best_split(gap, prev_body, next_body) -> int
    parse_gap(gap, speech_follows, body) -> (headline items, series, column)
    split_digest(draft, series) -> [Draft]

Functions are pure and never raise on any input.
"""
from __future__ import annotations

import re

from . import layout
from . import magazine_lines as ml
from . import magazine_meta as meta
from .magazine_blocks import Draft, Item, group_start
from .magazine_text import text_of

_WS = re.compile(r"\s+")


def best_split(gap: list[Item], prev_body: str, next_body: str) -> int:
    """How many headline lines of `gap` belong to the previous (headline-less) article: the
    split whose headlines share most character bigrams with their own bodies; ties go to a
    split at a visual break (blank line or page start), then to the previous article."""
    best, best_key = 0, None
    for s in range(len(gap) + 1):
        a = meta.overlap(text_of(gap[:s]), prev_body) if s else 0.0
        if s and a < 0.3:
            continue
        na = meta.shared_bigrams(text_of(gap[:s]), prev_body) if s else 0
        nb = meta.shared_bigrams(text_of(gap[s:]), next_body) if s < len(gap) else 0
        brk = 1 if (0 < s < len(gap) and (gap[s].page_start or gap[s].no > gap[s - 1].end + 1)) else 0
        key = (na + nb, brk, s)
        if best_key is None or key > best_key:
            best, best_key = s, key
    return best


def parse_gap(gap: list[Item], speech_follows: bool,
              body: str = "") -> tuple[list[Item], str | None, str | None]:
    """Split a headline block into (headline items, series, column). When a speech follows,
    the headline is the block's last line, or its last logical line (a full line runs on into
    it) when that shares more of its words with the speech `body` (`magazine_meta.overlap`):
    a compilation headline as long as the column stays the series. With layout hints, a
    compilation headline (series) above a `Name：` or speech headline must be set in another
    size than it."""
    column = None
    rest = []
    for it in gap:
        if column is None and re.match(r"^[^｜|]{1,10}[｜|]\S", _WS.sub("", it.text)) and len(gap) > 1:
            column = layout.clean_title(it.text)
        else:
            rest.append(it)
    series_items: list[Item] = []
    colon = [i for i, it in enumerate(rest) if re.search(r"[：:]$", it.text.strip())]
    notes = [i for i, it in enumerate(rest) if ml.is_bracket_note(it.text)]

    def apart(k: int) -> bool:
        """Layout hints: lines above `k` are another headline only when set in another size
        (a headline wrapped over lines keeps its size, whatever its line ends)."""
        if k <= 0 or not any(it.head for it in rest):
            return True
        return abs(rest[k - 1].head - rest[k].head) > 0.05 * max(rest[k].head, 1e-6)

    if colon and group_start(rest, colon[0]) > 0 and apart(group_start(rest, colon[0])):
        k = group_start(rest, colon[0])
        series_items, rest = rest[:k], rest[k:]
    elif speech_follows and len(rest) > 1:
        k = group_start(rest, len(rest) - 1)  # the headline: the last (logical) line
        if k < len(rest) - 1 and meta.overlap(text_of(rest[-1:]), body) >= meta.overlap(text_of(rest[k:]), body):
            k = len(rest) - 1
        if apart(k):
            series_items, rest = rest[:k], rest[k:]
    elif notes and notes[-1] < len(rest) - 1:
        series_items, rest = rest[:notes[-1] + 1], rest[notes[-1] + 1:]
    series = layout.clean_title(" ".join(it.text for it in series_items)) if series_items else None
    return rest, series, column


def split_digest(d: Draft, series: str | None) -> list[Draft]:
    """Split a draft whose body holds `headline / position  name` speech openings."""
    items = d.body_items
    starts = []  # (index of title item or None, index of speaker item)
    for j, it in enumerate(items):
        if ml.speaker_line(it.text) is None:
            continue
        if j == 0 and d.title_items:
            starts.append((None, j))
        elif j > 0 and ml.is_title_like(items[j - 1].text) and not items[j - 1].marker:
            starts.append((group_start(items, j - 1), j))
    if not starts:
        return [d]
    out: list[Draft] = []
    if starts[0][1] > 0 and (starts[0][0] or 0) > 0:  # text before the first speech
        head = Draft(body_items=items[:starts[0][0]], title_items=d.title_items, first=d.first,
                     column=d.column, series=d.series)
        out.append(head)
        d.title_items, d.column = None, None
    for n, (ti, si) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(items)
        title_items = d.title_items if ti is None else items[ti:si]
        first = d.first if (n == 0 and not out) else (items[ti].no if ti is not None else items[si].no)
        piece = Draft(body_items=items[si + 1:end], title_items=title_items, first=first,
                      series=series or d.series, column=d.column if n == 0 else None, kind="speech")
        sp = ml.speaker_line(items[si].text)
        piece.speaker = sp.name if sp else None
        piece.extra["speaker_position"] = sp.position if sp else None
        out.append(piece)
    return out
