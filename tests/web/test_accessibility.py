"""No serious or critical accessibility violation on any page: axe-core (the npm package in
./node_modules, installed by `make test` from package-lock.json) injected into every kind of
page in Debian's Chromium at 360 px and 1280 px: home, results, results with filters, no
results, an article, an error page and the phone's open filter sheet."""
from __future__ import annotations

import os

import pytest

from helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_js():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing under CI: `make test` installs it (npm ci)")
        pytest.skip("axe-core is not installed: run `npm ci` (make test does)")
    return AXE


@pytest.fixture(scope="module")
def article_id(client_module):
    return client_module.get("/api/search?q=5G&size=1").get_json()["hits"][0]["id"]


@pytest.fixture(scope="module")
def client_module(corpus_index):
    from searchapp.web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)}).test_client()


PAGES = {"home": "/", "results": "/search?q=5G", "filtered": "/search?q=5G&month=2020-09&source=_none",
         "no-results": "/search?q=zzzqqqxyz", "article": "/article/{id}",
         "error": "/search?q=5G&from=2020-02-30", "not-found": "/article/0000000000000000"}


def run_axe(pg, axe_js) -> list[dict]:
    pg.add_script_tag(path=str(axe_js))
    return pg.evaluate("""async () => (await axe.run(document)).violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_no_serious_accessibility_violations(chromium, served_url, axe_js, article_id, name, width):
    # bypass_csp: axe is injected as an inline script, which the pages' CSP rightly forbids
    ctx = chromium.new_context(viewport=PHONE if width == "phone" else DESKTOP, locale="zh-CN",
                              bypass_csp=True)
    pg = ctx.new_page()
    try:
        pg.goto(served_url + PAGES[name].format(id=article_id))
        found = run_axe(pg, axe_js)
        bad = [v for v in found if v["impact"] in FAILING]
        assert not bad, bad
        if name == "results" and width == "phone":  # the open filter sheet too
            pg.locator(".filter-toggle").click()
            bad = [v for v in run_axe(pg, axe_js) if v["impact"] in FAILING]
            assert not bad, bad
    finally:
        ctx.close()
