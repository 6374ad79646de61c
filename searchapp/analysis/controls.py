"""Control characters out of display text: terminal escapes, C0/C1 controls, bidi overrides.

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
  sees (`\u202e倒序标题\u202c` shows reversed) and which Chinese news text has no use for.

Used by ingest (every reader's fields, `ingest.controls`) and by the citation formats, whose
lines a reference manager reads as is. Never raises.
"""
from __future__ import annotations

import re

__all__ = ["strip_controls", "has_controls"]

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANY = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    """True when `text` holds a character `strip_controls` removes (TAB, LF, CR excepted)."""
    return bool(_CONTROLS.search(text))
