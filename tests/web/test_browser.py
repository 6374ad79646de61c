"""A real user in a real browser: Debian's headless Chromium, driven by Playwright, against the
real app served by waitress on a free port over the session's real index. Skipped when
/usr/bin/chromium is missing, except under CI (env CI set), where that is a failure."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERY = "5G"


@pytest.fixture()
def base_url(served_url):
    return served_url


@pytest.fixture()
def browser(chromium):
    return chromium


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                              locale="zh-CN")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors  # e.g. a CSP violation would show up here


def total(pg) -> int:
    return int(pg.locator("#total").inner_text())


def test_keyboard_search_facet_article_and_back(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("/")  # the documented shortcut focuses the search box
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=5G"))
    assert page.url.endswith("/search?q=5G")  # a clean permalink: empty/default fields left out
    n = total(page)
    assert n > 0
    assert page.locator(".hit mark").count() > 0
    assert page.input_value("#q") == QUERY

    facet = page.locator(".facet-source li a").first
    value = facet.locator(".fv").inner_text().strip()
    count = int(facet.locator(".count").inner_text())
    facet.click()
    page.wait_for_url(re.compile(r"source="))
    assert parse_qs(urlsplit(page.url).query)["source"] == [value]
    assert total(page) == count
    assert page.locator(".chips a").count() == 1
    filtered_url = page.url

    first = page.locator(".hit h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("h1").inner_text() == title
    assert page.locator(".article mark").count() > 0
    page.go_back()
    page.wait_for_url(filtered_url)
    assert total(page) == count


def test_facets_work_from_the_keyboard(page, base_url):
    page.goto(f"{base_url}/search?q={QUERY}")
    link = page.locator(".facet-topic li a").first
    count = int(link.locator(".count").inner_text())
    link.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # keyboard focus: :focus-visible applies
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"topic="))
    assert total(page) == count
    # the chip removes the filter, again from the keyboard
    page.locator(".chips a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*topic=)"))
    assert "topic=" not in page.url


def test_export_csv_download(page, base_url, tmp_path):
    page.goto(f"{base_url}/search?q={QUERY}")
    n = total(page)
    with page.expect_download() as dl:
        page.locator(".exports a", has_text="CSV").click()
    path = tmp_path / "export.csv"
    dl.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == n
    assert rows[0]["title"] and rows[0]["id"]


def test_phone_width_has_no_horizontal_scroll(browser, base_url, tmp_path):
    ctx = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=1)
    pg = ctx.new_page()
    try:
        pg.goto(f"{base_url}/search?q={QUERY}")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 360
        pg.screenshot(path=str(tmp_path / "search-360.png"), full_page=True)
        pg.locator(".hit h3 a").first.click()
        pg.wait_for_url(re.compile(r"/article/"))
        assert pg.evaluate("document.documentElement.scrollWidth") <= 360
        pg.screenshot(path=str(tmp_path / "article-360.png"), full_page=True)
        assert (tmp_path / "search-360.png").stat().st_size > 1000
    finally:
        ctx.close()


def test_desktop_screenshot(page, base_url, tmp_path):
    page.goto(f"{base_url}/search?q={QUERY}")
    page.screenshot(path=str(tmp_path / "search-1280.png"), full_page=True)
    assert page.locator(".facet-month .bar").count() >= 1
