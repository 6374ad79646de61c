"""The pages in a real browser at a phone's 360 px and a desktop's 1280 px (issue 18): on a
phone the first results are on the first screen and the filters open as a sheet near the top;
sort and page size apply at once; the keyboard reaches results and filters in a few stops and
stays on the facet value it toggled. Debian's Chromium driven by Playwright, the real app
served by waitress on a free port."""
from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=["phone", "desktop"])
def viewport(request):
    return PHONE if request.param == "phone" else DESKTOP


def open_page(chromium, viewport):
    """(context, page, errors): console errors and page errors are collected (a CSP violation
    shows up there)."""
    ctx = chromium.new_context(viewport=viewport, locale="zh-CN")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    return ctx, pg, errors


@pytest.fixture()
def phone(chromium):
    ctx, pg, errors = open_page(chromium, PHONE)
    yield pg
    ctx.close()
    assert not errors, errors


@pytest.fixture()
def desktop(chromium):
    ctx, pg, errors = open_page(chromium, DESKTOP)
    yield pg
    ctx.close()
    assert not errors, errors


def focused(pg) -> dict:
    return pg.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, id: e.id, cls: e.className, facet: e.getAttribute('data-facet'),
                value: e.getAttribute('data-value'), inFilters: !!e.closest('#filters'),
                text: (e.innerText || '').trim().slice(0, 30)}; }""")


def box(pg, selector):
    return pg.locator(selector).first.bounding_box()


def test_phone_first_screen_has_the_query_bar_filters_button_and_results(phone, served_url):
    phone.goto(f"{served_url}/search?q=5G")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    bar, toggle = box(phone, "#q"), box(phone, ".filter-toggle")
    assert bar["y"] < 100 and toggle["y"] < 160 and phone.locator(".filter-toggle").is_visible()
    titles = phone.locator(".hit h3")
    first, second = titles.nth(0).bounding_box(), titles.nth(1).bounding_box()
    assert first["y"] + first["height"] < 300, first  # the first result right under the bar
    assert second["y"] < PHONE["height"], second      # and the next one still on screen
    assert not phone.locator("#filters").is_visible()  # folded away until asked for
    assert not phone.locator("#sort").is_visible()     # advanced options folded


def test_phone_filter_sheet_opens_traps_focus_closes_and_survives_a_facet_click(phone, served_url):
    phone.goto(f"{served_url}/search?q=5G")
    toggle = phone.locator(".filter-toggle")
    toggle.click()
    sheet = box(phone, "#filters")
    assert sheet["y"] <= 1 and sheet["height"] >= PHONE["height"] - 1  # over the results
    assert toggle.get_attribute("aria-expanded") == "true"
    assert focused(phone)["id"] == "filters"
    for _ in range(4):  # the page behind is inert: Tab stays in the sheet
        phone.keyboard.press("Tab")
        assert focused(phone)["inFilters"], focused(phone)
    phone.keyboard.press("Escape")
    assert not phone.locator("#filters").is_visible()
    assert "filter-toggle" in focused(phone)["cls"]
    toggle.click()
    link = phone.locator(".facet-month li a").first
    value = link.get_attribute("data-value")
    link.click()
    phone.wait_for_url(re.compile(r"month="))
    phone.wait_for_function("document.activeElement && document.activeElement.dataset.value")
    f = focused(phone)
    assert (f["facet"], f["value"], f["inFilters"]) == ("month", value, True)
    assert phone.locator("#filters").is_visible()  # still choosing: the sheet stays open
    total = int(phone.locator("#total").inner_text())
    phone.locator(".sheet-done").click()
    assert not phone.locator("#filters").is_visible()
    assert phone.locator(".chips a").count() == 1 and total > 0


def test_desktop_shows_filters_beside_results_without_a_button(desktop, served_url):
    desktop.goto(f"{served_url}/search?q=5G")
    assert desktop.locator("#filters").is_visible()
    assert not desktop.locator(".filter-toggle").is_visible()
    assert box(desktop, "#filters")["x"] > box(desktop, ".results")["x"] + 400


def test_few_tab_stops_to_the_first_result_and_a_skip_link_to_the_filters(chromium, served_url,
                                                                        viewport):
    ctx, pg, errors = open_page(chromium, viewport)
    try:
        pg.goto(f"{served_url}/search?q=5G")
        stops = 0
        while stops < 30:
            pg.keyboard.press("Tab")
            stops += 1
            if focused(pg)["tag"] == "A" and pg.evaluate(
                    "!!document.activeElement.closest('.hit')"):
                break
        assert stops <= 8, stops  # 2 skip links, brand, query, 搜索, (筛选), 选项 (was 16)
        pg.goto(f"{served_url}/search?q=5G")
        pg.keyboard.press("Tab")
        pg.keyboard.press("Tab")
        assert focused(pg)["text"] == "跳到筛选"
        pg.keyboard.press("Enter")
        pg.keyboard.press("Tab")
        f = focused(pg)
        if viewport is DESKTOP:  # (on a phone the skip link goes to the filters at the end)
            assert f["inFilters"] and f["facet"] == "source", f
    finally:
        ctx.close()
    assert not errors, errors


def test_desktop_facet_toggle_from_the_keyboard_keeps_focus_on_that_value(desktop, served_url):
    desktop.goto(f"{served_url}/search?q=5G")
    link = desktop.locator(".facet-topic li a").nth(1)
    value = link.get_attribute("data-value")
    link.focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(re.compile(r"topic="))
    desktop.wait_for_function("document.activeElement && document.activeElement.dataset.value")
    assert (focused(desktop)["facet"], focused(desktop)["value"]) == ("topic", value)
    desktop.keyboard.press("Enter")  # toggling again removes it, focus still there
    desktop.wait_for_url(re.compile(r"^(?!.*topic=)"))
    desktop.wait_for_function("document.activeElement && document.activeElement.dataset.value")
    assert focused(desktop)["value"] == value


def test_sort_and_page_size_apply_when_changed(desktop, served_url):
    desktop.goto(f"{served_url}/search?q=5G")
    desktop.locator(".options summary").click()
    with desktop.expect_navigation():
        desktop.select_option("#sort", "newest")
    assert desktop.url.endswith("/search?q=5G&sort=newest"), desktop.url
    desktop.locator(".options summary").click()
    with desktop.expect_navigation():
        desktop.select_option("#size", "20")
    assert "size=20" in desktop.url and "sort=newest" in desktop.url


def test_a_reversed_date_range_typed_in_the_form_is_searched_with_a_note(desktop, served_url):
    desktop.goto(f"{served_url}/search?q=5G")
    desktop.locator(".options summary").click()
    desktop.fill("#from", "2020-09-30")
    desktop.fill("#to", "2020-07")
    with desktop.expect_navigation():
        desktop.locator(".options button").click()
    assert desktop.locator('.notice[data-code="dates_swapped"]').is_visible()
    assert desktop.input_value("#q") == "5G" and int(desktop.locator("#total").inner_text()) > 0


def test_a_selected_month_stays_on_one_line(desktop, served_url):
    desktop.goto(f"{served_url}/search?month=2020-07")
    sel = box(desktop, ".facet-month a.selected")
    other = box(desktop, ".facet-month li a:not(.selected)")
    assert abs(sel["height"] - other["height"]) < 2, (sel, other)


# --- tap targets: WCAG 2.2 SC 2.5.8 Target Size (Minimum) --------------------------------------
#: The phone the third fresh tester used (F15: export links 16 px tall, 不搜索这些词 19 px).
TESTER_PHONE = {"width": 375, "height": 667}
#: Every target's box: links, buttons, fields, summaries. Exempt, as the SC's "inline" exception
#: allows: a link displayed inline inside a sentence, i.e. with a letter, digit or ideograph
#: right before or after it (one space allowed between, as in Latin prose), so its height is
#: the line's. A link set off by a colon, a separator (·) or a sentence end is no such link.
SMALL_TARGETS = """(min) => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  const word = /[\\p{L}\\p{N}]/u;
  const side = (node, last) => {
    let t = '';
    for (let n = node; n && t.trim() === ''; n = last ? n.previousSibling : n.nextSibling)
      t = (n.textContent || '') + t;
    t = last ? t.replace(/ $/, '') : t.replace(/^ /, '');
    return t ? (last ? t[t.length - 1] : t[0]) : '';
  };
  const out = [];
  for (const e of document.querySelectorAll(sel)) {
    const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    if (!r.width || !r.height || cs.visibility === 'hidden') continue;  // not shown now
    if (r.width >= min && r.height >= min) continue;
    const inSentence = cs.display === 'inline' && e.tagName === 'A' &&
      (word.test(side(e.previousSibling, true)) || word.test(side(e.nextSibling, false)));
    if (inSentence) continue;
    out.push(`${e.tagName} "${(e.innerText || e.value || '').trim().slice(0, 20)}" in ` +
             `${e.parentElement.tagName}.${e.parentElement.className}: ` +
             `${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
  }
  return out;
}"""


def small_targets(pg) -> list[str]:
    return pg.evaluate(SMALL_TARGETS, 24)


def test_every_target_is_at_least_24_px_on_a_375_px_phone(chromium, served_url):
    """Each link, button and field on the result page (with the options and the filter sheet
    open too), a zero-result page, the article page and the archive pages (publications,
    calendar, issue, frozen list) is at least 24×24 CSS px at 375×667 (SC 2.5.8)."""
    ctx, pg, errors = open_page(chromium, TESTER_PHONE)
    found: dict[str, list[str]] = {}

    def check(label: str) -> None:
        assert pg.evaluate("document.documentElement.scrollWidth") <= TESTER_PHONE["width"]
        found[label] = small_targets(pg)

    pg.goto(f"{served_url}/search?q=网络安全")
    assert pg.locator(".exports a").count() >= 4 and pg.locator(".notice-link").count()
    check("results")
    pg.locator(".options summary").click()
    check("results, options open")
    pg.locator(".filter-toggle").click()
    check("results, filter sheet open")
    pg.goto(f"{served_url}/search?q=zzqqxxyyww")
    check("no results")
    pg.goto(f"{served_url}/search?q=网络安全")
    article = pg.locator(".hit h3 a").first.get_attribute("href")
    pg.get_by_role("button", name="引用此结果").click()
    pg.wait_for_url("**/cite/*")
    check("frozen list")
    pg.goto(served_url + article)
    check("article")
    pg.goto(f"{served_url}/archive")
    check("archive")
    pg.locator(".pubs a").first.click()
    pg.wait_for_load_state()
    check("calendar")
    pg.locator(".issue-list a").first.click()
    pg.wait_for_load_state()
    assert pg.locator(".issue-articles a").count()
    check("issue")
    ctx.close()
    assert not errors, errors
    assert not any(found.values()), found


def test_the_target_check_exempts_only_links_inside_a_sentence(chromium):
    """The measure above can fail: a small link set off by a colon or a separator is reported,
    one inside a sentence (Chinese, or Latin with spaces) is not."""
    ctx, pg, _ = open_page(chromium, TESTER_PHONE)
    pg.set_content('<p style="font-size:12px;line-height:1">导出：<a href="#a">CSV</a> · '
                   '<a href="#b">JSON</a></p><p style="font-size:12px;line-height:1">详见'
                   '<a href="#c">第三版</a>报道；see <a href="#d">the notes</a> here.</p>')
    small = small_targets(pg)
    ctx.close()
    assert [s.split('"')[1] for s in small] == ["CSV", "JSON"], small
