"""An issue file's publication is named by the publication.toml beside it, and that name is what
every door shows and cites — the web pages, the JSON API, the CLI, GB/T 7714 and RIS — also for a
list frozen before the publication was named; the name survives incremental builds and rebuilds;
a malformed sidecar is a problem that keeps the earlier name and indexes every issue; a
publication known only by its file-name key says so. References carry the page of a printed
article and the URL of a web page (third fresh tester, F13). Real index on disk, real Flask app,
real CLI."""
from __future__ import annotations

import json
import shutil

import pytest
import rispy
from click.testing import CliRunner

from helpers import A4_W, CORPUS, draw_pdf, write_jsonl
from searchapp.cli import main
from searchapp.index import build
from searchapp.web import create_app

KEY = "some-monthly"                 # the key the file name gives: issue-2020-09-some-monthly.txt
NAME, ISSN, CN = "示例月刊", "1000-002X", "41-1234/TN"
SIDECAR = f'name = "{NAME}"\nissn = "{ISSN}"\ncn = "{CN}"\nkind = "期刊"\n'


def _issue_text():
    return sorted(CORPUS.glob("*.txt"))[0]


def _client(index_dir):
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def _cli(index_dir, *args):
    r = CliRunner().invoke(main, list(args), env={"SEARCHAPP_INDEX": str(index_dir)})
    return r


def _get(c, url, status=200):
    r = c.get(url)
    assert r.status_code == status, (url, r.status_code, r.get_data(as_text=True)[:300])
    return r


def _text(c, url):
    return _get(c, url).get_data(as_text=True)


def _pubs(c):
    return {p["publication"]: p for p in _get(c, "/api/archive").get_json()["publications"]}


def _magazine_refs(text: str) -> list[str]:
    return [line for line in text.splitlines() if "[J]" in line]


@pytest.mark.slow
def test_a_sidecar_names_the_publication_in_every_door_and_survives_builds(tmp_path):
    data, idx = tmp_path / "data", tmp_path / "index"
    (data / "mag").mkdir(parents=True)
    shutil.copy(_issue_text(), data / "mag" / f"issue-2020-09-{KEY}.txt")
    write_jsonl(data / "wire.jsonl", [{"title": "另一条消息", "body": "正文。" * 40,
                                       "source": "某某网", "date": "2020-09-02"}])
    before = build([data], idx).articles

    # 1. unnamed: the key is shown with a hint and cited with a visible mark, never as a title
    c = _client(idx)
    assert _pubs(c)[KEY]["named"] is False and _pubs(c)[KEY]["name_hint"]
    assert "刊名未知" in _get(c, "/archive").get_data(as_text=True)
    r = c.post("/api/cite?q=5G")
    assert r.status_code == 201, r.get_data(as_text=True)[:300]
    key = r.get_json()["key"]
    refs = _magazine_refs(_get(c, f"/cite/{key}?format=gbt7714").get_data(as_text=True))
    assert refs and all(f"[J]. {KEY}, 2020-09." in r and "〔刊名未知" in r for r in refs)

    # 2. named by the sidecar; an incremental build re-reads only the issue
    (data / "mag" / "publication.toml").write_text(SIDECAR, "utf-8")
    rep = build([data], idx)
    assert not rep.full and rep.files_read == 1 and rep.articles == before
    _assert_named_everywhere(idx, key)

    # 3. nothing changed, then a rebuild: the name stays
    assert build([data], idx).noop
    _assert_named_everywhere(idx, key)
    assert build([data], idx, rebuild=True).full
    _assert_named_everywhere(idx, key)

    # 4. a malformed sidecar: a clear problem; the name is kept and other issues still index
    (data / "mag" / "publication.toml").write_text('name = "示例月刊\n', "utf-8")
    (data / "other").mkdir()
    lines = _issue_text().read_text("utf-8").splitlines(keepends=True)
    (data / "other" / "issue-2020-10-other-weekly.txt").write_text("".join(lines[:900]), "utf-8")
    (data / "other" / "publication.toml").write_text('name = "另一周刊"\n', "utf-8")
    r = _cli(idx, "index", str(data))
    assert r.exit_code == 1, r.output
    bad = [ln for ln in r.output.splitlines() if "publication.toml" in ln]
    assert len(bad) == 1 and str(data / "mag") in bad[0] and "not valid TOML" in bad[0]
    pubs = _pubs(_client(idx))
    assert pubs[KEY]["name"] == NAME and pubs[KEY]["articles"] >= 20
    assert pubs["other-weekly"]["name"] == "另一周刊" and pubs["other-weekly"]["articles"] > 0
    _assert_named_everywhere(idx, key)


def _assert_named_everywhere(idx, key):
    c = _client(idx)
    pub = _pubs(c)[KEY]
    assert (pub["name"], pub["named"], pub["issn"], pub["cn"], pub["name_hint"]) == \
        (NAME, True, ISSN, CN, None)
    page = _get(c, "/archive").get_data(as_text=True)
    assert NAME in page and "刊名未知" not in page
    cal = _get(c, f"/archive/{KEY}").get_data(as_text=True)
    assert f"<h1>{NAME} " in cal and f"ISSN {ISSN}" in cal
    cal_json = _get(c, f"/api/archive/{KEY}").get_json()
    assert cal_json["name"] == NAME and cal_json["publication"] == KEY   # the key stays the URL
    issue = cal_json["months"][0]["issues_of_month"][0]
    issue_page = _get(c, issue["url"].replace("/api", "", 1)).get_data(as_text=True)
    assert f"<h1>{NAME} " in issue_page
    first = _get(c, issue["url"]).get_json()
    assert first["name"] == NAME
    art_id = first["pages"][0]["articles"][0]["id"]
    assert f"{NAME} 2020年9月" in _get(c, f"/article/{art_id}").get_data(as_text=True)
    assert _get(c, f"/api/articles/{art_id}").get_json()["edition"]["name"] == NAME

    # the list frozen while the publication had no name is cited by its name now
    gbt = _get(c, f"/cite/{key}?format=gbt7714").get_data(as_text=True)
    refs = _magazine_refs(gbt)
    assert refs and all(f"[J]. {NAME}, 2020-09." in r for r in refs) and "刊名未知" not in gbt
    recs = [e for e in rispy.loads(_get(c, f"/api/cite/{key}?format=ris").get_data(as_text=True))
            if e["type_of_reference"] == "MGZN"]
    assert recs and {(e["secondary_title"], e["issn"]) for e in recs} == {(NAME, ISSN)}
    assert {it["publication"] for it in _get(c, f"/api/cite/{key}").get_json()["items"]} == {NAME}

    # the CLI: archive, cite show, and a new freeze
    r = _cli(idx, "archive")
    assert r.exit_code == 0 and f"{NAME} [{KEY}]" in r.output, r.output
    r = _cli(idx, "cite", "show", key, "--format", "gbt7714")
    assert r.exit_code == 0 and _magazine_refs(r.output) == refs, r.output
    r = _cli(idx, "cite", "freeze", "网络安全")
    assert r.exit_code == 0, r.output
    new = r.output.split(" as ", 1)[1].split()[0]
    r = _cli(idx, "cite", "show", new, "--format", "json")
    items = json.loads(r.output)["items"]
    assert {(it["publication"], it["named"]) for it in items
            if it["publication_key"] == KEY} == {(NAME, True)}


@pytest.mark.slow
def test_citations_carry_the_page_and_the_url_they_know(tmp_path):
    """A printed newspaper article is cited with its date and page (版次), a PDF issue named 报纸 by
    its sidecar likewise, and a web page with its URL and the citation date."""
    data, idx = tmp_path / "data", tmp_path / "index"
    (data / "pdf").mkdir(parents=True)
    pages = []
    for n, title in ((1, "示例城市开通新的公交线路"), (2, "示例县完成秋粮收购任务")):
        runs = [(60, 30, 9, "2021年11月8日  星期一"), (A4_W - 100, 30, 9, f"第{n}版"),
                (60, 90, 20, title), (60, 130, 11, "本报讯 这是一条测试报道的导语，")]
        runs += [(60, 146 + 16 * i, 11, f"第{n}篇正文第{i}行，报道的内容在这里继续展开。")
                 for i in range(12)]
        pages.append(runs)
    draw_pdf(data / "pdf" / "issue-2021-11-08-demo-daily.pdf", pages)
    (data / "pdf" / "publication.toml").write_text('name = "示例日报"\nkind = "报纸"\n', "utf-8")
    write_jsonl(data / "news.jsonl", [
        {"title": "网页上的测试报道", "body": "测试词甲 出现在网页报道里。" * 20, "source": "某某网",
         "date": "2020-09-02", "url": "http://news.example.com/2020/09/02/a.html"},
        {"title": "报纸上的测试报道", "body": "测试词甲 出现在报纸报道里。" * 20, "source": "某某报",
         "date": "2020-09-03", "page": 4}])
    rep = build([data], idx)
    assert not rep.problems, rep.problems
    c = _client(idx)

    key = c.post("/api/cite?q=测试词甲").get_json()["key"]
    gbt = _get(c, f"/api/cite/{key}?format=gbt7714").get_data(as_text=True)
    assert "网页上的测试报道[EB/OL]. 某某网, (2020-09-02)[" in gbt
    assert "]. http://news.example.com/2020/09/02/a.html." in gbt
    assert "报纸上的测试报道[N]. 某某报, 2020-09-03(4)." in gbt
    recs = {e["title"]: e for e in rispy.loads(_text(c, f"/cite/{key}?format=ris"))}
    assert recs["网页上的测试报道"]["urls"] == ["http://news.example.com/2020/09/02/a.html"]
    assert recs["报纸上的测试报道"]["start_page"] == "4"

    key = c.post("/api/cite?q=报道").get_json()["key"]
    gbt = _get(c, f"/cite/{key}?format=gbt7714").get_data(as_text=True)
    assert "示例城市开通新的公交线路[N]. 示例日报, 2021-11-08(1)." in gbt, gbt
    assert "示例县完成秋粮收购任务[N]. 示例日报, 2021-11-08(2)." in gbt, gbt
    recs = {e["title"]: e for e in rispy.loads(_text(c, f"/cite/{key}?format=ris"))}
    # the archive says what it is: a newspaper (报纸, 第N版), held as issue files
    pub = _pubs(c)["demo-daily"]
    assert (pub["name"], pub["kind"], pub["medium"]) == ("示例日报", "magazine", "newspaper")
    assert '<span class="cell-label">类型</span>报纸</td>' in _text(c, "/archive")
    issue = _get(c, "/api/archive/demo-daily/issue-2021-11-08-demo-daily").get_json()
    assert [p["label"] for p in issue["pages"]] == ["第1版", "第2版"]
    assert (recs["示例县完成秋粮收购任务"]["type_of_reference"], recs["示例县完成秋粮收购任务"]["start_page"],
            recs["示例县完成秋粮收购任务"]["secondary_title"]) == ("NEWS", "2", "示例日报")
