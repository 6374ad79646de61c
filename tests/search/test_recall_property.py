"""Exact-substring recall: for any string cut out of an article (title, body or metadata), the
results contain every article in whose fields its literal form occurs (`analysis.literal`:
normalised, spaces and in-word punctuation ignored, at Latin word edges, never across a sentence
or clause break or from one field into the next) — 100%, whatever jieba does. A string cut
within one sentence at Latin word edges always finds the article it was cut from."""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from searchapp import engine
from searchapp.analysis import compact
from searchapp.analysis.literal import latin, literal_find, literal_form, literal_needle
from searchapp.engine.store.schema import META_FIELDS
from searchapp.request import SearchRequest
from searchapp.search import search

_OPERATOR = re.compile(r'["\-:|()+]|(^|\s)(OR|AND|NOT)(\s|$)')
_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»「」『』〝〞"})


@pytest.fixture(scope="module")
def articles(handle):
    with handle.searcher() as s:
        arts = list(engine.all_articles(s))
    fields = []
    for a in arts:
        texts = [a.title, a.body] + [getattr(a, f) for f in META_FIELDS]
        fields.append((a.id, [t for t in texts if t], [literal_form(t) for t in texts if t]))
    return fields


def brute(articles, q: str) -> set[str]:
    """The definition, applied to every field of every stored article."""
    n = literal_needle(q)
    return {aid for aid, _, forms in articles if any(literal_find(x, n) >= 0 for x in forms)}


def whole(text: str, i: int, n: int) -> bool:
    """text[i:i+n] starts and ends at Latin word edges and crosses no break."""
    sub = text[i:i + n]
    if i > 0 and latin(text[i - 1]) and (latin(sub[0]) or sub[0] == "."):
        return False
    if i + n < len(text) and latin(text[i + n]) and latin(sub[-1]):
        return False
    if i + n < len(text) and text[i + n] in "+#" and sub[-1] in "+#":
        return False
    return "\n" not in literal_form("\u00b7" + sub + "\u00b7").strip("\n")


def sample(articles, rng: random.Random, kind: str) -> tuple[str, str, bool]:
    """(substring, id of the article it was cut from, whether it was cut whole: `whole`)."""
    while True:
        aid, texts, _ = rng.choice(articles)
        t = rng.choice(texts)
        n = rng.randint(1, 8)
        if len(t) < n:
            continue
        i = rng.randrange(0, len(t) - n + 1)
        sub = t[i:i + n]
        if not compact(sub) or not any(ch.isalnum() for ch in sub):
            continue  # nothing searchable (whitespace or punctuation only)
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in sub)
        has_latin = any(ch.isascii() and ch.isalnum() for ch in sub)
        if kind == "zh" and not (has_cjk and not has_latin):
            continue
        if kind == "latin" and not (has_latin and not has_cjk):
            continue
        if kind == "mixed" and not (has_cjk and has_latin):
            continue
        return sub, aid, whole(t, i, n)


def as_queries(sub: str) -> list[str]:
    """The raw string when it holds no query syntax, and always the quoted phrase."""
    folded = unicodedata.normalize("NFKC", sub).translate(_QUOTES)
    quoted = '"' + folded.replace('"', " ") + '"'
    return [quoted] if _OPERATOR.search(folded) else [sub, quoted]


def found(handle, q: str) -> set[str]:
    r = search(handle, SearchRequest(q=q, size=100, snippets=False, facets=False))
    assert r.total <= 100
    return {h.id for h in r.hits}


@pytest.mark.slow
@pytest.mark.parametrize("kind,count", [("zh", 100), ("latin", 40), ("mixed", 30), ("any", 40)])
def test_results_contain_every_literal_match(handle, articles, kind, count):
    rng = random.Random(f"recall-{kind}")
    checked = cut_whole = tries = 0
    while (checked < 2 * count or cut_whole < count // 2) and tries < 20 * count:
        tries += 1
        sub, source, cut = sample(articles, rng, kind)
        want = brute(articles, sub)
        if cut:  # cut within a sentence at word edges: its own article holds it literally
            assert source in want, sub
            cut_whole += 1
        for q in as_queries(sub):
            missing = want - found(handle, q)
            assert not missing, (q, missing)
            checked += bool(want)
    assert checked >= 2 * count and cut_whole >= count // 2


def test_traditional_and_full_width_forms_recall_too(handle, articles):
    rng = random.Random("recall-forms")
    for _ in range(25):
        sub, _, _ = sample(articles, rng, "latin")
        wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in sub)
        q = '"' + wide.replace("＂", " ") + '"'
        assert brute(articles, sub) <= found(handle, q), q


def test_traditional_forms_recall_too(handle, articles):
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random("recall-trad")
    for _ in range(25):
        sub, _, _ = sample(articles, rng, "zh")
        trad = s2t.convert(sub)
        q = '"' + unicodedata.normalize("NFKC", trad).translate(_QUOTES).replace('"', " ") + '"'
        assert brute(articles, trad) <= found(handle, q), (sub, trad)
