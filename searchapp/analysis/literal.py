"""The exact-substring recall guarantee: what a literal match is, at index and at query time.

    literal_form(text) -> str            a text as the literal scan sees it
    literal_aligned(norm) -> (str, [int])  the same for a normalised text, with offsets
    literal_text(*parts) -> bytes        the stored `literal` column of one document
    literal_needle(word) -> str          a query word as the scan looks for it ("" = nothing)
    literal_find(hay, needle, start, end) -> int   first match at Latin word edges, or -1
    literal_find_utf8(hay, needle, start, end) -> int   the same over UTF-8 bytes (or a mmap)
    has_edges(needle) -> bool            whether a match of it depends on its neighbours
    short_number(needle) -> bool         a number of one or two digits: found only whole
    hard_breaks(norm) -> list[int]       offsets of the breaks in a normalised text (analyzer)
    FIELD, FIELD_BREAK

Rule (docs/search.md, "Exact-substring recall guarantee"): an article is found when the literal
form of the query word occurs in the literal form of its title, body or metadata, at Latin word
edges. The literal form of a text is its normalised form (`text.normalize`: NFKC, simplified,
casefolded) where
- searchable symbols (`text.is_symbol`: emoji, ★, ©) are kept like letters (`👍🏽` reads `👍`:
  skin-tone modifiers, U+FE0F and joiners are ignored);
- whitespace and in-word punctuation (quotes, brackets, hyphens, slashes, interpuncts, …) are
  ignored, as before, so `人 工 智 能` = `人工智能` and a PDF line break inside a sentence is
  crossed — except that between two Latin letters or digits they leave one space (a word edge:
  `hello world`, `covid 19`);
- sentence and clause punctuation (`。！？；，、：…` and ASCII `.!?;,:` where they end a clause),
  a blank line (paragraph) and the end of a field (title | body | each metadata value) become a
  **break** ("\\n") that no match crosses: `"北京大学"` no longer matches `抵达北京。大学生…` nor a
  title ending in 北京 followed by a body starting with 大学 (issue 16 item 3);
- characters that are part of a number or a name are kept: a decimal point or a dot inside a
  Latin word (`8.8`, `www.zz12345.gov.cn`, `asp.net`), a dot starting a name (`.net`), `++` or
  `#` ending a Latin letter run (`c++`, `vc++`, `c#`, `f#`; a single `+` as in `5G+` is "plus",
  not part of the name), a colon between digits (`10:30`); a comma
  between a digit and three more (`1,000`) is dropped.
A needle whose first (last) character is a Latin letter or digit matches only where the text has
no Latin letter or digit just before (after) it (a needle ending in `+`/`#` only where no further
`+`/`#` follows), so `go` does not match `gov`, `5g` not `45g` or `zz12345.gov`, `c++` not
`cnnic` (issue 16 item 5, issue 18 item 6). A needle starting with a number of one or two
digits (`20`, `98`, `8%`, `20亿`: `short_number`) matches only where that number stands whole,
never as the fraction of a decimal either (`20` is not in `3.20`, `8%` not in `58.8%`).
Ideographs have no word edges: any Chinese substring matches.
"""
from __future__ import annotations

import bisect
import functools
import re

import numpy as np

from searchapp.analysis.text import may_hold_symbol, normalize, symbol_class

__all__ = ["literal_form", "literal_aligned", "literal_text", "literal_needle", "literal_find",
           "literal_find_utf8", "has_edges", "short_number", "hard_breaks", "crosses", "FIELD_END",
           "latin", "FIELD", "FIELD_BREAK", "BREAK"]

#: The column field holding each document's literal form.
FIELD = "literal"
#: Joins the fields of a document (and the values of the `meta` word field): a hard break.
FIELD_BREAK = "\u2029"
#: A break in the literal form (never inside a match unless the needle has one too).
BREAK = "\n"
#: Where one field ends and the next begins in the stored column: no needle ever holds it, so no
#: match runs from a title into its body.
FIELD_END = "\x1e"

_L = r"[^\W_\u2e80-\U0010ffff]"          # a Latin(-like) letter or digit: alnum below U+2E80
_LETTER = r"[^\W\d_\u2e80-\U0010ffff]"
_KEEP_DOT = re.compile(rf"\.(?<={_L}\.)(?={_L})|(?<![.\w])\.(?={_LETTER})|"
                       rf"(?<=[\u2e80-\U0010ffff])\.(?={_LETTER})")
_KEEP_SYM = re.compile(rf"(?<={_LETTER})(?:\+\+|#)(?![+#]|{_L})")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CLOCK = re.compile(r"(?<=\d):(?=\d)")
_HARD = re.compile("\n[^\\S\n]*\n|[。!?;…,:、.\u2029]")
# _HARD's two kinds apart (they share no character, so they match the same places): a blank
# line (several characters: a Python call each, rare) and a one-character mark (in C).
_HARD_BLANK = re.compile("\n[^\\S\n]*\n")
_HARD_MARK = re.compile("[。!?;…,:、.\u2029]")
# Placeholders while the form is built, one character for one (so offsets survive): _GONE marks a
# character the form leaves out. Control characters of the input are whitespace or symbols,
# ignored like them, so they cannot be confused with these.
_GONE, _DOT, _PLUS, _HASH, _COLON, _SEP, _BREAK, _FIELD = ("\x01", "\x02", "\x03", "\x04",
                                                           "\x05", "\x06", "\x07", "\x08")
_FIELDS = re.compile(FIELD_BREAK)


def _soft_pair(sym: str) -> tuple[re.Pattern, re.Pattern]:
    latin_gap = re.compile(
        rf"(?<={_L})(?:[^\w\x01-\x08{sym}]|_)(?:[^\w\x02-\x08{sym}]|_)*(?={_L})")
    # Each character of a soft run goes on its own (so no Python call per run).
    return latin_gap, re.compile(rf"[^\w\x01-\x08{sym}]|_")


# The soft patterns of a text without symbols: they need not test the long symbol class at
# every character.
_PLAIN_SOFT = _soft_pair("")


@functools.lru_cache(maxsize=1)
def _keeping_soft() -> tuple[re.Pattern, re.Pattern]:
    """The soft patterns that keep symbols, compiled when a text first holds a character that
    may be one (the class of every symbol makes them the costliest patterns to compile here)."""
    return _soft_pair(symbol_class())


def _soft(s: str) -> tuple[re.Pattern, re.Pattern]:
    """(soft run between two Latin letters or digits, one soft character) for the text `s`:
    what the form ignores. Searchable symbols (`text.is_symbol`: emoji, ★, ©) are kept, like
    letters."""
    return _keeping_soft() if may_hold_symbol(s) else _PLAIN_SOFT

# A run of breaks that changes: a second break after the first (a run with one break, its
# first character, stays as it is: `_run_of_breaks` gives it back unchanged).
_BREAKS = re.compile("[\x07\x08]\x01*[\x07\x08][\x07\x08\x01]*")
_EDGES = re.compile("^[\x07\x08\x01]+|[\x07\x08\x01]+$")
_RESTORE = str.maketrans({_DOT: ".", _PLUS: "+", _HASH: "#", _COLON: ":", _SEP: " ",
                          _BREAK: BREAK, _FIELD: FIELD_END})


def latin(c: str) -> bool:
    """True for a letter or digit that has word edges (alphanumeric below U+2E80: Latin,
    Greek, Cyrillic, digits), False for ideographs, kana, hangul and everything else."""
    return c < "\u2e80" and c.isalnum()


def _first_and_gone(first: str):
    return lambda m: first + _GONE * (len(m.group(0)) - 1)


def _gone(m: re.Match) -> str:
    return _GONE * len(m.group(0))


def _run_of_breaks(m: re.Match) -> str:
    """One break for a run of breaks: a field end if the run holds one, else a sentence break."""
    run = m.group(0)
    return (_FIELD if _FIELD in run else _BREAK) + _GONE * (len(run) - 1)


def _marked(s: str) -> str:
    """The literal form of the normalised text `s`, one character for each of `s`: kept
    characters as themselves (placeholders for kept symbols, Latin word gaps and the first
    character of a break), _GONE for everything the form leaves out."""
    s = _THOUSANDS.sub(_GONE, s)
    s = _KEEP_DOT.sub(_DOT, s)
    s = _KEEP_SYM.sub(lambda m: m.group(0).replace("+", _PLUS).replace("#", _HASH), s)
    s = _CLOCK.sub(_COLON, s)
    s = _FIELDS.sub(_FIELD, s)
    s = _HARD_BLANK.sub(_first_and_gone(_BREAK), s)
    s = _HARD_MARK.sub(_BREAK, s)
    soft_latin, soft = _soft(s)
    s = soft_latin.sub(_first_and_gone(_SEP), s)
    s = soft.sub(_GONE, s)
    s = _BREAKS.sub(_run_of_breaks, s)
    return _EDGES.sub(_gone, s)


def literal_form(text: str | None) -> str:
    """`text` as the literal scan sees it (module docstring). Empty for None or ""."""
    if not text:
        return ""
    return _marked(normalize(text)).replace(_GONE, "").translate(_RESTORE)


def literal_aligned(norm: str) -> tuple[str, list[int]]:
    """(literal form of the normalised text `norm`, offset in `norm` of each of its
    characters): where a literal match lies in the text (the highlighter)."""
    marked = _marked(norm)
    codes = np.frombuffer(marked.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    keep = np.flatnonzero(codes != ord(_GONE)).tolist()
    return marked.replace(_GONE, "").translate(_RESTORE), keep


def literal_text(*parts: str | None) -> bytes:
    """The `literal` column value of a document: UTF-8 of the literal form of its parts (title,
    body, each metadata value), each part ending at a break."""
    return literal_form(FIELD_BREAK.join(p for p in parts if p)).encode("utf-8")


@functools.lru_cache(maxsize=8192)
def literal_needle(word: str) -> str:
    """The literal form of a query word, without breaks or spaces at its ends (kept for the
    last 8,192 distinct words); "" when it holds nothing searchable. A break inside it matches
    any sentence or clause break (`"北京。大学"` finds `北京！大学`), never a field end."""
    return literal_form(word).replace(FIELD_END, BREAK).strip(BREAK + " ")


def short_number(needle: str) -> bool:
    """The needle starts with a whole number of one or two digits: its leading run of Latin
    letters, digits and dots is 1-2 digits (`20`, `98`, `8` of `8%`, `20亿`, `5`; not `2020`,
    `20.5`, `5g`). Such a number is found only where it stands whole (`literal_find`): never
    inside a longer number (`20` in 2020, `98` in 1998, `8` in 58) nor as the fraction of a
    decimal (`5` in 20.5, `8` in 58.8%); what an editor typing `20` means is twenty."""
    run = 0
    for c in needle:
        if not (latin(c) or c == "."):
            break
        if not ("0" <= c <= "9") or run == 2:
            return False
        run += 1
    return run > 0


@functools.lru_cache(maxsize=8192)
def _edge_rule(needle: str) -> tuple[bool, bool, bool, bool]:
    """Which neighbours of a match of `needle` matter: (its first character is a Latin letter,
    digit or "." — the character before must not be one; its last is a Latin letter or digit —
    the character after must not be one; its last is "+" or "#" — the one after must not be
    "+" or "#" either: `C+` is not in `C++`; it starts with a `short_number` — the two
    characters before must not be a digit and a decimal point, and `in_number` does not apply).
    Kept for the last 8,192 needles (a scan asks once per candidate document)."""
    return (latin(needle[0]) or needle[0] == ".", latin(needle[-1]), needle[-1] in "+#",
            short_number(needle))


def _at_edges(before: str, after: str, needle: str, rule: tuple[bool, bool, bool, bool],
              in_number: bool, before2: str = "") -> bool:
    """Is a match of `needle` between the characters `before` and `after` ("" at an end) one
    at Latin word edges (`_edge_rule`)? `before2`: the character before `before` (needed
    only when `before` is "." and the needle a short number). `in_number`: see
    `literal_find`."""
    head, tail, tail_sym, whole = rule
    return not ((head and latin(before)
                 and not (in_number and not whole and before.isdigit() and needle[0].isdigit()))
                or (whole and before == "." and before2.isdigit())
                or (tail and latin(after))
                or (tail_sym and after != "" and after in "+#"))


def literal_find(hay: str, needle: str, start: int = 0, end: int | None = None,
                 in_number: bool = False) -> int:
    """Offset of the first occurrence of `needle` in hay[start:end] at Latin word edges (module
    docstring), or -1. `hay` may hold several documents' forms joined by "\\x00".
    `in_number`: a needle starting with a digit also matches after another digit, inside a
    longer number (`8.8%` in `28.8%`: the exact string, though not the same number; best match
    ranks such hits last), except a `short_number`, which matches only where it stands whole."""
    if end is None:
        end = len(hay)
    n = len(needle)
    rule = _edge_rule(needle)
    pos = hay.find(needle, start, end)
    while pos >= 0:
        before = hay[pos - 1] if pos > start else ""
        after = hay[pos + n] if pos + n < end else ""
        before2 = hay[pos - 2] if rule[3] and before == "." and pos - 1 > start else ""
        if _at_edges(before, after, needle, rule, in_number, before2):
            return pos
        pos = hay.find(needle, pos + 1, end)
    return -1


def has_edges(needle: str) -> bool:
    """True when `literal_find` checks the neighbours of a match of `needle` (`_edge_rule`):
    then containing it is not enough."""
    return bool(needle) and any(_edge_rule(needle))


def _char_before(hay, pos: int, start: int) -> str:
    """The character of UTF-8 `hay` ending at byte `pos` ("" at `start`)."""
    if pos <= start:
        return ""
    i = pos - 1
    while i > start and pos - i < 4 and 0x80 <= hay[i] < 0xC0:
        i -= 1
    return bytes(hay[i:pos]).decode("utf-8", "replace")[-1:]


def _char_at(hay, pos: int, end: int) -> str:
    """The character of UTF-8 `hay` starting at byte `pos` ("" at `end`)."""
    if pos >= end:
        return ""
    b = hay[pos]
    n = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
    return bytes(hay[pos:min(pos + n, end)]).decode("utf-8", "replace")[:1]


def literal_find_utf8(hay, needle: str, start: int = 0, end: int | None = None,
                      in_number: bool = False) -> int:
    """`literal_find` over the UTF-8 encoding: byte offset of the first occurrence of `needle`
    in hay[start:end] at Latin word edges, or -1. `hay`: bytes or a memory map of UTF-8 text
    (several documents joined by NUL bytes). `in_number` as in `literal_find`."""
    if end is None:
        end = len(hay)
    data = needle.encode("utf-8")
    n = len(data)
    rule = _edge_rule(needle)
    head, tail, tail_sym, whole = rule
    pos = hay.find(data, start, end)
    while pos >= 0:
        after = _char_at(hay, pos + n, end) if (tail or tail_sym) else ""
        before = _char_before(hay, pos, start) if head else ""
        before2 = _char_before(hay, pos - 1, start) if whole and before == "." else ""
        if _at_edges(before, after, needle, rule, in_number, before2):
            return pos
        pos = hay.find(data, pos + 1, end)
    return -1


def hard_breaks(norm: str) -> list[int]:
    """Ascending offsets in the normalised text `norm` where a break of the literal form lies
    (sentence and clause punctuation, blank lines, field breaks; not a kept decimal point,
    name dot, clock colon or thousands comma). The analyzer leaves a gap in its word positions
    there, so a phrase query cannot span it either."""
    kept = {m.start() for r in (_KEEP_DOT, _CLOCK, _THOUSANDS) for m in r.finditer(norm)}
    return [m.start() for m in _HARD.finditer(norm) if m.start() not in kept]


def crosses(breaks: list[int], a: int, b: int) -> bool:
    """True when one of `breaks` (from `hard_breaks`) lies in [a, b)."""
    i = bisect.bisect_left(breaks, a)
    return i < len(breaks) and breaks[i] < b
