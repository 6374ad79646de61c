"""Drawing operations of a generated page (laid out by `compose`, drawn by `render`).

Coordinates: `Op.x` from the left edge, `Op.y` the baseline's distance from the top edge,
points. `Op.role`: "head", "sub", "byline", "credit", "body", "furniture", "rule"; `Op.article`
is the article's index (-1 for furniture); `Op.x1` ends a rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Op:
    text: str
    x: float
    y: float
    font: str
    size: float
    role: str
    article: int = -1
    char_space: float = 0.0
    vertical: bool = False
    x1: float = 0.0          # rules: end of the line


@dataclass
class Page:
    number: int              # printed page number
    ops: list[Op] = field(default_factory=list)
