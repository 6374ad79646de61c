"""Texts of the notices a search answers with: how the query was read (`searchapp.query`), what
search relaxed, offered or dropped (`searchapp.search`), and the zero-result suggestions.
"""
from __future__ import annotations

__all__ = ["NOTICES"]

#: code → (English template, Chinese template): the query's and the search's notices.
#: Templates use str.format fields (`messages.catalogue.text` fills them in).
NOTICES: dict[str, tuple[str, str]] = {
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
    "symbol_split": ("“{word}” was searched as the words {parts}: an emoji or symbol is a word "
                     "of its own, so a hit need not hold them side by side.",
                     "“{word}”按词语 {parts} 分别检索：表情符号等符号自成一词，命中的文章不一定把它们连在一起。"),
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
    "unknown_author": ("No article has the author {value!r}.", "没有作者为“{value}”的文章。"),
    "unknown_author_near": ("No article has the author {value!r}; similar names: {near}.",
                            "没有作者为“{value}”的文章；相近的作者：{near}。"),
    "unknown_speaker": ("No article has the speaker {value!r}.", "没有讲话人为“{value}”的文章。"),
    "unknown_speaker_near": ("No article has the speaker {value!r}; similar names: {near}.",
                             "没有讲话人为“{value}”的文章；相近的讲话人：{near}。"),
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
}
