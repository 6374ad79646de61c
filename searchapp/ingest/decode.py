"""Bytes → text, decided by the bytes rather than by trust in a label.

Order (`decode_bytes`):
  1. BOM (UTF-8/UTF-16/UTF-32): the BOM wins over any label.
  2. Binary data (NUL bytes, or > 10 % control bytes in the first 8 KiB) is refused.
  3. Strict UTF-8 (also when the bytes are UTF-8 cut in the middle of the last character, as
     in a truncated download). Real pages that *declare* GB2312 are sometimes UTF-8 (re-saved
     from a browser DOM), so UTF-8 validity is checked before any label is believed: random
     GBK text is practically never valid UTF-8.
  4. The declared label, GB2312/GBK/CP936 read as GB18030 (a superset: real "GBK" pages
     contain byte pairs Python's `gbk` codec rejects, e.g. `A3 7C`). A declared single-byte
     label (latin-1 etc.) is only believed after the CJK check in 5 fails.
  5. Strict GB18030, accepted when the non-ASCII text it yields is mostly common Chinese
     (characters that also exist in GB2312, ≥ 80 %); Latin-1 text decoded as GB18030 yields
     rare characters and fails this check.
  6. charset-normalizer's best guess (a well-kept detector).
  7. UTF-8 with replacement characters, only when < 0.5 % of the characters would be replaced
     (one broken byte in a big file should not lose the file); otherwise `UndecodableFile`.

`decode_text` is `decode_bytes` plus newline normalisation (CRLF and lone CR → LF).

Line-oriented text (JSONL exports, magazine .txt) is judged line by line first
(`blank_binary_lines`): a stray line of NUL/control bytes is blanked and reported by its line
number, and the rest of the file is read; a file whose binary lines hold most of its bytes is
still refused as binary.
"""
from __future__ import annotations

import codecs
import re


class UndecodableFile(ValueError):
    """The bytes are not text in any encoding we can identify (binary, or unknown encoding)."""


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_GB_LABELS = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "windows-936", "euc-cn",
              "csgb2312", "chinese", "iso-ir-58", "ms936", "936", "x-euc-cn"}
_NEWLINES = re.compile(r"\r\n?")


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold a NUL byte or > 10% control bytes (not tab/CR/LF/FF/ESC)."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / len(head) > 0.10


#: A line-oriented file is refused as binary when its binary lines hold more than this share of
#: its bytes (a real binary file, split at its 0x0A bytes, is binary nearly everywhere; a text
#: export with a stray corrupt line is not).
BINARY_LINES_SHARE = 0.5


def blank_binary_lines(data: bytes) -> tuple[bytes, list[int]]:
    """For line-oriented text: returns (data with each binary line emptied, their 1-based line
    numbers, counted at LF as the readers count them). A line is binary when it holds a NUL or
    > 10 % control bytes (`looks_binary`). Raises UndecodableFile when binary lines hold more
    than BINARY_LINES_SHARE of the bytes, or when no non-blank text line is left."""
    lines = data.split(b"\n")
    bad = [i for i, ln in enumerate(lines) if b"\x00" in ln or looks_binary(ln)]
    if not bad:
        return data, []
    bad_bytes = sum(len(lines[i]) for i in bad)
    if bad_bytes > BINARY_LINES_SHARE * len(data):
        raise UndecodableFile("binary data (NUL or control bytes), not text")
    for i in bad:
        lines[i] = b""
    if not any(ln.strip() for ln in lines):
        raise UndecodableFile("binary data (NUL or control bytes), not text")
    return b"\n".join(lines), [i + 1 for i in bad]


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


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data`. Returns (text, encoding_name). `declared` (e.g. an HTML meta charset) is
    tried only after the byte-level checks, GB2312/GBK labels being read as GB18030 (see the
    module docstring for the full order). Raises UndecodableFile for binary data or when no
    encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
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
            return data.decode(label), label
        except (UnicodeDecodeError, LookupError):
            pass
    if "gb18030" not in tried:
        tried.add("gb18030")
        try:
            text = data.decode("gb18030")
            if _mostly_common_cjk(text):
                return text, "gb18030"
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
    raise UndecodableFile("unknown encoding: not UTF-8, not GB18030, and no confident guess")


def _is_multibyte(codec: str) -> bool:
    return codec in {"big5", "big5hkscs", "cp950", "euc_jp", "shift_jis", "cp932", "euc_kr",
                     "cp949", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "hz", "iso2022_jp"}


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """`decode_bytes` with newlines normalised: CRLF and lone CR become LF.
    Returns (text, encoding_name); raises UndecodableFile like `decode_bytes`."""
    text, enc = decode_bytes(data, declared)
    return _NEWLINES.sub("\n", text), enc
