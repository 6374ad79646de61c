"""A JSONL author list stays several people from the import to the citation (GB/T 7714 names
separated by ", ", one RIS AU each), and only an http(s) URL is cited."""
from __future__ import annotations

import json

import pytest
import rispy

from searchapp.cite.formats import gbt7714, reference, ris
from searchapp.ingest import read_file

WEB = {"id": "b2", "title": "跨境电商", "publication": "某网", "date": "2020-09-10", "kind": "web",
       "url": "http://www.example.com/x.html"}


def test_a_jsonl_author_list_is_one_name_per_person(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"title": "作者列表", "body": "讲跨境电商。", "author": ["李四", " 王五 ", ""]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    (a,) = read_file(p).articles
    assert a.author == "李四、王五"


def test_several_authors_are_cited_apart():
    it = dict(WEB, author="李四、王五")
    assert reference(it, "2026-12-07").startswith("李四, 王五. 跨境电商[EB/OL].")
    assert rispy.loads(ris([it], "2026-12-07"))[0]["authors"] == ["李四", "王五"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                 " JavaScript:void(0)"])
def test_only_an_http_url_is_cited(url):
    it = dict(WEB, url=url)
    text = gbt7714([it], "2026-12-07")
    assert url.strip() not in text and text.rstrip().endswith("(2020-09-10)[2026-12-07].")
    assert "urls" not in rispy.loads(ris([it], "2026-12-07"))[0]
    assert ris([it], "2026-12-07").count("UR  -") == 0
    assert "UR  - http://www.example.com/x.html" in ris([WEB], "2026-12-07")
