"""Wording of the pages: the archive as printed (publications, issues, calendars), reprint
lineage, feeds, the article page and the search page's options summary, and the errors that
name a missing publication, issue or frozen list (`searchapp.search.browse`, `searchapp.web`).
"""
from __future__ import annotations

__all__ = ["PAGE_TEXTS"]

#: code → (English template, Chinese template): the pages' wording.
#: Templates use str.format fields (`messages.catalogue.text` fills them in).
PAGE_TEXTS: dict[str, tuple[str, str]] = {
    # --- the archive as printed, frozen lists (searchapp.search.browse, searchapp.web.cite) ---
    "no_such_publication": ("no publication {name!r} in the archive",
                            "库中没有名为“{name}”的来源"),
    "no_such_issue": ("{name!r} has no issue {issue!r} in the archive",
                      "“{name}”在库中没有“{issue}”这一期"),
    "no_such_year": ("{name!r} has no issue in {year}", "“{name}”在 {year} 年没有刊期"),
    "no_such_frozen_list": ("no frozen result list {key!r}", "没有编号为“{key}”的冻结结果列表"),
    "frozen_store": ("frozen result lists are unavailable on this server; its administrator "
                     "can see why with `searchapp repair --check`",
                     "本站暂时无法使用冻结的结果列表，管理员可用 `searchapp repair --check` 查看原因"),
    # --- archive pages, reprint lineage, feeds (searchapp.web.present_archive, web.feed) ---
    "date_day": ("{y}-{m:02d}-{d:02d}", "{y}年{m}月{d}日"),
    "date_month": ("{y}-{m:02d}", "{y}年{m}月"),
    "page_newspaper": ("page {n}", "第{n}版"),
    "page_magazine": ("page {n}", "第{n}页"),
    "page_none_newspaper": ("no page number", "未注明版面"),
    "page_none_magazine": ("no page number", "未注明页码"),
    "page_none_web": ("articles of the day", "当日文章"),
    "lag_same_day": ("same day", "同日"),
    "lag_later": ("{n} days later", "晚 {n} 天"),
    "lag_earlier": ("{n} days earlier (dated before the original; its credit decides)",
                    "早 {n} 天（日期早于原发，按转载说明认定）"),
    "credits": ("credits {outlets}", "注明来源：{outlets}"),
    "lineage_outside": ("The copies credit {outlet}, which the archive does not hold: no copy "
                        "here is the original.",
                        "各转载注明的最早来源是“{outlet}”，本库未收录其原文，库中没有原发。"),
    "lineage_credit": ("The original was decided by the copies' credits (来源, 转自, 据…报道), "
                       "not by dates alone.", "原发按转载说明（来源、转自、据……报道）认定，而不只看日期。"),
    "lineage_same_day": ("Printed on the same day: the original is the copy the others credit, "
                         "else the longest.", "同日刊出，按谁被注明为来源、篇幅长短推定原发。"),
    "lineage_unknown": ("No copy has a date or a credit: the order is unknown.",
                        "各篇都没有日期，也没有注明来源，先后不明。"),
    "lineage_date": ("Ordered by date: the earliest copy is the original.",
                     "按刊出日期排定：最早的一篇为原发。"),
    "unknown_outlet": ("(outlet unknown)", "（来源不详）"),
    "weekday": ("{day}", "周{day}"),
    "unknown_date": ("date unknown", "日期不详"),
    "cal_day_issue": ("{date}: {n} articles", "{date}：{n} 篇"),
    "cal_day_missing": ("{date}: missing issue", "{date}：缺期"),
    "name_unknown": ("The publication's name is unknown: \"{key}\" is made from its issue files' "
                     "names. Put a publication.toml (name = \"…\") beside the issues and run "
                     "searchapp index again.",
                     "刊名未知：“{key}”取自期刊文件名。在期刊文件所在文件夹放一个 publication.toml"
                     "（写 name = \"刊名\"），再运行 searchapp index。"),
    "feed_title": ("Search: {q}", "搜索：{q}"),
    "feed_all": ("All articles", "全部文章"),
    "feed_subtitle": ("searchapp · {matches} matching articles, {stories} distinct stories",
                      "searchapp · {matches} 篇相符文章，{stories} 个不同的报道"),
    "feed_undated": ("; {n} stories without a date are not listed", "；另有 {n} 个报道没有日期，未列入"),
    "feed_also": ("Also appeared in:", "也见于："),
    # --- article page (searchapp.web.present) ---
    "origin_lines": ("{file}, lines {a}–{b}", "{file}，第 {a}–{b} 行"),
    "origin_line": ("{file}, line {a}", "{file}，第 {a} 行"),
    "origin_pages": ("{file}, pages {a}–{b}", "{file}，第 {a}–{b} 页"),
    "origin_page": ("{file}, page {a}", "{file}，第 {a} 页"),
    # --- search page wording (searchapp.web.present) ---
    "options_summary": ("{sort} · {size} per page · {dates}", "{sort} · 每页 {size} 条 · {dates}"),
    "range": ("{a} to {b}", "{a} 至 {b}"),
    "open_end": ("any", "不限"),
    "any_date": ("any date", "日期不限"),
    "month_gap": ("{span}: no articles ({n} months)", "{span}：无文章（{n} 个月）"),
}
