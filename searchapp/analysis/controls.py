"""Control and invisible characters out of display text: terminal escapes, C0/C1 controls,
bidi overrides, zero-width characters and soft hyphens.

    strip_controls(text, multiline=True) -> str
    has_controls(text) -> bool

Removed (third fresh tester, F15: an ESC and a right-to-left override from a JSONL export
reached the HTML page and the RIS citation as is):

* ANSI terminal escape sequences whole (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \\`, the
  8-bit CSI U+009B: the sequence, not only its ESC, so `\x1b[31m红色` becomes `红色`;
  ECMA-48 §5.4 and §8.3.89);
* C0 controls U+0000–U+001F except TAB and LF (and CR, which becomes LF), DEL U+007F and C1
  controls U+0080–U+009F;
* bidirectional formatting characters (Unicode UAX #9: embeddings and overrides U+202A–U+202E,
  isolates U+2066–U+2069, LRM U+200E, RLM U+200F, ALM U+061C), which reorder what a reader
  sees (`\u202e倒序标题\u202c` shows reversed) and which Chinese news text has no use for;
* invisible format characters that scraped pages and word processors leave inside words
  (seventh fresh tester, T9: a title or a source with a zero-width space inside a word was
  missed by `title:` and `source:`, and split the source facet in two): the soft hyphen U+00AD, the
  zero-width space U+200B, the word joiner U+2060, the invisible operators U+2061–U+2064, the
  deprecated format characters U+206A–U+206F and U+FEFF (a byte-order mark inside text); and
  the zero-width non-joiner U+200C and joiner U+200D except where they do something (The
  Unicode Standard §23.2): a ZWJ between two emoji (`👨\u200d👩\u200d👧` is one family emoji;
  UTS #51 ED-16) and either one between two letters or marks of the scripts that shape with
  them (Hebrew to Sinhala U+0590–U+0DFF: Arabic, Syriac, the Indic scripts; Khmer and
  Mongolian U+1780–U+18AF). Han, kana, Hangul and Latin text has no use for them.

Used by ingest (every reader's fields, `ingest.controls`), by the query text
(`request.query_text`: the same rule for what is typed as for what is stored) and by the
citation formats, whose lines a reference manager reads as is. Never raises.
"""
from __future__ import annotations

import functools
import re

__all__ = ["strip_controls", "has_controls", "strip_invisible", "INVISIBLE"]

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x9b[0-?]*[ -/]*[@-~]")
#: The invisible characters of the module docstring, as the body of a character class
#: (U+200C and U+200D are kept where they join: `_JOINERS_KEPT`).
INVISIBLE = "\u00ad\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_ANY = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{INVISIBLE}]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: Letters and marks of the scripts that shape with ZWNJ/ZWJ (module docstring).
_JOINING = "\u0590-\u0dff\u1780-\u18af"
#: What may stand before the ZWJ of an emoji sequence besides an emoji: the emoji variation
#: selector U+FE0F, a skin-tone modifier U+1F3FB–1F3FF, a tag U+E0020–E007F (UTS #51 ED-17).
_EMOJI_TAIL = "\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"


@functools.lru_cache(maxsize=1)
def _invisible_re() -> re.Pattern:
    """The invisible characters but the joiners that join (compiled on first use: the emoji
    class is large)."""
    from searchapp.analysis.text import symbol_class  # deferred: only text with a joiner needs it
    sym = symbol_class()
    return re.compile(
        f"(?<=[{_JOINING}])[\u200c\u200d](?=[{_JOINING}])"
        f"|(?<=[{sym}{_EMOJI_TAIL}])\u200d(?=[{sym}])"
        f"|([{INVISIBLE}])")


def strip_controls(text: str, *, multiline: bool = True) -> str:
    """`text` without the characters of the module docstring. `multiline`: keep TAB and LF (CR
    LF and lone CR become LF); else TAB, LF and CR become one space each. Returns `text`
    itself when there is nothing to remove."""
    if not _ANY.search(text):
        return text
    text = _ANSI.sub("", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = re.sub(r"[\t\n\r]", " ", text)
    return strip_invisible(_CONTROLS.sub("", text))


def strip_invisible(text: str) -> str:
    """`text` without the invisible characters of the module docstring (a ZWJ inside an emoji
    sequence and a joiner between letters of a script that shapes with it are kept). Returns
    `text` itself when it holds none of them."""
    if not _INVISIBLE.search(text):
        return text
    out = _invisible_re().sub(lambda m: "" if m.group(1) else m.group(0), text)
    return text if out == text else out


def has_controls(text: str) -> bool:
    """True when `text` holds a character `strip_controls` removes (TAB, LF, CR excepted)."""
    return bool(_CONTROLS.search(text)) or strip_invisible(text) is not text
