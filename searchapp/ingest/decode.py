"""Bytes → text, decided by the bytes rather than by trust in a label.

Order: BOM (UTF-8/UTF-16/UTF-32) → strict UTF-8 → strict GB18030 (superset of GB2312 and GBK:
real "GBK" pages contain byte pairs Python's `gbk` codec rejects) → charset-normalizer's best
guess. Binary data (NUL bytes, or mostly control characters) is refused.
"""
from __future__ import annotations

import codecs


class UndecodableFile(ValueError):
    """The bytes are not text in any encoding we can identify (binary, or unknown encoding)."""


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold a NUL byte or > 10% control bytes (not tab/CR/LF/FF/ESC)."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / len(head) > 0.10


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data`. Returns (text, encoding_name). `declared` (e.g. an HTML meta charset) is
    tried only after the byte-level checks, GB2312/GBK labels being read as GB18030.
    Raises UndecodableFile for binary data or when no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    if looks_binary(data):
        raise UndecodableFile("binary data (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    labels = []
    if declared:
        d = declared.strip().lower()
        labels.append("gb18030" if d in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"} else d)
    labels.append("gb18030")
    for enc in labels:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableFile("unknown encoding: not UTF-8, not GB18030, and no confident guess")
    return str(best), best.encoding
