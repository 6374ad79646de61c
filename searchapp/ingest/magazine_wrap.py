"""Lines a narrow column wrapped, joined back before the segmenter reads them (used by
`magazine_blocks.read_items`).

A PDF column breaks a line where the column ends, whatever the line is. For body text that is
harmless (paragraphs are joined anyway), but three kinds of line carry structure and must be
whole to be recognised:

* **speaker lines** (`position  name`): a long position wraps (`中国科协党组书记、常务副主席、书`
  / `记处第一书记  怀进鹏`), or the name no longer fits and moves to the next line alone
  (`…书记处第一书记` / `怀进鹏`). Read as they stand, the first piece looks like a headline and
  the speech would be split at it. A piece joins the position only when a headline is left
  above it (`_headline_above`); an organisation name alone above the speaker line (a short
  line ending in 银行/大学/集团/协会/…) is the start of the position whatever its width;
* **`来源` credits**: a long outlet wraps (`来源：某某省通信管理` / `局`) and its tail would
  become the next article's headline;
* **headline widows**: the last character of a headline alone on a line (`…宣传周电信` / `日`)
  reads as a drop cap and ends the headline early. A drop cap shares the box of the line it
  begins (`当` / `高速率、…`, no blank line between); a widow does not (`_widow`).

Once joined, every line knows whether it is full (`is_full`): a full headline-shaped line runs
on into the next, so the segmenter counts and splits headline blocks by logical lines
(`magazine_blocks.group_start`).

The evidence is always the same: the line before the break is *full*, i.e. as long as the
column (`column_width`: the 75th-percentile length of the lines holding clause punctuation,
which are body lines), so the break was forced by the width and not chosen by the writer; and
the joined line is what the recognisers of `magazine_lines` expect (a speaker line, an outlet
shape). A headline that merely happens to end at the column's edge stays a headline unless the
join yields one of these shapes. No rule names a position, outlet or person.
"""
from __future__ import annotations

import re
from typing import Protocol

from searchapp.analysis.text import fold_width

from . import magazine_lines as ml
from .magazine_meta import overlap


class Item(Protocol):
    """What this module needs of a line (`magazine_blocks.Item`, which imports this module)."""

    no: int
    text: str
    body_text: str
    last_no: int
    full: bool

    @property
    def end(self) -> int: ...

_WS = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_PUNCT = re.compile(r"[，。、；：！？,.;:!?“”‘’（）()]")
_CLAUSE = re.compile(r"[，。、；,;]")
#: A line at least this share of the column width is full (a break forced by the width).
FULL_SHARE = 0.9
#: Fewest body lines for a column width estimate; below it nothing is joined.
MIN_BODY_LINES = 10
_OUTLET_END = ml.OUTLET_END
_GAP = re.compile(r"^\S.*?(?:\s{2,}|\u3000+)\S")  # `position  name`: fields apart by a wide gap
#: An organisation name alone on a line above a speaker line begins the position (`世界银行` /
#: `原副总裁兼首席经济学家  约瑟夫·E·斯蒂格利茨`); the suffixes of magazine_meta's speaker rules.
_ORG = re.compile(r"^\S{2,12}(?:银行|大学|学院|集团|公司|协会|学会|研究院|研究所|基金会|组织|委员会|政府|中心|联盟)$")
#: A person's name alone on a line: 2–4 Chinese characters, or a transcribed foreign name with
#: its separating dots (`约瑟夫·E·斯蒂格利茨`).
_NAME = re.compile(r"[\u3400-\u9fff]{2,4}|(?=.*[·．.])[\u3400-\u9fff·A-Za-z.．]{3,20}")


def _size(s: str) -> int:
    return len(_WS.sub("", s))


def column_width(texts: list[str]) -> int | None:
    """The column width in characters: the 75th percentile of the lengths of lines holding
    clause punctuation (body lines), or None when there are fewer than MIN_BODY_LINES."""
    widths = sorted(_size(t) for t in texts if _CLAUSE.search(t))
    if len(widths) < MIN_BODY_LINES:
        return None
    return widths[len(widths) * 3 // 4]


def is_full(text: str, width: int | None) -> bool:
    """True when `text` is as long as the column (≥ FULL_SHARE of `width`): where it ends was
    forced by the width. False when the width is unknown (None)."""
    return width is not None and _size(text) >= FULL_SHARE * width


_full = is_full


def _name(text: str) -> str | None:
    """The name a line holds alone (`怀进鹏`, letter-spaced `肖 亚 庆`, `约瑟夫·E·斯蒂格利茨`),
    without its spaces, or None."""
    fields = text.split()
    if len(fields) > 1 and not all(len(f) == 1 for f in fields):
        return None
    name = "".join(fields)
    return name if _NAME.fullmatch(fold_width(name)) else None


def _headline_above(items: list[Item], i: int) -> bool:
    """A speech keeps its headline when item i joins the speaker line below it: the line above
    item i is headline-shaped. (A full-width headline right above a speaker line is a headline,
    not the first half of the position.)"""
    return i > 0 and ml.is_title_like(items[i - 1].text) and ml.source_line(items[i - 1].text) is None \
        and ml.speaker_line(items[i - 1].text) is None


def _talks_about(line: str, below: list[Item]) -> bool:
    """True when `line` shares half its character bigrams with the text below it
    (`magazine_meta.overlap`): a speech's headline names what the speech says, the first half of
    a position (an organisation and a job) does not."""
    return overlap(line, "".join(it.text for it in below)) >= 0.5


def _widow(items: list[Item], i: int) -> bool:
    """Item i+1 (one character after the full headline line i) is that line's widow, not the
    drop cap of the next paragraph. A drop cap runs on into the full body line right below it
    (`当` / `高速率、低时延…`, no blank line between them) and begins a word that line ends, so
    it is a widow when a blank line or the end follows it, when the next line begins with
    anything but a Chinese character, or when the next line holds no punctuation at all (not
    even 、), as a headline's next line does."""
    b = items[i + 1]
    nxt = items[i + 2] if i + 2 < len(items) else None
    if nxt is None or nxt.no > b.end + 1:
        return True
    if not nxt.text[:1] or not _HAN.match(nxt.text[:1]):
        return True  # a drop cap begins a word its next line ends: never a digit, Latin or `“`
    return not _PUNCT.search(nxt.text)  # a headline's next line; body text is punctuated


def _merge(items: list[Item], i: int, text: str) -> None:
    """Item i takes item i+1's line (text `text`); item i+1 goes."""
    a, b = items[i], items[i + 1]
    a.text = a.body_text = text
    a.last_no = max(b.no, b.last_no)
    a.full = b.full  # the joined line ends where its last piece ends
    del items[i + 1]


def join_wrapped(items: list[Item], width: int | None) -> None:
    """Join, in place, the wrapped speaker lines, `来源` credits and headline widows of `items`
    (non-blank lines in order, `full` already set; see the module docstring). `width`: the
    column width (`column_width`), None to join nothing."""
    if width is None:
        return
    changed = True
    while changed:  # a join can make another possible (a widow joined makes a headline whole)
        changed = False
        i = len(items) - 2
        while i >= 0:
            joined = _joined(items, i, width)
            if joined is not None:
                _merge(items, i, joined)
                changed = True
                i = min(i, len(items) - 2)
                continue  # the joined line may continue the one before it too
            i -= 1


def _joined(items: list[Item], i: int, width: int) -> str | None:
    """The line items i and i+1 make when the column wrapped one line into them, else None."""
    a, b = items[i].text, items[i + 1].text
    if (src := ml.source_line(a)) is not None:
        if not _full(a, width):
            return None
        tails: list[str] = []
        for it in items[i + 1:i + 4]:  # an outlet wrapped over up to three more lines
            t = _WS.sub("", it.text)
            if _PUNCT.search(it.text) or len(t) > width:
                break
            tails.append(t)
            if _OUTLET_END.search(src + "".join(tails)):
                return a.rstrip() + tails[0]
            if not _full(it.text, width):
                break
        return None
    if ml.speaker_line(a) is not None or not ml.is_title_like(a):
        return None
    org = _ORG.search(fold_width(a)) and not (i > 0 and _full(items[i - 1].text, width))  # not a headline's tail
    if _GAP.search(b) and (_full(a, width) or org) and _headline_above(items, i) \
            and not _talks_about(a, items[i + 2:i + 12]):
        cand = a.rstrip() + b.lstrip()                   # a position that wrapped
        if ml.speaker_line(cand) is not None:
            return cand
    name = _name(b)
    if name and _size(a) + len(name) + 1 > width:
        cand = a.rstrip() + "  " + name                  # a name pushed to the next line
        if ml.speaker_line(cand) is not None:
            return cand
    if len(_WS.sub("", b)) == 1 and _full(a, width) and _widow(items, i):
        return a.rstrip() + b.strip()                    # a headline's widow
    return None
