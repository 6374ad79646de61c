"""Synonyms and variants, expanded at query time only (never stored: editing them needs no rebuild).

File format (`query/data/synonyms.txt`): one group of equivalent terms per line, separated by
"," or "，"; `#` starts a comment line. Terms are compared after `searchapp.analysis.squeeze` (normalised, no spaces or
punctuation), so `AI`, `ａｉ` and `Ai` are one key and `人工智慧` equals its simplified form.
Expansion happens at query time (no index rebuild needed after an edit); the query builder gives
variants a lower boost (`VARIANT_BOOST`) than the words the user typed.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from searchapp.analysis.analyzer import squeeze_many, squeeze_word, word_tokens
from searchapp.config import SYNONYMS
from searchapp.query.regional import wordings
from searchapp.vocab.topics import resolve as resolve_topic

__all__ = ["load", "variants", "topic_named", "Thesaurus", "VARIANT_BOOST"]

#: Score multiplier of a variant relative to the typed word (a variant is weaker evidence).
VARIANT_BOOST = 0.5
_SPLIT = re.compile(r"[,，]")


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    rows = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([t.strip() for t in _SPLIT.split(line) if t.strip()])
    squeezed = iter(squeeze_many([t for terms in rows for t in terms]))
    for terms in rows:
        keys = [next(squeezed) for _ in terms]
        for k in keys:
            if not k:
                continue
            bucket = groups.setdefault(k, [])
            for t, k2 in zip(terms, keys):
                if k2 and k2 != k and t not in bucket:
                    bucket.append(t)
    return {k: tuple(v) for k, v in groups.items()}


def load(path: Path | str | None = None) -> dict[str, tuple[str, ...]]:
    """{squeezed term: (variant as written, ...)} from `path` (default `config.SYNONYMS`).
    A missing or unreadable file gives {} (search works without synonyms). Re-read when the
    file's modification time changes."""
    p, mtime = _file_state(path)
    return _load(p, mtime) if mtime is not None else {}


def _file_state(path: Path | str | None) -> tuple[str, float | None]:
    """(the synonym file's path, its modification time or None when it cannot be read)."""
    p = Path(path) if path is not None else SYNONYMS
    try:
        return str(p), p.stat().st_mtime
    except OSError:
        return str(p), None


def _cjk(s: str) -> bool:
    return bool(s) and all(not c.isascii() for c in s)


def variants(word: str, path: Path | str | None = None, limit: int = 6) -> list[str]:
    """Other forms of `word`: the mainland wording of a Taiwan or Hong Kong word in traditional
    script (`query.regional.wordings`: `數位經濟` → `数字经济`), the other terms of its synonym
    groups (as written in the file), then, for a word of several Chinese tokens, the word
    with one token swapped for a Chinese variant of it (`網路安全` → `网络安全`: regional
    variants inside compounds). At most `limit`; [] if none. Latin tokens are never swapped inside a word (`it` must not become 信息技术)."""
    return list(_variants(word, *_file_state(path), limit))


@functools.lru_cache(maxsize=16384)
def _variants(word: str, path: str, mtime: float | None, limit: int) -> tuple[str, ...]:
    """`variants` for the synonym file at `path` as of `mtime` (None: no file), kept: the
    query builder and the highlighter ask for the same words."""
    table = _load(path, mtime) if mtime is not None else {}
    out = list(wordings(word))
    keys = {squeeze_word(word), *map(squeeze_word, out)}
    for v in table.get(squeeze_word(word), ()):
        if squeeze_word(v) not in keys:
            out.append(v)
    toks = word_tokens(word)
    if len(toks) > 1:
        for i, t in enumerate(toks):
            if not _cjk(t):
                continue
            for v in table.get(squeeze_word(t), ()):
                if _cjk(v):
                    cand = "".join(toks[:i]) + v + "".join(toks[i + 1:])
                    if cand not in out and squeeze_word(cand) != squeeze_word(word):
                        out.append(cand)
    return tuple(out[:limit])


def topic_named(value: str, known=()) -> str | None:
    """The topic key `value` names (`vocab.topics.resolve`: a key, label or alias of the rule
    file, else a value of `known`), else the one a variant of it names (`variants`: the starter
    list and the regional wordings), so `topic:人工智慧` is the topic `人工智能` is, as the word
    `人工智慧` finds what `人工智能` finds; None when neither names one."""
    got = resolve_topic(value, known=known)
    if got is None and value and value.strip():
        got = next((k for v in variants(value) if (k := resolve_topic(v, known=known))), None)
    return got


class Thesaurus:
    """The variants one search uses: the starter list (`variants`, `query/data/synonyms.txt`)
    and, when given, the pairs the searched generation's own text defines (`mined`: {squeezed
    term: (partner as written, ...)}, `vocab.abbrev.Pairs.table`), or none at all (`on`
    False: the user switched the thesaurus off for this query).

        Thesaurus(mined=None, on=True).variants(word) -> [variant]   (at most `limit`)

    A mined partner is a variant like a starter one (the starter list's come first), and a
    starter variant's own mined partners are not followed (one step, no chains)."""

    def __init__(self, mined: dict[str, tuple[str, ...]] | None = None, on: bool = True,
                 path: Path | str | None = None):
        self.mined = mined or {}
        self.on = on
        self.path = path
        self._cache: dict[str, list[str]] = {}

    def variants(self, word: str, limit: int = 6) -> list[str]:
        """Other forms of `word` ([] when off); see the class docstring."""
        if not self.on:
            return []
        got = self._cache.get(word)
        if got is None:
            got = variants(word, self.path, limit)
            key = squeeze_word(word)
            seen = {key, *(squeeze_word(v) for v in got)}
            for v in self.mined.get(key, ()):
                k = squeeze_word(v)
                if k and k not in seen and len(got) < limit:
                    got.append(v)
                    seen.add(k)
            if len(self._cache) < 4096:
                self._cache[word] = got
        return list(got)

    __call__ = variants
