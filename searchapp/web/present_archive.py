"""Plain data → template context and JSON twin for the archive pages: publications, a
publication's calendar, one issue in print order, an article's edition and reprint lineage.
Every link is built here (`url_for`), so templates stay logic-free."""
from __future__ import annotations

from typing import Any

from flask import url_for

from searchapp.archive.editions import edition_of, page_of
from searchapp.messages import (CADENCE_NAMES, KIND_NAMES, LINEAGE_NAMES, WEEKDAY_NAMES,
                                date_text, text)
from searchapp.model import Article
from searchapp.request import MISSING

__all__ = ["date_label", "issue_label", "page_label", "name_hint", "publications_view",
           "calendar_view",
           "issue_view", "edition_view", "lineage_view", "ROLE_LABELS"]

ROLE_LABELS = LINEAGE_NAMES


def date_label(iso: str | None) -> str:
    """"1998-01-05" → "1998年1月5日"; "2020-09" → "2020年9月"; a time of day is kept as
    printed ("2012年6月4日 09:20"); anything else unchanged: `searchapp.messages.date_text`, the one
    display format of the CLI, the pages and the exports."""
    return date_text(iso)


def issue_label(issue: str, date: str | None) -> str:
    """How an issue is named to readers: its date when it has one ("2020年9月"); the issue key
    (an issue file's name, `issue-2020-09-…`) only when there is no date, as readers are not
    shown internal names (docs/web.md)."""
    return date_label(date) if date else issue


def page_label(page: int | None, kind: str) -> str:
    """第N版 (newspapers), 第N页 (magazines); a group without a page number."""
    if page is None:
        return text(f"page_none_{kind if kind in ('newspaper', 'magazine') else 'web'}", "zh")
    return text("page_magazine" if kind == "magazine" else "page_newspaper", "zh", n=page)


def _cal_url(pub: str, **kw: Any) -> str:
    return url_for("archive.calendar", publication=pub, **kw)


def _issue_url(pub: str, issue: str, endpoint: str = "archive.issue", **kw: Any) -> str:
    return url_for(endpoint, publication=pub, issue=issue, **kw)


def name_hint(named: dict[str, Any]) -> str | None:
    """What a page says under a publication known only by its file-name key (`named` is a
    `search.browse.naming` dict with "publication" and "kind"): how to name it; None when it has
    a name, or is not an issue file's (a site or paper is named by its articles' source)."""
    if named.get("named") or named.get("kind") != "magazine":
        return None
    return text("name_unknown", "zh", key=named["publication"])


def publications_view(data: dict[str, Any], json_twin: bool = False) -> dict[str, Any]:
    """Context of /archive (or, `json_twin`, its JSON)."""
    ep = "archive_api.calendar" if json_twin else "archive.calendar"
    pubs = [dict(p, name_hint=name_hint(p), kind_label=KIND_NAMES.get(p.get("medium") or p["kind"], p["kind"]),
                 cadence_label=CADENCE_NAMES.get(p["cadence"], p["cadence"]),
                 url=url_for(ep, publication=p["publication"]),
                 undated_articles_url=undated_search_url(p["publication"], json_twin)
                 if p.get("undated_articles") else None)
            for p in data["publications"]]
    return {"publications": pubs, "undated": data["undated"],
            "json_url": url_for("archive_api.index"), "html_url": url_for("archive.index")}


def calendar_view(cal: dict[str, Any], json_twin: bool = False) -> dict[str, Any]:
    """Context of /archive/<publication> (calendar months with cell links and labels)."""
    pub = cal["publication"]
    iss_ep = "archive_api.issue" if json_twin else "archive.issue"
    months = []
    for m in cal["months"]:
        weeks = []
        for week in m["weeks"]:
            row = []
            for c in week:
                if c is None:
                    row.append(None)
                    continue
                c = dict(c)
                c["url"] = _issue_url(pub, c["issue"], iss_ep) if c["issue"] else None
                day = date_label(c["date"])
                c["aria"] = (text("cal_day_issue", "zh", date=day, n=c["count"])
                             if c["status"] == "issue" else
                             text("cal_day_missing", "zh", date=day) if c["status"] == "missing"
                             else day)
                row.append(c)
            weeks.append(row)
        issue_list = [dict(i, label=issue_label(i["issue"], i["date"]),
                           url=_issue_url(pub, i["issue"], iss_ep)) for i in m["issue_list"]]
        months.append({**m, "label": date_label(m["month"]), "weeks": weeks,
                       "issue_list": issue_list})
    years = [{"year": y, "current": y == cal["year"], "url": _cal_url(pub, year=y)}
             for y in cal["years"]]
    undated = [dict(u, url=_issue_url(pub, u["issue"], iss_ep)) for u in cal["undated"]]
    loose = cal.get("undated_articles") or 0
    return {"cal": cal, "months": months, "years": years, "undated": undated,
            "undated_articles": loose, "undated_articles_url": undated_search_url(pub, json_twin)
            if loose else None,
            "name_hint": name_hint(cal),
            "kind_label": KIND_NAMES.get(cal.get("medium") or cal.get("kind"), ""),
            "cadence_label": CADENCE_NAMES.get(cal["cadence"], cal["cadence"]),
            "weekdays": list(WEEKDAY_NAMES),
            "off_labels": "、".join(text("weekday", "zh", day=WEEKDAY_NAMES[w]) for w in cal["off_weekdays"]),
            "json_url": url_for("archive_api.calendar", publication=pub, year=cal["year"]),
            "html_url": _cal_url(pub, year=cal["year"])}


def undated_search_url(publication: str, json_twin: bool = False) -> str:
    """The search (page, or `json_twin` the API) of a publication's articles on no calendar:
    its source and the month facet's missing bucket (`source=X&month=_none`)."""
    return url_for("api.search" if json_twin else "pages.search", source=publication,
                   month=MISSING)


def calendar_json(cal: dict[str, Any]) -> dict[str, Any]:
    """JSON twin of a calendar page."""
    v = calendar_view(cal, json_twin=True)
    months = [{k: m[k] for k in ("month", "issues", "articles", "missing")} |
              {"days": [c for w in m["weeks"] for c in w if c is not None],
               "issues_of_month": m["issue_list"]} for m in v["months"]]
    for m in months:
        for c in m["days"]:
            c.pop("aria", None)
    return {"ok": True, "publication": cal["publication"], "name": cal.get("name"),
            "named": cal.get("named"), "issn": cal.get("issn"), "cn": cal.get("cn"),
            "medium": cal.get("medium"),
            "name_hint": v["name_hint"], "kind": cal.get("kind"),
            "cadence": cal["cadence"], "off_weekdays": cal["off_weekdays"],
            "issues": cal["issues"], "articles": cal["articles"], "first": cal["first"],
            "last": cal["last"], "missing": cal["missing"], "years": cal["years"],
            "year": cal["year"], "months": months, "undated": v["undated"],
            "undated_articles": v["undated_articles"],
            "undated_articles_url": v["undated_articles_url"],
            "links": {"self": v["json_url"], "html": v["html_url"]}}


def _article_row(a: Article, json_twin: bool) -> dict[str, Any]:
    lin = a.lineage or {}
    credit = a.source if a.source and a.source != lin.get("outlet") else None
    return {"id": a.id, "title": a.title, "author": a.author or a.speaker, "source": a.source,
            "credit": credit, "date": a.date, "page": page_of(a), "role": lin.get("role"),
            "url": url_for("api.article" if json_twin else "pages.article", article_id=a.id)}


def issue_view(data: dict[str, Any], json_twin: bool = False) -> dict[str, Any]:
    """Context of /archive/<publication>/<issue> (or its JSON twin's body)."""
    pub, kind = data["publication"], data["kind"]
    medium = data.get("medium") or kind  # a newspaper's issue file: 第N版, not 第N页
    iss_ep = "archive_api.issue" if json_twin else "archive.issue"
    pages = []
    for i, p in enumerate(data["pages"], 1):
        anchor = f"p{p['page']}" if p["page"] is not None else f"g{i}"
        pages.append({"page": p["page"], "label": page_label(p["page"], medium), "anchor": anchor,
                      "articles": [_article_row(a, json_twin) for a in p["articles"]]})

    def near(r: dict[str, Any] | None) -> dict[str, Any] | None:
        if r is None:
            return None
        return dict(r, label=issue_label(r["issue"], r["date"]), url=_issue_url(pub, r["issue"], iss_ep))

    ed = {"publication": pub, "name": data.get("name") or pub, "named": data.get("named"),
          "issn": data.get("issn"), "cn": data.get("cn"), "medium": data.get("medium"),
          "name_hint": name_hint(data),
          "issue": data["issue"], "date": data["date"], "kind": kind,
          "label": issue_label(data["issue"], data["date"])}
    return {"ed": ed, "pages": pages, "total": data["total"],
            "page_links": [{"label": p["label"], "anchor": p["anchor"]} for p in pages],
            "prev": near(data["prev"]), "next": near(data["next"]),
            "calendar_url": _cal_url(pub) if not json_twin else url_for("archive_api.calendar", publication=pub),
            "json_url": _issue_url(pub, data["issue"], "archive_api.issue"),
            "html_url": _issue_url(pub, data["issue"])}


def issue_json(data: dict[str, Any]) -> dict[str, Any]:
    """JSON twin of an issue page."""
    v = issue_view(data, json_twin=True)
    return {"ok": True, **v["ed"], "total": v["total"],
            "pages": [{k: p[k] for k in ("page", "label", "articles")} for p in v["pages"]],
            "prev": v["prev"], "next": v["next"],
            "links": {"self": v["json_url"], "html": v["html_url"], "calendar": v["calendar_url"]}}


def edition_view(a: Article) -> dict[str, Any] | None:
    """Where `a` was printed, with a link to its issue (anchored at its page): {"publication"
    (the archive's key), "name" (to show: `Edition.display_name`), "named", "issue", "date",
    "kind", "page", "label", "url", "json_url"}, or None."""
    ed = edition_of(a)
    if ed is None:
        return None
    anchor = f"p{ed.page}" if ed.page is not None else None
    label = f"{ed.display_name} {issue_label(ed.issue, ed.date)}"
    if ed.page is not None:
        label += f" {page_label(ed.page, ed.medium or ed.kind)}"
    named = ed.named or ed.kind != "magazine"
    return {"publication": ed.publication, "name": ed.display_name, "named": named,
            "name_hint": name_hint({"publication": ed.publication, "named": named,
                                    "kind": ed.kind}),
            "issue": ed.issue, "date": ed.date, "kind": ed.kind, "page": ed.page, "label": label,
            "url": _issue_url(ed.publication, ed.issue, _anchor=anchor) if anchor
            else _issue_url(ed.publication, ed.issue),
            "json_url": _issue_url(ed.publication, ed.issue, "archive_api.issue")}


def _lag(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return text("lag_same_day", "zh")
    return text("lag_later", "zh", n=days) if days > 0 else text("lag_earlier", "zh", n=-days)


def lineage_view(article: Article, copies: list[Article], json_twin: bool = False) -> dict[str, Any] | None:
    """The reprint chain of the article page: None for an original with no copies; else
    {"role", "note", "copies": [{"id", "title", "outlet", "date", "date_label", "role",
    "role_label", "lag", "lag_days", "credit", "current", "url"}], "original", "origin_outlet",
    "basis"}. The note says what decided the original (dates, or credits and which)."""
    lin = article.lineage or {}
    if not lin or (lin.get("copies", 1) <= 1 and lin.get("role") == "original"):
        return None
    rows = []
    for c in copies:
        cl = c.lineage or {}
        credit = "、".join(cl.get("credits") or [])
        rows.append({"id": c.id, "title": c.title, "outlet": cl.get("outlet") or c.source,
                     "date": c.date, "date_label": date_label(c.date), "role": cl.get("role"),
                     "role_label": ROLE_LABELS.get(cl.get("role"), ""),
                     "badge_class": f"badge-{cl.get('role') or 'none'}",
                     "lag_days": cl.get("lag_days"), "lag": _lag(cl.get("lag_days")),
                     "credit": text("credits", "zh", outlets=credit) if credit else "",
                     "current": c.id == article.id,
                     "url": url_for("api.article" if json_twin else "pages.article", article_id=c.id)})
    original = lin.get("original")
    outlet = lin.get("origin_outlet")
    basis = lin.get("basis")
    if original is None and outlet:
        note = text("lineage_outside", "zh", outlet=outlet)
    elif basis in ("credit", "same_day"):
        note = text(f"lineage_{basis}", "zh")
    elif original is None:
        note = text("lineage_unknown", "zh")
    else:
        note = text("lineage_date", "zh")
    return {"role": lin.get("role"), "role_label": ROLE_LABELS.get(lin.get("role"), ""),
            "original": original, "origin_outlet": outlet, "basis": basis, "note": note,
            "story": lin.get("story"), "copies": rows,
            "unknown_outlet": text("unknown_outlet", "zh"), "unknown_date": text("unknown_date", "zh")}
