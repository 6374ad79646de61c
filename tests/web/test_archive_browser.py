"""The archive tools in a real browser (Debian's Chromium via Playwright, the app served by
waitress over a real index), at phone width (360 px) and desktop width: the calendar shows the
gap and leads to the issue, the issue lists its pages in print order with previous/next, the
search page links its Atom feed, the article page shows its reprint chain and its issue, and
引用此结果 freezes the list. One server for the module; no horizontal scrolling at 360 px."""
from __future__ import annotations

import threading
from urllib.parse import quote

import pytest

from archive_data import DAYS, DIGEST, GAP, ORIGINAL, WEB

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def base_url(archive_index):
    from searchapp.web import create_app, make_server
    from searchapp.web.server import url_of

    server = make_server(create_app({"INDEX_DIR": str(archive_index)}), port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield url_of(server).rstrip("/")
    server.close()


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's one Chromium (tests/conftest.py): Playwright's sync API runs one at a time."""
    return chromium


@pytest.fixture(params=list(WIDTHS))
def page(request, browser):
    ctx = browser.new_context(viewport=WIDTHS[request.param], locale="zh-CN")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.width = WIDTHS[request.param]["width"]
    yield pg
    ctx.close()
    assert not errors, errors  # a CSP violation would show up here


def no_side_scroll(pg) -> None:
    assert pg.evaluate("document.documentElement.scrollWidth") <= pg.width + 1


def test_calendar_gap_and_issue_in_print_order(page, base_url):
    page.goto(base_url + "/archive")
    page.get_by_role("link", name="人民日报").click()
    page.wait_for_url(f"**/archive/{quote('人民日报')}")
    gap = page.locator("td.missing")
    assert gap.count() == 1 and gap.inner_text().split()[0] == GAP[-1]
    assert page.locator("td.issue").count() == len(DAYS)
    assert "缺 1 期" in page.locator(".cal-summary").inner_text()
    no_side_scroll(page)
    page.locator("td.issue a").nth(1).click()  # the 2nd of January
    page.wait_for_url(f"**/{DAYS[1]}")
    heads = page.locator(".print-page h2").all_inner_texts()
    assert [h.split()[0] for h in heads] == ["第1版", "第2版", "第3版"]
    first = page.locator(".print-page").first.locator("li a").first
    assert first.get_attribute("href").endswith(ORIGINAL)
    no_side_scroll(page)
    page.get_by_role("link", name="下一期").click()
    page.wait_for_url(f"**/{DAYS[2]}")
    page.get_by_role("link", name="下一期").click()
    page.wait_for_url(f"**/{DAYS[3]}")  # the missing 4th is skipped


def test_search_feed_link_lineage_and_issue_link(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "/search?q=" + quote("茶话会"))
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    href = feed.get_attribute("href")
    assert "format=atom" in href
    r = page.request.get(base_url + href)
    assert r.ok and r.headers["content-type"].startswith("application/atom+xml")
    page.locator(f'a[href^="/article/{WEB}"]').first.click()
    page.wait_for_url(f"**/article/{WEB}*")
    chain = page.locator("section.lineage li")
    expect(chain).to_have_count(3)  # count() alone does not wait for the article to render
    assert [t.split()[0] for t in chain.all_inner_texts()] == ["转载", "原发", "转载"]
    assert page.locator("section.lineage li.current").inner_text().startswith("转载")
    assert "晚 3 天" in chain.nth(2).inner_text() and "人民日报" in chain.nth(2).inner_text()
    no_side_scroll(page)
    chain.nth(1).get_by_role("link").click()
    page.wait_for_url(f"**/article/{ORIGINAL}")
    page.locator(".printed-in a").click()
    page.wait_for_url(f"**/{DAYS[1]}#p1")
    assert page.locator("#p1").is_visible()


def test_cite_this_result_list(page, base_url):
    page.goto(base_url + "/search?q=" + quote("茶话会") + "&sort=newest")
    n = int(page.locator("#total").inner_text())
    titles = page.locator(".hit h3").all_inner_texts()
    page.get_by_role("button", name="引用此结果").click()
    page.wait_for_url("**/cite/*")
    items = page.locator(".frozen-items li")
    assert items.count() == n
    assert [t.split()[0] for t in items.all_inner_texts()] == [t.split()[0] for t in titles]
    assert page.get_by_role("link", name="RIS").get_attribute("href").endswith("format=ris")
    assert DIGEST in page.locator(".frozen-items").inner_html()
    no_side_scroll(page)
