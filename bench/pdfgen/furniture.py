"""Running heads, feet and page numbers of a generated page, in the style's format."""
from __future__ import annotations

import random

from reportlab.pdfbase.pdfmetrics import stringWidth

from .ops import Op, Page
from .style import SECTIONS, Style


def draw_furniture(p: Page, st: Style, issue_label: str, rng: random.Random) -> None:
    """Add the running head (publication name, issue label, page label) and the page number
    (head or foot, centred or outside) to page `p`, and a rule under the head."""
    W, H = st.page
    top, right, bottom, left = st.margins
    fs = st.body_size * 0.85
    font = st.body_font
    yb = top * 0.55
    num = st.number_format.format(n=p.number)
    p.ops.append(Op(st.name, left, yb, font, fs * 1.1, "furniture"))
    p.ops.append(Op(issue_label, (W - stringWidth(issue_label, font, fs)) / 2, yb, font, fs, "furniture"))
    if st.number_pos == "header":
        lab = f"第{p.number}版  {rng.choice(SECTIONS)}" if st.kind == "newspaper" else num
        p.ops.append(Op(lab, W - right - stringWidth(lab, font, fs), yb, font, fs, "furniture"))
    else:
        yf = H - bottom * 0.45
        if st.number_pos == "center":
            x = (W - stringWidth(num, font, fs)) / 2
        else:
            x = W - right - stringWidth(num, font, fs) if p.number % 2 else left
        p.ops.append(Op(num, x, yf, font, fs, "furniture"))
    if st.rules:
        p.ops.append(Op("", left, yb + fs * 0.5, font, fs, "rule", x1=W - right))
