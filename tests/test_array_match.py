"""Array matching (searchapp/array_match.py) gives Whoosh's own matches and scores, on a real
multi-segment index with deleted documents, for the query trees searchapp builds at every
relaxation level; and an excluded word really excludes (Whoosh's AndNotMatcher does not always).
"""
from __future__ import annotations

import json
import random

import pytest
from whoosh import collectors

from searchapp.engine import build as QB
from searchapp.analysis import word_tokens
from searchapp.engine.match.arrays import scored_matches
from searchapp.index import build, open_index
from searchapp.query import parse
from searchapp.request import SearchRequest
from searchapp.search import search
from searchapp.search.searching import _topics
from searchapp.analysis.text import compact


def _write(path, arts):
    with open(path, "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def pfr_index(tmp_path_factory, shared_dir):
    """300 real People's Daily articles in 3 files, indexed, then one file changed and
    re-indexed incrementally: the live index has several segments and deleted documents."""
    from bench.pfr import articles

    arts = articles(limit=300)
    d = tmp_path_factory.mktemp("pfr")
    src, ix = d / "src", d / "ix"
    src.mkdir()
    for i in range(3):
        _write(src / f"part{i}.jsonl", arts[i * 100:(i + 1) * 100])
    build([src], ix)
    changed = [dict(a, body=a["body"] + "\n补充报道。") for a in arts[100:200]]
    _write(src / "part1.jsonl", changed)
    build([src], ix)
    return open_index(ix), arts


def _whoosh(searcher, q) -> dict[int, float]:
    c = collectors.UnlimitedCollector()
    searcher.search_with_collector(q, c)
    return {d: round(sc or 0.0, 6) for sc, d in c.items}


def _queries(arts, n: int, seed: int) -> list[str]:
    """Random queries of 1-3 words from real titles: plain, joined, quoted, OR, title:."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        toks = word_tokens(rng.choice(arts)["title"])
        if not toks:
            continue
        k = rng.randint(1, min(3, len(toks)))
        i = rng.randrange(len(toks) - k + 1)
        ws = toks[i:i + k]
        form = rng.randrange(5)
        if form == 0:
            out.append(" ".join(ws))
        elif form == 1:
            out.append("".join(ws))
        elif form == 2:
            out.append('"' + "".join(ws) + '"')
        elif form == 3:
            out.append(" OR ".join(ws))
        else:
            out.append("title:" + ws[0] + (" " + " ".join(ws[1:]) if len(ws) > 1 else ""))
    return out


def test_index_has_segments_and_deletions(pfr_index):
    h, _ = pfr_index
    with h.searcher() as s:
        leaves = [sub.reader() for sub, _ in s.leaf_searchers()]
        assert len(leaves) > 1
        assert any(r.has_deletions() for r in leaves)


def test_same_matches_and_scores_as_whoosh(pfr_index):
    h, arts = pfr_index
    checked = 0
    with h.searcher() as s:
        topics = _topics(s)
        for text in _queries(arts, 120, seed=7):
            plan = parse(text)
            for level in QB.LEVELS:
                q = QB.build(plan, level, topics)
                want = _whoosh(s, q)
                got = {d: round(v, 6) for d, v in scored_matches(s, q).items()}
                assert got == want, (text, level, q)
                checked += len(want)
    assert checked > 1000  # the queries really matched things


def test_excluded_word_excludes(pfr_index):
    """`a -b` never returns an article containing b (Whoosh 2.7's AndNotMatcher keeps the
    first match of `a` when `b`'s first posting comes before it: seen on real data)."""
    h, arts = pfr_index
    rng = random.Random(3)
    pairs = 0
    for _ in range(60):
        toks = list(dict.fromkeys(t for t in word_tokens(rng.choice(arts)["body"][:200])
                                  if len(t) >= 2))
        if len(toks) < 2:
            continue
        a, b = rng.sample(toks, 2)
        both = search(h, SearchRequest(q=f"{a} {b}", size=100, facets=False, snippets=False))
        if not both.total:
            continue
        pairs += 1
        res = search(h, SearchRequest(q=f"{a} -{b}", size=100, facets=False, snippets=False))
        for hit in res.hits:
            art = h.get_article(hit.id)
            assert compact(b) not in compact(art.title + "\n" + art.body), (a, b, hit.id)
    assert pairs >= 10
