"""A number of one or two digits is found only where it stands as a whole number: `20` is not
in 2020年, `98` not in 1998年, `8%` not in 58%, `20亿` not in 120亿 (seventh stop: a bare `20`
listed every article of 2020 as "containing only parts"). It still matches as the integer part
of a decimal (`20` in 20.5%) and before a unit (`20` in 20天); decimals keep their recall inside
a longer number (`8.8%` in 58.8%, ranked last and said missing), and so do longer integers."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = pytest.mark.slow  # a real index

DOCS = [
    {"id": "year2020", "title": "经济稳定", "body": "2020年经济稳定增长。", "date": "2021-01-01"},
    {"id": "year1998", "title": "抗洪", "body": "1998年长江发生洪水。", "date": "2021-01-02"},
    {"id": "whole", "title": "代表大会", "body": "会议持续了20天，共有98名代表。", "date": "2021-01-03"},
    {"id": "decimal", "title": "出口", "body": "出口增长20.5%，高于预期。", "date": "2021-01-04"},
    {"id": "pct58", "title": "进口", "body": "进口增长58%。", "date": "2021-01-05"},
    {"id": "pct588", "title": "外贸", "body": "外贸增长58.8%。", "date": "2021-01-06"},
    {"id": "yi120", "title": "投资", "body": "全年投资120亿元。", "date": "2021-01-07"},
]


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    handle = tiny_index(tmp_path_factory.mktemp("short-numbers"), DOCS)
    yield handle
    handle.close()


def hits(h, q):
    r = search(h, SearchRequest(q=q, size=100))
    return [(x.id, x.missing) for x in r.hits], [n["code"] for n in r.query.notice_items]


@pytest.mark.parametrize("q, want", [
    ("20", {"whole", "decimal"}),   # not 2020年
    ("98", {"whole"}),              # not 1998年
    ("8%", set()),                  # not 58%, 58.8%
    ("20亿", set()),                # not 120亿
    ("5", set()),                   # not 20.5%, 58%
])
def test_a_short_number_is_found_only_where_it_stands_whole(h, q, want):
    got, codes = hits(h, q)
    assert {i for i, _ in got} == want and all(m == [] for _, m in got), got
    assert "partial_parts" not in codes


def test_a_decimal_and_a_long_number_keep_their_recall_inside_longer_numbers(h):
    got, _ = hits(h, "8.8%")
    assert got == [("pct588", ["8.8%"])]
    got, _ = hits(h, "998")
    assert got == [("year1998", ["998"])]
