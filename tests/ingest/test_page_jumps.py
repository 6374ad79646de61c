"""A newspaper article that breaks off with `（下转第2版）` goes on where page 2 prints
`（上接第1版）`: the continuation is joined to that article, not to whichever article ended page 1
(TESTER7 T13), or, when it cannot be matched with confidence, kept as its own flagged article
with a warning. The markers are not article text. Real PDFs (reportlab), the real reader."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import draw_pdf
from searchapp.ingest import read_file

RIVER = ("黄河岸边绿意浓", "沿黄各地加快推进水土保持、湿地修复与污染治理，郑州段滩区综合整治基本完成，"
         "两岸绿廊贯通百余公里。")
CARE = ("新乡首家智慧养老中心启用", "新乡市首家智慧养老服务中心近日投入使用，中心配备健康监测手环与紧急呼叫"
        "系统，可为周边三千余名老人提供助餐、助浴、助医等服务。")
FARM = ("周口小麦良种推广面积扩大", "周口市今年推广小麦良种八百万亩，良种覆盖率达到百分之九十八，"
        "农技人员深入田间指导农民科学播种。")
MUSEUM = ("安阳殷墟博物馆新馆开放", "安阳殷墟博物馆新馆正式对外开放，展出青铜器、甲骨等文物近四千件，"
          "其中多件为首次亮相。")
RIVER_MORE = "记者了解到，明年沿黄生态廊道将向东延伸，滩区湿地修复工程同步开工建设。"
FARM_MORE = "据介绍，周口还将建设小麦良种繁育基地，推广测土配方施肥和节水灌溉技术。"


def _wrap(text: str, n: int = 30) -> list[str]:
    return [text[i:i + n] for i in range(0, len(text), n)]


def _page(no: int, blocks: list[tuple[str | None, str]]) -> list:
    """One page: running head, then blocks of (headline or None, text) stacked."""
    runs, y = [(60, 40, 9, f"河南日报  2026年12月9日  第{no}版")], 90.0
    for head, text in blocks:
        if head:
            runs.append((60, y, 20, head))
            y += 36
        for ln in text.split("\n"):
            for piece in _wrap(ln):
                runs.append((60, y, 10.5, piece))
                y += 16
        y += 24
    return runs


def _read(path: Path):
    r = read_file(path)
    return r.articles, [w.reason for w in r.warnings]


@pytest.mark.slow
def test_a_continuation_joins_the_article_that_jumps_to_it(tmp_path):
    pdf = draw_pdf(tmp_path / "paper-2026-12-09.pdf", [
        _page(1, [(RIVER[0], RIVER[1] * 6 + "\n（下转第2版）"), (CARE[0], CARE[1] * 3)]),
        _page(2, [(None, "（上接第1版）\n" + RIVER_MORE), (MUSEUM[0], MUSEUM[1] * 3)])])
    arts, warnings = _read(pdf)
    by = {a.title.replace(" ", ""): a for a in arts}
    assert sorted(by) == sorted([RIVER[0], CARE[0], MUSEUM[0]])
    river, care = by[RIVER[0]], by[CARE[0]]
    assert river.body.replace("\n", "").endswith(RIVER_MORE)
    assert RIVER_MORE[:8] not in care.body
    assert all("下转" not in a.body and "上接" not in a.body for a in arts)
    assert (river.origin["page"], river.origin["page_end"]) == (1, 2)
    assert (care.origin["page"], care.origin["page_end"]) == (1, 1)
    assert river.extra["continued_on"] == "2"
    assert not warnings


@pytest.mark.slow
def test_two_jumps_to_one_page_are_matched_by_their_repeated_short_titles(tmp_path):
    pdf = draw_pdf(tmp_path / "paper-2026-12-09.pdf", [
        _page(1, [(RIVER[0], RIVER[1] * 3 + "\n（下转第2版）"), (FARM[0], FARM[1] * 3 + "\n（下转第2版）"),
                  (CARE[0], CARE[1] * 2)]),
        _page(2, [(None, "周口小麦良种（上接第1版）\n" + FARM_MORE),
                  (None, "黄河岸边绿意浓（上接第1版）\n" + RIVER_MORE), (MUSEUM[0], MUSEUM[1] * 3)])])
    arts, warnings = _read(pdf)
    by = {a.title.replace(" ", ""): a for a in arts}
    assert sorted(by) == sorted([RIVER[0], FARM[0], CARE[0], MUSEUM[0]]), [a.title for a in arts]
    assert by[RIVER[0]].body.replace("\n", "").endswith(RIVER_MORE)
    assert by[FARM[0]].body.replace("\n", "").endswith(FARM_MORE)
    assert all("下转" not in a.body and "上接" not in a.body for a in arts)
    assert not warnings


@pytest.mark.slow
def test_a_continuation_that_matches_no_jump_clearly_is_kept_apart_and_flagged(tmp_path):
    pdf = draw_pdf(tmp_path / "paper-2026-12-09.pdf", [
        _page(1, [(RIVER[0], RIVER[1] * 3 + "\n（下转第2版）"), (FARM[0], FARM[1] * 3 + "\n（下转第2版）"),
                  (CARE[0], CARE[1] * 2)]),
        _page(2, [(None, "（上接第1版）\n今年全市新增城市书房二十座，市民借阅图书更加方便。"),
                  (MUSEUM[0], MUSEUM[1] * 3)])])
    arts, warnings = _read(pdf)
    lost = [a for a in arts if a.extra.get("jump_unresolved")]
    assert len(lost) == 1 and "城市书房" in lost[0].body and lost[0].extra["jump_from"] == "1"
    assert all("城市书房" not in a.body for a in arts if a is not lost[0])
    assert any("continued from page 1" in w and "kept as its own article" in w for w in warnings)
    assert any("continues on page 2" in w for w in warnings)  # neither jump found its text


def test_a_text_issue_joins_jumps_without_pages():
    """A text issue knows no pages: the markers alone decide, the same way."""
    from searchapp.ingest.jumps import join_jumps
    from searchapp.model import Article

    def art(title, body):
        return Article(id=title, title=title, body=body, origin={"format": "magazine"}, extra={})

    arts = [art(RIVER[0], RIVER[1] + "\n\n（下转第二版）"),
            art(CARE[0], CARE[1] + "\n\n（上接第一版）\n\n" + RIVER_MORE)]
    assert join_jumps(arts, filename="x.txt") == []
    assert [a.body for a in arts] == [RIVER[1] + "\n\n" + RIVER_MORE, CARE[1]]
    assert arts[0].extra == {"jump_to": "2", "continued_on": "2"}
    # a marker quoted inside a sentence is text, not a jump
    arts = [art(CARE[0], "报道说（上接第1版）这种标注很常见，读者要翻到前一版。")]
    assert join_jumps(arts) == [] and arts[0].body.startswith("报道说（上接第1版）")
