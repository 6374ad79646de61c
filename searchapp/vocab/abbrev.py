"""Abbreviation pairs an archive defines itself: mined from the indexed text at build time.

    mine(text) -> {(full, short)}          the pairs one text defines (strict rules below)
    candidates(text) -> (...);  resolve(candidates) -> {(full, short)}
                                           mine in two stages: the first needs no jieba tags
                                           (a build's writers run it), the second reads names
    Pairs(by_pair)                         {(full, short): {article id}}, merged over a corpus
    Pairs.add(article_id, title, body);  Pairs.drop(ids);  Pairs.table() -> {key: (term, ...)}
    encode(pairs) -> bytes;  decode(data) -> Pairs      the per-generation file (ValueError)
    read(folder) -> Pairs | None            the generation's file, or None (missing, damaged)

Definitions read (after NFKC: full-width brackets and letters count as half-width):
  A  全称（简称）  全称(简称)           `世界贸易组织（世贸组织）`, `北京大学(北大)`
  B  全称（以下简称X） （简称X） （下称X） （以下称X）   and `全称，简称X。` / `全称简称“X”`
  C  中文名（ACRONYM）  中文名（English Words, ACRONYM）   `国际货币基金组织（IMF）`
  D  ACRONYM（中文名）                                     `APEC（亚太经济合作组织）`

Rules, all conservative (a pair a reader would not accept is worse than a pair missed):
- A Chinese short form is 2-8 ideographs built from characters of the full name in order, and
  not a contiguous piece of it (`三峡工程（工程）` is no abbreviation), without the characters
  of page, date and credit notes (`第…版`, `图`, `摄`, `年月日`; `_NOT_IN_SHORT`).
- An acronym is 2-10 Latin capitals and digits with at least two capitals (`WTO`, `G7` is
  too short, `ASEAN`), at most two digits (`HMC5010X` is a model), not a unit (`KM`, `MHZ`:
  `_UNITS`); when the English words are given in the brackets, their initials must spell it (in order, words like `of`/`and` optional).
- A Chinese full name read BEFORE a bracket is where its start is not marked: it is the
  longest run of noun-like words (jieba tags `_NAME_TAGS`: organisation, noun, place, …)
  that ends at the bracket (and name heads such as `组织`, place words such as `北方`:
  `_NAME_HEADS`), so `中国加入世界贸易组织（WTO）` gives `世界贸易组织`; a person
  name (`nr`), a time or number word, a verb or a preposition ends it. It has 2-20 ideographs
  and is not a person name alone; the name of an acronym has at least 3 (`计划（GLOBLE）`:
  a common word is no name); a name glued to Latin letters or digits before it is cut
  (`X射线…（CT）`) and refused.
- A Chinese full name INSIDE brackets after an acronym (D) is the bracket's whole content,
  2-20 ideographs (`·` allowed), without credit or caption words (`记者`, `摄`, `图`, `报道`).
- A definition must stand at a word edge: the character before an acronym is no Latin letter
  or digit; quotation marks, digits and other brackets end a full name.
Each pair records the articles that define it (ids); `Pairs.table` gives every term its
partners, for query time (`query.synonyms.Thesaurus`).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from searchapp.analysis.analyzer import squeeze_many
from searchapp.analysis.text import to_simplified
from searchapp.analysis.tokenizer import tagged_words

__all__ = ["mine", "candidates", "resolve", "Pairs", "encode", "decode", "read", "FILE", "FORMAT", "MIN_ARTICLES"]

log = logging.getLogger("searchapp")

#: The per-generation file (written by `index.build` inside the generation folder).
FILE = "abbreviations.json"
FORMAT = 1
#: Articles that must define a pair before it is used at query time.
MIN_ARTICLES = 1
#: Full names a short form may stand for at query time (the most defined, if several).
MAX_FULL = 3

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_BEFORE = re.compile(f"[{_HAN}]{{2,24}}$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}")
_ACRONYM_END = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9&]{1,9})$")
_BRACKET = re.compile(r"\(([^()\n]{1,60})\)")
_DEFINE = re.compile(r"^(?:以下简称|以下称|下称|简称)为?[:：]?[\"“「『]?(.+?)[\"”」』]?$")
_SHORT_AFTER = re.compile(
    f"[,，]?(?:以下简称|简称)为?[:：]?([\"“「『])?([{_HAN}]{{2,8}}|[A-Z][A-Z0-9&]{{1,9}})"
    r"(?(1)[\"”」』]|(?=[,，。;；、!！?？)\s]|$))")
_ENGLISH = re.compile(r"^([A-Za-z][A-Za-z.'\-]*(?:\s+[A-Za-z][A-Za-z.'\-]*)+)\s*[,，;；]\s*"
                      r"([A-Z][A-Z0-9&]{1,9})$")
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "de", "la", "et", "&"})
#: Jieba tags of the words a name is made of (ICTCLAS set): nouns, organisations, places,
#: other proper nouns, noun-verbs, abbreviations, idioms, distinguishing words.
_NAME_TAGS = frozenset({"n", "nt", "ns", "nz", "nl", "ng", "vn", "an", "j", "l", "b"})
#: Words that head a name whatever jieba tags them (`组织` is tagged a verb), and place words
#: (`f`, `北方`, `中部`) that may start one; these never do (`以上`, `之间`, …).
_NAME_HEADS = frozenset({"组织", "计划", "联合会", "集团", "中心", "机构", "论坛", "同盟",
                         "协定", "条约", "公约", "会议", "大会", "项目", "工程"})
_NOT_PLACE = frozenset({"以上", "以下", "之间", "之后", "之前", "以来", "其中", "当中", "之中",
                        "之外", "以外", "以后", "以前", "之上", "之下"})
_NOT_IN_SHORT = frozenset("第版图摄年月日时号期续完注见页")
_NOT_IN_FULL_INSIDE = ("记者", "摄", "图", "报道", "通讯员", "见第", "下同", "同上")
_UNITS = frozenset({"KM", "CM", "MM", "KG", "MG", "KW", "MW", "GW", "KWH", "HZ", "KHZ", "MHZ",
                    "GHZ", "KB", "MB", "GB", "TB", "PB", "AM", "PM", "ML", "DB", "PPM", "TV"})


def _clean(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text))


def _han(s: str) -> bool:
    return bool(s) and all(re.match(f"[{_HAN}·]", c) for c in s)


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _chinese_short(short: str, full: str) -> bool:
    """`short` abbreviates `full`: its characters in order, not a contiguous piece of it."""
    return (2 <= len(short) < len(full) and len(short) <= 8 and _han(short)
            and not (set(short) & _NOT_IN_SHORT) and _subsequence(short, full)
            and short not in full)


def _acronym(s: str) -> bool:
    """2-10 capitals and digits, at least two capitals, at most two digits (`HMC5010X` is a
    model number), no unit."""
    return (bool(_ACRONYM.fullmatch(s)) and sum(c.isupper() for c in s) >= 2
            and sum(c.isdigit() for c in s) <= 2 and s not in _UNITS)


def _initials_match(english: str, acronym: str) -> bool:
    """The initials of `english`'s words spell `acronym` (small words may be left out)."""
    words = [w for w in re.split(r"[\s\-]+", english) if w]
    letters = [c for c in acronym if c.isalpha()]

    def fit(i: int, j: int) -> bool:
        if j == len(letters):
            return all(w.lower() in _SMALL_WORDS for w in words[i:])
        if i == len(words):
            return False
        w = words[i]
        if w[0].upper() == letters[j] and fit(i + 1, j + 1):
            return True
        return w.lower() in _SMALL_WORDS and fit(i + 1, j)

    return fit(0, 0)


def _name_before(text: str, end: int) -> str:
    """The Chinese name that ends at `end` (see the module's rules), or ""."""
    while end > 0 and text[end - 1] == " ":  # `虚拟现实 (VR)`: letter-spaced print
        end -= 1
    m = _RUN_BEFORE.search(text, 0, end)
    if not m:
        return ""
    kept: list[str] = []
    for word, tag in reversed(tagged_words(m.group())):
        if not (tag in _NAME_TAGS or word in _NAME_HEADS
                or (tag == "f" and len(word) >= 2 and word not in _NOT_PLACE)):
            break
        kept.append(word)
    name = "".join(reversed(kept))
    if not (2 <= len(name) <= 20) or not _han(name):
        return ""
    before = text[m.end() - len(name) - 1:m.end() - len(name)]
    if before.isascii() and before.isalnum():  # `X射线…`: the name goes on in Latin letters
        return ""
    return name


#: Characters before a bracket that decide the full name read before it: the longest run
#: `_RUN_BEFORE` takes (24), a line break its `$` may stand before, the character before the name.
_CONTEXT = 32


def _context(text: str, end: int) -> str:
    """What `_name_before(text, end)` reads: the text before `end` (trailing spaces dropped),
    its last _CONTEXT characters; `_name_before(ctx, len(ctx))` gives the same name."""
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return text[max(0, end - _CONTEXT):end]


def candidates(text: str) -> tuple[tuple[str, str, str], ...]:
    """Stage 1 of `mine`: the definitions `text` may make, without the part-of-speech tags
    (so no jieba tag table is loaded): ("pair", full, short) for a pair already decided, or
    (kind, context before the definition, short form) for one whose full name is read by
    `resolve` (kind "acronym", "chinese" or "after": rules C, A/B and B without brackets).
    `resolve(candidates(text)) == mine(text)`. Never raises for any str."""
    if not text or "(" not in text and "（" not in text and "简称" not in text:
        return ()
    t = _clean(text)
    out: list[tuple[str, str, str]] = []
    for m in _BRACKET.finditer(t):
        inner = m.group(1).strip()
        start = m.start()
        define = _DEFINE.match(inner)
        if define:
            inner = define.group(1).strip()
        if _acronym(inner) or (_ENGLISH.match(inner) and not define):  # C
            english = _ENGLISH.match(inner)
            short = english.group(2) if english else inner
            if english and not _initials_match(english.group(1), short):
                continue
            if not _acronym(short):
                continue
            out.append(("acronym", _context(t, start), short))
            continue
        if _han(inner) and not define:
            acr = _ACRONYM_END.search(t[max(0, start - 12):start].rstrip(" "))
            if acr and _acronym(acr.group(1)):  # D
                if 3 <= len(inner) <= 20 and not any(w in inner for w in _NOT_IN_FULL_INSIDE):
                    out.append(("pair", inner, acr.group(1)))
                continue
        if _han(inner):  # A and B
            out.append(("chinese", _context(t, start), inner))
    for m in _SHORT_AFTER.finditer(t):  # B without brackets: `全称，简称X`
        out.append(("after", _context(t, m.start()), m.group(2)))
    return tuple(out)


def resolve(found: Iterable[tuple[str, str, str]]) -> set[tuple[str, str]]:
    """Stage 2 of `mine`: the pairs of `candidates(text)`, reading each full name with
    jieba's part-of-speech tags (`_name_before`). Never raises for candidates' output."""
    out: set[tuple[str, str]] = set()
    for kind, a, short in found:
        if kind == "pair":
            out.add((a, short))
            continue
        full = _name_before(a, len(a))
        if kind == "acronym":
            if len(full) >= 3 and not _person(full):
                out.add((full, short))
        elif kind == "chinese":
            if full and _chinese_short(short, full):
                out.add((full, short))
        elif full and not _person(full) and (
                (_acronym(short) and len(full) >= 3) or _chinese_short(short, full)):
            out.add((full, short))
    return out


def mine(text: str) -> set[tuple[str, str]]:
    """The (full name, short form) pairs `text` defines (module docstring), as written after
    NFKC and traditional-to-simplified folding: `resolve(candidates(text))`. Never raises
    for any str."""
    return resolve(candidates(text))


def _person(name: str) -> bool:
    """The name is a person's name alone (jieba tags it `nr`)."""
    tags = tagged_words(name)
    return len(tags) == 1 and tags[0][1].startswith("nr")


class Pairs:
    """Mined pairs over a corpus: {(full, short): set of the article ids that define it}."""

    def __init__(self, by_pair: dict[tuple[str, str], set[str]] | None = None):
        self.by_pair: dict[tuple[str, str], set[str]] = by_pair or {}

    def add(self, article_id: str, *texts: str | None) -> None:
        """Record the pairs the article's texts (title, body, …) define."""
        self.add_found(article_id, (candidates(t) for t in texts if t))

    def add_found(self, article_id: str, found: Iterable[tuple[tuple[str, str, str], ...]]) -> None:
        """Record the pairs of the article's texts given as their `candidates` (one tuple a
        text): the same as `add` with the texts."""
        for cands in found:
            for pair in resolve(cands):
                self.by_pair.setdefault(pair, set()).add(article_id)

    def merge(self, other: "Pairs") -> None:
        """Add what `other` records (the ids of a pair both hold are united)."""
        for pair, ids in other.by_pair.items():
            self.by_pair.setdefault(pair, set()).update(ids)

    def drop(self, ids: Iterable[str]) -> None:
        """Forget what the articles `ids` defined (deleted or rewritten articles)."""
        gone = set(ids)
        if not gone:
            return
        for pair in list(self.by_pair):
            left = self.by_pair[pair] - gone
            if left:
                self.by_pair[pair] = left
            else:
                del self.by_pair[pair]

    def counts(self) -> dict[tuple[str, str], int]:
        """{(full, short): articles defining it}."""
        return {p: len(ids) for p, ids in self.by_pair.items()}

    def table(self, min_articles: int = MIN_ARTICLES) -> dict[str, tuple[str, ...]]:
        """{squeezed term: (partner as written, ...)}: a full name's short forms and a short
        form's full names (at most MAX_FULL, those defined in the most articles), over pairs
        defined in at least `min_articles` articles; the most defined first."""
        kept = [(full, short, len(ids)) for (full, short), ids in self.by_pair.items()
                if len(ids) >= min_articles]
        keys = iter(squeeze_many([t for full, short, _ in kept for t in (full, short)]))
        out: dict[str, list[tuple[int, str]]] = {}
        for full, short, n in kept:
            kf, ks = next(keys), next(keys)
            if kf == ks:
                continue
            out.setdefault(kf, []).append((n, short))
            out.setdefault(ks, []).append((n, full))
        table = {}
        for key, partners in out.items():
            partners.sort(key=lambda x: (-x[0], x[1]))
            table[key] = tuple(dict.fromkeys(p for _, p in partners[:MAX_FULL]))
        return table


def encode(pairs: Pairs) -> bytes:
    """The per-generation file: JSON {"format", "pairs": [[full, short, [ids]]], "sha256"} with
    the sha256 of the canonical "pairs" value (so damage that still parses is found)."""
    body = sorted([f, s, sorted(ids)] for (f, s), ids in pairs.by_pair.items())
    return json.dumps({"format": FORMAT, "pairs": body, "sha256": _digest(body)},
                      ensure_ascii=False).encode("utf-8")


def _digest(body: list) -> str:
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def decode(data: bytes) -> Pairs:
    """Inverse of `encode`. Raises ValueError when the data is not such a file (another
    format, damaged, checksum mismatch)."""
    try:
        doc = json.loads(data.decode("utf-8"))
        body = doc["pairs"]
        ok = doc.get("format") == FORMAT and doc.get("sha256") == _digest(body)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ValueError(f"not an abbreviation file: {e}") from e
    if not ok:
        raise ValueError("abbreviation file of another format or damaged (checksum)")
    try:
        return Pairs({(str(f), str(s)): set(map(str, ids)) for f, s, ids in body})
    except (TypeError, ValueError) as e:
        raise ValueError(f"abbreviation file damaged: {e}") from e


def read(folder: Path) -> Pairs | None:
    """The pairs of the generation in `folder`, or None when it has no such file (written
    before mining existed) or the file is damaged; damage is logged (warning on the
    `searchapp` logger) and never raised: search goes on without mined pairs."""
    path = Path(folder) / FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        log.warning("mined abbreviations not used: cannot read %s (%s)", path, e)
        return None
    try:
        return decode(data)
    except ValueError as e:
        log.warning("mined abbreviations not used: %s is damaged (%s)", path, e)
        return None
