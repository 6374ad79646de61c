"""On real People's Daily articles (../shared, when present: the bundled-corpus differential
test in test_matchers.py always runs): the array matcher gives the reference matcher's matches
and scores on a multi-segment index with deleted documents, for the query trees searchapp
builds at every relaxation level; and an excluded word really excludes."""
from __future__ import annotations

import random

import numpy as np
import pytest

from helpers import write_jsonl, write_pfr_parts
from searchapp import engine
from searchapp.analysis import compact, word_tokens
from searchapp.index import build, open_index
from searchapp.query import parse
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pfr_index(tmp_path_factory, shared_dir):
    """300 real People's Daily articles in 3 files, indexed, then one file changed and
    re-indexed incrementally: the live index has several segments and deleted documents."""
    d = tmp_path_factory.mktemp("pfr")
    src, ix = d / "src", d / "ix"
    arts = write_pfr_parts(src, 300, 3)
    build([src], ix)
    changed = [dict(a, body=a["body"] + "\n补充报道。") for a in arts[100:200]]
    write_jsonl(src / "part1.jsonl", changed)
    build([src], ix)
    return open_index(ix), arts


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
        assert len(engine.index_key(s)) > 1
        assert engine.doc_count_all(s) > engine.doc_count(s)


def test_same_matches_and_scores_as_the_reference(pfr_index):
    h, arts = pfr_index
    reference = open_index(h.index_dir, matcher="whoosh")
    checked = 0
    with h.searcher() as s, reference.searcher() as sw:
        topics = list(engine.facet_docs(s, "topic"))
        for text in _queries(arts, 120, seed=7):
            plan = parse(text)
            for level in engine.LEVELS:
                ids, sc = engine.scored(s, engine.build(plan, level, topics))
                want_ids, want_sc = engine.scored(sw, engine.build(plan, level, topics))
                assert ids.tolist() == want_ids.tolist(), (text, level)
                assert np.allclose(sc, want_sc, rtol=0, atol=1e-6), (text, level)
                checked += len(ids)
    reference.close()
    assert checked > 1000  # the queries really matched things


def test_excluded_word_excludes(pfr_index):
    """`a -b` never returns an article containing b (Whoosh 2.7's own AndNotMatcher keeps the
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
