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


def _embedded_encoding(src: Path, dst: Path) -> Path:
    """`src` with its CID font's encoding given as an embedded CMap stream that uses the
    predefined one (`/UniGB-UCS2-H usecmap`, a legal PDF form), appended as an incremental
    update. pdfminer loads the predefined CMap by the stream's name and, with no encoding name
    to go by, still reads its CIDs through the font's CNS1 table; PDFium reads the text right."""
    import re

    d = src.read_bytes()
    m = re.search(rb"\n(\d+) 0 obj\s*<<\s*/BaseFont /MSung-Light /DescendantFonts.*?endobj", d, re.S)
    num, body = int(m.group(1)), m.group(0)[1:]
    body = body.replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding 99 0 R")
    cm = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
          b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> def\n"
          b"/CMapName /UniGB-UCS2-H def /CMapType 1 def\n/UniGB-UCS2-H usecmap\n"
          b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    obj = (b"99 0 obj\n<< /Type /CMap /CMapName /UniGB-UCS2-H /CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (GB1) /Supplement 4 >> /UseCMap /UniGB-UCS2-H /Length %d >>\nstream\n"
           % len(cm) + cm + b"endstream\nendobj\n")
    prev = int(re.findall(rb"startxref\s+(\d+)", d)[-1])
    root = re.findall(rb"/Root (\d+ 0 R)", d)[-1]
    out = d if d.endswith(b"\n") else d + b"\n"
    at_font = len(out)
    out += body + b"\n"
    at_cmap = len(out)
    out += obj
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n99 1\n%010d 00000 n \n" % (
        num, at_font, at_cmap)
    out += b"trailer\n<< /Size 100 /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (root, prev, xref)
    dst.write_bytes(out)
    return dst


@pytest.mark.slow
def test_page_pdfminer_misreads_is_read_with_pdfium_and_reported(tmp_path):
    from searchapp.ingest import read_file
    from searchapp.ingest.pdf_glyphs import read_pages

    pdf = _embedded_encoding(_page(tmp_path / "a.pdf", "MSung-Light"), tmp_path / "tw-2026-12-02.pdf")
    mine = "".join(g.text for g in read_pages(pdf.read_bytes())[0].glyphs)
    assert TITLE not in mine  # the case the cross-check exists for: pdfminer alone is wrong
    rr = read_file(pdf)
    assert [a.title for a in rr.articles] == [TITLE]
    assert BODY[:40] in rr.articles[0].body.replace("\n", "")
    notes = [p.reason for p in rr.problems]
    assert len(notes) == 1 and "read different characters" in notes[0] and "PDFium" in notes[0]


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
