"""Emoji and other searchable symbols typed against a word: where a query token splits.

    clusters(s) -> [(text, is_symbol)]     `s` cut into emoji clusters and the text between them
    split_symbols(token) -> [str] | None   the words a token is read as, or None (no split)

A searchable symbol (`analysis.text.is_symbol`: Unicode category So, emoji included) is a word
of its own in the index: jieba cuts it off the words around it (`河南🇨🇳网络` → 河南 🇨 🇳 网络),
and the analyzer keeps it as one word. A query word with an emoji glued to it (`河南🇨🇳`,
`5G😀网络`, `網絡安全😀`, `🚀5G`: phone keyboards add them) was one unit, matched as the phrase of
its tokens, which no article held, so nothing was found (seventh fresh tester, T3). It is now
read as its words, as if typed with spaces (`河南 🇨🇳`): best match finds 河南 and says the
flag is in no article.

An emoji cluster (after Unicode UAX #29's grapheme rules and UTS #51's emoji sequences, by
character properties, not a list of emoji):
  * a flag: two regional indicators (U+1F1E6–1F1FF, So) read in pairs from the left;
  * a keycap: `0-9`, `#` or `*`, an optional variation selector, U+20E3 (an enclosing mark, Me);
  * a symbol (So) followed by extenders: nonspacing and enclosing marks (Mn, Me: the variation
    selectors U+FE00–FE0F are Mn), a modifier symbol of the supplementary planes (Sk there are
    the skin-tone modifiers U+1F3FB–1F3FF), format characters of the tag block (Cf, U+E0020–
    E007F: subdivision flags), and ZWJ U+200D followed by another symbol with its extenders
    (`👨‍👩‍👧` is one cluster).
Each cluster is a word; the text between clusters is a word; repeats are kept once, in order
(`★五星★` → ★ 五星, `😀😀` → 😀); a piece after the first loses a leading `-`, `+` or `:`, which
would make it an operator. A token that is one cluster alone, or holds none, is not split.
"""
from __future__ import annotations

import unicodedata

from searchapp.analysis.text import is_symbol, may_hold_symbol

__all__ = ["clusters", "split_symbols"]

_ZWJ = "\u200d"
_KEYCAP = "\u20e3"
_KEYCAP_BASES = "0123456789#*"


def _regional(c: str) -> bool:
    return "\U0001f1e6" <= c <= "\U0001f1ff"


def _extends(c: str) -> bool:
    """True for a character that continues an emoji cluster (module docstring)."""
    cat = unicodedata.category(c)
    return (cat in ("Mn", "Me") or (cat == "Sk" and ord(c) >= 0x10000)
            or (cat == "Cf" and 0xE0000 <= ord(c) <= 0xE007F))


def clusters(s: str) -> list[tuple[str, bool]]:
    """`s` as consecutive (text, is_symbol) pieces: each emoji cluster (module docstring) a piece
    with True, each run of other characters between them a piece with False. Joined, the
    pieces give `s`."""
    out: list[tuple[str, bool]] = []
    run_start, i, n = 0, 0, len(s)
    while i < n:
        c = s[i]
        j = i
        if _regional(c):
            j = i + 2 if i + 1 < n and _regional(s[i + 1]) else i + 1
        elif c in _KEYCAP_BASES and (s[i + 1:i + 2] == _KEYCAP or s[i + 1:i + 3] == "\ufe0f" + _KEYCAP):
            j = i + (2 if s[i + 1] == _KEYCAP else 3)
        elif is_symbol(c):
            j = i + 1
            while j < n:
                if _extends(s[j]):
                    j += 1
                elif s[j] == _ZWJ and j + 1 < n and is_symbol(s[j + 1]):
                    j += 2
                else:
                    break
        if j == i:
            i += 1
            continue
        if run_start < i:
            out.append((s[run_start:i], False))
        out.append((s[i:j], True))
        i = run_start = j
    if run_start < n:
        out.append((s[run_start:], False))
    return out


def split_symbols(token: str) -> list[str] | None:
    """The words an unquoted query token is read as when it holds an emoji cluster and anything
    else (another cluster, or other text): each cluster and each stretch between clusters, with
    the token's prefix (a leading `-` or `+`, then a `field:`) on every one, repeats once;
    None when there is nothing to split (no cluster, or the token's body is one cluster)."""
    if not may_hold_symbol(token) and _KEYCAP not in token:
        return None
    prefix, body = _prefix(token)
    pieces = clusters(body)
    if not any(sym for _, sym in pieces) or len(pieces) < 2:
        return None
    # a piece after the first never starts an operator of its own (`😀-网络` is not `-网络`)
    words = [p if k == 0 else p.lstrip("-+:") for k, (p, _) in enumerate(pieces)]
    return [prefix + w for w in dict.fromkeys(w for w in words if w.strip())]


def _prefix(token: str) -> tuple[str, str]:
    """(`-`/`+` and a `name:` before the first symbol, the rest) of a token."""
    sign = token[:1] if token[:1] in "-+" else ""
    rest = token[len(sign):]
    head, colon, value = rest.partition(":")
    if colon and head and not may_hold_symbol(head):
        return sign + head + colon, value
    return sign, rest
