"""Is this byte string Chinese text in a legacy encoding? One rule for every door that meets
bytes which are not UTF-8: the file readers (`ingest.decode`), bulk input lines (`bulk.items`)
and web query strings (`web.params`).

    level1_share(text) -> float                 how much of a reading is common modern Chinese
    chinese_reading(data) -> (text, codec) | None   a short byte string read as GB18030 or Big5
    chinese_line(data) -> str | None            the same, the text alone
    CODEC_NAMES                                 codec → the name users know ("GB18030", "Big5")

Moved here from `ingest.decode` so the web and bulk doors use the same rule without loading the
file readers.
"""
from __future__ import annotations

import functools

from searchapp.analysis.text import to_simplified

__all__ = ["level1_chars", "level1_share", "chinese_reading", "chinese_line", "IMPLAUSIBLE", "PLAUSIBLE",
           "CODEC_NAMES"]

#: A GB or Big5 reading below this level-1 share is not taken as Chinese (a file's reading is
#: then checked against the other codec) ...
IMPLAUSIBLE = 0.5
#: ... which replaces it when its own share is at least this.
PLAUSIBLE = 0.8
#: The codecs tried, as their users name them.
CODEC_NAMES = {"gb18030": "GB18030", "big5hkscs": "Big5"}


def level1_share(text: str) -> float:
    """Share of the non-ASCII characters (full-width punctuation aside; the first 20,000) that
    are GB2312 level-1 characters (first byte B0-D7: the 3,755 most frequent hanzi, GB 2312-80
    section 3, which cover about 99 % of running modern Chinese) once traditional characters
    are simplified (OpenCC). 1.0 for text without such characters. Chinese text read with the
    right codec scores near 1; Big5 bytes read as GB18030, or GB bytes read as Big5, give rare
    characters, kana and Cyrillic: about 0.1-0.45."""
    chars = [c for c in text if ord(c) > 127 and not ("\u3000" <= c <= "\u303f")
             and not ("\uff00" <= c <= "\uffef")][:20000]
    if not chars:
        return 1.0
    level1 = _level1_set()
    return sum(c in level1 for c in to_simplified("".join(chars))) / len(chars)


@functools.cache
def level1_chars() -> tuple[str, ...]:
    """The 3,755 level-1 characters of GB 2312-80 (一级汉字, rows 16-55, bytes B0A1-D7F9), in
    the standard's order (by pinyin): the characters `level1_share` counts and the homophones
    of spelling suggestions are drawn from (`analysis.homophones`)."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:  # the unassigned tail of row 55
                pass
    return tuple(out)


@functools.cache
def _level1_set() -> frozenset[str]:
    return frozenset(level1_chars())


def chinese_reading(data: bytes) -> tuple[str, str] | None:
    """(text, codec) of a short byte string that is not UTF-8 (a line, a query parameter), read
    as Chinese: of its strict GB18030 and Big5-HKSCS readings without private-use characters
    (which no real text holds, and which the wrong one of the two codecs gives for most byte
    pairs), the one with the higher `level1_share` (GB18030 on a tie) when that share is at
    least IMPLAUSIBLE; else None (the caller refuses the bytes rather than use mojibake).
    `codec`: "gb18030" or "big5hkscs" (`CODEC_NAMES` names them)."""
    readings = []
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not any("\ue000" <= c <= "\uf8ff" for c in text):
            readings.append((level1_share(text), enc == "gb18030", text, enc))
    if not readings:
        return None
    share, _, text, enc = max(readings)
    return (text, enc) if share >= IMPLAUSIBLE else None


def chinese_line(data: bytes) -> str | None:
    """The text of `chinese_reading(data)`, or None."""
    got = chinese_reading(data)
    return got[0] if got else None
