"""A link shared through WeChat, a newsletter or a social site carries the sharing service's
markers (`utm_*`, `fbclid`, `spm`, WeChat's `from=singlemessage&isappinstalled=0`): the HTML pages
open as without them, while a parameter that is not a marker stays a 400 and the JSON API stays
strict (found by the fourth fresh tester, F1: every such link answered 400, and the error page's
"remove this parameter" link for WeChat's `from` led to a second 400)."""
from __future__ import annotations

import re

import pytest

from searchapp.web.sharing import is_sharing_marker

MARKERS = ["utm_source=wechat&utm_medium=social", "fbclid=IwAR0abc", "spm=a2c4g.11186623",
           "from=singlemessage&isappinstalled=0", "from=timeline", "UTM_Campaign=x", "gclid=1"]


def _page(resp) -> str:
    """The page without its timing (`用时 N 毫秒` differs between two requests)."""
    return re.sub(r"用时 \d+ 毫秒", "", resp.get_data(as_text=True))


def _first_article(client) -> str:
    return client.get("/api/search?q=5G").get_json()["hits"][0]["id"]


@pytest.mark.parametrize("markers", MARKERS)
def test_a_shared_search_link_opens_the_same_page(client, markers):
    plain = client.get("/search?q=5G")
    shared = client.get(f"/search?q=5G&{markers}")
    assert plain.status_code == shared.status_code == 200
    assert _page(shared) == _page(plain)


@pytest.mark.parametrize("markers", MARKERS)
def test_a_shared_article_link_opens_the_article(client, markers):
    aid = _first_article(client)
    plain = client.get(f"/article/{aid}?q=5G")
    shared = client.get(f"/article/{aid}?q=5G&{markers}")
    assert plain.status_code == shared.status_code == 200
    assert _page(shared) == _page(plain)


def test_a_parameter_that_is_no_marker_is_still_refused(client):
    assert client.get("/search?q=5G&sourse=x").status_code == 400
    r = client.get("/search?q=5G&from=yesterday")  # `from` is the date filter unless WeChat's
    assert r.status_code == 400 and "from" in r.get_data(as_text=True)
    assert client.get("/search?q=5G&from=2020-01-01").status_code == 200


def test_the_api_stays_strict(client):
    r = client.get("/api/search?q=5G&utm_source=x")
    assert r.status_code == 400 and "utm_source" in r.get_data(as_text=True)


def test_marker_rule():
    assert is_sharing_marker("utm_term", "x") and is_sharing_marker("isappinstalled", "0")
    assert is_sharing_marker("from", "GroupMessage")
    assert not is_sharing_marker("from", "2020-01-01") and not is_sharing_marker("q", "5G")
    assert not is_sharing_marker("utm", "x") and not is_sharing_marker("source", "utm_x")
