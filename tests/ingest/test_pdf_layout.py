"""The PDF layout steps on hand-placed glyphs: lines and their spaces, vertical text, page
furniture, reading order across columns and headlines, and which pages' text is trusted.
Positions in points, top-left origin (see ingest/pdf_glyphs.py)."""
from __future__ import annotations

import random

from searchapp.ingest.pdf_furniture import PageFrags, find
from searchapp.ingest.pdf_glyphs import Glyph, PageGlyphs
from searchapp.ingest.pdf_lines import fragments
from searchapp.ingest.pdf_order import body_size, read_page
from searchapp.ingest.pdf_quality import repair_gbk, verdict


def line(text: str, x: float, top: float, size: float = 10.0, step: float | None = None,
         spaced: bool = False) -> list[Glyph]:
    """Glyphs of `text` from x, one em each (Latin, digits and spaces half an em)."""
    out, cx = [], x
    for ch in text:
        w = size * (0.5 if ch.isascii() else 1.0) if step is None else step
        out.append(Glyph(ch, cx, top, cx + w, top + size, size, "F", "h"))
        cx += w
        if spaced:  # an OCR layer: a space glyph after every character
            out.append(Glyph(" ", cx, top, cx + size * 0.25, top + size, size, "F", "h"))
    return out


def column(text: str, x: float, top: float, width: int, size: float = 10.0) -> list[Glyph]:
    out = []
    for i in range(0, len(text), width):
        out += line(text[i:i + width], x, top + (i // width) * size * 1.5, size)
    return out


def texts(glyphs: list[Glyph]) -> list[str]:
    frags = fragments(glyphs)
    return [ln.text for block in read_page(frags, body_size(frags)) for ln in block]


def test_rows_spaces_and_duplicates():
    g = line("部长", 50, 100) + line("肖亚庆", 90, 100) + line("All in 5G", 200, 100)
    g += [Glyph("长", 60.3, 100, 70.3, 110, 10, "F", "h")]  # fake bold: drawn twice
    frs = sorted(fragments(g), key=lambda f: f.x0)
    assert [f.text for f in frs] == ["部长", "肖亚庆", "All in 5G"]


def test_ocr_spacing_goes_but_field_separators_stay():
    g = line("本报讯6月18日，记者", 50, 100, spaced=True)
    assert [f.text for f in fragments(g)] == ["本报讯6月18日，记者"]
    # `部 长   肖 亚 庆`: one space after every character, three at the field separator
    g = line("部长", 50, 100, spaced=True) + [Glyph(" ", 75, 100, 77.5, 110, 10, "F", "h"),
                                              Glyph(" ", 77.5, 100, 80, 110, 10, "F", "h")]
    g += line("肖亚庆", 80, 100, spaced=True)
    g += column("上一段的正文内容在这里" * 3, 50, 55, 15) + column("下一段的正文内容在这里" * 3, 50, 115, 15)
    out = texts(g)
    assert "部长  肖亚庆" in out, out


def test_stacked_headline_is_vertical_but_list_numbers_are_not():
    vertical = [Glyph(ch, 300, 100 + i * 21, 320, 120 + i * 21, 20, "F", "h")
                for i, ch in enumerate("没有准备就别说")]
    body = column("这是正文第一行内容这是正文第二行内容这是正文第三行内容" * 3, 50, 100, 20)
    frs = fragments(vertical + body)
    assert any(f.vertical and f.text == "没有准备就别说" for f in frs)
    items = []
    for i in range(4):
        items += line(str(i + 1), 50, 100 + i * 15) + line("列表中的一项内容", 62, 100 + i * 15)
    assert not any(f.vertical for f in fragments(items))


def test_columns_are_read_column_by_column_whatever_the_drawing_order():
    left = column("左栏文字" * 30, 50, 150, 12)
    right = column("右栏文字" * 30, 200, 150, 12)
    head = line("跨栏大标题放在两栏上方", 60, 100, size=24)
    glyphs = head + left + right
    expected = texts(glyphs)
    assert expected[0] == "跨栏大标题放在两栏上方"
    assert "".join(expected[1:]).startswith("左栏文字" * 30)
    shuffled = list(glyphs)
    random.Random(1).shuffle(shuffled)
    assert texts(shuffled) == expected


def test_short_headline_in_first_column_opens_its_band():
    """Article A's two columns end; B's headline sits over B's first column only."""
    a1, a2 = column("甲文第一栏" * 10, 50, 100, 12), column("甲文第二栏" * 10, 200, 100, 12)
    hb = line("乙文标题", 50, 182, size=20)  # 12 pt under A's columns: less than a band gap
    b1, b2 = column("乙文第一栏" * 10, 50, 210, 12), column("乙文第二栏" * 10, 200, 210, 12)
    out = "".join(texts(a1 + a2 + hb + b1 + b2))
    assert out.index("甲文第二栏") < out.index("乙文标题") < out.index("乙文第一栏") < out.index("乙文第二栏")


def test_neighbouring_stories_with_headlines_side_by_side():
    ha = line("左边的新闻标题", 50, 100, size=20)
    hb = line("右边的新闻标题", 200, 100, size=20)
    a, b = column("左文" * 60, 50, 130, 12), column("右文" * 60, 200, 130, 12)
    out = texts(ha + hb + a + b)
    assert out[0] == "左边的新闻标题"
    joined = "".join(out)
    assert joined.index("右边的新闻标题") > joined.rindex("左文")


def test_furniture_heads_feet_and_page_numbers():
    pages = []
    for n in range(1, 5):
        g = line("华夏日报", 40, 20, 8) + line(f"1998年1月{n + 4}日", 250, 20, 8) + \
            line(f"第{n + 2}版", 500, 20, 8) + column("正文内容" * 40, 40, 100, 20) + \
            line(f"- {n + 2} -", 280, 810, 8)
        frs = fragments(g)
        pages.append(PageFrags(n, 595, 842, frs))
    furn = find(pages)
    assert furn.labels == {1: 3, 2: 4, 3: 5, 4: 6}
    assert furn.dates[2] == "1998-01-06" and furn.year == 1998
    for p in pages:
        kept = [f.text for f in p.frags if not furn.is_furniture(p.number, f)]
        assert kept and all(t.startswith("正文") or "正文" in t for t in kept)


def test_page_text_verdicts():
    ok = PageGlyphs(1, 595, 842, line("这是一段正常的中文文字", 50, 100))
    assert verdict(ok).ok
    french = PageGlyphs(1, 595, 842, line("Le café était très animé à Paris.", 50, 100))
    assert verdict(french).ok
    moji = "河南谱写网络安全工作出彩新篇章".encode("gbk").decode("latin-1")
    page = PageGlyphs(1, 595, 842, line(moji, 50, 100))
    v = verdict(page)
    assert not v.ok and v.kind == "mojibake"
    fixed = repair_gbk(page.glyphs)
    assert fixed is not None and "".join(g.text for g in fixed) == "河南谱写网络安全工作出彩新篇章"
    assert repair_gbk(french.glyphs) is None
    scan = PageGlyphs(1, 595, 842, [], image_share=0.9)
    assert verdict(scan).kind == "image"
    assert verdict(PageGlyphs(1, 595, 842, [])).kind == "empty"
    undefined = PageGlyphs(1, 595, 842, line("\ufffd" * 20 + "字", 50, 100), undefined=20)
    assert verdict(undefined).kind == "undefined"
