"""The HTML pages render the engine's data faithfully: every route, facets that toggle, chips,
paging that never shows an empty page, exports of the whole list, the article page."""
from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

QUERY = "5G"  # a general term of the field, not a title


def api(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


def hrefs(html, cls=None):
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def total_in(html):
    m = re.search(r'id="total">(\d+)<', html)
    assert m, "no result count in page"
    return int(m.group(1))


def test_home_has_labelled_form_facets_and_json_twin(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<html lang="zh-CN">' in html
    assert re.search(r'<label for="q"[^>]*>', html) and 'id="q"' in html
    assert 'rel="alternate" type="application/json" href="/api/search"' in html
    for name in ("source", "topic", "month"):
        assert f'class="facet facet-{name}"' in html
    # every <select>/<input> that is not hidden sits inside a <label> or has one pointing at it
    for m in re.finditer(r"<(select|input)\b([^>]*)>", html):
        attrs = m.group(2)
        if 'type="hidden"' in attrs:
            continue
        before = html[: m.start()]
        inside_label = before.rfind("<label") > before.rfind("</label>")
        idm = re.search(r'id="([^"]+)"', attrs)
        assert inside_label or (idm and f'for="{idm.group(1)}"' in html), attrs


def test_search_keeps_query_counts_and_marks(client):
    data = api(client, f"/api/search?q={QUERY}")
    assert data["total"] > 0
    html = client.get(f"/search?q={QUERY}").get_data(as_text=True)
    assert f'value="{QUERY}"' in html
    assert total_in(html) == data["total"]
    assert "<mark>" in html
    assert "毫秒" in html
    # hit links in page order are the API's hits in order
    ids = re.findall(r'href="/article/([A-Za-z0-9_-]+)\?q=', html)
    assert ids == [h["id"] for h in data["hits"]]


def test_source_facet_toggles_filter_and_chip(client):
    data = api(client, f"/api/search?q={QUERY}")
    fv = data["facets"]["source"][0]
    assert fv["selected"] is False
    html_url = fv["toggle_url"].replace("/api/search", "/search", 1)
    html = client.get(html_url).get_data(as_text=True)
    assert total_in(html) == fv["count"]
    assert 'class="chips"' in html and 'aria-current="true"' in html
    filtered = api(client, fv["toggle_url"])
    assert filtered["total"] == fv["count"]
    assert all(h["source"] == fv["value"] for h in filtered["hits"])
    sel = [v for v in filtered["facets"]["source"] if v["value"] == fv["value"]]
    assert sel and sel[0]["selected"] is True
    # toggling again removes the filter: back to the unfiltered total
    assert api(client, sel[0]["toggle_url"])["total"] == data["total"]


def test_multiselect_is_or_within_and_across_facets(client):
    data = api(client, "/api/search")
    sources = data["facets"]["source"]
    if len(sources) < 2:
        pytest.skip("corpus has a single source")
    a, b = sources[0], sources[1]
    both = api(client, f"/api/search?source={a['value']}&source={b['value']}")
    assert both["total"] == a["count"] + b["count"]
    topic = data["facets"]["topic"][0]["value"]
    anded = api(client, f"/api/search?source={a['value']}&topic={topic}")
    for h in api(client, f"/api/search?source={a['value']}&topic={topic}&size=100")["hits"]:
        assert h["source"] == a["value"] and topic in h["topics"]
    assert anded["total"] <= a["count"]


def test_month_facet_in_date_order_as_histogram(client):
    data = api(client, "/api/search")
    months = [v["value"] for v in data["facets"]["month"]]
    assert months == sorted(months)
    html = client.get("/search").get_data(as_text=True)
    assert re.search(r'class="bar bar-\d+"', html)


def test_paging_past_the_end_stops_a_pager_and_the_page_redirects(client):
    # tester finding: a page past the last one answered the last page again, so a script
    # paging "until no hits" never stopped and collected duplicates
    data = api(client, "/api/search?size=1")
    n = data["total"]
    assert n >= 2 and data["pages"] == n
    last = api(client, "/api/search?size=1&page=999")
    assert last["page"] == 999 and last["hits"] == [] and last["total"] == n
    assert [x["code"] for x in last["query"]["notice_items"]][:1] == ["page_past_end"]
    assert last["links"]["next"] is None and "page=%d" % n in last["links"]["last"]
    assert "page=%d" % n in last["links"]["prev"]
    r = client.get("/search?size=1&page=999")
    assert r.status_code == 302 and "page=%d" % n in r.headers["Location"]
    html = client.get("/search?size=1&page=3").get_data(as_text=True)
    for rel in ("first", "prev", "next", "last"):
        assert f'rel="{rel}"' in html
    html = client.get("/search?size=1&page=2").get_data(as_text=True)  # first = prev: once
    assert 'rel="prev"' in html and 'rel="first"' not in html
    html = client.get("/search?size=1&page=999", follow_redirects=True).get_data(as_text=True)
    assert 'rel="next"' not in html and 'class="hit"' in html


def test_sort_and_date_range(client):
    newest = [h["date"] for h in api(client, "/api/search?sort=newest&size=100")["hits"] if h["date"]]
    assert newest == sorted(newest, reverse=True)
    oldest = [h["date"] for h in api(client, "/api/search?sort=oldest&size=100")["hits"] if h["date"]]
    assert oldest == sorted(oldest)
    d = newest[len(newest) // 2][:10]
    ranged = api(client, f"/api/search?from={d}&to={d}&size=100")
    assert ranged["total"] >= 1
    assert all(h["date"][:10] == d for h in ranged["hits"])
    html = client.get(f"/search?from={d}&sort=oldest&size=20").get_data(as_text=True)
    assert f'name="from" value="{d}"' in html
    assert '<option value="oldest" selected>' in html and '<option value="20" selected>' in html


def test_zero_results_say_so_and_show_the_query(client):
    q = "zqxjkw 不存在的词语组合qq"
    html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert "没有找到" in html
    assert f'<span class="searched">{q}</span>' in html
    data = api(client, "/search?format=json&q=zqxjkw")
    assert data["total"] == 0 and isinstance(data["suggestions"], list)


def test_zero_results_with_filter_offer_a_way_out(client):
    data = api(client, f"/api/search?q={QUERY}")
    src = data["facets"]["source"][0]["value"]
    html = client.get("/search", query_string={"q": "zqxjkw", "source": src}).get_data(as_text=True)
    assert "去掉所有筛选条件" in html


def test_csv_export_has_bom_and_every_hit(client):
    data = api(client, f"/api/search?q={QUERY}&size=3")
    r = client.get(f"/search?q={QUERY}&size=3&format=csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    raw = r.get_data()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == data["total"]  # the whole list, not just the page
    assert [r["id"] for r in rows[:3]] == [h["id"] for h in data["hits"]]
    # relative without a configured PUBLIC_URL (never from the Host header: test_web_protocol)
    assert all(r["link"] == f"/article/{r['id']}" for r in rows)


def test_exports_say_which_rows_are_partial_hits(client):
    # tester finding: an export mixed complete and partial hits with nothing to tell them apart
    q = "数字经济 5G"
    data = api(client, f"/api/search?q={q}&size=100")
    partial = {h["id"]: h["missing"] for h in data["hits"] if h["missing"]}
    assert partial and len(partial) < len(data["hits"])
    raw = client.get(f"/search?q={q}&format=csv").get_data().decode("utf-8-sig")
    rows = {r["id"]: r["missing"] for r in csv.DictReader(io.StringIO(raw))}
    assert {k: v for k, v in rows.items() if v} == {k: ";".join(v) for k, v in partial.items()}
    lines = [json.loads(x) for x in
             client.get(f"/search?q={q}&format=jsonl").get_data(as_text=True).splitlines()]
    assert {x["id"]: x["missing"] for x in lines if x["missing"]} == partial


def test_jsonl_export_matches_api(client):
    data = api(client, f"/api/search?q={QUERY}&size=100")
    r = client.get(f"/api/search?q={QUERY}&format=jsonl")
    assert r.status_code == 200 and r.mimetype == "application/x-ndjson"
    lines = [json.loads(x) for x in r.get_data(as_text=True).splitlines()]
    assert [x["id"] for x in lines] == [h["id"] for h in data["hits"]][: len(lines)]
    assert len(lines) == data["total"]


def test_article_page_metadata_highlight_related(client):
    hit = api(client, f"/api/search?q={QUERY}")["hits"][0]
    r = client.get(f"/article/{hit['id']}?q={QUERY}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    art = api(client, f"/api/articles/{hit['id']}")["article"]
    assert "<mark>" in html
    assert f'href="/api/articles/{art["id"]}"' in html and 'rel="alternate"' in html
    assert "永久链接" in html and f"/article/{art['id']}" in html
    assert "相关文章" in html
    if art["source"]:
        assert art["source"] in unescape(html)
    n_paras = len([p for p in art["body"].split("\n\n") if p.strip()])
    body = html.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert body.count("<p>") == n_paras
    # without ?q= nothing is marked
    assert "<mark>" not in client.get(f"/article/{hit['id']}").get_data(as_text=True)


def test_article_page_marks_parts_only_when_lacking_the_word(client):
    """The article page marks what the article's hit marks: 网络安全 and not its stand-alone
    parts in an article holding the word, the parts in one lacking it (F15)."""
    hits = api(client, "/api/search?q=网络安全&size=50")["hits"]
    marks = {}
    for kind, hit in (("whole", next(h for h in hits if not h["missing"])),
                      ("partial", next(h for h in hits if h["missing"]))):
        page = client.get(f"/article/{hit['id']}?q=网络安全").get_data(as_text=True)
        marks[kind] = set(re.findall(r"<mark>(.*?)</mark>", page))
    assert marks["whole"] == {"网络安全"}, marks
    assert {"网络", "安全"} <= marks["partial"], marks


def test_article_origin_and_back_link(client):
    data = api(client, f"/api/search?q={QUERY}")
    art = api(client, f"/api/articles/{data['hits'][0]['id']}")["article"]
    html = unescape(client.get(f"/article/{art['id']}?q={QUERY}").get_data(as_text=True))
    if art["origin"].get("line_start"):
        assert f"第 {art['origin']['line_start']}" in html
    back = [h for h in hrefs(html) if h.startswith("/search?")]
    assert back and parse_qs(urlsplit(back[0]).query)["q"] == [QUERY]


def test_article_back_link_restores_the_whole_search(client):
    data = api(client, f"/api/search?q={QUERY}")
    src = max(data["facets"]["source"], key=lambda v: v["count"])
    assert src["count"] >= 3, "the corpus needs one source with 3 hits for page 2 of size 2"
    state = {"q": [QUERY], "sort": ["newest"], "source": [src["value"]], "size": ["2"], "page": ["2"]}
    url = "/search?" + "&".join(f"{k}={v[0]}" for k, v in state.items())
    html = client.get(url).get_data(as_text=True)
    links = [h for h in hrefs(html) if h.startswith("/article/")]
    assert links and all(parse_qs(urlsplit(h).query) == state for h in links), links
    page = client.get(links[0])
    assert page.status_code == 200
    back = [h for h in hrefs(page.get_data(as_text=True)) if h.startswith("/search?")]
    assert back and parse_qs(urlsplit(back[0]).query) == state
    # following the back link gives the same result list as the search page we came from
    ids = lambda h: re.findall(r'href="/article/([A-Za-z0-9_-]+)\?', h)  # noqa: E731
    assert ids(client.get(back[0]).get_data(as_text=True)) == ids(html)
    # the JSON twin's html links carry the same state
    j = api(client, "/api/search?" + url.split("?", 1)[1])
    assert all(parse_qs(urlsplit(h["links"]["html"]).query) == state for h in j["hits"])
    # the article page validates its search parameters like /search does
    art = links[0].split("?", 1)[0]
    for bad in ("sort=sideways", "size=abc", "page=0", "bogus=1"):
        assert client.get(f"{art}?q={QUERY}&{bad}").status_code == 400, bad


@pytest.fixture(scope="module")
def dup_client(tmp_path_factory):
    """A real index over a JSONL export holding a reprint (near-duplicate) of one article."""
    from searchapp.index import build
    from searchapp.web import create_app

    d = tmp_path_factory.mktemp("dups")
    (d / "in").mkdir()
    body = "。".join(f"第{i}段讲述了推进工业互联网建设的进展和数字经济发展的情况{i}" for i in range(30))
    rows = [{"title": "推进工业互联网建设", "body": body, "source": "甲报", "date": "2020-09-01"},
            {"title": "推进工业互联网建设（转载）", "body": body + "。转载自甲报", "source": "乙报",
             "date": "2020-09-02"},
            {"title": "发布人工智能规划", "body": "发布人工智能产业规划，算力中心建设提速。" * 10,
             "source": "Financial Times 中文网", "date": "2020-09-03"}]
    (d / "in" / "x.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                      encoding="utf-8")
    build([d / "in"], d / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(d / "index")}).test_client()


def test_related_marks_near_duplicates(dup_client):
    hits = api(dup_client, "/api/search")["hits"]
    dup = [h for h in hits if h["duplicate_of"]]
    assert len(dup) == 1
    original = dup[0]["duplicate_of"]
    rel = api(dup_client, f"/api/articles/{original}")["related"]
    assert [r["duplicate_of"] for r in rel if r["id"] == dup[0]["id"]] == [original]
    html = dup_client.get(f"/article/{original}").get_data(as_text=True)
    related = html.split('class="related"', 1)[1]
    assert related.count("近似重复") == 1
    html = dup_client.get(f"/article/{dup[0]['id']}").get_data(as_text=True)
    assert f'href="/article/{original}"' in html and "近似重复" in html
    # the search page marks the reprint among the hits
    assert api(dup_client, "/api/search")["total"] == 3
    assert dup_client.get("/search").get_data(as_text=True).count('class="badge">近似重复') == 1


def test_facet_value_with_spaces_is_one_value(dup_client):
    values = [v for v in api(dup_client, "/api/search")["facets"]["source"]]
    ft = [v for v in values if v["value"] == "Financial Times 中文网"]
    assert len(ft) == 1 and ft[0]["count"] == 1
    assert not any(v["value"] in ("Financial", "Times", "中文网") for v in values)
    html = dup_client.get(ft[0]["toggle_url"].replace("/api/search", "/search")).get_data(as_text=True)
    assert total_in(html) == 1 and "来源：Financial Times 中文网" in html


def test_static_assets_served(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and b".facet" in r.data
    assert client.get("/static/app.js").status_code == 200


def test_index_opened_lazily_once_and_reused_across_threads(corpus_index, tmp_path):
    import shutil
    import threading

    from searchapp.web import create_app
    from searchapp.web.resources import get_handle

    target = tmp_path / "idx"
    app = create_app({"TESTING": True, "INDEX_DIR": str(target)})  # nothing opened yet
    c = app.test_client()
    r = c.get("/api/search?q=x")
    assert r.status_code == 503 and "searchapp index" in r.get_json()["error"]
    assert "searchapp index corpus/" in c.get("/search").get_data(as_text=True)
    shutil.copytree(corpus_index, target)
    assert c.get(f"/api/search?q={QUERY}").status_code == 200  # no restart needed
    seen = []

    def grab():
        with app.app_context():
            seen.append(get_handle())

    ts = [threading.Thread(target=grab) for _ in range(4)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    assert len({id(h) for h in seen}) == 1


@pytest.mark.slow
def test_rebuild_is_picked_up_without_restart(tmp_path):
    from searchapp.index import build
    from searchapp.web import create_app

    src = tmp_path / "in"
    src.mkdir()
    row = {"title": "数据中心建设提速", "body": "数据中心建设提速，算力网络加快布局。" * 5,
           "source": "甲报", "date": "2020-09-01"}
    (src / "a.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    build([src], tmp_path / "index")
    c = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    assert api(c, "/api/search")["total"] == 1
    row2 = dict(row, title="网络安全宣传周开幕", body="网络安全宣传周开幕，个人信息保护成焦点。" * 5)
    (src / "b.jsonl").write_text(json.dumps(row2, ensure_ascii=False) + "\n", encoding="utf-8")
    build([src], tmp_path / "index")
    import time

    deadline = time.monotonic() + 5  # the handle checks for a new generation every ~0.5 s
    while api(c, "/api/search")["total"] != 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert api(c, "/api/search")["total"] == 2  # same app, same handle: the new generation


@pytest.mark.slow
def test_serve_prints_url_and_answers(corpus_index, tmp_path):
    import subprocess
    import sys
    import urllib.request

    code = ("import sys; from searchapp.web import create_app, serve; "
            "serve(create_app({'INDEX_DIR': sys.argv[1]}), port=0, threads=2)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(corpus_index)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        assert m, line + proc.stderr.read() if proc.poll() is not None else line
        with urllib.request.urlopen(m.group(1) + "api/search?q=" + QUERY, timeout=30) as r:
            assert r.status == 200 and json.loads(r.read())["total"] > 0
            assert r.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- faults found by a clean-clone tester (issues 3, 4, 5, 6, 7, 12) ---

@pytest.mark.parametrize("url", ["/api/search?q=topic:人工智能", "/api/search?topic=人工智能",
                                 "/api/search?topic=ai", "/api/search?q=主题:人工智能"])
def test_topic_display_names_select_the_topic(client, url):
    """The names the UI shows (topic labels) select exactly what the topic key selects."""
    by_key = api(client, "/api/search?topic=AI&size=100")
    d = api(client, url + "&size=100")
    assert by_key["total"] > 0 and d["total"] == by_key["total"]
    assert {h["id"] for h in d["hits"]} == {h["id"] for h in by_key["hits"]}


def test_topic_facets_keep_keys_and_show_labels(client):
    from searchapp.vocab.topics import label

    d = api(client, "/api/search?topic=网络安全")
    rows = d["facets"]["topic"]
    assert all(r["label"] == label(r["value"]) for r in rows)
    sel = [r for r in rows if r["selected"]]
    assert [r["value"] for r in sel] == ["security"] and sel[0]["label"] != "security"
    html = client.get("/search?topic=security").get_data(as_text=True)
    assert sel[0]["label"] in html


def test_unknown_topic_is_a_notice_listing_valid_topics(client):
    d = api(client, "/api/search?topic=不存在的主题")
    items = d["query"]["notice_items"]
    assert d["total"] == 0 and [n["code"] for n in items] == ["unknown_topic"]
    assert "security" in items[0]["text"] and "网络安全" in items[0]["text_zh"]


@pytest.mark.parametrize("url", ["/api/search?q=%80", "/search?q=%E7%BD", "/api/search?topic=%FF",
                                 "/search?q=5G&sort=%C3", "/api/search?%80=1",
                                 "/article/x?q=%E7%BD", "/api/search?format=json&page=%FE"])
def test_invalid_utf8_is_a_400_naming_the_parameter(client, url):
    r = client.get(url)
    assert r.status_code == 400
    text = r.get_data(as_text=True)
    assert "UTF-8" in text and "%E7%BD" not in text
    if r.mimetype == "application/json":
        assert r.get_json()["code"] == "not_utf8" and r.get_json()["param"]


@pytest.mark.parametrize("path", ["/api/search", "/search"])
def test_a_gbk_percent_encoded_query_is_read_as_gb18030_and_said(client, path):
    """Old Chinese pages percent-encode their forms in GBK (`%CD%F8%C2%E7` is 网络): the bytes
    are not UTF-8 but read strictly and plausibly as GB18030 (the rule of bulk lines), so they
    are searched, never silently: a notice and a response header say how they were read
    (third fresh tester, F15)."""
    gbk = "".join(f"%{b:02X}" for b in "网络".encode("gbk"))
    twin = client.get("/api/search?q=网络&source=河南日报").get_json()
    assert twin["total"] > 0
    r = client.get(f"{path}?q={gbk}&source=" + "".join(f"%{b:02X}" for b in "河南日报".encode("gbk")))
    assert r.status_code == 200 and r.headers["Searchapp-Query-Read-As"] == "GB18030"
    if path == "/api/search":
        d = r.get_json()
        assert d["query"]["text"] == "网络" and d["total"] == twin["total"]
        assert [h["id"] for h in d["hits"]] == [h["id"] for h in twin["hits"]]
        items = [n for n in d["query"]["notice_items"] if n["code"] == "query_read_as_gb18030"]
        assert items and "GB18030" in items[0]["text"] and "UTF-8" in items[0]["text_zh"]
    else:
        page = r.get_data(as_text=True)
        assert 'data-code="query_read_as_gb18030"' in page and "已按 GB18030" in page
        assert 'value="网络"' in page  # the search box holds the text as read
    assert "Searchapp-Query-Read-As" not in client.get("/api/search?q=网络").headers


@pytest.mark.parametrize("raw", [b"\x80", b"\xe7\xbd", b"\xff\xfe", "网络".encode("utf-16-le")])
def test_bytes_no_codec_reads_with_confidence_are_a_400_asking_for_utf8(client, raw):
    r = client.get("/api/search?q=" + "".join(f"%{b:02X}" for b in raw))
    d = r.get_json()
    assert r.status_code == 400 and d["code"] == "not_utf8" and d["param"] == "q"
    assert "send it percent-encoded as UTF-8" in d["error"] and "请按 UTF-8" in d["error_zh"]


@pytest.mark.parametrize("q", ["%00", "%01%1F", "%E2%80%8B", "%00+%E2%81%A0+%7F"])
def test_a_query_of_control_characters_alone_matches_nothing_with_a_notice(client, q):
    # fourth fresh tester, F11: `q=%00` listed every article, as an empty query does, unsaid
    d = api(client, "/api/search?q=" + q)
    assert d["total"] == 0 and d["hits"] == []
    assert [n["code"] for n in d["query"]["notice_items"]] == ["query_controls_only"]
    html = client.get("/search?q=" + q).get_data(as_text=True)
    assert total_in(html) == 0 and "只有控制字符或不可见字符" in html
    # white space alone is still an empty query: every article
    assert api(client, "/api/search?q=%20%09")["total"] == api(client, "/api/search")["total"] > 0


@pytest.mark.parametrize("q", ["\U0001f3fd", "*", "AND", "\uffff", "- OR"])
def test_nothing_searchable_matches_nothing_with_a_notice(client, q):
    d = api(client, "/api/search?" + "q=" + __import__("urllib.parse").parse.quote(q))
    assert d["total"] == 0
    assert "nothing_searchable" in [n["code"] for n in d["query"]["notice_items"]]
    html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert total_in(html) == 0 and "没有可搜索的内容" in html


def test_empty_query_with_filter_still_browses(client):
    assert api(client, "/api/search?q=&topic=AI")["total"] == api(client, "/api/search?topic=AI")["total"] > 0


@pytest.mark.parametrize("q", ["a", "G", "AI"])
def test_single_letter_hits_show_where_they_matched(client, q):
    """Every hit of a one-letter query highlights a match in its title or snippet (issue 6).
    A Latin letter matches as a word of its own only (issue 16 item 5): `P` is no word of the
    bundled issue (only inside `APP`), so it finds nothing."""
    assert api(client, "/api/search?q=P&size=100")["total"] == 0
    d = api(client, f"/api/search?q={q}&size=100")
    assert d["total"] > 0
    unmarked = [h["title"] for h in d["hits"] if "<mark>" not in h["title_html"] + h["snippet_html"]]
    assert not unmarked


def test_notices_and_errors_are_chinese_on_pages(client):
    html = client.get('/search?q="5G').get_data(as_text=True)
    assert "引号不成对" in html and "Unbalanced quote" not in html
    r = client.get("/search?page=x")
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "必须是" in html and "page" in html
    d = client.get("/api/search?page=x").get_json()
    assert d["code"] == "not_integer" and "whole number" in d["error"] and "整数" in d["error_zh"]


@pytest.mark.parametrize("param", ["format", "sort", "page", "size", "topic", "from", "q"])
def test_empty_parameter_is_its_default(client, param):
    assert api(client, f"/api/search?{param}=")["total"] == api(client, "/api/search")["total"]
    assert client.get(f"/search?{param}=").status_code == 200


def test_zero_result_suggestions_are_chinese_on_the_page(client):
    html = client.get("/search?q=5G&topic=security&topic=AI&source=不存在的来源").get_data(as_text=True)
    d = client.get("/api/search?q=5G&source=不存在的来源").get_json()
    assert d["total"] == 0 and d["suggestions"] and all(s["code"] and s["label_zh"] for s in d["suggestions"])
    assert "去掉来源" in html and "without source" not in html


def test_date_and_page_words_are_explained_with_a_link_to_search_them_as_text(client):
    html = client.get("/search", query_string={"q": "头版 5G", "source": "人民邮电报"}).get_data(as_text=True)
    m = re.search(r'<p class="notice"[^>]*data-code="calendar_words"[^>]*>(.*?)</p>', html, re.S)
    assert m and "第1版" in m.group(1)
    (link,) = re.findall(r'class="notice-link" href="([^"]+)"', m.group(1))
    qs = parse_qs(urlsplit(unescape(link)).query)
    assert qs["q"] == ['"头版" 5G'] and qs["source"] == ["人民邮电报"]  # filters kept
    data = api(client, "/api/search?q=" + "头版 5G")
    (n,) = [n for n in data["query"]["notice_items"] if n["code"] == "calendar_words"]
    assert n["q"] == '"头版" 5G'


def test_a_hit_that_lacks_a_word_says_so(client):
    html = client.get("/search", query_string={"q": "5G 宀宀宀"}).get_data(as_text=True)
    assert "没有文章包含“宀宀宀”" in html
    assert re.search(r'<p class="missing[^"]*">缺少：宀宀宀</p>', html)
    d = api(client, "/api/search?q=5G%20宀宀宀")
    assert d["query"]["relaxed"] and all(h["missing"] == ["宀宀宀"] for h in d["hits"])


def test_a_hit_that_lacks_an_or_group_says_it_holds_none_of_its_words(client):
    """An OR-group inside a longer query (`5G (联通 OR 电信)`): a hit lacking both words is marked
    in Chinese as holding neither (`联通、电信都不含`), not with the English `OR`, which also
    reads as "one of them" (third fresh tester, F6/F15); the JSON keeps the label as typed."""
    q = "5G (联通 OR 电信)"
    d = client.get("/api/search", query_string={"q": q, "size": 50}).get_json()
    lacking = [h for h in d["hits"] if "联通 OR 电信" in h["missing"]]
    assert d["query"]["relaxed"] and lacking, d["hits"]
    html = client.get("/search", query_string={"q": q, "size": 50}).get_data(as_text=True)
    labels = re.findall(r'<p class="missing[^"]*">(.*?)</p>', html)
    assert labels.count("联通、电信都不含") + labels.count("缺少：5G；联通、电信都不含") == len(lacking)
    assert not any(" OR " in x for x in labels), labels


def test_an_or_group_found_nowhere_is_named_in_chinese_as_either_word(client):
    """`没有文章包含“甲”或“乙”。`, not `没有文章包含“甲 OR 乙”。` (the English OR read as a word)."""
    d = client.get("/api/search", query_string={"q": "5G (宀宀宀 OR 丨丨丨)"}).get_json()
    (n,) = [n for n in d["query"]["notice_items"] if n["code"] == "words_not_found"]
    assert n["text_zh"] == "没有文章包含“宀宀宀”或“丨丨丨”。" and "宀宀宀 OR 丨丨丨" in n["text"]


def test_the_search_box_help_states_best_match_not_every_word(client):
    """Third fresh tester, F7: the help under the search box said every word must appear, while
    articles lacking a word are listed (after those with all of them, marked 缺少). The help
    must say what the result list shows."""
    html = client.get("/search", query_string={"q": "5G 宀宀宀"}).get_data(as_text=True)
    help_text = unescape(re.search(r'<p id="qhelp"[^>]*>(.*?)</p>', html, re.S).group(1))
    assert re.search(r'<p class="missing[^"]*">缺少：宀宀宀</p>', html)  # a partial hit is shown
    assert "都要出现" not in help_text and "都必须" not in help_text
    assert "全部词" in help_text and "排在前面" in help_text and "缺少" in help_text
