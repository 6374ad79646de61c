"""An article printed in a dated issue is dated by the issue (or by its own dateline), never by a
day its first sentence mentions (TESTER7 T6: the 12-04 reprint of a story whose lead says
`12月1日上午，…` was dated 12-01, so lineage called it 原发 and the 12-01 original 转载, and
`date:2026-12-04` missed it)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import draw_pdf
from searchapp.ingest.issue_dates import issue_article_date, own_dateline
from searchapp.ingest.magazine import segment

LEADS = [
    ("郑州地铁十二号线开通运营", "12月1日上午，郑州地铁十二号线正式开通运营。该线路全长十七公里，设站十三座，"
     "连接郑东新区与航空港区。市民说，以前上班要换乘两次，现在一趟就到。"),
    ("洛阳牡丹文化节吸引游客百万", "第四十届中国洛阳牡丹文化节期间，洛阳共接待游客一百二十万人次，旅游收入"
     "同比增长百分之三十。今年文化节首次推出夜游牡丹园活动。"),
]
DATELINED = ("南阳月季产业带动农民增收", "本报南阳12月3日讯 南阳市月季种植面积已达二十万亩，年出口苗木"
             "三千万株，带动十万农民增收致富。当地通过电商直播拓宽销路。")


def _wrap(text: str, n: int = 22) -> list[str]:
    return [text[i:i + n] for i in range(0, len(text), n)]


def _issue(path: Path, day: str, stories) -> Path:
    """A two-page daily whose running heads print `day` (`2026年12月4日`): one story a page."""
    pages = []
    for p, (title, body) in enumerate(stories, 1):
        runs = [(60, 40, 9, f"河南日报  {day}  星期五  第{p}版"), (60, 90, 20, title)]
        runs += [(60, 130 + 16 * i, 10.5, ln) for i, ln in enumerate(_wrap(body * 2))]
        pages.append(runs)
    return draw_pdf(path, pages)


def _cli(*args: str, index: Path) -> str:
    env = {**os.environ, "SEARCHAPP_INDEX": str(index)}
    p = subprocess.run([sys.executable, "-m", "searchapp", *args], capture_output=True, text=True,
                       encoding="utf-8", timeout=600, env=env)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_a_dateline_dates_the_article_a_date_in_its_text_does_not():
    assert own_dateline("本报郑州12月3日讯 记者…", 2026) == "2026-12-03"
    assert own_dateline("新华社北京１２月３日电（记者王五）", 2026) == "2026-12-03"
    assert own_dateline("12月1日上午，郑州地铁开通。", 2026) is None  # the event's day
    assert own_dateline("本报讯 12月1日，郑州地铁开通。", 2026) is None
    assert own_dateline("本报郑州12月31日讯 …", 2027, "2027-01-01") == "2026-12-31"
    assert issue_article_date("12月1日上午，郑州地铁开通。", "2026-12-04") == ("2026-12-04", "issue")
    assert issue_article_date("新华社郑州12月3日电 …", "2026-12-04") == ("2026-12-03", "dateline")


def test_a_text_issue_is_dated_by_its_file_names_day_not_by_its_leads():
    text = "\n".join([
        LEADS[0][0], LEADS[0][1], "来源：河南日报", "",
        DATELINED[0], DATELINED[1], "来源：南阳日报", ""])
    arts = segment(text, filename="daily-2026-12-04.txt")
    assert [(a.title, a.date) for a in arts] == [(LEADS[0][0], "2026-12-04"),
                                                 (DATELINED[0], "2026-12-03")]
    # a monthly compilation (a month in its name) keeps the days its pieces' leads name
    arts = segment(text, filename="digest-2026-12.txt")
    assert [a.date for a in arts] == ["2026-12-01", "2026-12-03"]


@pytest.mark.slow
def test_a_reprint_in_a_later_issue_is_the_reprint(tmp_path):
    src = tmp_path / "pdfs"
    src.mkdir()
    _issue(src / "first.pdf", "2026年12月1日", LEADS)
    _issue(src / "later.pdf", "2026年12月4日", LEADS + [DATELINED])
    index = tmp_path / "ix"
    _cli("index", str(src), index=index)
    later = json.loads(_cli("search", "date:2026-12-04", "--format", "json", "--size", "20",
                            index=index))
    hits = later["hits"] if "hits" in later else later["results"]
    titles = sorted(h["title"].replace(" ", "") for h in hits)
    assert titles == sorted([LEADS[0][0], LEADS[1][0]])  # the datelined one ran 12-03
    metro = [h for h in hits if h["title"].replace(" ", "") == LEADS[0][0]][0]
    lineage = json.loads(_cli("lineage", metro["id"], "--json", index=index))
    text = json.dumps(lineage, ensure_ascii=False)
    roles = {c["id"]: (c["date"], c["role"], c["lag_days"]) for c in lineage}
    assert sorted(roles.values()) == [("2026-12-01", "original", None),
                                      ("2026-12-04", "reprint", 3)], text
    assert roles[metro["id"]][1] == "reprint", text
    dl = json.loads(_cli("search", f"date:2026-12-03 {DATELINED[0][:2]}", "--format", "json",
                         index=index))
    assert (dl.get("total") or 0) >= 1, dl
