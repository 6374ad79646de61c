"""Chinese interface labels: facet, lineage, kind, cadence, weekday, sort, field names and the
error page headings (the web UI is Chinese; the templates hold the page's own wording).
"""
from __future__ import annotations

__all__ = ["FACET_NAMES", "MISSING_NAMES", "LINEAGE_NAMES", "KIND_NAMES", "CADENCE_NAMES",
           "WEEKDAY_NAMES", "SORT_NAMES", "FIELD_NAMES", "STATUS_TITLES"]

#: Chinese names of the facets (search page, filter chips, zero-result suggestions).
FACET_NAMES = {"source": "来源", "topic": "主题", "month": "月份", "lineage": "原发/转载"}
#: Chinese labels of the facets' missing buckets (the articles without a source / a date).
MISSING_NAMES = {"source": "未知来源", "month": "无日期"}
#: Chinese names of reprint-lineage roles (the `lineage` facet's values, `archive.lineage`).
LINEAGE_NAMES = {"original": "原发", "reprint": "转载", "undetermined": "先后不明"}
#: Chinese names of kinds of publication and of publication rhythms (the archive pages).
KIND_NAMES = {"newspaper": "报纸", "magazine": "期刊", "web": "网站"}
CADENCE_NAMES = {"daily": "日刊", "weekly": "周刊", "monthly": "月刊", "irregular": "不定期"}
#: Chinese names of the weekdays, Monday first (calendar headings, days a daily never appears).
WEEKDAY_NAMES = ("一", "二", "三", "四", "五", "六", "日")
#: Chinese names of the sort orders (search form).
SORT_NAMES = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
#: Chinese names of article fields and date filters (article page, filter chips).
FIELD_NAMES = {"source": "来源", "author": "作者", "speaker": "演讲者", "date": "日期",
               "series": "系列", "column": "栏目", "date_from": "起始日期", "date_to": "结束日期",
               "sort": "排序"}
#: Chinese heading of an error page by HTTP status (None: any other status).
STATUS_TITLES = {400: "请求有误", 404: "未找到", 405: "不支持的请求方法", 409: "索引正忙",
                 413: "请求过大", 416: "无法提供所请求的范围", 503: "搜索索引不可用",
                 500: "服务器内部错误", None: "出错了"}
