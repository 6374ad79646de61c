"""Trim page furniture around an extracted article body (general rules, no site rules).

`tidy(paras, title) -> list[str]`, applied after the body extractor:
- *head*: before the first strong paragraph (≥ 30 characters with ≥ 2 Chinese sentence marks),
  drop metadata lines: a date or clock time, labels such as 来源/作者/记者/编辑/原标题/发布时间/
  字号/分享, URLs and © lines, and repeats of the headline.
- *tail*: cut at the first "what to read next" line after the first strong paragraph
  (a short line that is only such a marker); after the last strong paragraph, cut at the first marker
  (评论/阅读下一篇/相关新闻/推荐阅读/热门/更多/猜你喜欢/标签…, on a short line); keep short
  closing credits (责任编辑, 记者, 编辑, （完）…) before it.
- *everywhere*: drop copyright/licence boilerplate lines (ICP备, 版权所有, All Rights Reserved,
  不得转载, 违法和不良信息举报, 仅代表作者本人…; lines under 160 characters only) and paragraphs
  that repeat, whole, an earlier paragraph or the headline.
"""
from __future__ import annotations

import re

from .labels import fold_labels

_SENT = re.compile(r"[，。！？；,.!?;]")
_CLOCK = re.compile(r"\d{1,2}:\d{2}|(?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}")
_META = re.compile(r"来源|稿源|作者|记者|编辑|责编|原标题|发布时间|发表时间|更新时间|时间[:：]|字号|字体|"
                   r"分享|打印|收藏|音频|视频|podcast|©|https?://|www\.|^\s*\[?\s*\d+\s*\]?\s*$", re.I)
_BOILER = re.compile(r"ICP备|ICP证|版权所有|版权声明|All Rights Reserved|Copyright|不得转载|违法和不良信息|"
                     r"许可证编号|仅代表作者本人|信息发布平台|信息存储空间|举报电话|举报邮箱|公网安备", re.I)
_NEXT = re.compile(r"^(?:(?:全部|网友|热门|最新|精彩|观察员)?评论(?:\d+条)?|我要评论|发表评论|查看评论|"
                   r"阅读下一篇|下一篇|上一篇|相关(?:新闻|阅读|文章|报道|推荐|链接|专题|资讯)|推荐阅读|延伸阅读|"
                   r"热门推荐|热点推荐|今日推荐|更多(?:精彩|新闻|阅读|内容|报道)?|猜你喜欢|为您推荐|大家都在看|"
                   r"(?:关键词|标签|分享到|扫一扫)[:：]?.{0,16})[:：]?$")
_CREDIT = re.compile(r"责任编辑|责编|编辑|记者|作者|来源|通讯员|校对|审核|摄|（完）|\(完\)|【纠错】")


def _key(s: str) -> str:
    return re.sub(r"\s+", "", s)


def strong(p: str) -> bool:
    """A real paragraph of running text: ≥ 30 characters and ≥ 2 sentence marks."""
    return len(_key(p)) >= 30 and len(_SENT.findall(p)) >= 2


def tidy(paras: list[str], title: str = "") -> list[str]:
    """Paragraphs without the furniture described in the module docstring (new list)."""
    tkey = _key(title)
    idx = [i for i, p in enumerate(paras) if strong(p)]
    if not idx:
        return [p for p in paras if not _BOILER.search(p)]
    first, last = idx[0], idx[-1]
    out: list[str] = []
    for i, p in enumerate(paras[:first]):
        k = _key(p)
        if _CLOCK.search(p) or _META.search(fold_labels(p)) or (tkey and (k == tkey or (tkey in k and len(k) < 2 * len(tkey)))):
            continue
        out.append(p)
    for i in range(first, last + 1):
        if len(_key(paras[i])) <= 20 and _NEXT.match(_key(paras[i])):
            last = i - 1
            break
        out.append(paras[i])
    for p in paras[last + 1:]:
        k = _key(p)
        if len(k) <= 30 and _NEXT.match(k):
            break
        if len(k) > 60 and not _CREDIT.search(p):
            break
        out.append(p)
    seen: list[str] = []
    result = []
    for p in out:
        k = _key(p)
        if len(k) < 160 and _BOILER.search(p):
            continue
        if len(k) >= 8 and (any(k in s for s in seen) or (tkey and k == tkey and result)):
            continue
        seen.append(k)
        result.append(p)
    return result
