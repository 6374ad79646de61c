"""A query that finds (almost) nothing gets a spelling suggestion from the index's own words —
a homophone typo of a Chinese word, an edit of a Latin word — only when the suggestion finds
clearly more, and the answer stays that of the query as typed. Typos are made here by
replacing one character with a homophone, programmatically."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp import engine
from searchapp.analysis.homophones import homophones, readings
from searchapp.request import SearchRequest
from searchapp.search import search
from searchapp.search.spelling import LOW, RATIO

#: General news words, each in many articles of the index below.
WORDS = ["气候变化", "乡村振兴", "交通运输", "食品安全", "医疗保险", "城市规划", "环境保护",
         "数据中心"]
LATIN = "semiconductor"
#: How many articles hold each word (clearly more than RATIO × (0 + 1)).
PER_WORD = 2 * RATIO + 2


def _docs() -> list[dict]:
    docs = []
    for i, w in enumerate(WORDS):
        for k in range(PER_WORD):
            docs.append({"id": f"w{i}-{k}", "title": f"{w}观察{k}",
                         "body": f"本报讯 {w}工作取得新进展，各地推进{w}。第{k}期。",
                         "date": f"2021-03-{k + 1:02d}"})
    for k in range(PER_WORD):
        docs.append({"id": f"latin-{k}", "title": f"{LATIN} 产业 {k}",
                     "body": f"全球 {LATIN} 供应链调整，{LATIN} 需求回升。", "date": "2021-04-01"})
    docs.append({"id": "weather", "title": "天气预报", "body": "明天有雨，气温下降。",
                 "date": "2021-05-01"})
    return docs


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("spelling"), _docs())
    yield h
    h.close()


def _typos(h, word: str) -> list[tuple[int, str]]:
    """(position, typo) of `word`: one character replaced by a homophone so that no window of
    the typo holding that position is an indexed word (a non-word, as a typo usually is)."""
    out = []
    with h.searcher() as s:
        for i, c in enumerate(word):
            for alt in homophones(c):
                typo = word[:i] + alt + word[i + 1:]
                windows = {typo[a:b] for a in range(0, i + 1)
                           for b in range(max(i + 1, a + 2), len(typo) + 1)}
                if not any(engine.term_counts(s, windows).values()):
                    out.append((i, typo))
                    break
    return out


def test_homophones_share_a_reading_and_leave_the_character_out():
    for c in "络业智":
        alts = homophones(c)
        assert alts and c not in alts
        assert all(readings(a) & readings(c) for a in alts)
    assert homophones("a") == () and homophones("") == ()


@pytest.mark.slow
def test_a_homophone_typo_of_an_indexed_word_suggests_the_word(idx):
    tried = 0
    for w in WORDS:
        typos = _typos(idx, w)
        assert len(typos) >= 2, (w, typos)  # the test must exercise several positions
        for _, typo in typos:
            r = search(idx, SearchRequest(q=typo))
            tried += 1
            got = r.query.did_you_mean
            assert got is not None, typo
            assert got["q"] == w and got["words"] == [{"word": typo, "suggested": w}]
            assert got["total"] >= RATIO
            assert "did_you_mean" in [n["code"] for n in r.query.notice_items]
    assert tried >= 2 * len(WORDS)


@pytest.mark.slow
def test_the_answer_stays_that_of_the_query_as_typed(idx):
    w = WORDS[0]
    _, typo = _typos(idx, w)[0]
    r = search(idx, SearchRequest(q=typo))
    assert r.total == 0 and r.hits == [] and r.query.text == typo
    assert r.query.did_you_mean["q"] == w
    # the typo beside a word of many articles: the hits are those of the query as typed
    # (the typo is found nowhere, so the other word answers), not those of the suggestion
    both = search(idx, SearchRequest(q=f"{typo} 进展", size=100))
    alone = search(idx, SearchRequest(q="进展", size=100))
    assert {h.id for h in both.hits} == {h.id for h in alone.hits}
    assert both.total == alone.total > PER_WORD
    assert both.query.did_you_mean["q"] == f"{w} 进展"
    # no article holds the typo with a word found elsewhere only: no suggestion finds more
    assert search(idx, SearchRequest(q=f"{typo} 天气预报")).query.did_you_mean is None


@pytest.mark.slow
def test_correct_words_and_queries_with_hits_get_no_suggestion(idx):
    for w in WORDS + [LATIN, "天气预报"]:
        r = search(idx, SearchRequest(q=w))
        assert r.total > 0 and r.query.did_you_mean is None, w
    assert "did_you_mean" not in [n["code"] for n in search(
        idx, SearchRequest(q=WORDS[1])).query.notice_items]


@pytest.mark.slow
def test_a_word_held_by_more_than_a_few_articles_is_not_corrected(idx, tmp_path):
    w = WORDS[2]
    _, typo = _typos(idx, w)[0]
    # the same typo written in LOW + 1 articles: a word of the archive, not a typo
    extra = [{"id": f"typo-{k}", "title": f"{typo}专题{k}", "body": f"{typo}的报道。",
              "date": "2021-06-01"} for k in range(LOW + 1)]
    h = tiny_index(tmp_path, _docs() + extra)
    try:
        r = search(h, SearchRequest(q=typo))
        assert r.total >= LOW + 1 and r.query.did_you_mean is None
    finally:
        h.close()


@pytest.mark.slow
def test_a_latin_typo_suggests_the_indexed_word_case_kept(idx):
    for typo, want in [(LATIN[:4] + LATIN[5:], LATIN),            # a letter dropped
                       (LATIN[:3] + LATIN[4] + LATIN[3] + LATIN[5:], LATIN),  # two swapped
                       (LATIN.upper()[:-1] + "E", LATIN.upper())]:  # one replaced, upper case
        r = search(idx, SearchRequest(q=typo))
        assert r.total == 0
        assert r.query.did_you_mean and r.query.did_you_mean["q"] == want, typo
    assert search(idx, SearchRequest(q="xyzzyqux")).query.did_you_mean is None


@pytest.mark.slow
def test_filters_stay_on_the_suggested_query(idx):
    w = WORDS[3]
    _, typo = _typos(idx, w)[0]
    r = search(idx, SearchRequest(q=typo, date_from="2021-03-01", date_to="2021-03-31"))
    assert r.query.did_you_mean["q"] == w
    # inside a month without the word the suggestion finds nothing: none is made
    r = search(idx, SearchRequest(q=typo, date_from="2021-05-01", date_to="2021-05-31"))
    assert r.query.did_you_mean is None
