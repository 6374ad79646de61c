"""What a reader sees on the pages (issue 18): no dead ends, honest facets, no clutter. Layout,
focus and accessibility in a real browser: test_browser_ux.py."""
from __future__ import annotations

import re

import pytest


def html(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.get_data(as_text=True)[:500]
    return r.get_data(as_text=True)


def test_a_quoted_query_is_not_quoted_twice(client):
    page = html(client, "/search?q=%22%E6%95%B0%E5%AD%97%E7%BB%8F%E6%B5%8E%22")
    assert "“&#34;数字经济&#34;”" not in page and '“"数字经济"”' not in page
    assert '<span class="searched">&#34;数字经济&#34;</span>' in page


def test_a_reversed_date_range_keeps_the_query_and_says_what_it_did(client):
    page = html(client, "/search?q=5G&from=2020-09-30&to=2020-09-01")
    assert 'value="5G"' in page and 'data-code="dates_swapped"' in page
    assert "已按 2020-09-01 至 2020-09-30 搜索" in page
    assert 'value="2020-09-01"' in page and 'value="2020-09-30"' in page  # the form, in order


def test_a_bad_parameter_keeps_the_query_and_offers_the_search_without_it(client):
    page = html(client, "/search?q=5G&topic=AI&from=2020-02-30", 400)
    assert 'value="5G"' in page  # the search box keeps the query
    assert 'href="/search?q=5G&amp;topic=AI"' in page  # the same search without `from`


def test_dates_are_typed_as_text_with_the_format_shown(client):
    page = html(client, "/search?q=5G")
    for name in ("from", "to"):
        tag = re.search(rf'<input id="{name}"[^>]*>', page).group(0)
        assert 'type="text"' in tag and 'placeholder="2020-09-' in tag and "pattern=" in tag


def test_the_pager_shows_only_links_that_lead_somewhere(client):
    page = html(client, "/search?size=5")
    pager = re.search(r'<nav class="pager".*?</nav>', page, re.S).group(0)
    assert "上一页" not in pager and "首页" not in pager and 'rel="next"' in pager
    assert 'class="off"' not in page


def test_headings_go_down_one_level_at_a_time(client):
    for url in ("/search?q=5G", "/search?q=zzzqqqxyz", "/"):
        levels = [int(h) for h in re.findall(r"<h([1-6])[ >]", html(client, url))]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (url, levels)


def test_no_results_offers_tips_and_no_empty_facet_panels(client):
    page = html(client, "/search?q=zzzqqqxyz")
    assert 'class="tips"' in page and "浏览全部文章" in page
    assert 'id="filters"' not in page and "<h3" not in page


def test_html_tags_in_a_query_are_ignored_with_a_notice(client):
    tagged = client.get("/api/search?q=%3Cb%3E5G%3C/b%3E").get_json()
    plain = client.get("/api/search?q=5G").get_json()
    assert tagged["total"] == plain["total"] > 0
    assert [n["code"] for n in tagged["query"]["notice_items"]] == ["html_tags"]
    script = client.get("/api/search?q=%3Cscript%3Ealert(1)%3C/script%3E").get_json()
    assert script["query"]["notice_items"][0]["code"] == "html_tags"
    assert "alert(1)" in script["query"]["notice_items"][0]["text_zh"]


def test_a_long_series_label_is_one_clipped_line_with_the_full_text_kept(client):
    d = client.get("/api/search?size=100").get_json()
    hit = max((h for h in d["hits"] if h["series"]), key=lambda h: len(h["series"]))
    page = html(client, "/search?size=100")
    assert f'<span class="series" title="{hit["series"]}">系列：{hit["series"]}</span>' in page


def test_the_article_page_folds_the_archive_origin_away(client):
    hit = client.get("/api/search?q=5G&size=1").get_json()["hits"][0]
    page = html(client, f"/article/{hit['id']}")
    assert "<dt>出处</dt>" not in page
    assert re.search(r'<details class="provenance"><summary>档案出处</summary><p>[^<]+\.txt', page)


def test_month_facet_shows_gaps_between_months(client):
    from searchapp.web.present import with_gaps

    rows = [{"value": v} for v in ("2012-06", "2020-07", "2020-08", "2020-10", "_none")]
    out = with_gaps(rows)
    gaps = [r["text"] for r in out if r.get("gap")]
    assert gaps == ["2012-07 至 2020-06：无文章（96 个月）", "2020-09：无文章（1 个月）"]
    assert [r["value"] for r in out if not r.get("gap")] == [r["value"] for r in rows]
