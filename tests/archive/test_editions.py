"""Every article is placed in the archive as printed: a newspaper by source, day and page, a web
page by site and day, a magazine by its issue file (publication and date from the file name);
an undated article outside an issue file is placed nowhere."""
from __future__ import annotations

import pytest

from searchapp.archive.editions import edition_of, page_number, parse_key
from searchapp.model import Article


@pytest.mark.parametrize("value, column, page", [
    (3, None, 3), ("12", None, 12), (None, "第01版", 1), (None, "第１２版", 12),
    (None, "第十二版", 12), (None, "第三版 要闻", 3), (0, None, None), (None, "要闻", None),
    (True, None, None), ("x", "第2版", 2),
])
def test_page_numbers(value, column, page):
    assert page_number(value, column) == page


def test_newspaper_and_web_editions():
    paper = Article(id="a", title="t", body="b", source="人民日报", date="1998-01-05", page=4)
    ed = edition_of(paper)
    assert (ed.publication, ed.issue, ed.date, ed.kind, ed.page) == \
        ("人民日报", "1998-01-05", "1998-01-05", "newspaper", 4)
    assert parse_key(ed.key) == ("人民日报", "1998-01-05")
    web = Article(id="b", title="t", body="b", source="新浪网", date="2012-06-04T09:20+08:00")
    ed = edition_of(web)
    assert (ed.publication, ed.issue, ed.kind, ed.page) == ("新浪网", "2012-06-04", "web", None)
    assert edition_of(Article(id="c", title="t", body="b", source="新浪网")) is None


def test_magazine_issue_file():
    a = Article(id="m", title="t", body="b", source="郑州日报", date="2020-09-16",
                origin={"file": "corpus/issue-2020-09-internet-industry-magazine.txt",
                        "format": "magazine", "line_start": 182})
    ed = edition_of(a)
    assert (ed.publication, ed.issue, ed.date, ed.kind) == \
        ("internet-industry-magazine", "issue-2020-09-internet-industry-magazine", "2020-09", "magazine")
    named = Article(id="n", title="t", body="b", extra={"publication": "互联网天地"},
                    origin={"file": "x/000_defa76f82cf5d0e9.txt", "format": "magazine"})
    ed = edition_of(named)
    assert (ed.publication, ed.issue, ed.date) == ("互联网天地", "000_defa76f82cf5d0e9", None)
    hashed = Article(id="h", title="t", body="b", origin={"file": "000_defa76f82cf5d0e9.txt",
                                                           "format": "magazine"})
    assert edition_of(hashed).publication == "000_defa76f82cf5d0e9"
