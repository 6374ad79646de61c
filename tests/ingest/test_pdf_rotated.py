"""A page whose text is drawn rotated by 90° (a landscape page set sideways on a portrait sheet)
reads in order, its lines whole and in sequence (`pdf_rotation.upright`); a page with a
minority of rotated text says that their order is a guess. PDFs drawn by reportlab."""
from __future__ import annotations

import pytest

from helpers import A4_H, A4_W, draw_wrapped

TITLE = "开封推出宋文化数字博物馆"
BODY = ("开封市日前上线宋文化数字博物馆，市民可以在线浏览清明上河图高清复原影像。该项目运用三维扫描与"
        "虚拟现实技术，复原了北宋东京城的街巷与市井生活。博物馆负责人说，数字化让千年文物走进千家万户。")


def _font() -> str:
    from bench.pdfgen.fonts import register

    fonts = register()
    return fonts.embedded[0] if fonts.embedded else fonts.cid


def _sideways(path, angle: int):
    """One article laid out on a landscape page, drawn turned by `angle` (±90) on A4."""
    from reportlab.pdfgen import canvas

    font = _font()
    c = canvas.Canvas(str(path), pagesize=(A4_W, A4_H))
    c.saveState()
    if angle == 90:
        c.translate(A4_W, 0)
    else:
        c.translate(0, A4_H)
    c.rotate(angle)
    w, h = A4_H, A4_W  # the landscape page the text is laid out on
    c.setFont(font, 16)
    c.drawString(40, h - 60, TITLE)
    draw_wrapped(c, "　　" + BODY * 3, font, 40, h - 90, w - 80)
    c.restoreState()
    c.showPage()
    c.save()
    return path


@pytest.mark.slow
@pytest.mark.parametrize("angle", [90, -90])
def test_sideways_page_reads_in_order(tmp_path, angle):
    from searchapp.ingest import read_file

    rr = read_file(_sideways(tmp_path / "sideways-2026-12-07.pdf", angle))
    assert [a.title for a in rr.articles] == [TITLE]
    body = "".join(rr.articles[0].body.split())
    assert body == BODY * 3
    assert not rr.problems


def test_rotated_minority_is_flagged(tmp_path):
    """An upright page with a long caption set sideways along its margin: read, and flagged."""
    from reportlab.pdfgen import canvas

    from searchapp.ingest import read_file

    font = _font()
    path = tmp_path / "caption-2026-12-07.pdf"
    c = canvas.Canvas(str(path), pagesize=(A4_W, A4_H))
    c.setFont(font, 16)
    c.drawString(60, A4_H - 60, TITLE)
    draw_wrapped(c, "　　" + BODY * 4, font, 60, A4_H - 90, A4_W - 140)
    c.saveState()
    c.translate(A4_W - 30, 100)
    c.rotate(90)
    c.setFont(font, 9)
    c.drawString(0, 0, "本版图片由开封市文化广电和旅游局提供，未经许可不得转载使用")
    c.restoreState()
    c.showPage()
    c.save()
    rr = read_file(path)
    assert [a.title for a in rr.articles] == [TITLE]
    notes = [p.reason for p in rr.problems]
    assert any("rotated by 90°" in n and "order" in n for n in notes), notes
