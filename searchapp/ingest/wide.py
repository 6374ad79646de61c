"""Text in UTF-16 or UTF-32: byte-order marks, and UTF-16 without one.

    BOMS                                  byte-order marks and their codecs, UTF-32 first
    sniff_utf16(data) -> codec | None     UTF-16 without a BOM, known by its NUL bytes
    wide_encoding(head, whole) -> codec | None   a text that must be decoded whole (not by lines)

A UTF-16 byte-order mark is only a guess until the bytes after it agree (`wide_encoding`);
UTF-16 without a BOM is known by the parity of its NUL bytes and a strict, plausible reading
(`sniff_utf16`).
"""
from __future__ import annotations

import codecs

__all__ = ["BOMS", "UTF16_PLAUSIBLE", "sniff_utf16", "wide_encoding"]

#: Byte-order marks and the codec each one means, UTF-32 first (its LE mark starts with UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of characters a UTF-16 reading must make plausible text of (see `sniff_utf16`).
UTF16_PLAUSIBLE = 0.95


def _plausible(c: str) -> bool:
    o = ord(c)
    if o < 128:
        return c.isprintable() or c in "\t\n\r\f"
    return ("\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
            or "\u3400" <= c <= "\u4dbf" or "\u2000" <= c <= "\u206f" or "\u00a0" <= c <= "\u00ff")


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when `data` (a head or a whole file) is UTF-16 text without a
    BOM, else None. Evidence: NUL bytes, at least 75 % of them on one byte parity (the ASCII
    characters every text holds, newlines and spaces and digits, are `XX 00` in UTF-16LE), and a
    strict decoding of the first 64 KiB in which ≥ UTF16_PLAUSIBLE of the characters are ASCII
    text, CJK ideographs or CJK/general punctuation. Binary data fails the last test (control
    characters, scattered code points). UTF-16 text with no ASCII character at all holds no NUL
    byte and is not recognised (it then fails as undecodable)."""
    head = data[:65536]
    head = head[: len(head) - len(head) % 2]
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if even + odd < 4:
        return None
    if odd >= 0.75 * (even + odd):
        enc = "utf-16-le"
    elif even >= 0.75 * (even + odd):
        enc = "utf-16-be"
    else:
        return None
    text = _utf16_text(head, enc)
    return enc if text and _reads_as_text(text) else None


def _utf16_text(data: bytes, enc: str, cut_forgiven: bool = True) -> str | None:
    """`data` (its even-length part) decoded strictly in `enc`, or None when it does not
    decode; `cut_forgiven`: a surrogate pair cut in the last 4 bytes (the end of a head) ends
    the text there instead."""
    data = data[: len(data) - len(data) % 2]
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        if not cut_forgiven or e.start < len(data) - 4:
            return None
        return data[: e.start].decode(enc, errors="replace")


def _reads_as_text(text: str) -> bool:
    """At least UTF16_PLAUSIBLE of the characters of `text` are plausible text (`_plausible`)."""
    return sum(1 for c in text if _plausible(c)) >= UTF16_PLAUSIBLE * len(text)


def wide_encoding(head: bytes, whole: bool = False) -> str | None:
    """The UTF-16 or UTF-32 codec of a text whose first bytes are `head` (a byte-order mark, or
    UTF-16 without one: `sniff_utf16`), else None: such a text cannot be split into lines as
    bytes (its newline is two or four bytes) and must be decoded whole. A UTF-16 byte-order
    mark is only a guess until the bytes after it agree (`_utf16_bom_holds`): `FF FE` before
    UTF-8 text (a damaged or binary first line) is not UTF-16. `whole`: `head` is the whole
    input (an odd length then rules UTF-16 out)."""
    for bom, enc in BOMS:
        if head.startswith(bom):
            if enc == "utf-16" and not _utf16_bom_holds(head, bom, whole):
                return None
            return enc if enc != "utf-8-sig" else None
    return sniff_utf16(head)


def _utf16_bom_holds(head: bytes, bom: bytes, whole: bool) -> bool:
    """Do the bytes after a UTF-16 byte-order mark read as UTF-16 text? No when: the whole
    input has an odd length; the rest holds no NUL byte yet is valid UTF-8 (UTF-16 text with
    any ASCII character — a newline, a digit — holds NULs; UTF-8 text never does); the rest
    does not decode strictly (an unpaired surrogate before the last 4 bytes of a cut head); or
    fewer than UTF16_PLAUSIBLE of its characters are text (`_plausible`)."""
    rest = head[len(bom):]
    if whole and len(rest) % 2:
        return False
    if b"\x00" not in rest:
        try:
            rest.decode("utf-8")
            return False
        except UnicodeDecodeError as e:
            if not whole and e.start >= len(rest) - 3 and e.reason == "unexpected end of data":
                return False  # valid UTF-8 but for a character cut at the end of the head
    text = _utf16_text(rest, "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be",
                       cut_forgiven=not whole)
    return text is not None and (not text or _reads_as_text(text))
