"""The word analyzer keeps every meaningful token with positions counted in tokens and offsets
on the printed text, the same at index and query time."""
from __future__ import annotations

import pickle

from searchapp.engine.store.analyzer import WordTokenizer
from searchapp.analysis import squeeze, word_spans, word_tokens


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


def test_analyzers_pickle_for_the_index_schema():
    a = WordTokenizer()
    assert pickle.loads(pickle.dumps(a)) == a
