"""Outlet (source) names normalised so that one outlet is one facet value.

`normalize_source(name, url=None) -> str | None`:
  1. Clean the written name: NFKC (full-width → half-width), traditional → simplified, drop a leading "来源："/"稿源："/
     "来自"/"转自", surrounding brackets (【】《》「」()), trailing "报道"/"消息"/"讯", and
     whitespace between Chinese characters ("人民 日报" → "人民日报"; PDF letter-spacing).
  2. Look the cleaned name up in `[aliases]` of `searchapp/data/sources.toml` (compared
     traditional→simplified (OpenCC t2s, `searchapp.text.to_simplified`), case-folded, without
     spaces), e.g. "中新网" → "中国新闻网", "新浪新闻" → "新浪网", "新華網" → "新华网".
  3. A name that is a host or URL ("news.sina.com.cn") is mapped with `[hosts]`.
  4. "A-B" / "A－B" / "A|B" (e.g. "人民网-人民日报"): when A is a known outlet, A.
  5. No name at all: the outlet of `url`'s host from `[hosts]` (longest matching domain), else
     None (an unknown host is not turned into a made-up outlet name).
  6. A name matched by none of these is returned in simplified characters ("聯合報" → "联合报"),
     so one outlet written in either script is one facet value, and the facet filter
     `source=联合报` finds what the query `source:联合报` (analysed with t2s) finds.
No general rule strips "网" or "新闻": 中国新闻网 and 中国网 are different outlets, and so are
人民日报 (newspaper) and 人民网 (its site); such pairs are only joined by an explicit alias.

The data file is read once (lazily) and can be edited without touching code; `load_sources
(path)` reads another file (tests).
"""
from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from searchapp.analysis.text import to_simplified

DATA_FILE = Path(__file__).resolve().parent / "data" / "sources.toml"

_PREFIX = re.compile(r"^(?:本文|文章|新闻)?(?:来源|稿源|来自|转自|出处|source)\s*[:：]?\s*", re.I)
_SUFFIX = re.compile(r"(?:报道|消息|讯|供稿)$")
_BRACKETS = [("【", "】"), ("《", "》"), ("「", "」"), ("(", ")"), ("[", "]"), ("“", "”"), ('"', '"')]
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_SPLIT = re.compile(r"\s*[-－—–|｜/]\s*")
_HOSTLIKE = re.compile(r"^(?:https?://)?([a-z0-9-]+\.)+[a-z]{2,}(?:[:/].*)?$", re.I)


def _key(s: str) -> str:
    """Lookup key of a name: NFKC, traditional→simplified (OpenCC t2s), no spaces, case-folded."""
    return to_simplified(re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))).casefold()


@functools.lru_cache(maxsize=4)
def load_sources(path: Path = DATA_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """Read the data file. Returns (hosts, aliases): host → outlet, alias key → outlet.
    A missing or broken file gives empty tables (names are then only cleaned, never lost)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}, {}
    hosts = {str(k).lower().strip("."): str(v) for k, v in data.get("hosts", {}).items()}
    aliases = {_key(str(k)): str(v) for k, v in data.get("aliases", {}).items()}
    for outlet in set(hosts.values()) | set(aliases.values()):
        aliases.setdefault(_key(outlet), outlet)
    return hosts, aliases


def source_for_host(host_or_url: str | None) -> str | None:
    """Outlet for a URL or host by the longest matching domain in `[hosts]`, or None."""
    if not host_or_url:
        return None
    s = host_or_url.strip()
    host = urlsplit(s if "//" in s else "//" + s).hostname or ""
    host = host.lower().removeprefix("www.")
    hosts, _ = load_sources()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in hosts:
            return hosts[cand]
    return None


def is_known_outlet(name: str | None) -> bool:
    """True when `name` (as written) is an outlet or alias in the data file."""
    if not name:
        return False
    _, aliases = load_sources()
    return _key(name) in aliases


#: The noun that ends a news outlet's name, in either script: 社 agency, 报 paper, 台 station,
#: 网 site, 刊 periodical. Readers that must tell an outlet they do not know by its shape use it
#: (`outlet_shaped`; the wire dateline's outlet, `ingest.datelines`).
OUTLET_NOUNS = "社报報台臺网網刊"
_OUTLET_SHAPE = re.compile(rf"[\u3400-\u9fff]{{2,12}}[{OUTLET_NOUNS}]")


def outlet_shaped(name: str) -> bool:
    """True when `name` has an outlet's shape: 2–12 Han characters, then one of OUTLET_NOUNS
    (`人民日报`, `某某网`); says nothing of whether such an outlet exists."""
    return bool(_OUTLET_SHAPE.fullmatch(name))


def clean_source(name: str | None) -> str | None:
    """Step 1 of `normalize_source` only: the written name cleaned, or None if nothing is left."""
    if not name:
        return None
    s = to_simplified(unicodedata.normalize("NFKC", str(name))).strip()
    s = _PREFIX.sub("", s).strip()
    for _ in range(2):
        for a, b in _BRACKETS:
            if s.startswith(a) and s.endswith(b) and len(s) > 2:
                s = s[1:-1].strip()
    s = _CJK_SPACE.sub("", s)
    if len(s) > 3:
        s = _SUFFIX.sub("", s).strip()
    s = re.sub(r"\s+", " ", s).strip(" :：,，;；.。")
    return s or None


def normalize_source(name: str | None, url: str | None = None) -> str | None:
    """The one facet value for an outlet written as `name` (or, without a name, the outlet of
    `url`'s host). Returns None when neither tells. See the module docstring for the rules."""
    hosts, aliases = load_sources()
    s = clean_source(name)
    if s:
        hit = aliases.get(_key(s))
        if hit:
            return hit
        if _HOSTLIKE.match(s):
            return source_for_host(s) or s
        parts = [p for p in _SPLIT.split(s) if p]
        if len(parts) > 1:
            for p in parts:
                hit = aliases.get(_key(p))
                if hit:
                    return hit
        return to_simplified(s)
    return source_for_host(url)
