"""Text helpers shared by the HTML readers (`html_meta`, `html_people`, `html`)."""
from __future__ import annotations

import re

_WS = re.compile(r"\s+")

#: Source names that name no outlet ("转载", "本站", ...): never a facet value.
GENERIC_SOURCES = {"转载文章", "转载", "网络", "互联网", "本站", "本网", "原创", "综合", "网友", "未知",
                   "佚名", "xxx", "网络转载", "其他"}


def clean_line(s: str | None) -> str:
    """Whitespace (incl. ideographic spaces and NBSP) and private-use characters (see
    `html_body._PUA`) collapsed to one space, trimmed."""
    s = re.sub("[\ue000-\uf8ff]", " ", s or "")
    return _WS.sub(" ", s.replace("\u3000", " ").replace("\xa0", " ")).strip()
