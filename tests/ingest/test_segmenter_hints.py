"""With layout hints (what a PDF shows: lines in headline type, the issue's year) the magazine
segmenter starts articles at headlines, keeps bylines, subtitles and credits out of titles
and bodies, and reads a credit under a headline as that article's source; without hints the
same text reads exactly as before."""
from __future__ import annotations

from searchapp.ingest.layout_hints import LayoutHints
from searchapp.ingest.magazine import segment

TEXT = """\
网络安全宣传周在郑州开幕
——聚焦数字经济新动能
本报记者 张三 李四
来源：河南日报
9 月 14 日，国家网络安全宣传周在郑州开幕，高峰论坛等主要活动同期举行。
现场展示了多项新技术。（新华社记者王五摄）
与会专家认为，网络安全是数字经济发展的基础。
5G 应用征集大赛总决赛
在郑州落下帷幕
9 月 17 日，第三届应用征集大赛总决赛举行，来自全国的团队参加了比赛。
比赛持续两天。
"""


def heads(*lines: int, ratio: float = 1.8) -> dict[int, float]:
    return {n: ratio for n in lines}


def test_with_hints():
    arts = segment(TEXT, filename="x.pdf", hints=LayoutHints(headlines=heads(1, 8, 9), year=2020))
    assert [a.title for a in arts] == ["网络安全宣传周在郑州开幕", "5G应用征集大赛总决赛在郑州落下帷幕"]
    a, b = arts
    assert a.subtitle == "——聚焦数字经济新动能"
    assert a.author == "张三、李四"
    assert a.source == "河南日报"
    assert a.date == "2020-09-14" and b.date == "2020-09-17"
    assert a.body.startswith("9 月 14 日，国家网络安全宣传周") and "（新华社记者王五摄）" in a.body
    assert a.body.endswith("网络安全是数字经济发展的基础。")
    assert "本报记者" not in a.body and "来源" not in a.body


def test_without_hints_the_text_rules_are_unchanged():
    arts = segment(TEXT, filename="x.txt")
    assert arts[0].title.startswith("网络安全宣传周在郑州开幕")
    assert "本报记者" in arts[0].title  # text alone cannot tell a byline from a headline line
    assert len(arts) != 2 or arts[1].title != "5G应用征集大赛总决赛在郑州落下帷幕"


def test_headline_sizes_give_kicker_and_subtitle():
    text = "坚持改革开放\n推动高质量发展\n——记全省经济工作会议\n9 月 1 日，会议在郑州召开。\n"
    hints = LayoutHints(headlines={1: 1.4, 2: 2.2, 3: 1.4}, year=2020)
    a = segment(text, filename="x.pdf", hints=hints)[0]
    assert (a.title, a.subtitle, a.extra.get("kicker")) == ("推动高质量发展", "——记全省经济工作会议", "坚持改革开放")


def test_a_headline_wrapped_after_a_colon_stays_one_headline():
    """Text alone reads lines above a `Name：` line as a compilation headline (series); with
    hints only a line set in another size is one."""
    text = "马里昂手指竟一\n直错位 布博瓦：\n我看了都想吐\n4 月 3 日，小牛主场迎战对手，比赛激烈。\n"
    assert segment(text, filename="x.txt")[0].series == "马里昂手指竟一"
    a = segment(text, filename="x.pdf", hints=LayoutHints(headlines=heads(1, 2, 3)))[0]
    assert a.title == "马里昂手指竟一直错位布博瓦：我看了都想吐" and a.series is None
    b = segment(text, filename="x.pdf", hints=LayoutHints(headlines={1: 1.3, 2: 1.8, 3: 1.8}))[0]
    assert b.series == "马里昂手指竟一" and b.title == "直错位布博瓦：我看了都想吐"
