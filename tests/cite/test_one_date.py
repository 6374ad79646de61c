"""One article shows one date on the cite page and in every export (TESTER7 T6: the page showed
the day its lead named, GB/T 7714 and RIS the issue's date). A magazine article is cited by its
issue, so the page shows the issue's date too. A real index on disk, the real Flask app."""
from __future__ import annotations

import re

import pytest
import rispy

from searchapp.index import build
from searchapp.web import create_app

ISSUE = "\n".join([
    "量子通信干线网络全线贯通",
    "新华社北京9月28日电 量子通信干线网络日前全线贯通，覆盖全国主要城市，标志着量子通信进入规模应用阶段。",
    "来源：新华社",
    "",
    "智慧农业示范园区建成投用",
    "9月20日，智慧农业示范园区正式建成投用，园区应用物联网与遥感技术管理农田。",
    "来源：农民日报",
    ""])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("onedate")
    data = root / "data"
    data.mkdir()
    (data / "issue-2020-10-tech-digest.txt").write_text(ISSUE, encoding="utf-8")
    build([data], root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


@pytest.mark.parametrize("q", ["量子通信干线", "智慧农业示范园区"])
def test_the_cite_page_shows_the_date_the_exports_give(client, q):
    r = client.post(f"/api/cite?q={q}")
    assert r.status_code == 201, r.get_data(as_text=True)[:300]
    key = r.get_json()["key"]
    gbt = client.get(f"/api/cite/{key}?format=gbt7714").get_data(as_text=True)
    ris = rispy.loads(client.get(f"/api/cite/{key}?format=ris").get_data(as_text=True))
    page = client.get(f"/cite/{key}").get_data(as_text=True)
    items = page[page.index("<ol"):]
    shown = re.findall(r'<time datetime="([^"]+)"', items)
    assert shown == ["2020-10"], page[-3000:]           # the issue the magazine is cited by
    assert "[J]. tech-digest, 2020-10. " in gbt, gbt      # the same issue month as the page
    assert [e["date"] for e in ris] == ["2020/10//"]
    item = client.get(f"/api/cite/{key}").get_json()["items"][0]
    assert item["cited_date"] == "2020-10"
