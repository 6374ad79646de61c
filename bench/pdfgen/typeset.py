"""What an article prints (headline, subtitle, byline, credits, dateline, paragraphs) and how a
text is broken into lines of a given width.

    prepare(story, style, rng, issue_date) -> Kit
    wrap(text, width, font, size, indent=0.0) -> list[str]

Line breaking: greedy by reportlab's glyph widths; closing punctuation never starts a line
and opening punctuation never ends one (kinsoku, as Chinese typesetting does, by pushing
characters to the next line: no line runs past its column).

Dates (the ground truth `date` of an article, see bench/pdfgen/__init__.py): a lead that
opens with its own dateline (`新华社北京１月８日电`) keeps it and is dated by it (the issue's year,
one year back when that day would fall after the issue); a lead that names some other day in
its first 200 characters, or with probability `style.dateline_p` any other lead, gets a
dateline printed in front (`本报北京1月5日讯　`, `新华社北京1月5日电　`) with the story's own date,
or a first sentence that names the story's day (`1月5日，`, `本报讯　1月5日，`): the day of the
event, not a dateline, so such an article is dated by the issue date when the running head shows
a day (ingest/issue_dates.py), else by that day; the rest print no date and are dated by the
issue date when the running head shows one.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from .data import Story
from .style import Style

CLOSING = set("，。、；：？！）》」』”’…—%％,.;:?!)]")
OPENING = set("（《「『“‘([")
_LEAD_DATELINE = re.compile(r"^.{0,16}?([0-9０-９]{1,2})月([0-9０-９]{1,2})日(?:电|讯|消息|报道)")
_ANY_DATE = re.compile(r"[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*[日号]|^\D{0,3}[0-9０-９]{1,2}\s*[日号]")
_CLAUSE = re.compile(r"[，。；！？,;]")
_TRAILING_CREDIT = re.compile(r"(?:(?<=[。！？”！!])|^)\s*[（(][^（）()]{1,24}[)）]\s*$")
_TRAILING_SOURCE = re.compile(r"(?:来源|稿源)[：:][^。！？]{1,30}$")
CITIES = ["北京", "上海", "广州", "郑州", "南京", "武汉", "成都", "西安", "杭州", "深圳"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力红玉兰志新国春"


@dataclass
class Kit:
    """An article ready to lay out; `truth` holds the ground-truth fields known before layout
    (`title`, `subtitle`, `author`, `date`, `credit`: the source a reader should find when the
    credit is printed)."""

    head: str
    sub: str | None
    byline: str | None
    top_credit: str | None
    paras: list[str]
    end_credit: str | None
    paren_credit: str | None
    truth: dict = field(default_factory=dict)


def _digits(n: int, full: bool) -> str:
    s = str(n)
    return s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if full else s


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def lead_month_day(lead: str) -> tuple[int, int] | None:
    """(month, day) of a dateline opening `lead` (`新华网长沙6月14日电`), else None."""
    m = _LEAD_DATELINE.match(lead)
    if not m:
        return None
    mo, d = (int(x.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 28 + (mo != 2) * 3 - (mo in (4, 6, 9, 11))):
        return None
    return mo, d


def _lead_date(lead: str, issue: dt.date) -> str | None:
    md = lead_month_day(lead)
    if md is None:
        return None
    mo, d = md
    try:
        day = dt.date(issue.year, mo, d)
    except ValueError:
        return None
    if day > issue:
        try:
            day = dt.date(issue.year - 1, mo, d)
        except ValueError:
            return None
    return day.isoformat()


def prepare(story: Story, style: Style, rng: random.Random, issue: dt.date,
            header_has_day: bool) -> Kit:
    """The printed parts of `story` in `style` (see module docstring)."""
    title, sub = story.title, None
    if "——" in title:
        a, _, b = title.partition("——")
        if len(a) >= 4 and len(b) >= 4:
            title, sub = a, "——" + b
    paras = [p for p in story.paras if p.strip()]
    while len(paras) > 1 and len(paras[0]) <= 30 and not _CLAUSE.search(paras[0]):
        paras.pop(0)  # a byline or kicker paragraph of the source: the layout prints its own
    # the source's own closing credits: the layout prints its own credit
    paras[-1] = _TRAILING_SOURCE.sub("", _TRAILING_CREDIT.sub("", paras[-1])).strip()
    if not paras[-1] and len(paras) > 1:
        paras.pop()
    paras[-1] = paras[-1] or story.paras[-1]
    lead = paras[0]
    date = _lead_date(lead, issue)
    if date is None:
        own = dt.date.fromisoformat(story.date) if story.date else issue - dt.timedelta(days=rng.randint(0, 4))
        own = min(own, issue)
        if _ANY_DATE.search(lead[:200]) or _ANY_DATE.search("".join(paras)[:200]) or \
                rng.random() < style.dateline_p:
            full = rng.random() < 0.3
            m, d = _digits(own.month, full), _digits(own.day, full)
            city = rng.choice(CITIES)
            form = rng.choice([f"本报{city}{m}月{d}日讯　", f"新华社{city}{m}月{d}日电　",
                               f"{m}月{d}日，", f"本报讯　{m}月{d}日，"])
            paras[0] = form + lead
            # `…日讯`/`…日电` is the article's own dateline; `M月D日，` opening a sentence is the
            # day of the event it reports: the article is dated by the issue's printed day
            event_only = not form.rstrip("　").endswith(("讯", "电"))
            date = issue.isoformat() if event_only and header_has_day else own.isoformat()
        elif header_has_day:
            date = issue.isoformat()
    byline = None
    author = None
    if rng.random() < style.byline_p:
        names = [_name(rng) for _ in range(rng.choice([1, 1, 2]))]
        author = "、".join(names)
        byline = rng.choice(["本报记者 {}", "文/{}", "记者 {}", "文｜{}"]).format(" ".join(names))
    credit = story.credit
    top = end = paren = None
    if credit and style.credit == "top":
        top = f"来源：{credit}"
    elif credit and style.credit == "end":
        end = f"来源：{credit}"
    elif credit and style.credit == "paren" and len(credit) >= 3:
        if re.search(r"[。！？][”’」』]?$", paras[-1]):
            paren = f"（{credit}）"  # after the last sentence, as printed
        else:
            end = f"来源：{credit}"
    truth = {"title": title, "subtitle": sub, "author": author, "date": date,
             "credit": credit if (top or end or paren) else None, "key": story.key,
             "origin": story.origin}
    return Kit(title, sub, byline, top, paras, end, paren, truth)


def wrap(text: str, width: float, font: str, size: float, indent: float = 0.0) -> list[str]:
    """`text` broken into lines no wider than `width` points (the first `indent` narrower).
    A closing punctuation mark that would start a line takes the character before it along
    to the next line; an opening one that would end a line moves down with it (kinsoku by
    pushing out, so no line runs past its column)."""
    lines: list[str] = []
    cur = ""
    w = indent
    for ch in text:
        cw = stringWidth(ch, font, size)
        if cur and w + cw > width + 0.01:
            carry = ""
            if ch in CLOSING and len(cur) > 2:
                carry, cur = cur[-1], cur[:-1]
            if cur and cur[-1] in OPENING and len(cur) > 2:
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append(cur)
            cur = carry
            w = stringWidth(cur, font, size)
        cur += ch
        w += cw
    if cur:
        lines.append(cur)
    return lines
