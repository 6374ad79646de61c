"""Bytes → text, decided by the bytes rather than by trust in a label.

Order (`decode_bytes`):
  1. BOM (UTF-8/UTF-16/UTF-32): the BOM wins over any label; UTF-16 without a BOM is known by
     the parity of its NUL bytes (`sniff_utf16`).
  2. Binary data (NUL bytes, or > 10 % control bytes in the first 8 KiB) is refused.
  3. Strict UTF-8 (also when the bytes are UTF-8 cut in the middle of the last character, as
     in a truncated download). Real pages that *declare* GB2312 are sometimes UTF-8 (re-saved
     from a browser DOM), so UTF-8 validity is checked before any label is believed: random
     GBK text is practically never valid UTF-8.
  4. The declared label, GB2312/GBK/CP936 read as GB18030 (a superset: real "GBK" pages
     contain byte pairs Python's `gbk` codec rejects, e.g. `A3 7C`). A declared single-byte
     label (latin-1 etc.) is only believed after the CJK check in 5 fails. A GB or Big5
     reading (declared here, or guessed in 5) that gives implausible characters is replaced
     by the other codec's reading when that one is plausible (`_other_chinese`): Big5 bytes
     decode as GB18030 without an error, into mojibake.
  5. Strict GB18030, accepted when the non-ASCII text it yields is mostly common Chinese
     (characters that also exist in GB2312, ≥ 80 %); Latin-1 text decoded as GB18030 yields
     rare characters and fails this check.
  6. charset-normalizer's best guess (a well-kept detector).
  7. UTF-8 with replacement characters, only when < 0.5 % of the characters would be replaced
     (one broken byte in a big file should not lose the file); otherwise `UndecodableFile`.

`decode_text` is `decode_bytes` plus newline normalisation (CRLF and lone CR → LF).

The byte-order marks and UTF-16 without one are read in `wide` (`sniff_utf16`,
`wide_encoding`); binary data and the stray binary lines of line-oriented text in
`binary_lines` (`looks_binary`, `clean_binary_lines`). Their names are importable from here.
"""
from __future__ import annotations

import codecs
import re

from searchapp.analysis.charsets import IMPLAUSIBLE, PLAUSIBLE, level1_share

from .binary_lines import (BINARY_LINES_SHARE, UndecodableFile, blank_binary_lines,
                           clean_binary_lines, looks_binary)
from .wide import BOMS, UTF16_PLAUSIBLE, sniff_utf16, wide_encoding

__all__ = ["decode_bytes", "decode_text", "normalize_label", "UndecodableFile", "BOMS",
           "looks_binary", "clean_binary_lines", "blank_binary_lines", "BINARY_LINES_SHARE",
           "sniff_utf16", "wide_encoding", "UTF16_PLAUSIBLE"]

_GB_LABELS = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "windows-936", "euc-cn",
              "csgb2312", "chinese", "iso-ir-58", "ms936", "936", "x-euc-cn"}
_NEWLINES = re.compile(r"\r\n?")


def normalize_label(label: str | None) -> str | None:
    """A charset label as a Python codec name, GB2312/GBK family → "gb18030"; None if unknown."""
    if not label:
        return None
    d = label.strip().strip("\"'").lower()
    if d in _GB_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(d).name
    except LookupError:
        return None


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        # Truncated file: only the last (incomplete) character is broken.
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            try:
                return data[:e.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return None


def _mostly_common_cjk(text: str) -> bool:
    """True when ≥ 80 % of the non-ASCII characters exist in GB2312 (common simplified Chinese
    and full-width punctuation) or are CJK ideographs at all."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    sample = non_ascii[:20000]
    ok = 0
    for c in sample:
        try:
            c.encode("gb2312")
            ok += 1
        except UnicodeEncodeError:
            if "\u4e00" <= c <= "\u9fff":  # a rarer but real ideograph (GBK, traditional)
                ok += 1
    return ok / len(sample) >= 0.8


def _other_chinese(data: bytes, text: str, enc: str) -> tuple[str, str]:
    """(text, enc), or the other Chinese codec's reading when `text` (read as GB18030 or Big5)
    is implausible and the other codec reads the same bytes strictly and plausibly: a Big5 page
    that declares gb2312 (or the reverse) is not indexed as mojibake."""
    if level1_share(text) >= IMPLAUSIBLE:
        return text, enc
    for other in (("big5hkscs",) if enc == "gb18030" else ("gb18030",)):
        try:
            alt = data.decode(other)
        except UnicodeDecodeError:
            continue
        if level1_share(alt) >= PLAUSIBLE:
            return alt, other
    return text, enc


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data`. Returns (text, encoding_name). `declared` (e.g. an HTML meta charset) is
    tried only after the byte-level checks, GB2312/GBK labels being read as GB18030 (see the
    module docstring for the full order). Raises UndecodableFile for binary data or when no
    encoding fits."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    enc16 = sniff_utf16(data)
    if enc16:
        return data[: len(data) - len(data) % 2].decode(enc16, errors="replace"), enc16
    if looks_binary(data):
        raise UndecodableFile("binary data (NUL or control bytes), not text")
    text = _utf8(data)
    if text is not None:
        return text, "utf-8"
    label = normalize_label(declared)
    tried: set[str] = {"utf-8"}
    if label and label not in tried and (label == "gb18030" or _is_multibyte(label)):
        tried.add(label)
        try:
            text = data.decode(label)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if label in ("gb18030", "big5", "big5hkscs", "cp950"):
                return _other_chinese(data, text, "gb18030" if label == "gb18030" else label)
            return text, label
    if "gb18030" not in tried:
        tried.add("gb18030")
        try:
            text = data.decode("gb18030")
            if _mostly_common_cjk(text):
                return _other_chinese(data, text, "gb18030")
        except UnicodeDecodeError:
            pass
    if label and label not in tried:
        try:
            return data.decode(label), label
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # deferred: only for bytes no fixed guess reads

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    lossy = data.decode("utf-8", errors="replace")
    if lossy.count("\ufffd") <= 0.005 * max(1, len(lossy)):
        return lossy, "utf-8 (with replacements)"
    raise UndecodableFile("unknown encoding: not UTF-8, not GB18030, and no confident guess"
                          + _first_non_utf8(data))


def _first_non_utf8(data: bytes) -> str:
    """`; line N is the first that is not UTF-8 (…)`, for a text that is UTF-8 but for some
    lines (a line pasted in from a GBK file), so the user can find and fix it; "" when most
    lines are not UTF-8 (then the file as a whole is in another encoding)."""
    lines = data.splitlines()
    bad = [no for no, ln in enumerate(lines, 1) if _utf8(ln) is None]
    if not bad or len(bad) > 0.5 * len(lines):
        return ""
    more = f" and {len(bad) - 1} more" if len(bad) > 1 else ""
    return (f"; line {bad[0]}{more} {'is' if len(bad) == 1 else 'are'} not UTF-8 while the rest "
            "is (text pasted from another encoding?): save those lines as UTF-8")


def _is_multibyte(codec: str) -> bool:
    return codec in {"big5", "big5hkscs", "cp950", "euc_jp", "shift_jis", "cp932", "euc_kr",
                     "cp949", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "hz", "iso2022_jp"}


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """`decode_bytes` with newlines normalised: CRLF and lone CR become LF.
    Returns (text, encoding_name); raises UndecodableFile like `decode_bytes`."""
    text, enc = decode_bytes(data, declared)
    return _NEWLINES.sub("\n", text), enc
