"""Message catalogue: every notice and error the user can see has a stable `code` and an English
and a Chinese text (the web UI is Chinese; the CLI, bulk records and the JSON `error` field keep
the English text so scripts that read it keep working; docs/web.md, "Messages").

    text(code, lang="en", **params) -> str        the message in "en" or "zh"
    date_text(value) -> str                       the one display format of a stored date
    notice(code, **params) -> dict                {"code", "text" (English), "text_zh"}
    bad_request(code, param=, valid=, **params)   errors.BadRequest carrying code + Chinese text
    error(cls, code, ...)                         any SearchAppError class, the same way
    FACET_NAMES, LINEAGE_NAMES, KIND_NAMES, CADENCE_NAMES, WEEKDAY_NAMES, SORT_NAMES, FIELD_NAMES,
    STATUS_TITLES                                          Chinese interface labels

This module is the one place for user-facing Chinese text in Python code (the templates hold
the page's own wording). Unknown codes raise KeyError (a typo must fail the tests, not show a
blank message).
"""
from __future__ import annotations

from typing import Any, Sequence

from searchapp.dates import parse as parse_date
from searchapp.errors import BadRequest, SearchAppError

__all__ = ["CATALOGUE", "text", "date_text", "notice", "bad_request", "error", "FACET_NAMES", "LINEAGE_NAMES",
           "KIND_NAMES", "CADENCE_NAMES", "WEEKDAY_NAMES", "SORT_NAMES",
           "FIELD_NAMES", "STATUS_TITLES", "MISSING_NAMES"]

#: code → (English template, Chinese template); templates use str.format fields.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- query notices (searchapp.query, searchapp.search) ---
    "unbalanced_quote": ("Unbalanced quote ignored; searched as plain words.",
                         "引号不成对，已忽略引号，按普通词语搜索。"),
    "unbalanced_paren": ("Unbalanced parenthesis ignored.", "括号不成对，已忽略括号。"),
    "lone_or": ("A lone OR was ignored.", "多余的 OR 已忽略。"),
    "lone_operator": ("A lone operator was ignored.", "多余的运算符已忽略。"),
    "lone_not": ("A lone NOT was ignored.", "多余的 NOT 已忽略。"),
    "wildcard": ("Wildcards (*) are not supported: the parts around them were searched as "
                 "words (every word matches inside longer words anyway).",
                 "不支持通配符（*）：已把两边的部分作为词语搜索（词语本来就能匹配更长词语中的部分）。"),
    "grouped_negation": ("A negated group that is not a list of alternatives cannot be searched "
                         "(write -(a OR b) or -a -b; -(a b) means \"not both\"): no results.",
                         "无法搜索这种取反的括号组合（可写成 -(a OR b) 或 -a -b；-(a b) 表示“不同时包含”），"
                         "因此没有结果。"),
    "or_exclusion": ("OR cannot join a word and an exclusion: read as AND (the exclusion applies "
                     "to every result).", "OR 不能连接词语和排除项：已按 AND 理解（排除项适用于全部结果）。"),
    "or_filter": ("OR cannot join a word and a date or page filter: read as AND (the filter "
                  "applies to every result).", "OR 不能连接词语和日期或版面筛选：已按 AND 理解（筛选适用于全部结果）。"),
    "or_group": ("OR before a group of several words joins only its first word; the group's "
                 "other words (and exclusions) apply to every result.", "OR 后面的括号内有多个词时，只有第一个词与前面的词构成“或”，其余词都必须出现。"),
    "unknown_field": ("{field!r} is not a field: searched as the exact text it is, like a "
                      "quoted phrase.", "“{field}”不是字段名，已按原文精确搜索（如同加了引号）。"),
    "empty_field": ("Empty {field}: ignored.", "“{field}”后没有内容，已忽略。"),
    "bad_date": ("Unreadable date {value!r}: use date:2020-09 or date:2020-09-01..2020-09-15.",
                 "无法识别的日期“{value}”：请写成 date:2020-09 或 date:2020-09-01..2020-09-15。"),
    "bad_page": ("Unreadable page {value!r}: use page:8 (or 第8版, 头版).",
                 "无法识别的版面“{value}”：请写成 page:8（或 第8版、头版）。"),
    "calendar_words": ("Read {parts} (filters on the article's own page and issue date). To "
                       "search these words as text instead: {as_text}",
                       "已按筛选条件理解（文章本身的版面和出版日期）：{parts_zh}。如要按文字搜索这些词："
                       "{as_text}"),
    "date_words_unplaced": ("The archive holds no dated article: {words} could not be placed "
                            "in a year and was not applied.",
                            "本库没有带日期的文章，无法确定“{words}”的年份，未按日期筛选。"),
    "date_reversed": ("Date range {value!r} runs backwards: searched from the earlier to the "
                      "later date.", "日期范围“{value}”起止颠倒，已按从早到晚搜索。"),
    "unknown_source": ("No article has the source {value!r}.", "没有来源为“{value}”的文章。"),
    "dates_disjoint": ("The dates of this search do not overlap (from {date_from}, to "
                       "{date_to}): no article is in all of them. Use one date, or a range such "
                       "as date:1998-01-05..1998-01-28 or 1月5日至1月28日.",
                       "本次搜索的日期条件互不重叠（从 {date_from} 到 {date_to}），没有文章能同时满足。"
                       "请只用一个日期，或写成范围，如 date:1998-01-05..1998-01-28 或 1月5日至1月28日。"),
    "page_past_end": ("Page {page} is past the last page ({pages}): no results on it.",
                      "第{page}页超出了最后一页（共{pages}页），本页没有结果。"),
    "source_alias": ("Source {value!r} is filed as {filed!r}: filtered by that.",
                     "来源“{value}”在索引中记为“{filed}”，已按此筛选。"),
    "unknown_source_near": ("No article has the source {value!r}; similar sources: {near}.",
                            "没有来源为“{value}”的文章；相近的来源：{near}。"),
    "html_tags": ("HTML tags in the query were ignored; searched for {text!r}.",
                  "已忽略查询中的 HTML 标签，搜索的是“{text}”。"),
    "unreadable_query": ("The query could not be read; searched as plain words.",
                         "查询无法解析，已按普通词语搜索。"),
    "too_many_words": ("Only the first {n} words were used.", "只使用了前 {n} 个词。"),
    "long_word": ("A word longer than {n} characters was searched by its first {n}.",
                  "超过 {n} 个字符的词只按前 {n} 个字符搜索。"),
    "question": ("Read as a question: searched for {words}.", "已按问句理解，搜索：{words}。"),
    "nothing_searchable": ("The query has nothing searchable (no letter, digit, Chinese "
                           "character or symbol such as an emoji): no results.",
                           "查询中没有可搜索的内容（没有字母、数字、汉字或表情符号等符号），因此没有结果。"),
    "query_controls_only": ("The query holds only control or invisible characters, which are "
                            "not searched: no results.",
                            "查询中只有控制字符或不可见字符，这些字符不参与搜索，因此没有结果。"),
    "relaxed_loose": ("No exact match for the multi-character words; showing articles with all "
                      "their parts.", "没有完全匹配的结果；显示包含各个组成部分的文章。"),
    "relaxed_any": ("No article matches every word; showing articles that match some of them.",
                    "没有文章包含全部词语；显示包含其中部分词语的文章。"),
    "phrase_not_found": ("No article contains the phrase \"{phrase}\"; phrases are never relaxed, "
                         "so nothing was found.",
                         "没有文章包含短语“{phrase}”；引号中的短语不会被放宽，因此没有结果。"),
    "missing_words": ("Missing: {words}", "缺少：{words}"),
    "missing_any": ("none of {words}", "{words}都不含"),
    "also_in": ("Also in: {files}", "相同文件另见：{files}"),
    "also_searched": ("Also searched: {variants}", "也搜索了：{variants}"),
    "also_searched_off": ("Search without them", "不搜索这些词"),
    "thesaurus_was_off": ("Searched without thesaurus variants.", "本次搜索未使用同义词和简称。"),
    "thesaurus_on": ("Search with them", "同时搜索同义词和简称"),
    "did_you_mean": ("Did you mean: {q} ({total} results)?", "您是不是要找：{q}（{total} 篇）"),
    "words_not_found": ("No article contains {words}.", "没有文章包含{words_zh}。"),
    "partial_matches": ("{full} articles contain every word; {partial} more contain most of them "
                        "(each says which words it lacks).",
                        "{full} 篇文章包含全部词语；另有 {partial} 篇包含大部分词语（各自标出缺少的词）。"),
    "searched_as": ("“{word}” was searched as “{searched}”: punctuation and symbols are not "
                    "indexed, so its hits hold these words with anything between them.",
                    "“{word}”按“{searched}”检索：标点和符号不编入索引，命中的文章包含这些词，中间可能隔有其他符号。"),
    "partial_parts": ("{full} articles contain “{word}”; {partial} more contain only parts of it "
                      "(each says it lacks the word).",
                      "{full} 篇文章包含“{word}”；另有 {partial} 篇只包含其中的部分（各自标出缺少该词）。"),
    "excluded_part": ("“{word}” holds the excluded word “{excluded}”: articles with only other "
                      "parts of “{word}” are not offered in its place.",
                      "“{word}”包含被排除的词“{excluded}”：只含“{word}”其他部分的文章不作为替代结果。"),
    "dropped_words": ("No article contains {words}; showing results without it.",
                      "没有文章包含“{words}”；显示不含该词的结果。"),
    "unknown_topic": ("Unknown topic {value!r}; valid topics: {valid}.",
                      "未知主题“{value}”；可用主题：{valid}。"),
    # --- zero-result suggestions (searchapp.search) ---
    "suggest_without_filter": ("without {facet} {value}", "去掉{facet_zh}“{value}”"),
    "suggest_without_dates": ("without the date range", "去掉日期范围"),
    "suggest_without_word": ("without {word}", "去掉“{word}”"),
    "suggest_variant": ("{variant} instead of {word}", "用“{variant}”代替“{word}”"),
    # --- request errors (searchapp.request, searchapp.web.params) ---
    "unknown_param": ("unknown parameter {param!r}", "未知参数“{param}”"),
    "not_utf8": ("parameter {param!r} is not valid UTF-8 (nor Chinese text in GB18030 or Big5): "
                 "send it percent-encoded as UTF-8",
                 "参数“{param}”不是有效的 UTF-8 编码（按 GB18030 或 Big5 也读不出可信的中文）：请按 UTF-8 编码后发送"),
    "query_read_as_gb18030": ("The query was not UTF-8: it was read as GB18030 (GBK), as older "
                              "Chinese pages send it. Send UTF-8 to be sure it is read as meant.",
                              "查询参数不是 UTF-8 编码，已按 GB18030（GBK）读取（旧的中文网页常这样发送）。"
                              "请用 UTF-8 编码发送，以免读错。"),
    "query_read_as_big5": ("The query was not UTF-8: it was read as Big5, as older Chinese pages "
                           "send it. Send UTF-8 to be sure it is read as meant.",
                           "查询参数不是 UTF-8 编码，已按 Big5 读取（旧的中文网页常这样发送）。"
                           "请用 UTF-8 编码发送，以免读错。"),
    "dates_swapped": ("'from' was after 'to': searched from {a} to {b}.",
                      "起始日期晚于结束日期，已按 {a} 至 {b} 搜索。"),
    "repeated_param": ("parameter {param!r} given more than once with different values",
                       "参数“{param}”给出了多个不同的值"),
    "not_string": ("parameter {param!r} must be a string", "参数“{param}”必须是字符串"),
    "not_string_list": ("parameter {param!r} must be a string or a list of strings",
                        "参数“{param}”必须是字符串或字符串列表"),
    "query_too_long": ("query too long: {n} characters (at most {max})",
                       "查询过长：{n} 个字符（最多 {max} 个）"),
    "value_too_long": ("parameter {param!r} value too long (at most 200 characters)",
                       "参数“{param}”的值过长（最多 200 个字符）"),
    "bad_month": ("month must look like 2020-09, got {value!r}",
                  "月份应写成 2020-09 的形式，收到“{value}”"),
    "bad_date_param": ("parameter {param!r} must be a date like 2020-09-14, got {value!r}",
                       "参数“{param}”应为 2020-09-14 形式的日期，收到“{value}”"),
    "unknown_value": ("unknown {param} {value!r}", "参数“{param}”的值“{value}”无效"),
    "not_integer": ("parameter {param!r} must be a whole number {lo}..{hi}, got {value!r}",
                    "参数“{param}”必须是 {lo} 到 {hi} 之间的整数，收到“{value}”"),
    "out_of_range": ("parameter {param!r} must be between {lo} and {hi}, got {value}",
                     "参数“{param}”必须在 {lo} 到 {hi} 之间，收到 {value}"),
    "no_such_article": ("no such article", "没有这篇文章"),
    "malformed_id": ("no such article (malformed id)", "没有这篇文章（编号格式不对）"),
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
    # --- bulk lines and batches (searchapp.bulk, searchapp.web.bulk) ---
    "bulk_not_object": ("each query must be a JSON object or a string",
                        "每个查询必须是 JSON 对象或字符串"),
    "bulk_not_text": ("line is not UTF-8 text, and does not read as Chinese in GB18030 or Big5: "
                      "save the input as UTF-8", "这一行不是 UTF-8 文本，按 GB18030 或 Big5 也读不出可信的中文：请把输入存为 UTF-8"),
    "bulk_bad_json": ("invalid JSON: {reason}", "JSON 格式无效：{reason}"),
    "bulk_blank_line": ("empty query (blank line)", "查询为空（空行）"),
    "bulk_empty_q": ("empty query: give 'q', or a filter (source, topic, month, from, to) to "
                     "list what it selects", "查询为空：请给出 q，或给出筛选条件（source、topic、"
                     "month、from、to）以列出其文章"),
    "bulk_internal": ("internal error: {reason}", "内部错误：{reason}"),
    "bulk_unknown_field": ("unknown field {value!r}", "未知字段“{value}”"),
    "bulk_no_fields": ("no fields given: name at least one hit field", "没有给出字段：请至少指定一个结果字段"),
    "bulk_bad_body": ("body is not a valid JSON array: {reason}", "请求内容不是有效的 JSON 数组：{reason}"),
    "bulk_not_array": ("body must be a JSON array or NDJSON", "请求内容必须是 JSON 数组或 NDJSON"),
    "bulk_too_many": ("too many queries in one batch: {n} (at most {max}); split the batch",
                      "一批查询过多：{n} 个（最多 {max} 个）；请分批发送"),
    "bulk_empty_batch": ("empty batch: send a JSON array or NDJSON lines of queries",
                         "批量查询为空：请发送 JSON 数组或每行一个查询的 NDJSON"),
    # --- article page (searchapp.web.present) ---
    "origin_lines": ("{file}, lines {a}–{b}", "{file}，第 {a}–{b} 行"),
    "origin_line": ("{file}, line {a}", "{file}，第 {a} 行"),
    "origin_pages": ("{file}, pages {a}–{b}", "{file}，第 {a}–{b} 页"),
    "origin_page": ("{file}, page {a}", "{file}，第 {a} 页"),
    # --- HTTP errors (searchapp.web.handlers) ---
    "not_found": ("not found", "未找到该页面"),
    "method_not_allowed": ("method {method} not allowed here", "此处不支持 {method} 请求"),
    "too_large": ("request body too large (at most {limit} bytes)",
                  "请求内容过大（最多 {limit} 字节）"),
    "internal": ("internal server error", "服务器内部错误"),
    "range_not_satisfiable": ("the requested byte range (Range header) cannot be served",
                              "无法提供所请求的字节范围（Range 请求头）"),
    "http_error": ("{name}", "请求出错（{status}）"),
    # --- search page wording (searchapp.web.present) ---
    "options_summary": ("{sort} · {size} per page · {dates}", "{sort} · 每页 {size} 条 · {dates}"),
    "range": ("{a} to {b}", "{a} 至 {b}"),
    "open_end": ("any", "不限"),
    "any_date": ("any date", "日期不限"),
    "month_gap": ("{span}: no articles ({n} months)", "{span}：无文章（{n} 个月）"),
    # codes given to an error raised without one (by status; handlers.to_error)
    "bad_request": ("{message}", "请求有误：{message}"),
    "index_missing": ("{message}", "搜索索引不可用：{message}"),
    "index_busy": ("{message}", "索引正忙：{message}"),
    "payload_too_large": ("{message}", "请求过大：{message}"),
    "error": ("{message}", "出错了：{message}"),
}


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


def text(code: str, lang: str = "en", **params: Any) -> str:
    """The message `code` in `lang` ("en" or "zh") with `params` filled in. KeyError on an
    unknown code."""
    en, zh = CATALOGUE[code]
    return (zh if lang == "zh" else en).format(**params)


def notice(code: str, **params: Any) -> dict[str, str]:
    """A user notice: {"code", "text" (English), "text_zh" (Chinese)}."""
    return {"code": code, "text": text(code, **params), "text_zh": text(code, "zh", **params)}


def error(cls: type[SearchAppError], code: str, *, param: str | None = None,
          valid: Sequence[str] | None = None, **params: Any) -> SearchAppError:
    """An exception of class `cls` with the English message, `code` and Chinese text."""
    return cls(text(code, param=param, **params), param=param, valid=valid, code=code,
               message_zh=text(code, "zh", param=param, **params))


def bad_request(code: str, *, param: str | None = None, valid: Sequence[str] | None = None,
                **params: Any) -> BadRequest:
    """`errors.BadRequest` (400) with code and Chinese text, naming `param` and `valid`."""
    return error(BadRequest, code, param=param, valid=valid, **params)  # type: ignore[return-value]


def date_text(value: str | None) -> str:
    """The one display format of a stored date (`searchapp.dates`), local as printed:
    "2012年6月4日 09:20", "2012年6月4日", "2020年9月"; "" for None; a value that is not a date
    unchanged. Used by the pages, the CLI and the exports alike (issue 18 item 5)."""
    p = parse_date(value)
    if p is None:
        return value or ""
    if p.day is None:
        return text("date_month", "zh", y=p.year, m=p.month)
    out = text("date_day", "zh", y=p.year, m=p.month, d=p.day)
    return out if p.hour is None else f"{out} {p.hour:02d}:{p.minute or 0:02d}"
