"""`也搜索了：…` and the per-query switch `thesaurus`, at every door: the JSON API (field
`query.also_searched`, parameter `thesaurus`), the page (the line and its one-click link), the
CLI (`searchapp search --no-thesaurus`, `searchapp bulk --no-thesaurus`) and bulk over HTTP,
on the session's index of the bundled issue. `AI` has starter-list variants (人工智能); the
issue defines `CNNIC` (`中国互联网络信息中心（CNNIC）`), a mined pair."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from searchapp.cli import main

pytestmark = pytest.mark.slow  # the session's index, the CLI and bulk over it

STARTER = "AI"
MINED = "CNNIC"
MINED_FULL = "中国互联网络信息中心"


def _api(client, **params):
    r = client.get("/api/search", query_string=params)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return r.get_json()


def _variants(d) -> list[str]:
    return [v for x in d["query"]["also_searched"] for v in x["variants"]]


def test_api_lists_the_variants_and_turns_them_off(client):
    on = _api(client, q=STARTER)
    assert on["query"]["also_searched"][0]["word"] == STARTER
    assert "人工智能" in _variants(on)
    off = _api(client, q=STARTER, thesaurus="off")
    assert off["query"]["also_searched"] == []
    assert off["request"]["thesaurus"] == "off"  # the parameters as understood
    assert off["total"] <= on["total"]
    # without the variants, every complete hit has the word itself
    for h in off["hits"]:
        if not h["missing"]:
            assert "ai" in (h["title"] + h["snippet"]).lower() or h["snippet"] == ""
    assert _api(client, q=STARTER, thesaurus="1")["query"]["also_searched"]
    assert "thesaurus=off" in off["links"]["self"]


def test_api_mined_pair_is_a_variant(client):
    d = _api(client, q=MINED)
    assert MINED_FULL in _variants(d)
    assert _variants(_api(client, q=MINED_FULL)) == [MINED] or MINED in _variants(
        _api(client, q=MINED_FULL))


def test_api_bad_switch_value_is_a_clear_error(client):
    r = client.get("/api/search", query_string={"q": STARTER, "thesaurus": "maybe"})
    assert r.status_code == 400
    d = r.get_json()
    assert d["param"] == "thesaurus" and "off" in d["valid"]


def test_no_variants_for_phrases_and_fields(client):
    assert _api(client, q=f'"{STARTER}"')["query"]["also_searched"] == []
    assert _api(client, q=f"title:{STARTER}")["query"]["also_searched"] == []


def test_page_shows_the_line_and_the_link_repeats_the_search_without_them(client):
    html = client.get("/search", query_string={"q": STARTER}).get_data(as_text=True)
    m = re.search(r'<p class="notice thesaurus"[^>]*data-code="also_searched">([^<]*)'
                  r'<a class="notice-link" href="([^"]+)">([^<]+)</a>', html)
    assert m, html[:2000]
    assert m.group(1).startswith("也搜索了：") and "人工智能" in m.group(1)
    href = m.group(2).replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query) == {"q": [STARTER], "thesaurus": ["off"]}
    html = client.get(href).get_data(as_text=True)
    assert "也搜索了" not in html
    m = re.search(r'data-code="thesaurus_was_off">([^<]*)<a class="notice-link" '
                  r'href="([^"]+)"', html)
    assert m and "未使用" in m.group(1)
    back = parse_qs(urlsplit(m.group(2).replace("&amp;", "&")).query)
    assert back == {"q": [STARTER]}


def test_page_without_variants_has_no_line(client):
    html = client.get("/search", query_string={"q": "网络安全产业"}).get_data(as_text=True)
    assert 'data-code="also_searched"' not in html


def test_cli_search_says_what_it_also_searched_and_the_flag_turns_it_off(runner):
    r = runner.invoke(main, ["search", STARTER, "--plain"])
    assert r.exit_code == 0, r.output
    assert re.search(r"also searched: AI → .*人工智能", r.output)
    r = runner.invoke(main, ["search", STARTER, "--plain", "--no-thesaurus"])
    assert r.exit_code == 0 and "also searched" not in r.output
    r = runner.invoke(main, ["search", MINED, "--json"])
    d = json.loads(r.stdout)
    assert MINED_FULL in _variants(d)
    r = runner.invoke(main, ["search", MINED, "--json", "--no-thesaurus"])
    d = json.loads(r.stdout)
    assert d["query"]["also_searched"] == [] and d["request"]["thesaurus"] == "off"


def test_cli_bulk_records_say_what_variants_were_used(runner, tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text(f'{STARTER}\n{{"id": "x", "q": "{STARTER}", "thesaurus": "off"}}\n'
                 f"{MINED}\n", encoding="utf-8")
    recs = [json.loads(x) for x in runner.invoke(main, ["bulk", str(f)]).stdout.splitlines()]
    assert "人工智能" in _variants({"query": recs[0]})
    assert recs[1]["also_searched"] == []
    assert MINED_FULL in _variants({"query": recs[2]})
    out = runner.invoke(main, ["bulk", str(f), "--no-thesaurus"]).stdout
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["also_searched"] for r in recs] == [[], [], []]
    assert recs[0]["total"] <= json.loads(
        runner.invoke(main, ["bulk", str(f)]).stdout.splitlines()[0])["total"]


def test_http_bulk_takes_the_same_switch(client):
    def post(body, qs=""):
        r = client.post("/api/bulk" + qs, json=body)
        assert r.status_code == 200
        return [json.loads(x) for x in r.get_data(as_text=True).splitlines()]

    recs = post([STARTER, {"q": STARTER, "thesaurus": "off"}])
    assert recs[0]["also_searched"] and recs[1]["also_searched"] == []
    recs = post([STARTER, {"q": STARTER, "thesaurus": "on"}], "?thesaurus=off")
    assert recs[0]["also_searched"] == [] and recs[1]["also_searched"]
    r = client.post("/api/bulk?thesaurus=perhaps", json=[STARTER])
    assert r.status_code == 400 and r.get_json()["param"] == "thesaurus"


@pytest.mark.browser
@pytest.mark.slow
def test_browser_one_click_search_without_variants(chromium, served_url):
    ctx = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(served_url + "/search?q=" + STARTER)
        line = pg.locator('.notice.thesaurus[data-code="also_searched"]')
        assert line.is_visible() and "也搜索了：" in line.inner_text()
        with_variants = int(pg.locator("#total").inner_text())
        line.locator("a").click()
        pg.wait_for_url(re.compile(r"thesaurus=off"))
        off = pg.locator('.notice.thesaurus[data-code="thesaurus_was_off"]')
        assert off.is_visible() and "未使用" in off.inner_text()
        assert int(pg.locator("#total").inner_text()) <= with_variants
        off.locator("a").click()
        pg.wait_for_url(re.compile(r"/search\?q=AI$"))
        assert pg.locator('.notice.thesaurus[data-code="also_searched"]').is_visible()
    finally:
        ctx.close()
    assert not errors, errors


def test_cli_bulk_csv_rows_say_what_variants_were_used(runner, tmp_path):
    import csv
    import io

    f = tmp_path / "q.txt"
    f.write_text(f"{STARTER}\n网络安全产业\n", encoding="utf-8")
    r = runner.invoke(main, ["bulk", str(f), "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
    first = [x for x in rows if x["query_id"] == "1"]
    assert first and all(x["also_searched"].startswith(f"{STARTER}: ") for x in first)
    assert "人工智能" in first[0]["also_searched"].split(": ", 1)[1].split("|")
    r = runner.invoke(main, ["bulk", str(f), "--format", "csv", "--no-thesaurus"])
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
    assert rows and all(x["also_searched"] == "" for x in rows)
