"""People named on a news page: the writer (author) and the editor, by general credit patterns
(作者：/撰文：/文/ NAME, (本报)记者 NAME, 责任编辑：NAME); names are 2–3 Chinese characters.
Not names: photo credits ("记者 X 摄"), words that follow 记者 in running text ("记者获悉"),
outlets (网易, 观察者网: known outlets or organisation endings such as 网/报/社/台)."""
from __future__ import annotations

import re

from searchapp.vocab.sources import is_known_outlet, normalize_source

from .html_text import GENERIC_SOURCES as _GENERIC_SOURCES
from .html_text import clean_line

_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,2}"
_NAME_END = r"(?=$|[^\u4e00-\u9fff·]|报道|电|讯|发自)(?!\s*摄)"  # "记者 X 摄" is a photo credit
#: Words that follow 记者 in running text ("记者获悉", "记者从…了解到"), not names.
_NOT_NAMES = re.compile(r"^(?:获悉|了解|注意|发现|看到|采访|调查|走访|来到|查询|询问|证实|梳理|统计|测算|观察|体验|"
                        r"实地|独家|专访|连线|致电|联系|暗访|近日|日前|昨天|今天|昨日|今日|此前|随后|目前|"
                        r"[从在据将已又也还都就正对向与跟])")
#: A writer credit: 作者：/撰文：/文/ NAME, or (本报)记者 NAME, names of 2–3 Chinese characters.
_AUTHOR_LINE = re.compile(
    r"(?:(?:作者|撰文|撰稿|文|图文|文图|文/图)\s*[:：/／|]|(?:本报|本台|本刊|本网|特约|实习|首席)*记者\s*[:：]?)\s*"
    rf"({_NAME}{_NAME_END}(?:[ 、，,]+{_NAME}{_NAME_END}){{0,3}})")
#: An editor credit (kept in extra["editor"], not as the author).
_EDITOR_LINE = re.compile(rf"(?:责任编辑|责编|编辑)\s*[:：]\s*({_NAME}){_NAME_END}")
_ORG_END = re.compile(r"(?:网|报|社|台|新闻|频道|中心|集团|杂志|周刊|日报|晚报|在线|传媒|media|news)$", re.I)

def find_author(metas: dict[str, str], jsonld: list[dict], after_title: str, body: str = "") -> str | None:
    """Author name(s) as written (space-separated), or None: meta author (when it looks like a
    person, not an outlet or URL), JSON-LD author, else a writer credit in `after_title` (the
    page text after the headline) or in the last 300 characters of `body`."""
    for k in ("author", "article:author", "byl", "dc.creator", "sailthru.author"):
        v = clean_line(metas.get(k))
        if v and looks_like_name(v):
            return v
    for d in jsonld:
        a = d.get("author")
        if isinstance(a, dict):
            a = a.get("name")
        if isinstance(a, list):
            a = " ".join(x.get("name", "") if isinstance(x, dict) else str(x) for x in a)
        if isinstance(a, str) and looks_like_name(clean_line(a)):
            return clean_line(a)
    for zone in (after_title, body[-300:]):
        for m in _AUTHOR_LINE.finditer(zone):
            names = [n for n in re.split(r"[、，,\s]+", m.group(1)) if n and not _NOT_NAMES.match(n)]
            if len(names) > 1 and re.match(r"报道|电|讯|发自", zone[m.end():]) and \
                    re.search(r"\s" + re.escape(names[-1]) + "$", m.group(1)):
                names = names[:-1]  # "记者 李华 北京报道": the last word is the place
            if names:
                return " ".join(names)
    return None


def find_editor(after_title: str, body: str = "") -> str | None:
    """The editor credited (责任编辑/编辑) in the body's last 300 characters or after the
    headline, or None."""
    for zone in (body[-300:], after_title):
        m = _EDITOR_LINE.search(zone)
        if m:
            return m.group(1)
    return None


def person_like(v: str) -> bool:
    """2–3 Chinese characters that are no known outlet and have no organisation ending."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", v)) and not _ORG_END.search(v) \
        and not is_known_outlet(v) and not _NOT_NAMES.match(v)


def looks_like_name(v: str) -> bool:
    """A person's name, not a URL, an id, a list of sites or an outlet (网易, 观察者网)."""
    if not v or len(v) > 40 or re.search(r"https?:|www\.|\.com|\.cn|@|_\d|\d{3}|[,，]", v):
        return False
    if _ORG_END.search(v) or normalize_source(v) != v or is_known_outlet(v):
        return False
    return v not in _GENERIC_SOURCES and not v.isdigit()
