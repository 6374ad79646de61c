"""A PDF as some old Chinese producers wrote them: GBK bytes shown through a one-byte font.

    write_gbk_pdf(path, articles, *, font_name="SimSun") -> None

`articles` is a list of (headline, [paragraphs]). Each page draws its text with a TrueType
font that is not embedded and declares `/WinAnsiEncoding`, while the strings hold GBK bytes
(two per Chinese character). A viewer with the named font installed shows Chinese; a text
extractor that trusts the encoding reads every byte as a Western letter (`ºÓÄÏ` for 河南).
`/Widths` give 500/1000 em per byte, so a Chinese character advances one em. Written by hand
(reportlab always writes Unicode-correct fonts); the file is a minimal valid PDF 1.4 with a
cross-reference table.
"""
from __future__ import annotations

from pathlib import Path

_W, _H = 595, 842


def _esc(b: bytes) -> bytes:
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrap(text: str, per_line: int) -> list[bytes]:
    out, cur, n = [], b"", 0
    for ch in text:
        enc = ch.encode("gbk", errors="replace")
        if n + len(enc) > per_line * 2:
            out.append(cur)
            cur, n = b"", 0
        cur += enc
        n += len(enc)
    if cur:
        out.append(cur)
    return out


def _page(articles: list[tuple[str, list[str]]], number: int) -> bytes:
    ops = [b"BT"]
    y = _H - 80
    for head, paras in articles:
        ops.append(b"/F1 18 Tf 1 0 0 1 60 %d Tm (%s) Tj" % (y, _esc(head.encode("gbk"))))
        y -= 34
        for p in paras:
            for i, line in enumerate(_wrap(p, 24)):
                x = 60 + (20 if i == 0 else 0)
                ops.append(b"/F1 10 Tf 1 0 0 1 %d %d Tm (%s) Tj" % (x, y, _esc(line)))
                y -= 15
        y -= 20
    ops.append(b"/F1 9 Tf 1 0 0 1 290 40 Tm (%d) Tj" % number)
    ops.append(b"ET")
    return b"\n".join(ops)


def write_gbk_pdf(path: Path, pages: list[list[tuple[str, list[str]]]], *,
                  font_name: str = "SimSun") -> None:
    """Write `pages` (each a list of (headline, paragraphs)) to `path` (see module docstring)."""
    widths = b"[" + b" ".join(b"500" for _ in range(32, 256)) + b"]"
    objs: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    for i, arts in enumerate(pages):
        content = _page(arts, i + 1)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << "
                    b"/F1 %d 0 R >> >> /Contents %d 0 R >>" % (_W, _H, font_id, 4 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /TrueType /BaseFont /" + font_name.encode() +
                b" /FirstChar 32 /LastChar 255 /Widths " + widths +
                b" /Encoding /WinAnsiEncoding >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    Path(path).write_bytes(out)
