"""A PDF issue is filed and cited by what it prints (fifth fresh tester, F3, F4, F5):

* F3: the running heads print `2020年10月15日`, the file is named `issue-2020-10-…`: the issue is
  the issue of 2020-10-15 (not the month 2020-10, not a 月刊 on the strength of one issue), and
  its citation gives that date, never an issue number `(10)` the issue does not print;
* F4: a one-page issue whose head reads `刊名  日期  第1版` belongs to that publication, as a
  multi-page issue whose heads repeat the name does;
* F5: an article that states no source is cited without a publication name (no
  `（未注明来源）` in GB/T 7714 or RIS T2, `named` false in JSON).

Real PDFs (reportlab + fonts-noto-cjk), a real index on disk, the real Flask app."""
from __future__ import annotations

import pytest
import rispy

from helpers import A4_W, draw_pdf, write_jsonl
from searchapp.archive.editions import NO_SOURCE
from searchapp.index import build
from searchapp.web import create_app

PAPER = "豫东测试周报"
MAGAZINE = "数字生活测试月刊"
COUNTED = "城乡通信测试丛刊"


def _page(day: str, page: int, title: str, lead: str) -> list:
    runs = [(60, 30, 9, f"{PAPER}  {day}  第{page}版"), (60, 90, 20, title), (60, 130, 11, lead)]
    runs += [(60, 146 + 16 * i, 11, f"第{page}版正文第{i}行，这篇报道的内容在这里继续展开。")
             for i in range(14)]
    runs.append((A4_W / 2, 800, 9, str(page)))
    return runs


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("printed")
    data = root / "data"
    data.mkdir()
    # a two-page issue named by its month; the heads print the day
    draw_pdf(data / "issue-2020-10-some-weekly.pdf", [
        _page("2020年10月15日", 1, "物联网平台接入企业过万家", "本报记者 某甲"),
        _page("2020年10月15日", 2, "数字乡村建设进入快车道", "本报记者 某乙")])
    # two one-page issues of the same paper, one with a file name that names nothing
    draw_pdf(data / "scan_0001.pdf", [_page("2020年10月22日", 1, "工业互联网标识节点上线", "本报讯")])
    draw_pdf(data / "issue-2020-10-29-some-weekly.pdf",
             [_page("2020年10月29日", 1, "城市大脑一期工程完工", "本报讯")])
    # a magazine whose heads print its issue number (and a running count)
    draw_pdf(data / "mag-2020-09.pdf", [
        [(60, 30, 9, f"{MAGAZINE}  2020年第9期  总第123期"), *_page("", page, title, lead)[1:]]
        for page, title, lead in ((1, "智慧农业示范园区建成投用", "本刊记者 某丙"),
                                  (2, "远程医疗覆盖山区乡镇", "本刊记者 某丁"))])
    # a magazine whose heads print only its running count
    draw_pdf(data / "counted-2020-11.pdf", [
        [(60, 30, 9, f"{COUNTED}  总第123期"), *_page("", page, title, lead)[1:]]
        for page, title, lead in ((1, "光纤宽带进村入户纪实", "本刊记者 某戊"),
                                  (2, "农村电商物流站点调查", "本刊记者 某己"))])
    write_jsonl(data / "wire.jsonl", [{"title": "未署来源的通信简讯", "date": "2020-10-12",
                                       "body": "这条简讯没有写明来源，内容关于量子通信网络。" * 3}])
    build([data], root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


def _json(c, url, status=200):
    r = c.get(url)
    assert r.status_code == status, (url, r.status_code, r.get_data(as_text=True)[:300])
    return r.get_json()


def _freeze(c, q):
    r = c.post(f"/api/cite?q={q}")
    assert r.status_code == 201, r.get_data(as_text=True)[:300]
    key = r.get_json()["key"]
    gbt = c.get(f"/api/cite/{key}?format=gbt7714").get_data(as_text=True)
    ris = rispy.loads(c.get(f"/api/cite/{key}?format=ris").get_data(as_text=True))
    return _json(c, f"/api/cite/{key}")["items"], gbt, ris


@pytest.mark.slow
def test_an_issue_is_dated_and_cited_by_its_printed_day(client):
    cal = _json(client, f"/api/archive/{PAPER}")
    issues = [i for m in cal["months"] for i in m["issues_of_month"]]
    assert [(i["issue"], i["date"]) for i in issues if i["issue"].startswith("issue-2020-10-some")] \
        == [("issue-2020-10-some-weekly", "2020-10-15")]
    assert cal["cadence"] != "monthly"
    items, gbt, ris = _freeze(client, "物联网平台")
    assert [it["issue_date"] for it in items] == ["2020-10-15"]
    assert f"[J]. {PAPER}, 2020-10-15: 1." in gbt and "2020(10)" not in gbt
    assert [e["date"] for e in ris] == ["2020/10/15/"]


@pytest.mark.slow
def test_one_page_issues_belong_to_the_publication_their_head_names(client):
    pubs = {p["publication"]: p for p in _json(client, "/api/archive")["publications"]}
    assert pubs[PAPER]["issues"] == 3 and pubs[PAPER]["named"] is True
    assert not any(k in pubs for k in ("scan_0001", "some-weekly", "scan"))
    dates = sorted(i["date"] for m in _json(client, f"/api/archive/{PAPER}")["months"]
                   for i in m["issues_of_month"])
    assert dates == ["2020-10-15", "2020-10-22", "2020-10-29"]
    hits = _json(client, "/api/search?q=工业互联网标识节点")["hits"]
    assert hits and hits[0]["source"] == PAPER


@pytest.mark.slow
def test_no_source_stated_is_cited_without_a_publication_name(client):
    items, gbt, ris = _freeze(client, "未署来源的通信简讯")
    (it,) = [it for it in items if it["title"] == "未署来源的通信简讯"]
    assert it["publication"] is None and it["named"] is False
    assert NO_SOURCE not in gbt and "刊名未知" not in gbt
    assert "未署来源的通信简讯[EB/OL]. (2020-10-12)[" in gbt
    (rec,) = [e for e in ris if e["title"] == "未署来源的通信简讯"]
    assert "secondary_title" not in rec


@pytest.mark.slow
def test_an_issue_number_the_heads_print_is_cited(client):
    """GB/T 7714 wants 刊名, 年(期): 页码 when the issue prints its number (`2020年第9期` in its
    running heads); the number is kept at ingest, never taken from the file name's month."""
    items, gbt, ris = _freeze(client, "智慧农业示范园区")
    (it,) = [it for it in items if it["title"] == "智慧农业示范园区建成投用"]
    assert (it["issue_number"], it["issue_year"]) == (9, 2020)
    assert f"[J]. {MAGAZINE}, 2020(9): 1." in gbt
    (rec,) = [e for e in ris if e["title"] == "智慧农业示范园区建成投用"]
    assert rec["number"] == "9"
    # the weekly prints no number: it keeps its date, none is made up
    items, gbt, _ = _freeze(client, "物联网平台")
    assert items[0]["issue_number"] is None and "2020(10)" not in gbt


@pytest.mark.slow
def test_a_running_count_the_heads_print_alone_is_cited_as_printed(client):
    """Heads printing `总第123期` and no 期号: the count is cited as printed (it was dropped,
    leaving only the file name's month); no 期号 is made up."""
    items, gbt, ris = _freeze(client, "光纤宽带进村入户")
    (it,) = [it for it in items if it["title"] == "光纤宽带进村入户纪实"]
    assert (it["issue_number"], it["issue_total"]) == (None, 123)
    assert f"[J]. {COUNTED}, 2020(总第123期): 1." in gbt
    (rec,) = [e for e in ris if e["title"] == "光纤宽带进村入户纪实"]
    assert rec["number"] == "总第123期"
