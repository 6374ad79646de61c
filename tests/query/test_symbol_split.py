"""An emoji or flag typed against a word is a word of its own (seventh fresh tester, T3): the
word stays findable (`河南🇨🇳` finds 河南, and says the flag is in no article), with the notice
`symbol_split`; emoji sequences (flags, keycaps, ZWJ sequences, skin tones, tag flags) stay
whole, and an article holding the emoji glued to the word still ranks first."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.query import parse
from searchapp.query.symbols import clusters, split_symbols
from searchapp.request import SearchRequest
from searchapp.search import search

ZWJ = "\u200d"
FAMILY = f"👨{ZWJ}👩{ZWJ}👧"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
KEYCAP = "1\ufe0f\u20e3"


@pytest.mark.parametrize("token, words", [
    ("河南🇨🇳", ["河南", "🇨🇳"]),
    ("5G😀网络", ["5G", "😀", "网络"]),
    ("網絡安全😀", ["網絡安全", "😀"]),
    ("🚀5G", ["🚀", "5G"]),
    ("🇨🇳🇺🇸", ["🇨🇳", "🇺🇸"]),                    # regional indicators pair from the left
    (f"{FAMILY}出游", [FAMILY, "出游"]),           # a ZWJ sequence is one emoji
    ("👍🏽点赞", ["👍🏽", "点赞"]),                   # skin tone stays with its emoji
    (f"第{KEYCAP}名", ["第", KEYCAP, "名"]),        # keycap
    ("❤️北京", ["❤️", "北京"]),                      # variation selector
    (f"{SCOTLAND}苏格兰", [SCOTLAND, "苏格兰"]),     # tag sequence
    ("title:河南🇨🇳", ["title:河南", "title:🇨🇳"]),   # the prefix goes with every word
    ("-河南😀", ["-河南", "-😀"]),
    ("😀-网络", ["😀", "网络"]),                     # no exclusion made up inside a word
    ("★五星★", ["★", "五星"]),
    ("😀😀", ["😀"]),
])
def test_split(token, words):
    assert split_symbols(token) == words
    assert "".join(p for p, _ in clusters(token)) == token


@pytest.mark.parametrize("token", ["河南", "5G", "😀", "🇨🇳", FAMILY, "-😀", "title:😀", "30°C",
                                   "■人工智能", "C++", "8.8%"])
def test_no_split(token):
    assert split_symbols(token) is None


def test_parse_reads_the_words_and_says_so():
    plan = parse("河南🇨🇳 -网络😀")
    assert [[w.text for w in g] for g in plan.groups] == [["河南"], ["🇨🇳"]]
    assert [w.text for w in plan.excluded] == ["网络", "😀"]
    assert [n["code"] for n in plan.notice_items] == ["symbol_split", "symbol_split"]
    plan = parse('"成功🎉大家"')   # a quoted phrase is kept as typed
    assert [[(w.text, w.phrase) for w in g] for g in plan.groups] == [[("成功🎉大家", True)]]
    assert plan.notice_items == []


ARTICLES = [
    ("henan", "河南新建5G基站", "河南省今年新建5G基站一万个，网络安全体系同步建设。"),
    ("flag", "河南🇨🇳加油", "河南🇨🇳加油！全省5G网络覆盖所有乡镇。"),
    ("other", "气象预报", "明天多云，气温回升。"),
]


@pytest.fixture(scope="module")
def handle(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("symsplit"),
                   [{"id": a, "title": t, "body": b, "source": "测试报", "date": "2026-10-01"}
                    for a, t, b in ARTICLES])
    yield h
    h.close()


@pytest.mark.slow
@pytest.mark.parametrize("q, holder, emoji", [
    ("河南🚀", "henan", "🚀"),
    ("5G😀网络", "henan", "😀"),
    ("網絡安全😀", "henan", "😀"),
    ("🚀5G", "henan", "🚀"),
])
def test_the_word_is_found_and_the_emoji_said_missing(handle, q, holder, emoji):
    r = search(handle, SearchRequest(q=q, size=10))
    assert holder in {h.id for h in r.hits} and "other" not in {h.id for h in r.hits}
    codes = [n["code"] for n in r.query.notice_items]
    assert "symbol_split" in codes and "words_not_found" in codes
    assert r.hits[0].missing == [emoji] and all(emoji in h.missing for h in r.hits)


@pytest.mark.slow
@pytest.mark.parametrize("glued, spaced", [("河南🇨🇳", "河南 🇨🇳"), ("5G😀网络", "5G 😀 网络"),
                                           ("🇨🇳加油", "🇨🇳 加油")])
def test_glued_is_read_as_spaced(handle, glued, spaced):
    a = search(handle, SearchRequest(q=glued, size=10))
    b = search(handle, SearchRequest(q=spaced, size=10))
    assert a.total and [(h.id, h.missing) for h in a.hits] == [(h.id, h.missing) for h in b.hits]


@pytest.mark.slow
def test_an_emoji_held_by_an_article_ranks_it_first(handle):
    r = search(handle, SearchRequest(q="河南🇨🇳", size=10))
    assert r.hits[0].id == "flag" and r.hits[0].missing == []
    assert search(handle, SearchRequest(q="🇨🇳", size=10)).total == 1
