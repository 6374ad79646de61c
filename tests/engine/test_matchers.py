"""The array matcher and the reference matcher (Whoosh's own matchers) give the same documents,
the same scores (to 1e-6) and so the same ranked results, for generated queries of the whole
query language (words, joined words, quoted phrases, -word, OR, title:/source:/topic:, dates)
at every relaxation level, over an index of the bundled corpus with several segments and
deleted documents. Never skipped: corpus/ ships with the project."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from helpers import CORPUS, write_jsonl_corpus
from searchapp import engine
from searchapp.analysis import word_tokens
from searchapp.index import build, open_index
from searchapp.query import parse
from searchapp.request import SearchRequest
from searchapp.search import search


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(arrays handle, whoosh handle, vocabulary) over one index: the bundled issue plus JSONL
    articles cut from it, re-indexed after one JSONL file changed (several segments, deleted
    documents)."""
    d = tmp_path_factory.mktemp("matchers")
    src, ix = d / "src", d / "ix"
    shutil.copytree(CORPUS, src)
    write_jsonl_corpus(src, "j", 3, 20)
    build([src], ix, workers=1)
    text = (src / "j1.jsonl").read_text(encoding="utf-8").replace("观察", "观察报道")
    (src / "j1.jsonl").write_text(text, encoding="utf-8")
    build([src], ix, workers=1)
    arrays, reference = open_index(ix, matcher="arrays"), open_index(ix, matcher="whoosh")
    with arrays.searcher() as s:
        titles = [a.title for a in engine.all_articles(s)]
        sources = sorted(engine.facet_docs(s, "source"))
        topics = sorted(engine.facet_docs(s, "topic"))
    words = sorted({t for title in titles for t in word_tokens(title) if len(t) >= 2})
    yield arrays, reference, {"words": words, "sources": sources, "topics": topics}
    arrays.close()
    reference.close()


@pytest.mark.slow
def test_the_index_has_segments_and_deletions(both):
    arrays, _, _ = both
    with arrays.searcher() as s:
        assert engine.doc_count_all(s) > engine.doc_count(s) > 60
        assert len(engine.index_key(s)) > 1


def _queries(vocab):
    word = st.sampled_from(vocab["words"])
    unknown = st.sampled_from(["不存在的词", "zzqx"])
    term = st.one_of(word, word, unknown)
    joined = st.lists(word, min_size=2, max_size=3).map("".join)
    phrase = st.lists(word, min_size=1, max_size=2).map(lambda ws: '"' + "".join(ws) + '"')
    item = st.one_of(
        term, term, joined, phrase,
        term.map(lambda w: "-" + w),
        phrase.map(lambda p: "-" + p),
        word.map(lambda w: "title:" + w),
        st.sampled_from(vocab["sources"]).map(lambda v: "source:" + v),
        st.sampled_from(vocab["topics"] + ["人工智能", "nosuchtopic"]).map(lambda v: "topic:" + v),
        st.tuples(term, term).map(lambda ab: f"{ab[0]} OR {ab[1]}"),
        st.sampled_from(["date:2020-09", "date:2020-09-01..2020-09-15", "date:2020"]))
    return st.lists(item, min_size=1, max_size=4).map(" ".join)


def _compare(s_arrays, s_reference, q_text):
    plan = parse(q_text)
    topics = list(engine.facet_docs(s_arrays, "topic"))
    matched = 0
    for level in engine.LEVELS:
        ids_a, sc_a = engine.scored(s_arrays, engine.build(plan, level, topics))
        ids_w, sc_w = engine.scored(s_reference, engine.build(plan, level, topics))
        assert ids_a.tolist() == ids_w.tolist(), (q_text, level)
        assert np.allclose(sc_a, sc_w, rtol=0, atol=1e-6), (q_text, level)
        matched += len(ids_a)
    return matched


@pytest.mark.slow
@pytest.mark.parametrize("q_text", ["", "date:2020-09", "-观察", "-观察 -5G date:2020"])
def test_every_document_matches_as_the_reference_does(both, q_text):
    """A browse (no words: every live document, deleted ones left out) and a browse minus
    excluded words: the arrays' Every gives Whoosh's documents and scores."""
    arrays, reference, _ = both
    with arrays.searcher() as sa, reference.searcher() as sw:
        assert _compare(sa, sw, q_text) >= engine.doc_count(sa) - 40
        ids, sc = engine.scored(sa, engine.build(parse(""), engine.STRICT, []))
        assert len(ids) == engine.doc_count(sa) < engine.doc_count_all(sa)
        assert set(sc.tolist()) == {1.0}


@pytest.mark.slow
def test_same_documents_and_scores_for_generated_queries(both):
    arrays, reference, vocab = both
    seen = {"matched": 0, "queries": 0}

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(_queries(vocab))
    def check(q_text):
        with arrays.searcher() as sa, reference.searcher() as sw:
            seen["matched"] += _compare(sa, sw, q_text)
            seen["queries"] += 1

    check()
    assert seen["queries"] >= 100 and seen["matched"] > 500  # the queries really matched things


@pytest.mark.slow
def test_same_ranked_results_for_generated_queries(both):
    arrays, reference, vocab = both

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(_queries(vocab), st.sampled_from(["relevance", "newest"]))
    def check(q_text, sort):
        req = SearchRequest(q=q_text, size=100, sort=sort, snippets=False)
        a, w = search(arrays, req), search(reference, req)
        assert a.total == w.total, q_text
        assert [h.id for h in a.hits] == [h.id for h in w.hits], q_text
        assert [round(h.score, 6) for h in a.hits] == [round(h.score, 6) for h in w.hits], q_text
        assert a.facets == w.facets and a.query.notices == w.query.notices, q_text

    check()
