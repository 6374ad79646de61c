"""Message catalogue: every notice and error the user can see has a stable `code` and an English
and a Chinese text (the web UI is Chinese; the CLI, bulk records and the JSON `error` field keep
the English text so scripts that read it keep working; docs/web.md, "Messages").

    text(code, lang="en", **params) -> str        the message in "en" or "zh"
    notice(code, **params) -> dict                {"code", "text" (English), "text_zh"}
    bad_request(code, param=, valid=, **params)   errors.BadRequest carrying code + Chinese text

Unknown codes raise KeyError (a typo must fail the tests, not show a blank message).
"""
from __future__ import annotations

from typing import Any, Sequence

from searchapp.errors import BadRequest, SearchAppError

__all__ = ["CATALOGUE", "text", "notice", "bad_request", "error"]

#: code → (English template, Chinese template); templates use str.format fields.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- query notices (searchapp.query, searchapp.search) ---
    "unbalanced_quote": ("Unbalanced quote ignored; searched as plain words.",
                         "引号不成对，已忽略引号，按普通词语搜索。"),
    "unbalanced_paren": ("Unbalanced parenthesis ignored.", "括号不成对，已忽略括号。"),
    "lone_or": ("A lone OR was ignored.", "多余的 OR 已忽略。"),
    "lone_operator": ("A lone operator was ignored.", "多余的运算符已忽略。"),
    "lone_not": ("A lone NOT was ignored.", "多余的 NOT 已忽略。"),
    "unknown_field": ("Unknown field {field!r}: searched as words.",
                      "未知字段“{field}”，已按普通词语搜索。"),
    "empty_field": ("Empty {field}: ignored.", "“{field}”后没有内容，已忽略。"),
    "bad_date": ("Unreadable date {value!r}: use date:2020-09 or date:2020-09-01..2020-09-15.",
                 "无法识别的日期“{value}”：请写成 date:2020-09 或 date:2020-09-01..2020-09-15。"),
    "date_reversed": ("Date range {value!r} runs backwards: searched from the earlier to the "
                      "later date.", "日期范围“{value}”起止颠倒，已按从早到晚搜索。"),
    "unreadable_query": ("The query could not be read; searched as plain words.",
                         "查询无法解析，已按普通词语搜索。"),
    "too_many_words": ("Only the first {n} words were used.", "只使用了前 {n} 个词。"),
    "question": ("Read as a question: searched for {words}.", "已按问句理解，搜索：{words}。"),
    "nothing_searchable": ("The query has nothing searchable (no letter, digit or Chinese "
                           "character): no results.",
                           "查询中没有可搜索的内容（没有字母、数字或汉字），因此没有结果。"),
    "relaxed_loose": ("No exact match for the multi-character words; showing articles with all "
                      "their parts.", "没有完全匹配的结果；显示包含各个组成部分的文章。"),
    "relaxed_any": ("No article matches every word; showing articles that match some of them.",
                    "没有文章包含全部词语；显示包含其中部分词语的文章。"),
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
    "not_utf8": ("parameter {param!r} is not valid UTF-8", "参数“{param}”不是有效的 UTF-8 编码"),
    "from_after_to": ("'from' ({a}) is after 'to' ({b})", "起始日期（{a}）晚于结束日期（{b}）"),
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
    # --- HTTP errors (searchapp.web.handlers) ---
    "not_found": ("not found", "未找到该页面"),
    "method_not_allowed": ("method {method} not allowed here", "此处不支持 {method} 请求"),
    "too_large": ("request body too large (at most {limit} bytes)",
                  "请求内容过大（最多 {limit} 字节）"),
    "internal": ("internal server error", "服务器内部错误"),
    "http_error": ("{name}", "请求出错（{status}）"),
}


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
