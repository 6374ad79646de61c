"""Characters that sound the same: the homophones a typo of Chinese input can swap in.

    readings(char) -> frozenset[str]        toneless pinyin readings of one character
    homophones(char) -> tuple[str, ...]     common characters sharing a reading, `char` excluded
    warm()                                  load pypinyin and build the table now (server start)

Readings come from pypinyin's character dictionary (its data file `pinyin_dict.json`: every
reading of a polyphonic character), tones dropped (the tone marks U+0304, U+0301, U+030C,
U+0300 removed after NFD; ü stays ü): pinyin input methods offer every character of a
syllable whatever its tone, which is how a wrong character of the same sound gets typed (网洛
for 网络). The data file is read without importing the `pypinyin` package, whose import loads
its phrase dictionary too (~0.6 s and ~75 MB per process; the file alone ~0.05 s, ~12 MB): a
server warms the table at start (`warm`) and must not pay that.

Homophones are drawn from the 3,755 characters of GB 2312-1980 level 1 (一级汉字, the
"frequently used" set, rows 16–55, bytes 0xB0A1–0xD7F9): the characters a frequent word is
written with. A syllable has at most ~80 of them (`yi`), ~9 on average, which bounds the
candidates a spelling suggestion looks up. The table is built once per process, when first
asked for, never at import: read from `homophone_table` (stored for one version of pypinyin's
data file, checked by its sha1), and computed from the data file only for another version (or
for a character outside level 1), so a server's warm-up does not parse the whole file.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import unicodedata
from pathlib import Path

from searchapp.analysis import homophone_table
from searchapp.analysis.charsets import level1_chars

__all__ = ["readings", "homophones", "common_chars", "toneless", "warm", "computed_by_reading"]


def common_chars() -> tuple[str, ...]:
    """The 3,755 level-1 characters of GB 2312-1980, in the standard's order (by pinyin):
    `analysis.charsets.level1_chars`, the set its plausibility share counts."""
    return level1_chars()


def readings(char: str) -> frozenset[str]:
    """The toneless pinyin readings of `char` (`"络"` → {"luo", "lao"}); empty for a character
    pypinyin does not know (a letter, a digit, a rare ideograph). Raises nothing."""
    if len(char) != 1:
        return frozenset()
    stored = _stored_readings()
    if stored is not None and char in stored:  # a level-1 character: the stored table has them
        return stored[char]
    return _file_readings(char)


def _file_readings(char: str) -> frozenset[str]:
    """`readings(char)` as pypinyin's data file gives them."""
    got = _readings_table().get(str(ord(char)))
    return frozenset(toneless(p) for p in got.split(",")) if got else frozenset()


#: The combining tone marks of pinyin (tones 1–4); the diaeresis of ü (U+0308) is not one.
_TONE_MARKS = dict.fromkeys(map(ord, "\u0304\u0301\u030c\u0300"))


def toneless(reading: str) -> str:
    """A pinyin reading without its tone mark (`"luò"` → `"luo"`, `"lǜ"` → `"lü"`)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", reading)
                                 .translate(_TONE_MARKS))


def _data_file() -> Path:
    """pypinyin's `pinyin_dict.json`, found without importing the package. Raises ImportError
    when pypinyin is not installed."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package, does not import it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed (pip install pypinyin)")
    return Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.json"


@functools.cache
def _readings_table() -> dict[str, str]:
    """pypinyin's {"code point": "reading,reading"} table, read from its data file without
    importing the package (module docstring). Raises ImportError when pypinyin is not
    installed, OSError/ValueError when its data file cannot be read."""
    return json.loads(_data_file().read_text(encoding="utf-8"))


@functools.cache
def _stored() -> dict[str, tuple[str, ...]] | None:
    """The reading → characters table stored in `homophone_table`, when the installed data
    file is the one it was computed from (same sha1); else None (it is computed)."""
    try:
        digest = hashlib.sha1(_data_file().read_bytes()).hexdigest()
    except (ImportError, OSError):
        return None
    return homophone_table.by_reading() if digest == homophone_table.SOURCE_SHA1 else None


@functools.cache
def _stored_readings() -> dict[str, frozenset[str]] | None:
    """{level-1 character: its readings} from the stored table (`_stored`), or None."""
    table = _stored()
    if table is None:
        return None
    out: dict[str, set[str]] = {}
    for r, cs in table.items():
        for c in cs:
            out.setdefault(c, set()).add(r)
    return {c: frozenset(rs) for c, rs in out.items()}


@functools.cache
def _by_reading() -> dict[str, tuple[str, ...]]:
    stored = _stored()
    return stored if stored is not None else computed_by_reading()


def computed_by_reading() -> dict[str, tuple[str, ...]]:
    """{toneless reading: the level-1 characters with that reading, in GB 2312 order},
    computed from pypinyin's data file (what `homophone_table` stores for one version)."""
    table: dict[str, list[str]] = {}
    for c in common_chars():
        for r in _file_readings(c):
            table.setdefault(r, []).append(c)
    return {r: tuple(cs) for r, cs in table.items()}


@functools.cache
def homophones(char: str) -> tuple[str, ...]:
    """The level-1 characters sharing a toneless reading with `char`, `char` itself left out,
    each once, in GB 2312 order (`"洛"` → 络, 罗, 落, 逻, …); () when `char` has no reading."""
    table = _by_reading()
    seen = dict.fromkeys(c for r in sorted(readings(char)) for c in table.get(r, ()))
    seen.pop(char, None)
    return tuple(seen)


def warm() -> int:
    """Read pypinyin's table and build the reading → characters table now (a server does it
    before it listens, so the first query that finds nothing does not wait for it). Returns the
    number of readings."""
    return len(_by_reading())
