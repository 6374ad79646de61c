"""The word analyzer keeps every meaningful token with positions counted in tokens and offsets
on the printed text; the n-gram analyzer makes every substring findable; both are the same at
index and query time."""
from __future__ import annotations

import pickle

from searchapp.analysis import (GramTokenizer, WordTokenizer, gram_query_terms, squeeze,
                                word_spans, word_tokens)


def toks(text):
    return [(t.text, t.pos, t.startchar, t.endchar)
            for t in WordTokenizer()(text, positions=True, chars=True)]


def test_positions_are_token_counts_not_character_offsets():
    out = toks("地铁3号线今天开通")
    assert [p for _, p, _, _ in out] == list(range(len(out)))
    assert [t for t, *_ in out][:4] == ["地铁", "3", "号", "线"]


def test_nothing_meaningful_dropped_only_punctuation():
    terms = word_tokens("IT、US，a 1 中！NB-IoT IPv6 5G")
    for want in ("it", "us", "a", "1", "中", "ipv6", "5g"):
        assert want in terms
    assert "nb-iot" in terms or ("nb" in terms and "iot" in terms)
    assert not any(t in ("、", "，", "！") for t in terms)


def test_normalised_terms_and_printed_offsets():
    text = "５Ｇ與網絡安全"
    spans = word_spans(text)
    assert [t for t, _, _ in spans] == word_tokens("5G与网络安全")
    for term, s, e in spans:
        assert squeeze(text[s:e]) == squeeze(term)


def test_interpunct_names_tokenise_alike():
    assert word_tokens("约瑟夫·E·斯蒂格利茨") == word_tokens("约瑟夫•E・斯蒂格利茨")


def test_gram_tokens_and_query_terms():
    grams = [(t.text, t.pos) for t in GramTokenizer()("网络 安全", positions=True)]
    assert grams == [("网", 0), ("网络", 0), ("络", 1), ("络安", 1), ("安", 2), ("安全", 2), ("全", 3)]
    assert gram_query_terms("网络安全") == ["网络", "络安", "安全"]
    assert gram_query_terms("，网") == ["网"]
    assert gram_query_terms("！？") == []
    q = [(t.text, t.pos) for t in GramTokenizer()("Ａ Ｉ", positions=True, mode="query")]
    assert q == [("ai", 0)]


def test_analyzers_pickle_for_the_index_schema():
    for a in (WordTokenizer(), GramTokenizer()):
        assert pickle.loads(pickle.dumps(a)) == a
