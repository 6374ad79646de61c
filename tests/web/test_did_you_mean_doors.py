"""The spelling suggestion (您是不是要找) reaches every door the same way: the JSON API
(`query.did_you_mean` with its links, the notice `did_you_mean`), the page (one line with a
link above the results, usable at 375 px), the CLI (a `note:` line; `--format json`) and bulk
(JSONL and CSV records); the results shown are always those of the query as typed. The typo
is made here by replacing one character with a homophone."""
from __future__ import annotations

import csv
import io
import json
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from helpers import tiny_index
from searchapp.analysis.homophones import homophones
from searchapp.cli import main

pytestmark = pytest.mark.slow  # an index of its own, a server and a browser

WORD = "城市规划"
OTHER = "天气预报"


def _typo() -> str:
    """WORD with its third character replaced by a homophone that makes no word of the index."""
    for alt in homophones(WORD[2]):
        if alt not in "划画话化":
            return WORD[:2] + alt + WORD[3:]
    raise AssertionError("no homophone")


TYPO = _typo()


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("dym")
    docs = [{"id": f"p{k}", "title": f"{WORD}新思路{k}", "body": f"各地完善{WORD}，{WORD}更科学。",
             "date": f"2021-03-{k + 1:02d}"} for k in range(8)]
    docs.append({"id": "w", "title": OTHER, "body": "明天有雨。", "date": "2021-05-01"})
    tiny_index(root, docs).close()
    return root / "index"


@pytest.fixture(scope="module")
def client(index_dir):
    from searchapp.web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def test_api_names_the_suggestion_and_keeps_the_typed_results(client):
    d = client.get("/api/search", query_string={"q": TYPO, "source": "_none"}).get_json()
    dym = d["query"]["did_you_mean"]
    assert d["total"] == 0 and d["hits"] == []
    assert dym["q"] == WORD and dym["total"] >= 3
    assert dym["words"] == [{"word": TYPO, "suggested": WORD}]
    link = parse_qs(urlsplit(dym["links"]["json"]).query)
    assert link["q"] == [WORD] and link["source"] == ["_none"]  # filters kept
    assert "did_you_mean" in [n["code"] for n in d["query"]["notice_items"]]
    assert client.get("/api/search", query_string={"q": WORD}).get_json()[
        "query"]["did_you_mean"] is None


def test_page_shows_one_line_with_the_link(client):
    html = client.get("/search", query_string={"q": TYPO}).get_data(as_text=True)
    assert html.count('data-code="did_you_mean"') == 1
    assert f'您是不是要找：<a href="/search?q=' in html and f">{WORD}</a>" in html
    assert 'data-code="did_you_mean"' not in client.get(
        "/search", query_string={"q": WORD}).get_data(as_text=True)


def test_cli_says_it_in_a_note_and_in_json(index_dir):
    r = CliRunner().invoke(main, ["search", TYPO, "--index", str(index_dir)])
    assert r.exit_code == 0, r.output
    assert f"note: Did you mean: {WORD}" in r.output and "0 results" in r.output
    r = CliRunner().invoke(main, ["search", TYPO, "--index", str(index_dir), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["query"]["did_you_mean"]["q"] == WORD


def test_bulk_records_carry_it(index_dir, tmp_path):
    src = tmp_path / "q.jsonl"
    src.write_text("".join(json.dumps({"id": i, "q": q}, ensure_ascii=False) + "\n"
                           for i, q in enumerate([TYPO, WORD])), "utf-8")
    r = CliRunner().invoke(main, ["bulk", str(src), "--index", str(index_dir)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert recs[0]["did_you_mean"]["q"] == WORD and recs[0]["total"] == 0
    assert recs[1]["did_you_mean"] is None and recs[1]["total"] > 0
    r = CliRunner().invoke(main, ["bulk", str(src), "--index", str(index_dir), "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
    assert rows[0]["did_you_mean"] == WORD and all(x["did_you_mean"] == "" for x in rows[1:])


@pytest.mark.browser
def test_browser_phone_line_is_visible_and_its_link_searches(chromium, index_dir):
    from searchapp.web import create_app, make_server
    from searchapp.web.server import url_of

    server = make_server(create_app({"INDEX_DIR": str(index_dir)}), host="127.0.0.1", port=0,
                         threads=2)
    threading.Thread(target=server.run, daemon=True).start()
    ctx = chromium.new_context(viewport={"width": 375, "height": 667}, locale="zh-CN")
    pg = ctx.new_page()
    try:
        pg.goto(url_of(server).rstrip("/") + "/search?q=" + TYPO)
        line = pg.locator('[data-code="did_you_mean"]')
        assert line.is_visible() and "您是不是要找" in line.inner_text()
        link = line.locator("a")
        box = link.bounding_box()
        assert box["height"] >= 40 and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375
        link.click()
        pg.wait_for_load_state()
        assert int(pg.locator("#total").inner_text()) >= 3
        assert pg.locator('[data-code="did_you_mean"]').count() == 0
    finally:
        ctx.close()
        server.close()
