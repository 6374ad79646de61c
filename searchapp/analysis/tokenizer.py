"""Word tokenizer: jieba precise-mode tokens with character offsets, behind one lazy, thread-safe door.

    words(text) -> [(token, start, end), ...]   start/end are code-point offsets into `text`
                                                (text[start:end] == token); whitespace tokens dropped
    add_word(word, freq=None)                   add a word to the active dictionary (jieba semantics:
                                                freq None -> jieba's suggest_freq, i.e. just enough
                                                to keep the word whole)
    warm()                                      load the dictionary now (server start-up, benchmarks)
    backend_name() -> "rjieba" | "jieba"
    reference_words(text)                       the same through jieba itself (tests, benchmarks)

Segmentation rule: jieba 0.42.1 precise mode (`jieba.tokenize(text, mode="default", HMM=False)`),
jieba's default dictionary plus the user dictionary `searchapp/data/userdict.txt`.

HMM is OFF. Reasons: (1) the fast backend rjieba (jieba-rs) gives exactly jieba's tokens with HMM
off, and with HMM on it differs from jieba on ASCII tokens (../shared/PERF_NOTES.md, re-verified
by tests/analysis/test_tokenizer.py and bench/tokenizer_equality in bench/all.py); (2) HMM "new word" guesses
depend on the neighbouring characters, so the same name can be split differently in a short query
and in a long article, costing recall; known names belong in the user dictionary instead.

Backends: rjieba (Rust port of jieba, much faster: docs/performance.md) when importable, else
jieba.
$SEARCHAPP_TOKENIZER=jieba forces the reference backend. Tokens are identical either way (a text
with a character tripled, where the two break ties differently, goes to jieba: `_TIED_RUN`).

Nothing is loaded at import time. jieba's cache file lives at $SEARCHAPP_CACHE/jieba.cache
(default ~/.cache/searchapp/jieba.cache), never jieba's shared temp path; jieba's
`pkg_resources` deprecation warning and its "Building prefix dict" log lines are suppressed.

User dictionary format (`word [freq] [tag]` per line, UTF-8, as jieba's load_userdict): blank lines
and lines starting with `#` are skipped (jieba itself would add `#...` as a word). An entry that
cannot take effect as written is never kept silently (a warning on the `searchapp` logger, which
reaches stderr, names `file:line`): a word with a space in it is skipped (jieba cuts text at
spaces before looking words up, so it could never match; jieba reads `machine learning` as the
word `machine` with the tag `learning`, so a "tag" longer than jieba's part-of-speech tags, at
most 4 letters, counts as a space too), and a word not in normalised form (`5G`, full-width,
traditional) is added in that form (the analyzer segments normalised text).

The dictionary cache (jieba's, and the rjieba replay below) saves ~1-2 s at every start; when its
folder cannot be written, the `searchapp` logger says so once, naming the folder and
$SEARCHAPP_CACHE.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import warnings
from pathlib import Path
from typing import Any, Iterable

from searchapp.analysis.text import normalize
from searchapp.config import DATA_DIR

__all__ = ["words", "tagged_words", "add_word", "warm", "backend_name", "reference_words",
           "userdict_entries",
           "cache_path", "load_jieba", "new_jieba", "new_fast", "tokens_of"]

USERDICT = DATA_DIR / "userdict.txt"

# jieba 0.42.1's own user-dictionary line pattern (jieba/__init__.py, re_userdict).
_RE_USERDICT = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$", re.U)
#: jieba's part-of-speech tags are 1-4 letters (`nrfg` the longest, jieba/dict.txt).
_MAX_TAG = 4

log = logging.getLogger("searchapp")
_cache_warned = False

_lock = threading.RLock()
_fast: Any = None            # rjieba.Jieba instance once loaded
_jieba: Any = None           # jieba.Tokenizer instance once loaded (fallback / reference)
_backend: str | None = None  # "rjieba" | "jieba" once chosen
_added: list[tuple[str, int | None]] = []  # add_word calls, replayed into a later-loaded backend


def cache_path() -> Path:
    """Where jieba's dictionary cache goes: $SEARCHAPP_CACHE/jieba.cache or ~/.cache/searchapp/."""
    base = os.environ.get("SEARCHAPP_CACHE")
    root = Path(base) if base else Path.home() / ".cache" / "searchapp"
    return root / "jieba.cache"


def userdict_entries(path: Path | None = None) -> list[tuple[str, int | None]]:
    """Parse a jieba user dictionary into [(word, freq or None)]; [] if the file does not exist.

    Format as jieba.load_userdict (`word [freq] [tag]`), plus `#` comment lines. Tags are ignored
    (we never use POS tags). Raises UnicodeDecodeError for a file that is not UTF-8.
    """
    p = USERDICT if path is None else Path(path)
    if not p.is_file():
        return []
    out: list[tuple[str, int | None]] = []
    for n, raw in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _RE_USERDICT.match(line)
        if not m:
            continue
        word, freq, tag = m.groups()
        if any(c.isspace() for c in word) or (tag and len(tag.strip()) > _MAX_TAG):
            log.warning("%s:%d: user dictionary entry %r has a space in its word: jieba cuts "
                        "text at spaces, so it can never match; skipped (write it without the "
                        "space)", p, n, line)
            continue
        if normalize(word) != word:
            log.warning("%s:%d: user dictionary entry %r is not in normalised form (lowercase "
                        "Latin, half-width, simplified); added as %r", p, n, word, normalize(word))
            word = normalize(word)
        out.append((word, int(freq) if freq is not None else None))
    return out


def _cache_unwritable(folder: Path, error: OSError) -> None:
    """Say once per process that the dictionary cache cannot be written (every start then
    rebuilds the dictionary before its first search)."""
    global _cache_warned
    if not _cache_warned:
        _cache_warned = True
        log.warning("cannot write the tokenizer's dictionary cache in %s (%s): every start "
                    "rebuilds the dictionary, ~1-2 s before the first search; set "
                    "SEARCHAPP_CACHE to a writable folder", folder, error.strerror or error)


def _import_jieba() -> Any:
    with warnings.catch_warnings():
        # jieba 0.42.1 imports pkg_resources, which warns on setuptools >= 80.
        warnings.simplefilter("ignore")
        import jieba  # deferred: loaded on first use (the CLI's --help never pays for it)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.setLogLevel(logging.WARNING)
    return jieba


def new_jieba(entries: Iterable[tuple[str, int | None]] = ()) -> Any:
    """A fresh, private `jieba.Tokenizer` (our cache path, quiet) with `entries` [(word, freq)]
    added in order (freq None -> jieba's suggest_freq). Use
    `.tokenize(text, mode="default", HMM=False)`. Loads in ~0.6-1 s."""
    jieba = _import_jieba()
    tk = jieba.Tokenizer()
    cp = cache_path()
    try:
        cp.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(cp.parent, os.W_OK):
            raise PermissionError(13, "not writable")
        tk.tmp_dir = str(cp.parent)
        tk.cache_file = str(cp)
    except OSError as e:  # jieba just fails to write its cache and still works, slower
        _cache_unwritable(cp.parent, e)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tk.initialize()
    for word, freq in entries:
        tk.add_word(word, freq)
    return tk


_PAD = chr(0xF0000)  # Unicode private use: padding words start with it and so never match text


def rjieba_ops(entries: Iterable[tuple[str, int | None]]) -> list[tuple[str, int]]:
    """The rjieba add_word calls [(word, freq)] that reproduce jieba's dictionary state after
    jieba.add_word(word, freq) for each entry in order.

    Two differences between jieba 0.42.1 and jieba-rs make this necessary (both change some
    segmentations; found and checked by tests/analysis/test_tokenizer.py on real text):
    - freq None: jieba's suggest_freq differs from rjieba's by ~1 (rounding; jieba gives +1 to a
      word already in the dictionary), so frequencies are computed by jieba and passed explicitly;
    - re-adding a word already in the dictionary: jieba adds the new frequency to its total
      without removing the old one, jieba-rs replaces it; a padding word (private-use
      characters, never in text) with the old frequency restores jieba's total.
    The replay through jieba costs ~1 s, so its result is cached in cache_path()'s folder,
    keyed by a hash of the entries.
    """
    entries = list(entries)
    if not entries:
        return []
    key = hashlib.sha256(json.dumps(entries, ensure_ascii=False).encode()).hexdigest()[:20]
    cached = cache_path().parent / f"userdict-ops-{key}.json"
    try:
        return [(w, int(f)) for w, f in json.loads(cached.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        pass
    tk = new_jieba()
    ops: list[tuple[str, int]] = []
    for word, freq in entries:
        ops.extend(_replay(tk, word, freq, len(ops)))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(ops, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError as e:
        _cache_unwritable(cached.parent, e)
    return ops


def _replay(tk: Any, word: str, freq: int | None, n: object) -> list[tuple[str, int]]:
    """jieba.add_word(word, freq) on `tk`; returns the equivalent rjieba add_word calls."""
    prev = int(tk.FREQ.get(word, 0) or 0)
    tk.add_word(word, freq)
    ops = [(word, int(tk.FREQ[word]))]
    if prev:
        ops.append((f"{_PAD}{_PAD}{n}", prev))
    return ops


def new_fast(entries: Iterable[tuple[str, int | None]] = ()) -> Any:
    """A fresh, private `rjieba.Jieba` whose segmentation equals new_jieba(entries)'s (see
    rjieba_ops); None if rjieba is not importable. Use `.tokenize(text, "default", False)`.
    Loads in ~0.1-0.2 s (plus ~1 s once per new user dictionary, then cached)."""
    from searchapp.analysis.fastjieba import jieba_class  # deferred: loaded on first use
    cls = jieba_class()
    if cls is None:
        return None
    j = cls()
    for word, freq in rjieba_ops(entries):
        j.add_word(word, freq, None)
    return j


def load_jieba() -> Any:
    """The module's shared jieba Tokenizer (user dictionary and every add_word so far applied).
    Thread-safe; loads once."""
    global _jieba
    with _lock:
        if _jieba is None:
            _jieba = new_jieba([*userdict_entries(), *_added])
        return _jieba


def _load_fast() -> Any:
    global _fast
    if _fast is None:
        _fast = new_fast([*userdict_entries(), *_added])
    return _fast


def _ensure() -> str:
    global _backend
    if _backend is not None:
        return _backend
    with _lock:
        if _backend is None:
            want = os.environ.get("SEARCHAPP_TOKENIZER", "").strip().lower()
            if want != "jieba" and _load_fast() is not None:
                _backend = "rjieba"
            else:
                load_jieba()
                _backend = "jieba"
    return _backend


def warm() -> str:
    """Load the tokenizer's dictionary now instead of on first use; returns the backend name."""
    return _ensure()


def backend_name() -> str:
    """'rjieba' or 'jieba' (loads the backend if needed)."""
    return _ensure()


def _keep(tokens: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The (token, start, end) tuples that are not whitespace, as the backend made them."""
    return [t for t in tokens if not t[0].isspace()]


def words(text: str) -> list[tuple[str, int, int]]:
    """Precise-mode jieba tokens of `text` with code-point offsets, whitespace tokens removed.

    Returns [(token, start, end)] in text order with text[start:end] == token; punctuation tokens
    are kept (the analyzer decides). Empty text -> []. Raises TypeError for non-str input.
    """
    if not isinstance(text, str):
        raise TypeError(f"words() needs str, got {type(text).__name__}")
    if not text:
        return []
    if _ensure() == "rjieba" and _TIED_RUN.search(text) is None:
        return _keep(_fast.tokenize(text, "default", False))
    tk = _jieba if _jieba is not None else load_jieba()
    return _keep(tk.tokenize(text, mode="default", HMM=False))


def search_words(text: str) -> list[tuple[str, int, int]]:
    """Search-mode jieba tokens of `text` (each word, then the dictionary words inside it:
    `三峡工程` → 三峡, 工程, 三峡工程), whitespace removed; [(token, start, end)]. Used at query
    time for the parts of a long word (`analyzer.word_pieces`), never for indexing."""
    if not text:
        return []
    if _ensure() == "rjieba":
        return _keep(_fast.tokenize(text, "search", False))
    tk = _jieba if _jieba is not None else load_jieba()
    return _keep(tk.tokenize(text, mode="search", HMM=False))


#: A Chinese character three times in a row (`安安安`): there jieba's best route has exact ties
#: (`安|安安` and `安安|安` have the same probability), which jieba breaks towards the longer first
#: word and jieba-rs the other way; such a text is tokenized by jieba itself. An exact tie needs
#: the same words in another order, i.e. a repeated unit; 400,000 random strings over the
#: alphabet of tests/analysis/test_tokenizer.py differed only where this matches.
_TIED_RUN = re.compile(r"([\u4e00-\u9fff])\1\1")


def tokens_of(tokenizer: Any, text: str) -> list[tuple[str, int, int]]:
    """words() through a private instance from new_jieba() or new_fast()."""
    if type(tokenizer).__module__.startswith("jieba"):
        return _keep(tokenizer.tokenize(text, mode="default", HMM=False))
    return _keep(tokenizer.tokenize(text, "default", False))


_pos: Any = None  # jieba.posseg.POSTokenizer over the shared jieba Tokenizer, once loaded


def tagged_words(text: str) -> list[tuple[str, str]]:
    """Precise-mode jieba words of `text` with jieba's part-of-speech tags (ICTCLAS set: `n`
    noun, `nt` organisation, `ns` place, `nr` person, `v` verb, `p` preposition, ...; `x` for a
    word without a tag, such as a user-dictionary word added without one), HMM off, whitespace
    dropped: [(word, tag)]. Loads jieba's tag table on first use (~1 s); used at build time
    only, on the few phrases that define an abbreviation (`vocab.abbrev`)."""
    global _pos
    if not text:
        return []
    with _lock:
        if _pos is None:
            import jieba.posseg  # deferred: only a build that meets a definition needs it
            _pos = jieba.posseg.POSTokenizer(load_jieba())
        return [(p.word, p.flag) for p in _pos.cut(text, HMM=False) if not p.word.isspace()]


def reference_words(text: str) -> list[tuple[str, int, int]]:
    """words() computed by jieba itself (the reference the fast backend must equal)."""
    tk = _jieba if _jieba is not None else load_jieba()
    return _keep(tk.tokenize(text, mode="default", HMM=False))


def add_word(word: str, freq: int | None = None) -> None:
    """Add `word` to the tokenizer dictionary of every loaded backend (and of any loaded later).

    freq None -> jieba's suggest_freq(word): the lowest frequency that keeps the word whole.
    Raises ValueError for an empty or whitespace-containing word.
    """
    if not word or any(c.isspace() for c in word):
        raise ValueError(f"dictionary word must be non-empty without spaces: {word!r}")
    with _lock:
        if _fast is not None:  # needs jieba's state to stay identical (rjieba_ops): ~1 s once
            tk = load_jieba()
            _added.append((word, freq))
            for w, f in _replay(tk, word, freq, f"r{len(_added)}"):
                _fast.add_word(w, f, None)
        else:
            _added.append((word, freq))
            if _jieba is not None:
                _jieba.add_word(word, freq)
