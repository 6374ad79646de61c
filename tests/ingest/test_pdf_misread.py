"""Characters that are all valid but wrong are never indexed: a CID font is read in its
encoding's character collection (`pdf_fonts`), and every CJK page is cross-checked against
PDFium's reading (`pdf_quality.second_opinion`). The PDFs are drawn by reportlab with its
standard non-embedded CID fonts, as Taiwan/HK papers set in MSung are."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import draw_wrapped

TITLE = "臺北捷運環狀線通車"
BYLINE = "記者 陳志明／臺北報導"
BODY = ("臺北捷運環狀線今天正式通車，全長十五點四公里，設站十四座，連接新北市與臺北市。市民林小姐說，"
        "以前上班要轉乘兩次公車，現在搭捷運一趟就到。據了解，環狀線採用全自動無人駕駛系統，營運初期，"
        "列車尖峰班距為四分鐘，首班車六點發車，末班車午夜十二點發車。")


def _page(path: Path, font: str) -> Path:
    """One newspaper page in reportlab's non-embedded CID font `font`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(font))
    w, h = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 9)
    c.drawString(40, h - 30, "聯合報  2026年12月2日  星期三")
    c.setFont(font, 16)
    c.drawString(40, h - 70, TITLE)
    c.setFont(font, 9)
    c.drawString(40, h - 92, BYLINE)
    draw_wrapped(c, "　　" + BODY * 2, font, 40, h - 112, w - 80)
    c.showPage()
    c.save()
    return path


@pytest.mark.slow
def test_msung_light_reads_as_the_text_drawn(tmp_path):
    """reportlab's MSung-Light declares Adobe-CNS1 but encodes with UniGB-UCS2-H (Adobe-GB1
    CIDs): read through the CNS1 table every character came out as another one."""
    from searchapp.ingest import read_file

    rr = read_file(_page(tmp_path / "tw-2026-12-02.pdf", "MSung-Light"))
    assert [a.title for a in rr.articles] == [TITLE]
    assert BODY[:40] in rr.articles[0].body.replace("\n", "")
    assert not rr.problems  # pdfminer now reads it right: PDFium agrees, nothing to report


@pytest.mark.slow
def test_msung_light_page_is_found_by_search(tmp_path):
    from searchapp.cli import main

    pdf = _page(tmp_path / "tw-2026-12-02.pdf", "MSung-Light")
    ix = tmp_path / "ix"
    runner = CliRunner()
    r = runner.invoke(main, ["index", str(pdf), "--index", str(ix)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["search", "臺北捷運", "--index", str(ix), "--json"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.output)["hits"]
    assert [h["title"] for h in hits] == [TITLE]


def test_collections_of_predefined_cmaps():
    from searchapp.ingest.pdf_fonts import collection

    assert collection("UniGB-UCS2-H") == "Adobe-GB1"
    assert collection("GBK-EUC-V") == "Adobe-GB1"
    assert collection("UniCNS-UTF16-H") == "Adobe-CNS1"
    assert collection("ETenms-B5-H") == "Adobe-CNS1"
    assert collection("HKscs-B5-V") == "Adobe-CNS1"
    assert collection("UniJIS-UCS2-HW-H") == "Adobe-Japan1"
    assert collection("90ms-RKSJ-H") == "Adobe-Japan1"
    assert collection("H") == "Adobe-Japan1"
    assert collection("KSCms-UHC-H") == "Adobe-Korea1"
    assert collection("Identity-H") is None
    assert collection("Custom") is None


def _misread(text: str, encoding: str, wrong: str) -> str:
    """`text` as a reader gives it that maps the CIDs of `encoding` through the CID → Unicode
    table of another collection `wrong` (pdfminer's own tables: the mechanism, not a list)."""
    from pdfminer.cmapdb import CMapDB

    cmap = CMapDB.get_cmap(encoding)
    umap = CMapDB.get_unicode_map(wrong)
    out = []
    for ch in text:
        cid = next(iter(cmap.decode(ch.encode("utf-16-be"))), None)
        try:
            out.append(umap.get_unichr(cid))
        except KeyError:
            out.append("\ufffd")
    return "".join(out)


def test_second_opinion_takes_the_reading_that_is_chinese():
    from searchapp.ingest.pdf_quality import second_opinion

    wrong = _misread(BODY, "UniGB-UCS2-H", "Adobe-CNS1")
    assert sum(a != b for a, b in zip(wrong, BODY)) > 0.8 * len(BODY)
    agree = second_opinion(BODY, BODY.replace("，", " "))
    assert agree.keep == "mine" and not agree.reason
    theirs = second_opinion(wrong, BODY)
    assert theirs.keep == "theirs" and "PDFium" in theirs.reason
    mine = second_opinion(BODY, wrong)
    assert mine.keep == "mine" and "kept" in mine.reason
    # two readings that disagree and neither reads as Chinese: the page is refused
    other = _misread(BODY, "UniGB-UCS2-H", "Adobe-Japan1")
    assert second_opinion(wrong, other).keep == "neither"
    assert second_opinion(wrong[:10], BODY[:10]).agreement is None  # too short to judge
