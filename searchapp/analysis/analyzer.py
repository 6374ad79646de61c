"""Words as the index and the query see them: the analyzer-level functions over normalised text.

    text_spans(value) -> [(term, start, end)]     every analysed word of a text (article or query)
    word_spans(value) -> [(term, start, end)]     the same, kept for short values (query words)
    word_tokens(value) -> [term]                  just the terms
    meaningful(tok) -> bool                       worth indexing: a letter, digit, ideograph or symbol
    squeeze(s) / squeeze_word(word) -> str        normalised, alphanumeric characters and symbols only
    squeeze_many(values) -> [str]                 squeeze of each value, normalised in one call

Analysis: text → `text.normalize_aligned` (NFKC, OpenCC t2s, casefold, one interpunct) →
`tokenizer.words` (jieba precise mode, user dictionary) → tokens that contain at least one
letter, digit or ideograph (`str.isalnum`) or searchable symbol (`text.is_symbol`: an emoji or
another pictographic symbol, one word each, as jieba cuts them); whitespace and punctuation are
dropped, nothing else (single digits, single letters, `it`, `us`, single CJK characters are all
kept). Offsets point
into the text *as printed* (mapped back through `normalize_aligned`), so highlights can be
placed exactly. The Whoosh adapter of these functions is `searchapp.engine.store.analyzer`.

The exact-substring recall guarantee is kept by a scan of each article's `squeeze`d text
(`analysis.literal` at index time, `engine.match.literal` at query time), not by an n-gram
field: see docs/search.md and bench/grams.py.
"""
from __future__ import annotations

import bisect
import functools
import operator
import re

from searchapp.analysis import numerals
from searchapp.analysis import text as _text
from searchapp.analysis.literal import crosses, hard_breaks, latin
from searchapp.analysis.tokenizer import search_words, words

__all__ = ["meaningful", "squeeze", "squeeze_many", "squeeze_word", "text_spans", "text_tokens", "word_spans",
           "word_tokens", "word_pieces", "is_ideograph", "KEPT_CHARS", "KEPT_WORDS",
           "MIN_PIECES_CHARS"]


def meaningful(tok: str) -> bool:
    """True when `tok` has at least one letter, digit, ideograph or searchable symbol
    (`text.is_symbol`: 😀, ★), so it is worth indexing."""
    return any(c.isalnum() or _text.is_symbol(c) for c in tok)


def squeeze(s: str | None) -> str:
    """`text.compact(s)` keeping only alphanumeric characters (letters, digits, ideographs) and
    searchable symbols (`text.is_symbol`)."""
    return _searchable(_text.compact(s))


def squeeze_many(values: list[str]) -> list[str]:
    """`[squeeze(v) for v in values]`, normalised in one call (`text.normalize_many`; the
    whitespace `compact` removes is neither alphanumeric nor a symbol)."""
    return [_searchable(n) for n in _text.normalize_many(values)]


def _searchable(s: str) -> str:
    if s.isalnum():  # every character kept (most terms): no Python call per character
        return s
    return "".join(c for c in s if c.isalnum() or _text.is_symbol(c))


@functools.lru_cache(maxsize=8192)
def squeeze_word(word: str) -> str:
    """`squeeze` of a query word or term, kept for the last 8,192 distinct words (the query
    builder, the literal clause, the synonym lookup and the highlighter each squeeze the same
    words; the traditional→simplified conversion in it is the costly part). Not for article
    text (use `squeeze`)."""
    return squeeze(word)


def word_spans(value: str) -> list[tuple[str, int, int]]:
    """Analysed word tokens of `value` as [(term, start, end)], offsets into `value` as printed
    (end exclusive). Terms are normalised (NFKC, simplified, casefolded). Values of at most
    `KEPT_CHARS` characters (query words) are kept, the last `KEPT_WORDS` distinct ones: the
    query parser, builder, highlighter and synonym lookup each tokenize the same words."""
    if len(value) <= KEPT_CHARS:
        return list(_kept_spans(value))
    return text_spans(value)


def word_tokens(value: str) -> list[str]:
    """Just the terms of `word_spans(value)` (what a query word turns into)."""
    return [t for t, _, _ in word_spans(value)]


#: Shortest single-token word that is split into pieces (a two-character word has none).
MIN_PIECES_CHARS = 3


@functools.lru_cache(maxsize=4096)
def word_pieces(word: str) -> tuple[str, ...]:
    """The parts of a query word that articles about its parts would use, as analysed terms:
    the tokens of a word the analyzer splits (`亚洲金融危机` → 亚洲, 金融危机); for a word it keeps
    whole (`三峡工程`, `联合国安理会`), the longest dictionary words inside it (jieba search mode)
    that together cover it, without overlap (三峡, 工程; 联合国, 安理会). () when the word has no
    such parts (`世锦赛`, `周星驰`: `星驰` alone does not cover it) or no Chinese character
    (`8.8%`, `IPv6`: a code or number has no parts to look for)."""
    if not any(is_ideograph(c) for c in word):
        return ()
    toks = word_tokens(word)
    if len(toks) > 1:
        parts = tuple(dict.fromkeys(toks))
        return parts if len(parts) > 1 else ()
    if len(toks) != 1 or len(toks[0]) < MIN_PIECES_CHARS:
        return ()
    whole = toks[0]
    subs = sorted({(s, e) for t, s, e in search_words(whole) if e - s < len(whole) and meaningful(t)},
                  key=lambda x: (x[0] - x[1], x[0]))
    taken: list[tuple[int, int]] = []
    for s, e in subs:  # longest first, then leftmost; no overlap
        if all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
    covered = sum(e - s for s, e in taken)
    if covered != len(whole) or len(taken) < 2:
        return ()
    return tuple(whole[s:e] for s, e in sorted(taken))


def is_ideograph(c: str) -> bool:
    """True for a CJK unified ideograph (U+4E00-U+9FFF) or one of extension A (U+3400-U+4DBF)."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


#: Longest value whose tokens `word_spans` keeps, in characters; how many distinct values.
KEPT_CHARS = 64
KEPT_WORDS = 8192


@functools.lru_cache(maxsize=KEPT_WORDS)
def _kept_spans(value: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(text_spans(value))


def text_spans(value: str) -> list[tuple[str, int, int]]:
    """`word_spans` of any text, never kept (article text: the index-time analyzer's input)."""
    return [(t, s, e) for t, s, e, _ in text_tokens(value)]


def text_tokens(value: str) -> list[tuple[str, int, int, int]]:
    """Analysed words of `value` as [(term, start, end, position)]: `text_spans` plus the word
    position, counted in words, with one position left out at every break of the literal form
    (`literal.hard_breaks`: sentence and clause punctuation, blank lines, field breaks), so a
    phrase query never matches across them."""
    if not value:
        return []
    norm, starts = _text.normalize_aligned(value)
    norm, starts, toks = _folded(norm, starts)
    n = len(starts)
    breaks = hard_breaks(norm)
    out: list[tuple[str, int, int, int]] = []
    add = out.append
    pos, prev_end = 0, 0
    for tok, s, e in _units(norm, toks):
        # tok.isalnum(): most words, decided in C; the rest (`，`, `8.8`, `c++`, `😀`) are few
        # distinct strings, whose answer is kept
        if s >= n or not (tok.isalnum() or _meaningful_kept(tok)):
            continue
        # a break can only lie in a gap between two words (most words touch)
        if prev_end < s and out and crosses(breaks, prev_end, s):
            pos += 1
        add((tok, starts[s], starts[(e if e < n else n) - 1] + 1, pos))
        pos += 1
        prev_end = e
    return out


_meaningful_kept = functools.lru_cache(maxsize=4096)(meaningful)


def _folded(norm: str, starts: list[int]) -> tuple[str, list[int], list[tuple[str, int, int]]]:
    """(text, offsets into the printed text, jieba tokens) with the numerals of `norm` folded to
    Arabic digits (`numerals.spans`: ordinals, counts before a measure word, dates, percentages;
    第十五届 → 第15届, 二〇二〇年 → 2020年, 百分之八点八 → 8.8%) where a numeral starts a word of the
    unfolded text (so 统一年度 keeps its 一: `一年` is no word there). Index and query text go
    through the same folding, so either form finds the other; the literal form (exact lookups)
    is never folded."""
    edits = numerals.spans(norm)
    toks = words(norm)
    if not edits:
        return norm, starts, toks
    edits = [x for x in edits if _starts_word(toks, x[0])]
    if not edits:
        return norm, starts, toks
    folded, src = numerals.apply(norm, edits)
    if starts != list(range(len(starts))):
        src = [starts[i] for i in src]
    return folded, src, _refolded(norm, toks, edits, folded)


_START = operator.itemgetter(1)


def _starts_word(toks: list[tuple[str, int, int]], at: int) -> bool:
    """True when one of `toks` (sorted (token, start, end)) starts at offset `at`."""
    i = bisect.bisect_left(toks, at, key=_START)
    return i < len(toks) and toks[i][1] == at


#: Characters at which both tokenizer backends cut a text into blocks segmented independently
#: of each other (none is in jieba 0.42.1's `re_han_default` nor in jieba-rs's
#: `RE_HAN_DEFAULT`: CJK ideographs, ASCII letters and digits, `+#&._%-`); each is a token of
#: its own (or whitespace, dropped), so the words between two of them do not depend on the rest.
_CUT = re.compile(r"[\s,;:!?()\[\]{}<>\"'。，、；：？！“”‘’（）《》〈〉【】「」『』]")


def _refolded(norm: str, toks: list[tuple[str, int, int]], edits: list[tuple[int, int, str]],
              folded: str) -> list[tuple[str, int, int]]:
    """`words(folded)`, where `folded` is `norm` with `edits` [(start, end, replacement)]
    applied (`numerals.apply`) and `toks` is `words(norm)`: only the stretches of text between
    two `_CUT` characters that hold an edit are segmented again; the other words are those of
    `toks`, moved by what the edits before them added or removed."""
    cuts = [m.start() for m in _CUT.finditer(norm)]
    out: list[tuple[str, int, int]] = []
    i, shift, k, n = 0, 0, 0, len(edits)
    while k < n:
        j = bisect.bisect_left(cuts, edits[k][0])
        a = cuts[j - 1] + 1 if j else 0  # the stretch starts after the last cut before the edit
        grow = 0
        while True:  # ... and ends at the first cut after its last edit
            s, e, rep = edits[k]
            grow += len(rep) - (e - s)
            k += 1
            j = bisect.bisect_left(cuts, e)
            b = cuts[j] if j < len(cuts) else len(norm)
            if k == n or edits[k][0] >= b:
                break
        ia = bisect.bisect_left(toks, a, lo=i, key=_START)
        out.extend(toks[i:ia] if not shift else [(w, x + shift, y + shift) for w, x, y in toks[i:ia]])
        fa = a + shift
        out.extend((w, x + fa, y + fa) for w, x, y in words(folded[fa:b + shift + grow]))
        i = bisect.bisect_left(toks, b, lo=ia, key=_START)
        shift += grow
    out.extend(toks[i:] if not shift else [(w, x + shift, y + shift) for w, x, y in toks[i:]])
    return out


#: A web address or an e-mail address in normalised text: one word, not its pieces (so `5g`
#: does not match inside `www.zz12345.gov.cn`). Common top-level domains mark a bare host name.
_TLDS = "com|net|org|gov|edu|mil|int|info|biz|cn|hk|mo|tw|jp|kr|uk|de|fr|ru|us|io|co|me|tv|cc"
_HOST = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_PATH = r"(?:[/?#][^\s<>\"'\u2e80-\U0010ffff]*)?"
_UNIT = re.compile(
    rf"(?:https?|ftp)://[^\s<>\"'\u2e80-\U0010ffff]+"
    rf"|[a-z0-9._%+-]+@{_HOST}(?:\.{_HOST})+"
    rf"|(?<![a-z0-9.@-])(?:www\.{_HOST}(?:\.{_HOST})+|{_HOST}(?:\.{_HOST})*\.(?:{_TLDS})(?![a-z0-9-]))"
    rf"{_PATH}")
_TRAILING = ".,;:!?)]}'\""


def _units(norm: str, toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """jieba's tokens of `norm` with the words a name or a number is made of put back together
    (docs/search.md, "Analysis"): a web or e-mail address is one word; `++` or `#` after a Latin
    letter run (`f#`, `vc++`) and a dot starting a Latin word (`.net`) belong to it; a decimal
    point between digits joins them (`8.8`); a digit run or a letter run jieba split in two
    (`4`+`5g`, `5g`+`nr`) is one word again."""
    spans = []
    for m in _UNIT.finditer(norm):
        end = m.end()
        while end > m.start() and norm[end - 1] in _TRAILING:
            end -= 1
        spans.append((m.start(), end))
    out: list[tuple[str, int, int]] = []
    add = out.append
    k, nspans = 0, len(spans)
    for tok, s, e in toks:
        if nspans:
            while k < nspans and spans[k][1] <= s:
                k += 1
            if k < nspans and spans[k][0] < e:  # inside an address: the whole address, once
                us, ue = spans[k]
                if not (out and out[-1][1] == us):
                    add((norm[us:ue], us, ue))
                continue
        # _joins is False unless the character before is below U+2E80 (Latin, digit, `.`,
        # `+`) or a digit: most words (after an ideograph) skip the call
        if out and out[-1][2] == s and (norm[s - 1] < "\u2e80" or norm[s - 1].isdigit()) \
                and _joins(norm, out[-1], tok, s, e):
            prev = out[-1]
            out[-1] = (prev[0] + tok, prev[1], e)
            continue
        add((tok, s, e))
    return out


def _joins(norm: str, prev: tuple[str, int, int], tok: str, s: int, e: int) -> bool:
    """True when `tok` (at s..e) continues the word `prev` (word, start, end) that ends right
    before it. False whenever the character before `tok` is neither below U+2E80 nor a digit
    (`_units` relies on it)."""
    before, first = norm[s - 1], tok[0]
    after = norm[e] if e < len(norm) else ""
    if tok in ("++", "#") or (tok == "+" and after == "+"):
        end = e + 1 if tok == "+" else e  # just past the `++` or `#`
        nxt = norm[end] if end < len(norm) else ""
        return before.isalpha() and latin(before) and not (nxt and (latin(nxt) or nxt in "+#"))
    if tok == "+" and prev[0].endswith("+") and not prev[0].endswith("++"):
        return not (after and (latin(after) or after in "+#"))
    if prev[0] == "." and prev[2] - prev[1] == 1:
        lead = norm[prev[1] - 1] if prev[1] > 0 else ""
        return first.isalpha() and latin(first) and not (lead and (latin(lead) or lead == "."))
    if prev[0][-1] == "." and first.isdigit() and len(prev[0]) > 1 and prev[0][-2].isdigit():
        return True  # 8. + 8 -> 8.8 (the dot was joined below)
    if tok == "." and before.isdigit() and after.isdigit():
        return True
    return latin(before) and latin(first) and before.isdigit() == first.isdigit() \
        and before.isalpha() == first.isalpha()
