"""Where in a text the highlighter looks: the text normalised with offsets, and the pieces of it
that can hold a match.

    prepared(text) -> _Prepared        normalised form, offsets, cut points (kept, bounded)
    regions(norm, needles, gaps) -> [(a, b)]   pieces of the normalised text to align
    aligned(text, prep, a, b) -> (form, keep)  literal form of one piece (kept with the text)

Split from `snippets` (which uses both); `regions` and the cut rule (`_gaps`) as documented
below. The prepared texts are kept in a `BoundedCache` of PREPARED_CHARS characters.
"""
from __future__ import annotations

from array import array
import bisect
import functools
import re

from searchapp.analysis import text as _text
from searchapp.analysis.literal import BREAK, literal_aligned
from searchapp.cache import BoundedCache

__all__ = ["prepared", "regions", "aligned", "PREPARED_CHARS", "SNIPPET_CHARS"]

#: Target snippet length in characters (Hit.snippet_html contract: ≤ ~160 characters;
#: `snippets` exports it); a text shorter than twice this is one region.
SNIPPET_CHARS = 160


#: Sentence and clause marks (after NFKC) the text is cut at: breaks of the literal form,
#: except `.`, `,` and `:` alone between two digits (8.8, 1,000, 10:30 are kept or joined).
_STOPS = re.compile("[\u3002!?;\u3001\u2026,:.]")


#: Characters of texts whose normalised form, offsets and cut points are kept in this process
#: (`prepared`; about 8 bytes per character with the text itself: ~32 MB), a piece's literal
#: form counting its length again (`aligned`: the form and an int32 offset per character):
#: the hits of one query are often those of the next (a common word's best articles, a story
#: followed for days), and preparing a body and putting it in literal form are most of a
#: snippet's time.
PREPARED_CHARS = 4_000_000
_prepared_texts = BoundedCache(PREPARED_CHARS)


class _Prepared:
    """A text's normalised form (`norm`), the offset in the text of each of its characters
    (`starts`, int32 array), once asked for its `_gaps` (`cuts`), and the literal forms of
    pieces of `norm` put in that form so far (`forms`: {(a, b): (form, int32 offsets into
    norm[a:b])}, see `aligned`). Never changed by callers."""

    __slots__ = ("norm", "starts", "cuts", "forms")

    def __init__(self, text: str):
        norm, starts = _text.normalize_aligned(text)
        self.norm, self.starts, self.cuts, self.forms = norm, array("i", starts), None, {}

    def gaps(self) -> list[tuple[int, int]]:
        if self.cuts is None:
            self.cuts = _gaps(self.norm)
        return self.cuts


def prepared(text: str) -> _Prepared:
    """The `_Prepared` of `text`, kept for the last PREPARED_CHARS characters of texts."""
    got = _prepared_texts.get(text)
    if got is None:
        got = _prepared_texts.put(text, _Prepared(text), len(text) + 1)
    return got


def aligned(text: str, prep: _Prepared, a: int, b: int) -> tuple[str, array]:
    """(literal form of the piece prep.norm[a:b], the offset in the piece of each of its
    characters as an int32 array): `literal.literal_aligned` of the piece, kept on `prep` (the
    `prepared` form of `text`) and counted in its budget (b - a characters), so a text's pieces
    are put in literal form once while it is kept, whatever the query."""
    got = prep.forms.get((a, b))
    if got is None:
        form, keep = literal_aligned(prep.norm[a:b])
        new = (form, array("i", keep))
        got = prep.forms.setdefault((a, b), new)  # another thread's, if it was first
        if got is new:
            _prepared_texts.grow(text, b - a)
    return got


def _edge_ok(c: str) -> bool:
    """A neighbour of a cut: a CJK ideograph or an ASCII digit (NFKC made full-width digits
    ASCII)."""
    return "\u4e00" <= c <= "\u9fff" or "0" <= c <= "9"


def _word_char(c: str) -> bool:
    """A letter, digit, ideograph or searchable symbol (`text.is_symbol`): what the literal
    form keeps as itself. A run of other characters is all a cut may pass over."""
    return c.isalnum() or _text.is_symbol(c)


def _gaps(norm: str) -> list[tuple[int, int]]:
    """[(start, end)] of the runs of characters that are no letter, digit, ideograph or symbol, hold a
    mark of `_STOPS` and lie between two `_edge_ok` characters, in order (not a lone `.`, `,`
    or `:` between two digits). The text can be cut around such a run without changing the
    literal form on either side: every rule of `analysis.literal` acts on runs of such
    characters and looks at most at the letter or digit next to them; a symbol is kept only
    next to a Latin letter (`.net`, `c++`, `c#`) or alone between two letters or digits
    (`8.8`, `10:30`; `1,000` drops its comma), so with these neighbours the whole run becomes
    a break and nothing, and no needle without a break crosses it."""
    out: list[tuple[int, int]] = []
    n, end = len(norm), 0
    for m in _STOPS.finditer(norm):
        k = m.start()
        if k < end:
            continue  # in the run just looked at
        a, end = k, k + 1
        while a > 0 and not _word_char(norm[a - 1]):
            a -= 1
        while end < n and not _word_char(norm[end]):
            end += 1
        if a == 0 or end == n or not (_edge_ok(norm[a - 1]) and _edge_ok(norm[end])):
            continue
        if end - a == 1 and norm[a] in ".,:" and norm[a - 1].isdigit() and norm[end].isdigit():
            continue
        out.append((a, end))
    return out


@functools.lru_cache(maxsize=4096)
def _near(needle: str) -> re.Pattern | None:
    """A pattern over a normalised text that every literal match of `needle` (a literal form)
    satisfies: its letters, digits, ideographs and symbols in order, with only other characters
    between them (what the literal form leaves out or keeps as a symbol or break is never a
    letter, digit or ideograph, and those it keeps as they are). None when `needle` holds
    none."""
    chars = [re.escape(c) for c in needle if _word_char(c)]
    return re.compile("[\\W_]*".join(chars)) if chars else None


def regions(norm: str, needles: list[str], gaps=None) -> list[tuple[int, int]]:
    """Sorted, disjoint [a, b) pieces of the normalised text `norm`, cut at its `_gaps`, which
    hold every literal match of `needles` (literal forms): the pieces
    where a needle's `_near` pattern starts; none when no needle's does. The whole text when it
    is short or has no such gap, or when a needle holds a break (a match of it may cross a gap)
    or no letter, digit or ideograph."""
    whole = [(0, len(norm))]
    if not needles:
        return []
    nears = [_near(t) for t in needles]
    if any(n is None for n in nears):
        return whole
    if len(norm) < 2 * SNIPPET_CHARS or any(BREAK in t for t in needles):
        # a title, a short text: the whole, unless no needle can match anywhere
        return whole if any(n.search(norm) for n in nears) else []
    gaps = gaps() if gaps is not None else _gaps(norm)
    los = [0] + [b for _, b in gaps]
    his = [a for a, _ in gaps] + [len(norm)]
    chosen: set[int] = set()
    for near in nears:
        m = near.search(norm)
        while m is not None:  # a letter, digit or ideograph: never inside a gap
            j = bisect.bisect_right(los, m.start()) - 1
            chosen.add(j)  # a match starting in this piece ends in it too
            m = near.search(norm, his[j])
    out: list[tuple[int, int]] = []
    last = -2
    for j in sorted(chosen):
        if j == last + 1:  # the next piece: one region (a gap inside is fine)
            out[-1] = (out[-1][0], his[j])
        else:
            out.append((los[j], his[j]))
        last = j
    return out
