"""A frozen list exports as GB/T 7714-2015 references ([N] newspaper with date and page,
[EB/OL] web page with its citation date and URL, [J] magazine in its issue) and as RIS that a
reference manager reads back (parsed here with rispy)."""
from __future__ import annotations

import rispy

from searchapp.archive.editions import NO_SOURCE
from searchapp.cite.formats import gbt7714, reference, ris

PAPER = {"id": "a1", "title": "数字革命与竞争国际化", "publication": "中国青年报", "date": "2000-11-20",
         "page": 15, "kind": "newspaper", "author": "丁文祥"}
WEB = {"id": "b2", "title": "出版业信息化迈入快车道", "publication": "新浪网", "date": "2001-12-19T08:00",
       "url": "http://www.example.com/x.html", "kind": "web", "author": "萧钰"}
MAG = {"id": "c3", "title": "示例省网络安全工作综述", "publication": "互联网天地",
       "date": "2020-09-14", "issue_date": "2020-09", "page": 12, "kind": "magazine"}


def test_gbt7714_forms():
    # the standard's own newspaper example (GB/T 7714-2015, 8.6.3)
    assert reference(PAPER, "2026-12-06") == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."
    assert reference(WEB, "2002-04-15") == ("萧钰. 出版业信息化迈入快车道[EB/OL]. 新浪网, "
                                           "(2001-12-19)[2002-04-15]. http://www.example.com/x.html.")
    assert reference(MAG, "2026-12-06") == "示例省网络安全工作综述[J]. 互联网天地, 2020-09: 12."
    no_date = {"id": "d", "title": "无日期", "publication": "某报", "kind": "newspaper"}
    assert reference(no_date, "2026-12-06") == "无日期[N]. 某报."
    text = gbt7714([PAPER, WEB, MAG], "2026-12-06")
    assert text.splitlines()[0].startswith("[1] 丁文祥") and text.splitlines()[2].startswith("[3] ")


def test_ris_reads_back():
    got = rispy.loads(ris([PAPER, WEB, MAG], "2026-12-06", note="frozen list k"))
    assert [e["type_of_reference"] for e in got] == ["NEWS", "ELEC", "MGZN"]
    assert got[0]["title"] == PAPER["title"] and got[0]["authors"] == ["丁文祥"]
    assert got[0]["secondary_title"] == "中国青年报" and got[0]["start_page"] == "15"
    assert got[0]["date"] == "2000/11/20/" and got[0]["year"] == "2000"
    assert got[1]["urls"] == [WEB["url"]] and got[1]["access_date"] == "2026/12/06/"
    assert got[2]["date"] == "2020/09//"
    assert all(e["notes"] == ["frozen list k"] for e in got)
    assert "\r\n" in ris([PAPER], "2026-12-06")


def test_a_partial_match_is_marked_in_every_export():
    partial = dict(PAPER, id="p", missing=["李鹏"])
    lines = gbt7714([PAPER, partial, dict(WEB, missing=[])], "2026-12-06").splitlines()
    assert lines[1] == "[2] " + reference(partial, "2026-12-06") + " 〔不含检索词：李鹏〕"
    assert "不含" not in lines[0] and "不含" not in lines[2]
    got = rispy.loads(ris([PAPER, partial], "2026-12-06", note="frozen list k"))
    assert got[0]["notes"] == ["frozen list k"]
    assert got[1]["notes"][0] == "frozen list k" and got[1]["notes"][1].startswith("missing: 李鹏")


def test_control_characters_never_reach_a_citation():
    """Third fresh tester, F15: RIS wrote `TI  - ‮倒序标题‬ 控制字符\\x1b[31m红色` as stored. A list
    frozen from an older index may still hold such text: both formats remove it."""
    dirty = {**PAPER, "title": "\u202e倒序标题\u202c 控制字符\u001b[31m红色", "author": "丁\u0007文祥"}
    text = ris([dirty], "2026-12-06")
    assert "TI  - 倒序标题 控制字符红色\r\n" in text and "AU  - 丁文祥\r\n" in text
    assert not any(ord(c) < 32 and c not in "\r\n" or 0x7F <= ord(c) <= 0x9F or
                   0x202A <= ord(c) <= 0x202E for c in text)
    assert rispy.loads(text)[0]["title"] == "倒序标题 控制字符红色"
    ref = gbt7714([dirty], "2026-12-06")
    assert ref == "[1] 丁文祥. 倒序标题 控制字符红色[N]. 中国青年报, 2000-11-20(15).\n"


def test_a_publication_known_only_by_its_file_name_is_marked_not_passed_off():
    """Third fresh tester, F13: `[J]. internet-industry-magazine, 2020(9).` cited a file name as
    a journal title. An item with `named` False says so in both exports."""
    slug = dict(MAG, publication="some-monthly", publication_key="some-monthly", named=False)
    line = gbt7714([slug], "2026-12-06").strip()
    assert line.startswith("[1] " + reference(slug, "2026-12-06") + " 〔刊名未知：“some-monthly”是文件名")
    assert "publication.toml" in line
    note = rispy.loads(ris([slug], "2026-12-06"))[0]["notes"]
    assert any("publication name unknown: some-monthly" in n for n in note)
    named = dict(MAG, publication_key="some-monthly", named=True, issn="1000-002X")
    assert "刊名未知" not in gbt7714([named, MAG], "2026-12-06")   # named, or an older list
    got = rispy.loads(ris([named], "2026-12-06"))[0]
    assert got["secondary_title"] == "互联网天地" and got["issn"] == "1000-002X"
    assert got["start_page"] == "12"


def test_a_newspaper_issue_file_is_cited_by_its_issue_date_and_page():
    issue = {"id": "n", "title": "某条新闻", "publication": "某某日报", "date": None,
             "issue_date": "2021-11-08", "page": 3, "kind": "newspaper"}
    assert reference(issue, "2026-12-06") == "某条新闻[N]. 某某日报, 2021-11-08(3)."
    assert rispy.loads(ris([issue], "2026-12-06"))[0]["date"] == "2021/11/08/"


def test_an_undated_web_page_has_its_site_then_the_citation_date():
    """GB/T 7714-2015 4.8: 出版者, 出版年(更新或修改日期)[引用日期] — without a date no comma
    is left dangling before the citation date."""
    undated = dict(WEB, date=None, author=None)
    assert reference(undated, "2002-04-15") == ("出版业信息化迈入快车道[EB/OL]. 新浪网[2002-04-15]. "
                                               "http://www.example.com/x.html.")


def test_a_magazine_issue_is_cited_by_its_date_never_by_a_made_up_issue_number():
    """Fifth fresh tester, F3: a weekly's issue of 15 October 2020 was cited `2020(10): 1.`,
    "(10)" reading as 期号 10, a number the issue never prints (and the day was lost in RIS).
    The issue is given by its printed date, as the newspaper form gives 出版日期."""
    weekly = dict(MAG, publication="某某周刊", issue_date="2020-10-15", page=1)
    ref = reference(weekly, "2026-12-06")
    assert ref == "示例省网络安全工作综述[J]. 某某周刊, 2020-10-15: 1."
    assert "(10)" not in ref and "(9)" not in reference(MAG, "2026-12-06")
    assert rispy.loads(ris([weekly], "2026-12-06"))[0]["date"] == "2020/10/15/"


def test_no_source_stated_is_no_publication_name():
    """Fifth fresh tester, F5: the archive's placeholder （未注明来源） was cited as the website
    name (GB/T 7714) and as RIS T2, which a reference manager imports as the publication. A list
    frozen before (publication = the placeholder, named True) is cited the same way."""
    bare = {"id": "w", "title": "同一ID文章A", "publication": None, "publication_key": NO_SOURCE,
            "named": False, "date": "2020-10-12", "kind": "web", "source": None}
    old = dict(bare, publication=NO_SOURCE, named=True)
    paper = dict(bare, kind="newspaper", page=2)
    for it in (bare, old):
        assert reference(it, "2026-12-07") == "同一ID文章A[EB/OL]. (2020-10-12)[2026-12-07]."
        text = gbt7714([it], "2026-12-07") + ris([it], "2026-12-07")
        assert NO_SOURCE not in text and "刊名未知" not in text
        got = rispy.loads(ris([it], "2026-12-07"))[0]
        assert "secondary_title" not in got and not got.get("notes")
    assert reference(paper, "2026-12-07") == "同一ID文章A[N]. （报纸名不详）, 2020-10-12(2)."


def test_a_printed_issue_number_is_cited_as_year_and_number():
    """GB/T 7714-2015 4.7 (刊名, 年, 卷(期): 页码; no volume printed: 年(期)): the number comes
    from the issue's heads (`issue_number`, `issue_year`), never from its date."""
    numbered = dict(MAG, issue_number=9, issue_year=2020)
    assert reference(numbered, "2026-12-06") == "示例省网络安全工作综述[J]. 互联网天地, 2020(9): 12."
    assert rispy.loads(ris([numbered], "2026-12-06"))[0]["number"] == "9"
    # the year of the issue's date when the heads showed none; nothing without any year
    assert ", 2020(9): 12." in reference(dict(MAG, issue_number=9), "2026-12-06")
    bare = dict(MAG, issue_number=9, issue_date=None, date=None)
    assert reference(bare, "2026-12-06") == "示例省网络安全工作综述[J]. 互联网天地: 12."
    # a number that is no number, or an item frozen before numbers were kept: the date form
    for it in (dict(MAG, issue_number=True), dict(MAG, issue_number="9"), MAG):
        assert reference(it, "2026-12-06").endswith("互联网天地, 2020-09: 12.")
        assert "number" not in rispy.loads(ris([it], "2026-12-06"))[0]
    # a newspaper is cited by its day and page, whatever its number
    assert "(9)" not in reference(dict(PAPER, issue_number=9), "2026-12-06")


def test_a_printed_running_count_alone_is_cited_as_printed():
    """An issue whose heads print only `总第123期` (no 期号) was cited by its date alone, the
    number it prints lost: it is cited as printed, in the place of 年(期), never as a 期号."""
    counted = dict(MAG, issue_total=123)
    assert reference(counted, "2026-12-07") == \
        "示例省网络安全工作综述[J]. 互联网天地, 2020(总第123期): 12."
    assert rispy.loads(ris([counted], "2026-12-07"))[0]["number"] == "总第123期"
    bare = dict(counted, issue_date=None, date=None)  # no year anywhere: the count alone
    assert reference(bare, "2026-12-07") == "示例省网络安全工作综述[J]. 互联网天地, 总第123期: 12."
    # a printed 期号 wins (the standard's 年(期)); a count that is no number is not cited
    assert ", 2020(9): 12." in reference(dict(counted, issue_number=9), "2026-12-07")
    for it in (dict(MAG, issue_total=True), dict(MAG, issue_total="123"), dict(MAG, issue_total=0)):
        assert reference(it, "2026-12-07").endswith("互联网天地, 2020-09: 12.")
    assert "总第" not in reference(dict(PAPER, issue_total=123), "2026-12-07")
