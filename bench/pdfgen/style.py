"""Page styles of the generated issues: every number drawn from a seeded RNG within ranges seen
in Chinese magazines and newspapers, so no reader rule can lean on one font, size or string.

    random_style(rng, kind, fonts) -> Style
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .fonts import Fonts

PAGE_SIZES = {"A4": (595.3, 841.9), "B5": (498.9, 708.7), "Letter": (612.0, 792.0),
              "A3": (841.9, 1190.6), "Berliner": (893.0, 1332.0)}
MAGAZINES = ["互联网天地", "信息化观察", "科技周刊", "数字生活", "中国经济周刊", "城市画报", "新闻前哨",
             "财经视点", "文化月刊", "现代传播"]
NEWSPAPERS = ["华夏日报", "东方晨报", "江南都市报", "北方时报", "人民日报", "新闻晚报", "经济参考报",
              "科技日报"]
SECTIONS = ["要闻", "国内", "国际", "经济", "社会", "文化", "体育", "科技", "评论", "地方", "教育", "副刊"]
PAGE_NUMBERS = ["{n}", "- {n} -", "第{n}页", "P.{n}", "— {n} —", "{n:02d}"]


@dataclass
class Style:
    """How one generated issue looks. Sizes in points; ratios relative to `body_size`."""

    kind: str                 # "magazine" | "newspaper"
    page: tuple[float, float]
    margins: tuple[float, float, float, float]   # top, right, bottom, left
    columns: int
    gutter: float
    body_size: float
    leading: float            # line pitch / body size
    head_ratio: float
    head_align: str           # "left" | "center"
    sub_ratio: float
    body_font: str
    head_font: str
    indent: bool              # first-line indent of two ideographic spaces
    para_gap: float           # extra space between paragraphs, × body size
    credit: str               # "end" | "top" | "paren" | "none"
    byline_p: float
    dateline_p: float
    vertical_head_p: float
    header: bool
    footer: bool
    number_format: str
    number_pos: str           # "center" | "outer" | "header"
    first_page: int
    name: str
    justify: bool
    rules: bool               # a rule under the running head


def random_style(rng: random.Random, kind: str, fonts: Fonts) -> Style:
    """A style of `kind` ("magazine" or "newspaper") drawn with `rng`."""
    if kind == "newspaper":
        page = PAGE_SIZES[rng.choice(["A3", "A3", "Berliner", "A4"])]
        columns = rng.choice([3, 4, 5]) if page[0] > 700 else 3
        body = rng.uniform(8.0, 10.0)
        name = rng.choice(NEWSPAPERS)
        credit = rng.choice(["none", "none", "paren", "end"])
        number_pos = "header"
    else:
        page = PAGE_SIZES[rng.choice(["A4", "A4", "B5", "Letter"])]
        columns = rng.choice([1, 2, 2, 2, 3]) if page[0] > 550 else rng.choice([1, 2])
        body = rng.uniform(8.5, 11.5)
        name = rng.choice(MAGAZINES)
        credit = rng.choice(["end", "end", "top", "paren", "none"])
        number_pos = rng.choice(["center", "outer", "header"])
    margin = rng.uniform(0.05, 0.09) * page[0]
    fonts_all = list(fonts.all)
    return Style(
        kind=kind, page=page,
        margins=(rng.uniform(0.07, 0.10) * page[1], margin, rng.uniform(0.07, 0.10) * page[1], margin),
        columns=columns, gutter=body * rng.uniform(1.0, 2.5), body_size=round(body, 2),
        leading=rng.uniform(1.35, 1.9), head_ratio=rng.uniform(1.45, 2.6),
        head_align=rng.choice(["left", "center"]), sub_ratio=rng.uniform(1.0, 1.4),
        body_font=rng.choice(fonts_all), head_font=rng.choice(fonts_all),
        indent=rng.random() < 0.8, para_gap=rng.choice([0.0, 0.0, 0.3, 0.6]),
        credit=credit, byline_p=rng.uniform(0.2, 0.7), dateline_p=rng.uniform(0.5, 0.9),
        vertical_head_p=0.2 if kind == "newspaper" else 0.0,
        header=True, footer=number_pos != "header", number_format=rng.choice(PAGE_NUMBERS),
        number_pos=number_pos, first_page=rng.choice([1, 1, 2, 5, 17, 33]), name=name,
        justify=rng.random() < 0.85, rules=rng.random() < 0.6)
