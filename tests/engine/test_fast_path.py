"""With the default setting every query search builds is evaluated on posting arrays, without
one fall-back to Whoosh's posting-by-posting code (a Whoosh upgrade that changed a file layout
would fail here instead of silently making search slower); SEARCHAPP_MATCHER=whoosh switches
to the reference matcher; a bad value is a clear error."""
from __future__ import annotations

import pytest

from searchapp import engine
from searchapp.errors import SearchAppError
from searchapp.index import open_index
from searchapp.request import SearchRequest
from searchapp.search import search

QUERIES = ["5G", "网络安全", '"数字经济"', "工业互联网", "5G OR 人工智能", "网络安全 -河南",
           "title:5G", "source:人民邮电报 5G", "topic:AI", "数字 经济 date:2020-09",
           "网络安全宣传周", "不存在的词语组合 5G"]


def _delta(before, after):
    return {k: after.get(k, 0) - before.get(k, 0) for k in set(before) | set(after)}


def test_default_matcher_takes_the_array_path_only(corpus_index, monkeypatch):
    monkeypatch.delenv("SEARCHAPP_MATCHER", raising=False)
    h = open_index(corpus_index)
    before = engine.match_counts()
    total = sum(search(h, SearchRequest(q=q)).total for q in QUERIES)
    got = _delta(before, engine.match_counts())
    h.close()
    assert total > 0
    assert got["arrays"] >= len(QUERIES)
    assert {k: v for k, v in got.items() if k not in ("arrays", "posting_arrays") and v} == {}


def test_the_setting_switches_to_the_reference_matcher(corpus_index, monkeypatch):
    monkeypatch.setenv("SEARCHAPP_MATCHER", "whoosh")
    h = open_index(corpus_index)
    before = engine.match_counts()
    search(h, SearchRequest(q="网络安全 -河南"))
    got = _delta(before, engine.match_counts())
    h.close()
    assert got.get("whoosh", 0) >= 1 and got.get("arrays", 0) == 0


def test_a_bad_matcher_setting_is_a_clear_error(corpus_index, monkeypatch):
    monkeypatch.setenv("SEARCHAPP_MATCHER", "fast")
    with pytest.raises(SearchAppError, match="SEARCHAPP_MATCHER must be one of arrays, whoosh"):
        open_index(corpus_index)
