"""`/archive` on a phone (375×812, Debian's Chromium via Playwright, the app served by waitress
over a real index): the publications table is laid out as stacked rows without its header row,
so each cell must say which column it is — 刊期, 文章, 起止, 缺期 — or the numbers are bare
(seventh fresh tester, T7). On a desktop the header row names them and the cells do not."""
from __future__ import annotations

import threading

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def base_url(archive_index):
    from searchapp.web import create_app, make_server
    from searchapp.web.server import url_of

    server = make_server(create_app({"INDEX_DIR": str(archive_index)}), port=0, threads=2)
    threading.Thread(target=server.run, daemon=True).start()
    yield url_of(server).rstrip("/")
    server.close()


def _rows(chromium, base_url, viewport):
    ctx = chromium.new_context(viewport=viewport, locale="zh-CN")
    try:
        pg = ctx.new_page()
        pg.goto(base_url + "/archive")
        heads = pg.locator("table.pubs thead th").all_inner_texts()
        head_shown = pg.locator("table.pubs thead").is_visible()
        rows = [r.locator("td").all_inner_texts() for r in pg.locator("table.pubs tbody tr").all()]
        width = pg.evaluate("document.documentElement.scrollWidth")
        return heads, head_shown, rows, width
    finally:
        ctx.close()


def test_every_number_carries_its_column_name_on_a_phone(chromium, base_url):
    heads, head_shown, rows, width = _rows(chromium, base_url, PHONE)
    assert not head_shown and rows and width <= PHONE["width"]
    for cells in rows:
        assert len(cells) == len(heads) - 1  # the first column is the row's <th>
        for name, text in zip(heads[1:], cells):
            assert text.replace(" ", "").startswith(name), (name, text)
            if name in ("刊期", "文章", "缺期"):  # the count (a note may follow on its own line)
                assert text.split("\n")[0][len(name):].strip().isdigit(), (name, text)


def test_on_a_desktop_the_header_row_names_the_columns(chromium, base_url):
    heads, head_shown, rows, _ = _rows(chromium, base_url, DESKTOP)
    assert head_shown and heads[:3] == ["来源", "类型", "刊期"] and rows
    for cells in rows:
        for name, text in zip(heads[1:], cells):
            assert not text.startswith(name), (name, text)
