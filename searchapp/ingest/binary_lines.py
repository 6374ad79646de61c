"""Binary bytes in text: a file that is binary, and the stray binary lines of a line-oriented text.

    looks_binary(data) -> bool                        NUL or many control bytes in the first 8 KiB
    clean_binary_lines(data) -> (data, skipped, cleaned)   stray bytes removed, binary lines blanked
    blank_binary_lines(data) -> (data, skipped)

Line-oriented text (JSONL exports, magazine .txt) is judged line by line (`clean_binary_lines`):
stray NUL/control bytes in a text line are removed (the line is kept as if they were not
there); a line made mostly of them is blanked and reported by its line number, and the rest of
the file is read; a file whose binary lines hold most of its bytes is still refused as binary
(`UndecodableFile`, also raised by `decode`).
"""
from __future__ import annotations

__all__ = ["UndecodableFile", "looks_binary", "clean_binary_lines", "blank_binary_lines",
           "BINARY_LINES_SHARE"]


class UndecodableFile(ValueError):
    """The bytes are not text in any encoding we can identify (binary, or unknown encoding)."""


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


def _junk(line: bytes) -> int:
    """NUL and control bytes of `line` that text never holds (all but tab, LF, CR, FF, ESC)."""
    return sum(1 for b in line if b < 32 and b not in (9, 10, 12, 13, 27)) if line else 0


_JUNK_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def clean_binary_lines(data: bytes) -> tuple[bytes, list[int], list[int]]:
    """For line-oriented text in a byte encoding (UTF-8, GB18030, ...): returns (data, skipped,
    cleaned), 1-based line numbers counted at LF as the readers count them.

    A line whose NUL/control bytes are at most 10 % of it is text with a few stray bytes: they
    are removed (`cleaned`), so the line, its article and the article's id are what they would
    be without them. A line with more is binary and emptied (`skipped`). Raises UndecodableFile
    when skipped lines hold more than BINARY_LINES_SHARE of the bytes, or when no non-blank
    text line is left. (UTF-16/32 text holds NUL bytes by design: decode it, do not clean it.)"""
    lines = data.split(b"\n")
    skipped: list[int] = []
    cleaned: list[int] = []
    bad_bytes = 0
    for i, ln in enumerate(lines):
        n = _junk(ln)
        if not n:
            continue
        if n <= 0.10 * len(ln):
            lines[i] = ln.translate(None, _JUNK_BYTES)
            cleaned.append(i + 1)
        else:
            bad_bytes += len(ln)
            lines[i] = b""
            skipped.append(i + 1)
    if not skipped and not cleaned:
        return data, [], []
    if bad_bytes > BINARY_LINES_SHARE * len(data) or not any(ln.strip() for ln in lines):
        raise UndecodableFile("binary data (NUL or control bytes), not text")
    return b"\n".join(lines), skipped, cleaned


def blank_binary_lines(data: bytes) -> tuple[bytes, list[int]]:
    """`clean_binary_lines` without the list of cleaned lines: (data, skipped line numbers)."""
    out, skipped, _cleaned = clean_binary_lines(data)
    return out, skipped
