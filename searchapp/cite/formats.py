"""A frozen result list as references: GB/T 7714-2015 (Chinese standard for bibliographic
references) and RIS (the tagged format reference managers import: EndNote, Zotero, NoteExpress).

    gbt7714(items, cited=date) -> str        numbered reference list, one per line
    cited_day(item) -> str                   the one date every form (and the cite page) shows
    ris(items, cited=date) -> str            RIS records, CRLF line ends

An item is a frozen row: {"id", "title", "publication" (the name to cite, None when the article
states no source), "publication_key" (the archive's key), "named" (False: the publication is
known only by a key made from its issue file's name, or no source is stated; absent in lists
frozen before it was kept), "issn", "source", "author",
"date", "page", "url", "kind" ("newspaper" | "web" | "magazine" | None), "issue_date" (a
magazine issue's date, "YYYY-MM" or "YYYY-MM-DD"), "issue_number" and "issue_year" (the 期号
the issue prints and its year; absent in lists frozen before they were kept), "issue_total"
(the running count 总第N期 the issue prints; absent in lists frozen before it was kept), "missing" (the query words a partial match
lacks; absent in lists frozen before it was kept)}.

An article that states no source has no publication to cite: its name fields are left out
(RIS T2, a web page's 网站名) or say the name is unknown (`（报纸名不详）`, `（刊名不详）`), and the
archive's placeholder `（未注明来源）` (`archive.editions.NO_SOURCE`, a key) is never cited as a
name, also in a list frozen when it was.

A publication known only by its file-name key is marked, never passed off as a title: GB/T 7714
appends `〔刊名未知：“key”是文件名；…〕` (name it in `publication.toml`, docs/archive.md), RIS
says so in an N1 note.

A partial match (`missing` not empty: the article has most of the query words, not all) is
marked, never passed off as a match: GB/T 7714 appends `〔不含检索词：…〕` to its reference (to
delete, or to keep the entry out of a list "of the articles that mention A and B"); RIS says
`missing: …` in its N1 note.

GB/T 7714-2015 forms used (sections 4.4 and 4.7 with their examples, 8.1–8.8 for punctuation):
  newspaper article   作者. 题名[N]. 报纸名, 出版日期(版次).
                      (standard's example: 丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).)
  magazine article    作者. 题名[J]. 刊名, 出版日期: 页码.
                      (section 4.7, 连续出版物中的析出文献: 刊名, 年, 卷(期): 页码.)
                      When the issue prints its number (期号: `2020年第9期` in its running
                      heads, `issue_number`) it is cited so, without a volume (none is
                      printed): 刊名, 2020(9): 页码. — the standard's form 年(期) for a journal
                      without volumes. An issue that prints only its running count
                      (`总第123期`, `issue_total`) is cited by it as printed, in the same
                      place: 刊名, 2020(总第123期): 页码. (刊名, 总第123期: 页码. without a year). Otherwise no number is ever made up from a date — a
                      month is not an issue number, a weekly's October issue is not No. 10 —,
                      and the issue is given by its date in the form of the newspaper article's
                      出版日期 above (ISO 8601, as the standard's example 2000-11-20): the day
                      printed in its running heads, "2020-10-15", else the month of its file
                      name, "2020-09")
  web page            作者. 题名[EB/OL]. 网站名, (发布日期)[引用日期]. URL.
                      (section 4.8, 电子资源: 主要责任者. 题名[文献类型标识/文献载体标识]. 出版地:
                      出版者, 出版年(更新或修改日期)[引用日期]. 获取和访问路径. — the site stands
                      for the publisher; without a date: 网站名[引用日期]. Standard's example:
                      萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://…)
Several authors (`李四、王五`, a JSONL list) are separated by ", " (8.1.2), one RIS AU each. Only an
`http(s)` URL is cited (a `javascript:` or `file:` value of an export is left out, as the web
page does not link it either). A missing author is left out (the entry then starts with the
title); a missing date or page
is left out with its punctuation. The citation date `cited` is the day the list was frozen.
RIS types: NEWS (newspaper article), MGZN (magazine article), ELEC (web page); tags TY, TI, AU,
T2 (the publication), SN (ISSN), DA (YYYY/MM/DD/), PY, IS (a magazine's printed issue number,
else its printed running count `总第123期`),
SP (page), UR, Y2 (access date), LA,
ID, N1, ER (RIS specification, Research Information Systems 2012 / rispy's tag map).
"""
from __future__ import annotations

from typing import Any, Iterable

from searchapp.analysis.controls import strip_controls
from searchapp.archive.editions import NO_SOURCE

__all__ = ["gbt7714", "ris", "reference", "partial_mark", "name_mark", "RIS_TYPES"]

RIS_TYPES = {"newspaper": "NEWS", "magazine": "MGZN", "web": "ELEC"}


def _kind(it: dict[str, Any]) -> str:
    k = it.get("kind")
    if k in RIS_TYPES:
        return k
    if it.get("url"):
        return "web"
    return "newspaper"


def _url(it: dict[str, Any]) -> str:
    """The item's URL when it is an `http(s)` address, else "": a `javascript:`, `data:` or
    `file:` value of an export is no access path (GB/T 7714 4.8) and a reference manager
    would make it a link."""
    url = (it.get("url") or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def _authors(it: dict[str, Any]) -> list[str]:
    """The names of the item's author field, split at `、`, `，` and `,` (how readers join the
    names of a byline): one per person."""
    raw = (it.get("author") or "").replace("，", ",").replace("、", ",")
    return [a.strip() for a in raw.split(",") if a.strip()]


def _name(it: dict[str, Any]) -> str:
    """The publication name to cite, "" when none is known (`NO_SOURCE` is no name)."""
    for v in (it.get("publication"), it.get("source")):
        v = (v or "").strip()
        if v and v != NO_SOURCE:
            return v
    return ""


def _day(it: dict[str, Any]) -> str:
    return (it.get("date") or "")[:10]


def cited_day(it: dict[str, Any]) -> str:
    """The date every form gives for a frozen item ("YYYY-MM-DD", "YYYY-MM" or ""): a magazine
    article its issue's date (a magazine is cited by issue), else its own day, else its issue
    file's date (an article of a newspaper issue file). GB/T 7714, RIS and the cite page all
    show this one date, so one article never shows two."""
    if _kind(it) == "magazine":
        return (it.get("issue_date") or _day(it))[:10]
    return _day(it) or (it.get("issue_date") or "")[:10]


def reference(it: dict[str, Any], cited: str) -> str:
    """One GB/T 7714 reference (without its number) for a frozen item (forms: module
    docstring)."""
    kind = _kind(it)
    title = (it.get("title") or "").strip() or "（无题）"
    names = _authors(it)
    head = f"{', '.join(names)}. " if names else ""  # GB/T 7714 8.1.2: names split by ", "
    pub = _name(it)
    day, page = cited_day(it), it.get("page")
    if kind == "web":
        parts = [f"{head}{title}[EB/OL]."]
        stamp = (f"({day})" if day else "") + f"[{cited}]."
        parts.append(f"{pub}, {stamp}" if pub and day else f"{pub}{stamp}")
        if _url(it):
            parts.append(f"{_url(it)}.")
        return " ".join(parts)
    if kind == "magazine":
        tail = pub or "（刊名不详）"
        numbered = _numbered(it, day)
        if numbered:
            tail += f", {numbered}"
        elif day:
            tail += f", {day}"
        if page:
            tail += f": {page}"
        return f"{head}{title}[J]. {tail}."
    tail = pub or "（报纸名不详）"
    if day:
        tail += f", {day}"
        if page:
            tail += f"({page})"
    return f"{head}{title}[N]. {tail}."


def _number(it: dict[str, Any]) -> int | None:
    n = it.get("issue_number")
    return n if isinstance(n, int) and not isinstance(n, bool) and n >= 1 else None


def _total(it: dict[str, Any]) -> int | None:
    t = it.get("issue_total")
    return t if isinstance(t, int) and not isinstance(t, bool) and t >= 1 else None


def _numbered(it: dict[str, Any], day: str) -> str:
    """"2020(9)": the year and the issue number the issue prints ("" without a year: the
    number's own, else the issue's date's); for an issue that prints only its running count,
    that count as printed, "2020(总第123期)", or "总第123期" without a year; "" when it prints
    neither."""
    n, total = _number(it), _total(it)
    year = it.get("issue_year")
    year = str(year) if isinstance(year, int) and not isinstance(year, bool) else day[:4]
    year = year if year.isdigit() and len(year) == 4 else ""
    if n:
        return f"{year}({n})" if year else ""
    if total:
        return f"{year}(总第{total}期)" if year else f"总第{total}期"
    return ""


def partial_mark(it: dict[str, Any]) -> str:
    """" 〔不含检索词：甲、乙〕" for a partial match (the words it lacks), else ""."""
    missing = [w for w in it.get("missing") or [] if w]
    return f" 〔不含检索词：{'、'.join(missing)}〕" if missing else ""


def name_mark(it: dict[str, Any]) -> str:
    """" 〔刊名未知：…为文件名〕" when the item's publication is known only by the key made from
    its issue file's name (`named` False), else "": such a reference is not citable as it is,
    and says so rather than passing a file name off as a journal title."""
    if it.get("named") is not False or not _name(it):  # no source stated: no file-name key
        return ""
    key = it.get("publication_key") or it.get("publication") or ""
    return f" 〔刊名未知：“{key}”是文件名；在期刊文件夹的 publication.toml 中写明刊名，再运行 searchapp index〕"


def gbt7714(items: Iterable[dict[str, Any]], cited: str) -> str:
    """Numbered GB/T 7714 references ("[1] …"), one per line, in list order, without control
    characters (`analysis.controls`); `cited` is an ISO day. An item the index no longer holds
    is cited all the same from its frozen fields. A publication known only by a file-name key
    ends with `name_mark`, a partial match with `partial_mark`."""
    return "".join(f"[{i}] {strip_controls(_marked(it, cited), multiline=False)}\n"
                   for i, it in enumerate(items, 1))


def _marked(it: dict[str, Any], cited: str) -> str:
    return reference(it, cited) + name_mark(it) + partial_mark(it)


def _ris_date(day: str) -> str:
    parts = day.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def ris(items: Iterable[dict[str, Any]], cited: str, note: str | None = None) -> str:
    """RIS records of the items, in list order, CRLF line ends (RIS is a line format: a value
    holding a line break is joined to one line; control characters — terminal escapes, bidi
    overrides, C0/C1 — are removed, `analysis.controls`, as a list frozen from an older index
    may hold them). `note` goes into every record's N1."""
    lines: list[str] = []

    def tag(t: str, v: Any) -> None:
        if v not in (None, ""):
            lines.append(f"{t}  - {' '.join(strip_controls(str(v), multiline=False).split())}")

    for it in items:
        kind = _kind(it)
        day = cited_day(it)
        tag("TY", RIS_TYPES[kind])
        tag("TI", it.get("title"))
        for a in _authors(it):
            tag("AU", a)
        tag("T2", _name(it))
        tag("SN", it.get("issn"))
        if day:
            tag("PY", day[:4])
            tag("DA", _ris_date(day))
        if kind == "magazine":  # the 期号, else the running count as printed
            tag("IS", _number(it) or (f"总第{_total(it)}期" if _total(it) else None))
        tag("SP", it.get("page"))
        tag("UR", _url(it))
        if kind == "web":
            tag("Y2", _ris_date(cited))
        tag("LA", "zh")
        tag("ID", it.get("id"))
        tag("N1", note)
        if name_mark(it):
            key = it.get("publication_key") or it.get("publication")
            tag("N1", f"publication name unknown: {key} is its issue file's name (name it in "
                "publication.toml beside the issues)")
        if it.get("missing"):
            tag("N1", "missing: " + " ".join(it["missing"]) + " (a partial match: the article "
                "lacks these query words)")
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)
