"""A publication's undated articles are counted and reachable from its archive pages: an
article of 测试日报 without a date is on no calendar (no day, no issue), and was counted only in
the archive's total, so an editor browsing 测试日报 never learnt it existed."""
from __future__ import annotations

import pytest

from helpers import write_jsonl
from searchapp.index import build
from searchapp.web import create_app

pytestmark = pytest.mark.slow  # a real index and the real app

PAPER = "测试日报"
DOCS = [
    {"id": "d1", "title": "春耕生产有序推进", "body": "各地抓住农时推进春耕。", "source": PAPER,
     "date": "2021-03-01", "page": 1},
    {"id": "d2", "title": "城市公园开放", "body": "新建的公园周末对市民开放。", "source": PAPER,
     "date": "2021-03-02", "page": 2},
    {"id": "u1", "title": "一则未署日期的通讯", "body": "这篇通讯没有写明日期。", "source": PAPER},
    {"id": "u2", "title": "另一家的旧稿", "body": "这篇旧稿也没有日期。", "source": "别家晚报"},
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive-undated")
    build([write_jsonl(root / "docs.jsonl", DOCS)], root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


def test_the_publication_counts_and_links_its_undated_articles(client):
    d = client.get("/api/archive").get_json()
    assert d["undated"] == 2
    (p,) = [p for p in d["publications"] if p["publication"] == PAPER]
    assert (p["articles"], p["undated_articles"]) == (2, 1)
    cal = client.get(f"/api/archive/{PAPER}").get_json()
    assert cal["undated_articles"] == 1
    found = client.get(cal["undated_articles_url"]).get_json()
    assert [h["id"] for h in found["hits"]] == ["u1"]
    html = client.get(f"/archive/{PAPER}").get_data(as_text=True)
    assert "1 篇未注明日期的文章" in html and "month=_none" in html
    assert "另 1 篇无日期" in client.get("/archive").get_data(as_text=True)
