"""Texts of what a request is told about itself: bad parameters and how they were read
(`searchapp.request`, `searchapp.web.params`), bulk lines and batches (`searchapp.bulk`,
`searchapp.web.bulk`), HTTP errors (`searchapp.web.handlers`) and the codes given to an error
raised without one.
"""
from __future__ import annotations

__all__ = ["REQUEST_TEXTS"]

#: code → (English template, Chinese template): request, bulk and HTTP errors.
#: Templates use str.format fields (`messages.catalogue.text` fills them in).
REQUEST_TEXTS: dict[str, tuple[str, str]] = {
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
    # --- HTTP errors (searchapp.web.handlers) ---
    "not_found": ("not found", "未找到该页面"),
    "method_not_allowed": ("method {method} not allowed here", "此处不支持 {method} 请求"),
    "too_large": ("request body too large (at most {limit} bytes)",
                  "请求内容过大（最多 {limit} 字节）"),
    "internal": ("internal server error", "服务器内部错误"),
    "range_not_satisfiable": ("the requested byte range (Range header) cannot be served",
                              "无法提供所请求的字节范围（Range 请求头）"),
    "http_error": ("{name}", "请求出错（{status}）"),
    # codes given to an error raised without one (by status; handlers.to_error)
    "bad_request": ("{message}", "请求有误：{message}"),
    "index_missing": ("{message}", "搜索索引不可用：{message}"),
    "index_busy": ("{message}", "索引正忙：{message}"),
    "payload_too_large": ("{message}", "请求过大：{message}"),
    "error": ("{message}", "出错了：{message}"),
}
