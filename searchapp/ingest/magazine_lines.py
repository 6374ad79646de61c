"""Line-level recognisers for PDF-extracted magazine text (used by `ingest.magazine`).

Each function looks at one display line (already cleaned by `layout.clean_line`) and says what
it looks like to a reader of Chinese magazines. The rules describe layout and language only:

* `source_line`: a closing source credit `来源：X` (the outlet that ends an article), also
  printed in brackets alone on its line, `（来源：X）`.
* `credit_at_end` / `open_credit` + `close_credit`: a parenthesised credit closing a piece of a
  compilation, `( 新浪科技 杨雪梅 )` / `（新浪科技）`, after sentence-final punctuation or alone on
  its line, possibly split over two lines. Contents are 1–3 words of Chinese characters (no
  digits), which rules out `（详见图1.1）`, `（以下简称…）` and other bracketed asides; a
  `来源：` label inside the brackets (`……。（来源：X）`) is not part of the words.
* `lead_byline`: the reporters a news lead names in brackets after its dateline
  (`本报讯（记者 张伟）`, `新华社北京11月8日电（记者 张三 李四）`).
* `is_title_like`: headline-shaped: short (≤ 40 characters), no clause or sentence punctuation
  (，。；), not opening with a date, not a lone drop-cap character.
* `speaker_line`: `position  name` with a gap of two or more spaces and a position ending in a
  job title (书记, 部长, 主席, 院长, CEO, 经济学家 …), as printed under speech headlines.
* `is_outline_heading`: numbered section heads of reports (`一、` `（一）` `1.`).

Every rule reads the line width-folded (`analysis.text.fold_width`: full-width ASCII forms
`ＣＥＯ` `５Ｇ` `：` → ASCII, one character for one), so an issue typeset with full-width Latin
letters and digits segments as its half-width original does; what a rule returns is cut from the line as printed.
The `来源：` label is read through `labels.fold_labels` as well (`來源：` in traditional
characters), in every rule that reads it (`source_line`, the credit words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from searchapp.analysis.text import fold_width

from searchapp.vocab.sources import OUTLET_NOUNS, is_known_outlet, outlet_shaped

from .labels import CREDIT_TITLE, fold_labels

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SOURCE = re.compile(r"^来\s*源\s*[：:]\s*(?P<src>\S.*?)\s*$")
_SOURCE_BRACKETED = re.compile(r"^[（(]\s*(?P<in>来\s*源\s*[：:][^()（）]*?)\s*[)）]$")
_SOURCE_LABEL = re.compile(r"^来\s*源\s*[：:]\s*")
#: Where a reporter's credit starts after the outlet in a `来源：` value, on the folded text
#: (`labels.fold_labels`): a space, then a job title or `作者`/`文`/`图`, then a space, a colon,
#: a slash, the end or a name that ends the value (`新华社 高级记者 张三`, `人民日报 本报记者 王五`,
#: `新华网 通讯员：赵六`, `中央社 记者张三`).
_CREDIT_AFTER_OUTLET = re.compile(
    rf"\s+(?:{CREDIT_TITLE}|作者|文|图)(?=[\s：:/]|$|[{_HAN}·]{{2,4}}\s*$)")
#: A job title written right after the outlet, without a space (`新华社记者张三`), followed by
#: the end, a space, a colon, a slash or a name that ends the value (not a body: `记者协会`,
#: `记者站`). Only cut where `_credit_start` sees an outlet before it: 中国记者 is itself a
#: magazine's name.
_CREDIT_GLUED = re.compile(rf"(?:{CREDIT_TITLE})(?=[\s：:/]|$|[{_HAN}·]{{2,4}}\s*$)"
                           rf"(?![{_HAN}]*(?:协会|協會|学会|學會|站|部|处|處|组|組|团|團|中心)\s*$)")
_WORDS = re.compile(rf"[{_HAN}·]{{2,16}}(?:\s+[{_HAN}·]{{2,6}}){{0,2}}")
_CREDIT_END = re.compile(
    r"(?:^|(?<=[。！？!?”\"’…]))\s*[（(]\s*(?P<c>[^()（）]{2,40}?)\s*[)）]\s*$")
_OPEN_CREDIT = re.compile(r"(?:^|(?<=[。！？!?”\"’…]))\s*[（(]\s*(?P<c>[^()（）]{0,40})$")
_CLOSE_CREDIT = re.compile(r"^\s*(?P<c>[^()（）]{0,40}?)\s*[)）]\s*$")
_DATE_START = re.compile(r"^.{0,4}?\d{1,2}\s*月\s*\d{1,2}\s*日|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_CLAUSE_PUNCT = re.compile(r"[，。；,;]")
_POSITION_END = (
    r"(?:书记|部长|主席|院长|理事长|会长|主任|局长|厅长|省长|市长|县长|董事长|总经理|经理|总裁|"
    r"CEO|CTO|COO|CFO|首席[^\s]{0,6}官|学家|教授|院士|秘书长|创始人|委员|总编辑|主编|行长|校长|所长|"
    r"总监|代表|大使|署长|司长|处长|总干事|研究员|合伙人)"
)
_SPEAKER = re.compile(rf"^(?P<pos>\S.{{1,60}}?{_POSITION_END})(?:\s{{2,}}|\u3000+)(?P<name>\S.{{0,30}})$")
_NAME = re.compile(rf"[{_HAN}·A-Za-z.．]{{2,20}}")
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d))")
_BRACKET_NOTE = re.compile(r"^【[^】]{1,12}】$")


def source_line(text: str) -> str | None:
    """The outlet of a `来源：X` line with spaces removed, or None. A reporter credit after the
    outlet (`来源：人民邮电报 记者 张三`, `來源：新華社 高級記者 張三`) is not part of the outlet. The
    line may be in brackets: `（来源：平顶山日报）`. Labels and job titles in traditional characters
    read the same (`來源：`, `高級記者`: `labels.fold_labels`); the outlet is cut from the line as
    printed."""
    sc = source_credit(text)
    return sc[0] if sc else None


def source_credit(text: str) -> tuple[str, str | None] | None:
    """(`source_line`'s outlet, the names of the reporter credit after it or None) of a `来源：X`
    line (`（来源：河南日报 记者 李明）` → (`河南日报`, `李明`); names by `byline`), or None."""
    t = text.strip()
    f = fold_width(fold_labels(t))
    b = _SOURCE_BRACKETED.match(f)
    if b:
        t, f = t[b.start("in"):b.end("in")], f[b.start("in"):b.end("in")]
    m = _SOURCE.match(f)
    if not m:
        return None
    cut = _credit_start(m.group("src"))
    src = t[m.start("src"):m.start("src") + cut if cut is not None else m.end("src")]
    names = byline(m.group("src")[cut:]) if cut is not None else None
    return re.sub(r"\s+", "", src), names


def _credit_start(folded: str) -> int | None:
    """Offset in a `来源：` value (folded by `labels.fold_labels`) where a reporter's credit
    starts, or None: after a space (`_CREDIT_AFTER_OUTLET`: `新华社 记者 张三`), or glued to the
    outlet (`新华社记者张三`) when the text before the job title is a known outlet of
    `vocab/data/sources.toml` or has an outlet's shape (`vocab.sources.outlet_shaped`:
    `人民日报本报记者王五`,
    `中新社记者 李四`), and the whole value is not a known outlet (`中国记者`, a magazine, stays;
    `中国记者张三` too: 中国 is no outlet)."""
    cut = _CREDIT_AFTER_OUTLET.search(folded)
    if cut:
        return cut.start()
    if is_known_outlet(folded):
        return None
    for g in _CREDIT_GLUED.finditer(folded):
        outlet = folded[:g.start()].strip()
        if is_known_outlet(outlet) or outlet_shaped(outlet):
            return g.start()
    return None


def outlet_and_credit(value: str) -> tuple[str, str | None]:
    """A `来源：` value as written (`新華社 高級記者 張三`) → (the outlet as written, `新華社`;
    the names its reporter credit gives, `張三`, by `byline`, or None). The outlet is all of
    `value` when no credit follows it. Job titles in traditional characters read as simplified
    (`labels.fold_labels`); what is returned is cut from `value`."""
    folded = fold_labels(value)
    cut = _credit_start(folded)
    if cut is None:
        return value.strip(), None
    return value[:cut].strip(), byline(folded[cut:])


def _credit_words(content: str) -> str | None:
    c = content.strip()
    if label := _SOURCE_LABEL.match(fold_labels(c)):  # `（来源：X）`, `（來源：X）` (`labels`)
        c = c[label.end():]
    c = re.sub(r"\s+", " ", c)
    if not c or not _WORDS.fullmatch(fold_width(c)) or len(c.split()[0]) < 3:
        return None  # outlets have 3+ characters; `（亿元）` is a unit, not a credit
    return c


def credit_at_end(text: str) -> tuple[str, str] | None:
    """(text before the credit, credit words) when `text` ends with a parenthesised credit."""
    m = _CREDIT_END.search(fold_width(text))
    if not m:
        return None
    words = _credit_words(text[m.start("c"):m.end("c")])
    return (text[: m.start()].rstrip(), words) if words else None


def open_credit(text: str) -> tuple[str, str] | None:
    """(text before, partial credit) when `text` ends with an unclosed credit `( 新浪科`."""
    m = _OPEN_CREDIT.search(fold_width(text))
    return (text[: m.start()].rstrip(), text[m.start("c"):m.end("c")]) if m else None


def close_credit(text: str) -> str | None:
    """The rest of a split credit when `text` is only its end (`技 杨雪梅 )`), else None."""
    m = _CLOSE_CREDIT.match(fold_width(text))
    return text[m.start("c"):m.end("c")] if m else None


#: How a source's name ends: the outlet nouns (`vocab.sources.OUTLET_NOUNS`: 报, 网, 社…) and
#: the endings of other sources (科技, 新闻, 协会 …): used to tell an outlet cut in two from an
#: outlet and an author, and a wrapped `来源` line's tail (magazine_wrap).
OUTLET_END = re.compile(
    rf"(?:[{OUTLET_NOUNS}]|志|会|局|部|厅|委|办|室|处|站|院|所|中心|新闻|科技|财经|在线|频道|中国|号|"
    r"平台|传媒|集团|公司)$")


def join_credit(first: str, rest: str) -> str | None:
    """Credit words of a credit split over two lines. A word may be cut (`新浪科` + `技`), or
    the break may fall between the outlet and the author (`新浪科技` + `杨雪梅`): when each part
    is one word, they are two words (outlet, author) if the second is name-sized (2–4
    characters) and the two glued would not end like an outlet (OUTLET_END: `中国经济` + `时报`
    is one outlet)."""
    glued = _credit_words(first.rstrip() + rest.lstrip())
    spaced = _credit_words(first + " " + rest)
    a, b = first.strip(), rest.strip()
    if glued and spaced and " " not in a and " " not in b and 2 <= len(b) <= 4 \
            and not OUTLET_END.search(fold_width(glued)):
        return spaced
    return glued or spaced


_BYLINE = re.compile(
    rf"^(?:[■□●◎]\s*)?(?:[{_HAN}]{{0,8}}?(?:特约|实习|首席|驻[{_HAN}]{{1,6}})?(?:记者|通讯员|撰稿)\s*[：:]?"
    rf"|(?:文|图|文图|文/图|撰文|作者)\s*[/／|｜:：])\s*"
    rf"(?P<names>[{_HAN}·]{{2,4}}?(?:\s*[、\s]\s*[{_HAN}·]{{2,4}}?){{0,3}})\s*(?:报道|摄)?$")


def byline(text: str) -> str | None:
    """The names of a byline line (`本报记者 张三`, `文/张三`, `记者 张三 李四`, `通讯员：王五`), joined
    with `、`; None for any other line. Used only with layout hints (`magazine_hints`), where
    the line is known to sit in body type under a headline."""
    t = text.strip()
    m = _BYLINE.match(fold_width(t))
    if not m:
        return None
    return "、".join(n for n in re.split(r"[、\s]+", t[m.start("names"):m.end("names")]) if n)


#: The bracket a news lead opens with after its dateline (本报讯, 本刊讯, …电, or nothing).
_LEAD_BRACKET = re.compile(r"^(?:[^（()）。，,；;\s]{0,24}?(?:讯|电)\s*)?[（(](?P<c>[^（()）]{2,40})[)）]")
_PART_SPLIT = re.compile(r"\s*[，,；;、]\s*|\s+(?=(?:特约|实习|首席)?(?:记者|通讯员))")


def lead_byline(lead: str) -> str | None:
    """The names a news lead credits in brackets after its dateline (`本报讯（记者 张伟）…`,
    `新华社北京11月8日电（记者 张三 李四）`, `（记者 张三 通讯员 李四）`), joined with `、`; None
    when the lead opens otherwise or the brackets hold no byline (`（图）`, `（上接第1版）`)."""
    t = (lead or "").strip()
    m = _LEAD_BRACKET.match(fold_width(t))
    if not m:
        return None
    names: list[str] = []
    for part in _PART_SPLIT.split(t[m.start("c"):m.end("c")].strip()):
        got = byline(part) if part and not part.endswith("摄") else None
        if part and got is None:  # a photo credit (`摄`) or no byline at all
            return None  # something else than bylines in the brackets
        if got:
            names.extend(n for n in got.split("、") if n not in names)
    return "、".join(names) or None


def starts_with_date(text: str) -> bool:
    """True when the line opens with a dateline such as `9 月 14 日` or `在 7 月 10 日`."""
    return bool(_DATE_START.match(fold_width(text.strip())))


def is_drop_cap(text: str) -> bool:
    """A lone CJK character on its line: the drop cap of a paragraph's first character."""
    t = text.strip()
    return len(t) == 1 and bool(re.match(f"[{_HAN}]", t))


def is_title_like(text: str) -> bool:
    """Headline-shaped line (see module docstring)."""
    c = re.sub(r"\s+", "", text)
    if not c or len(c) > 40 or is_drop_cap(c):
        return False
    if _CLAUSE_PUNCT.search(fold_width(c)) or source_line(c) is not None:
        return False
    if credit_at_end(text) is not None:
        return False
    return not starts_with_date(text)


def is_outline_heading(text: str) -> bool:
    """Numbered section head of a report: `一、…`, `（一）…`, `1.…`."""
    return bool(_OUTLINE.match(fold_width(text.strip())))


def is_bracket_note(text: str) -> bool:
    """An editorial note in lenticular brackets alone on a line: `【连载三】`, `【未完待续】`."""
    return bool(_BRACKET_NOTE.match(re.sub(r"\s+", "", text)))


@dataclass(frozen=True)
class Speaker:
    """A speaker line: `position` (str) and `name` (str, spaces removed)."""

    position: str
    name: str


def speaker_line(text: str) -> Speaker | None:
    """Parse `position  name` (see module docstring). A name printed letter-spaced to the width
    of three characters (`吉  林`) is joined. Returns None when the line is not a speaker line."""
    t = text.strip()
    f = fold_width(t)
    if _CLAUSE_PUNCT.search(f):
        return None
    m = _SPEAKER.match(f)
    if not m:
        return None
    fields = [f for f in re.split(r"\s{2,}|\u3000+", t[m.start("name"):m.end("name")]) if f]
    if len(fields) > 1 and not all(len(f) == 1 for f in fields):
        return None
    name = "".join(fields)
    if not _NAME.fullmatch(fold_width(name)) or len(name) > 20:
        return None
    return Speaker(position=re.sub(r"\s+", " ", t[m.start("pos"):m.end("pos")]).strip(), name=name)
