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

Line-oriented text (JSONL exports, magazine .txt) is judged line by line first
(`clean_binary_lines`): stray NUL/control bytes in a text line are removed (the line is kept as
if they were not there); a line made mostly of them is blanked and reported by its line number,
and the rest of the file is read; a file whose binary lines hold most of its bytes is still
refused as binary.
"""
from __future__ import annotations

import codecs
import re

from searchapp.analysis.charsets import IMPLAUSIBLE, PLAUSIBLE, level1_share


class UndecodableFile(ValueError):
    """The bytes are not text in any encoding we can identify (binary, or unknown encoding)."""


#: Byte-order marks and the codec each one means, UTF-32 first (its LE mark starts with UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
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
