"""Topic labels (`5G`, `security`, `AI`, … ) from an editable rule file, `data/topics.toml`.

A topic is given only when it is a *main subject* of the article, the way an editor labels:

1. **Headline**: the title holds topic terms of total weight ≥ `title_weight` → topic.
2. **Body share**: otherwise the body is cut into sentences (at 。！？； and line breaks); the
   topic is given when the weighted number of term mentions is ≥ `min_hits` *and* the share of
   sentences mentioning the topic is ≥ `min_share` (default 0.25, i.e. a quarter of the
   text is about it). A passing mention (`5G、人工智能等新技术` once or twice) fails both.

Terms are matched on normalised text (`searchapp.text.normalize`: NFKC, traditional →
simplified, case-folded) with whitespace removed, longest term first, without overlaps; a term
made of Latin letters/digits must not touch other Latin letters or digits (`AI` ≠ `email`).
Users add a topic or a term by editing the TOML file; see `load_rules` for the format.

Names: the table name (`AI`) is the topic's stable *key*: stored in the index, used in URLs and
as facet `value`. Optional `label` (display name, `人工智能`) and `aliases` are what users see and
may type; `resolve(name)` maps key, label or alias (any case, any width, traditional or
simplified) to the key wherever a topic filter enters (the `topic` request parameter and `topic:`
in the query language), and `label(key)` gives the display name.
"""
from __future__ import annotations

import bisect
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from searchapp.analysis.text import normalize

DEFAULT_RULES = Path(__file__).with_name("data") / "topics.toml"
_SENT = re.compile(r"[。！？!?；;\n]+")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class TopicRule:
    """One topic: `name` (the key), `terms` (normalised term → weight), thresholds (see module
    doc), display `label` (defaults to the key) and `aliases` (other names users may type)."""

    name: str
    terms: dict[str, float]
    title_weight: float
    min_share: float
    min_hits: float
    pattern: re.Pattern
    label: str = ""
    aliases: tuple[str, ...] = ()


class RulesError(ValueError):
    """The topic rule file is missing, not TOML, or has a malformed topic table."""


def _pattern(terms: dict[str, float]) -> re.Pattern:
    alts = []
    for t in sorted(terms, key=len, reverse=True):
        p = re.escape(t)
        if re.match(r"[a-z0-9]", t):
            p = r"(?<![a-z0-9])" + p
        if re.search(r"[a-z0-9]$", t):
            p += r"(?![a-z0-9])"
        alts.append(p)
    return re.compile("|".join(alts) if alts else r"(?!x)x")


def load_rules(path: str | Path | None = None) -> list[TopicRule]:
    """Read topic rules from `path` (default `searchapp/data/topics.toml`). Format:
    `[defaults]` with `title_weight`, `min_share`, `min_hits`; one `[topics.NAME]` table per
    topic with `terms = {"term" = weight}`, optional `label = "显示名"`, `aliases = ["…"]` and
    optional overrides. Returns rules in file order.
    Raises RulesError on a missing/invalid file or a topic without terms."""
    p = Path(path) if path else DEFAULT_RULES
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise RulesError(f"cannot read topic rules {p}: {e}") from e
    d = data.get("defaults", {})
    rules = []
    for name, spec in (data.get("topics") or {}).items():
        terms = spec.get("terms") if isinstance(spec, dict) else None
        if not isinstance(terms, dict) or not terms:
            raise RulesError(f"topic {name!r} in {p} has no `terms` table")
        norm = {_WS.sub("", normalize(k)): float(v) for k, v in terms.items() if k.strip()}
        label = spec.get("label", name)
        aliases = spec.get("aliases", [])
        if not isinstance(label, str) or not isinstance(aliases, list) or not all(
                isinstance(a, str) for a in aliases):
            raise RulesError(f"topic {name!r} in {p}: `label` must be a string and `aliases` a "
                             "list of strings")
        rules.append(TopicRule(
            name=name, terms=norm,
            title_weight=float(spec.get("title_weight", d.get("title_weight", 1.0))),
            min_share=float(spec.get("min_share", d.get("min_share", 0.25))),
            min_hits=float(spec.get("min_hits", d.get("min_hits", 3.0))),
            pattern=_pattern(norm), label=label.strip() or name,
            aliases=tuple(a.strip() for a in aliases if a.strip())))
    return rules


@functools.lru_cache(maxsize=1)
def _default_rules() -> tuple[TopicRule, ...]:
    return tuple(load_rules())


def _name_key(s: str) -> str:
    return _WS.sub("", normalize(s))


def _names(rules) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rules:
        for n in (r.name, r.label, *r.aliases):
            out.setdefault(_name_key(n), r.name)
    return out


@functools.lru_cache(maxsize=1)
def _default_names() -> dict[str, str]:
    return _names(_default_rules())


def resolve(value: str, rules=None, known=()) -> str | None:
    """The topic key named by `value` (a key, display label or alias; compared after
    `text.normalize` without spaces, so case, width and traditional/simplified do not matter),
    else the value of `known` (e.g. topic keys present in an index) equal to it that way, else
    None. `rules`: a list from `load_rules`, default the bundled file."""
    if not value or not value.strip():
        return None
    k = _name_key(value)
    names = _default_names() if rules is None else _names(rules)
    if k in names:
        return names[k]
    for v in known:
        if _name_key(v) == k:
            return v
    return None


def label(key: str, rules=None) -> str:
    """Display name of topic `key` (its `label`, else the key itself)."""
    for r in (_default_rules() if rules is None else rules):
        if r.name == key:
            return r.label or r.name
    return key


def keys(rules=None) -> list[str]:
    """Topic keys of the rule file, in file order."""
    return [r.name for r in (_default_rules() if rules is None else rules)]


def _weight(rule: TopicRule, text: str) -> float:
    return sum(rule.terms[m.group(0)] for m in rule.pattern.finditer(text))


def scores(title: str, body: str, rules=None) -> dict[str, dict[str, float]]:
    """Per topic: {"title": weight in title, "hits": weighted mentions in body, "share":
    share of body sentences mentioning it}. For inspection and the docs."""
    rules = _default_rules() if rules is None else rules
    t = _WS.sub("", normalize(title or ""))
    sents = [_WS.sub("", s) for s in _SENT.split(normalize(body or ""))]
    sents = [s for s in sents if len(s) >= 4]
    # one regex pass per rule over the kept sentences joined by "\n" (no term contains one, and
    # the patterns' look-arounds treat it like a string edge), each match credited to its
    # sentence: the same sums as a pass per sentence, ~3× faster on a build
    joined = "\n".join(sents)
    starts, pos = [], 0
    for snt in sents:
        starts.append(pos)
        pos += len(snt) + 1
    out = {}
    for r in rules:
        ws = [0] * len(sents)
        # a match is one of the rule's terms as it stands: where none occurs (most articles,
        # most topics) the pattern, slow over long text, cannot match and is not run
        if any(term in joined for term in r.terms):
            for m in r.pattern.finditer(joined):
                ws[bisect.bisect_right(starts, m.start()) - 1] += r.terms[m.group(0)]
        share = (sum(1 for w in ws if w > 0) / len(sents)) if sents else 0.0
        out[r.name] = {"title": _weight(r, t), "hits": sum(ws), "share": round(share, 4)}
    return out


def classify(title: str, body: str, rules=None, *, series: str | None = None) -> list[str]:
    """Topic labels of an article (list[str], in rule-file order; [] when none). `rules` is a
    list from `load_rules`, default the bundled file (read once). `series` (optional) is the
    headline of the compilation the article belongs to: when it names the topic, half the
    usual body share suffices (a piece of an AI-conference compilation that itself discusses
    AI in a sixth of its sentences is about AI; one that never mentions it is not)."""
    rules = _default_rules() if rules is None else rules
    sc = scores(title, body, rules)
    ser = _WS.sub("", normalize(series or ""))
    out = []
    for r in rules:
        s = sc[r.name]
        share = r.min_share / 2 if ser and _weight(r, ser) >= r.title_weight else r.min_share
        if s["title"] >= r.title_weight or (s["hits"] >= r.min_hits and s["share"] >= share):
            out.append(r.name)
    return out


def topics_of(title: str, body: str) -> list[str]:
    """`classify(title, body)` with the bundled rules; [] when a rule fails (an article being
    read is kept): the topics a reader gives an article that has none (`ingest.reading`)."""
    try:
        return list(classify(title, body))
    except Exception:  # noqa: BLE001 - a topic rule bug must not lose the article
        return []
