"""An excluded word inside a query word takes away that word's parts as evidence: `甲乙 -甲` is
never answered by the articles that have only 乙 (the opposite of what was typed); the notice
says so. A one-word query's partial hits are said as parts of that word."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow  # an index of its own

DOCS = [
    {"id": "whole", "title": "数字经济发展", "body": "数字经济规模持续扩大。", "date": "2020-01-01"},
    {"id": "digit", "title": "数字化转型", "body": "企业推进数字化。", "date": "2020-01-02"},
    {"id": "econ1", "title": "经济增长", "body": "经济增长稳中有进。", "date": "2020-01-03"},
    {"id": "econ2", "title": "区域经济", "body": "区域经济协调发展。", "date": "2020-01-04"},
    {"id": "both", "title": "数字与经济", "body": "数字技术带动经济。", "date": "2020-01-05"},
    {"id": "other", "title": "天气预报", "body": "明天有雨。", "date": "2020-01-06"},
]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("exclparts"), DOCS)
    yield h
    h.close()


def run(h, q):
    r = search(h, SearchRequest(q=q, size=100))
    return r, [x.id for x in r.hits], [n["code"] for n in r.query.notice_items]


def test_a_word_holding_the_excluded_word_is_not_stood_in_for_by_its_other_parts(idx):
    r, ids, codes = run(idx, "数字经济 -数字")
    assert ids == [] and r.total == 0
    assert "excluded_part" in codes
    assert any("数字经济" in n["text"] and "数字" in n["text"] for n in r.query.notice_items)
    r, ids, codes = run(idx, '数字经济 -"数字"')  # an excluded phrase too
    assert ids == [] and "excluded_part" in codes


def test_the_parts_still_count_without_that_exclusion(idx):
    _, ids, codes = run(idx, "数字经济")
    assert ids[0] == "whole" and "both" in ids  # parts still stand in without the exclusion
    assert "excluded_part" not in codes
    # an exclusion in a field (title only) does not exclude the word everywhere: parts count
    _, ids, codes = run(idx, "数字经济 -title:数字")
    assert "whole" not in ids and "excluded_part" not in codes
    # an excluded word that is not inside the query word changes nothing but itself
    _, ids, codes = run(idx, "数字经济 -天气")
    assert ids[0] == "whole" and "both" in ids and "excluded_part" not in codes


def test_one_word_partial_hits_are_said_as_parts_of_that_word(idx):
    r, ids, codes = run(idx, "数字经济")
    assert "partial_parts" in codes and "partial_matches" not in codes
    text = next(n["text"] for n in r.query.notice_items if n["code"] == "partial_parts")
    assert text.startswith("1 articles contain “数字经济”") and "parts of it" in text
    _, _, codes = run(idx, "数字经济 区域")
    assert "partial_matches" in codes and "partial_parts" not in codes
