"""PDF layout repairs give display text a reader expects: letter-spacing and stray spaces between
Chinese characters removed, real spaces between Latin words and numbers kept, drop caps and
wrapped lines rejoined without inserted spaces."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from searchapp.ingest import layout
from searchapp.ingest import magazine_lines as ml


def test_letter_spaced_line_collapses_but_keeps_field_gap():
    assert layout.clean_line("戴 文 渊 表 示， 即 便 是 有 数 据 科 学 家") == "戴文渊表示，即便是有数据科学家"
    assert layout.clean_line("工 业 和 信 息 化 部 党 组 书 记 、 部 长   肖 亚 庆") == "工业和信息化部党组书记、部长  肖亚庆"


def test_latin_words_and_numbers_keep_their_spaces():
    line = "AutoML 降低了 AI 的门槛，到 L5 级别的 5G 网络"
    assert layout.clean_line(line) == line
    assert layout.join_lines(["采用 One", "API 的 5G"]) == "采用 One API 的 5G"
    assert layout.join_lines(["L5 级别", "的自动驾驶"]) == "L5 级别的自动驾驶"


def test_join_inserts_no_space_between_chinese_characters():
    assert layout.join_lines(["今", "年以来，中国电信境外机构", " 统筹做好"]) == "今年以来，中国电信境外机构统筹做好"
    assert layout.join_lines(["今 要顺应数字化"]) == "今要顺应数字化"


def test_split_drop_cap_number_rejoined():
    assert layout.clean_line(" 2 020 年 9 月 17 日，由中国") == "2020 年 9 月 17 日，由中国"
    assert layout.clean_line("共 3 121 支赛队") == "共 3 121 支赛队"  # only a year at a line start


def test_page_start_and_line_splitting():
    assert layout.is_page_start("\f次举办的线上") and layout.clean_line("\f来源：某报") == "来源：某报"
    assert layout.is_page_start(" 次举办的线上") and not layout.is_page_start("次举办") and not layout.is_page_start(" ")
    assert layout.split_lines("\ufeffa\r\nb\rc\nd\u2028e") == ["a", "b", "c", "d\u2028e"]


def test_paragraphs_end_at_sentence_final_punctuation():
    lines = ["9 月 14 日至 20 日，一年一度的", "盛会将在郑州举行。", "近年来，河南坚持", "网络安全。”"]
    assert layout.paragraphs(lines) == ["9 月 14 日至 20 日，一年一度的盛会将在郑州举行。", "近年来，河南坚持网络安全。”"]


def test_line_recognisers():
    assert ml.source_line("来源： 河南日报") == "河南日报"
    assert ml.source_line("来源：人民邮电报 记者 张三") == "人民邮电报"
    assert ml.source_line("来源：中 国 网 信 网") == "中国网信网"
    assert ml.credit_at_end("需求。( 新浪科技 杨雪梅 )") == ("需求。", "新浪科技 杨雪梅")
    assert ml.credit_at_end("使用率为78%。（详见图1.1）") is None
    assert ml.credit_at_end("（亿元）") is None
    assert ml.join_credit("新浪科", "技 杨雪梅") == "新浪科技 杨雪梅"
    sp = ml.speaker_line("北京市政协党组书记、主席  吉  林")
    assert sp and sp.name == "吉林" and sp.position.endswith("主席")
    assert ml.speaker_line("夯实基础  筑牢屏障") is None
    assert ml.is_title_like("第三届“绽放杯”5G 应用征集大赛总决赛精彩")
    assert not ml.is_title_like("在 7 月 10 日召开的世界人工智能大会云端峰会青少")
    assert not ml.is_title_like("当") and not ml.is_title_like("活动将全面开展，高峰论坛")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_cleaning_never_changes_non_space_content(s):
    """Only whitespace changes, and the edge characters clean_line documents stripping (a
    byte-order mark, form feed, …: hypothesis found `\ufeff`, which str.split keeps)."""
    out = layout.clean_line(s)
    edges = " \t\u00a0\u3000\ufeff\f\v"
    assert "".join(out.split()) == "".join(layout.fix_drop_number(s).strip(edges).split())
    assert "".join(layout.join_lines(s.split("\n")).split()) == "".join(s.split())


def test_bracketed_source_credit_and_lead_byline():
    """Third fresh tester, F10: `（来源：X）` is a source credit alone on its line and after the
    last sentence; a lead's bracketed byline names the reporters, never a photographer."""
    assert ml.source_line("（来源：平顶山日报）") == "平顶山日报"
    assert ml.source_line("(来源: 焦作日报)") == "焦作日报"
    assert ml.credit_at_end("采用远程控制技术。（来源：平顶山日报）") == ("采用远程控制技术。", "平顶山日报")
    assert ml.source_line("（详见来源说明）") is None
    assert ml.lead_byline("本报讯（记者 张伟）平顶山市煤矿企业近日") == "张伟"
    assert ml.lead_byline("新华社北京11月8日电（记者 张三 李四）今天") == "张三、李四"
    assert ml.lead_byline("（记者 王五 通讯员 赵六）近日") == "王五、赵六"
    for lead in ("本报讯 焦作云台山景区", "本报讯（记者 张伟 摄）", "（上接第1版）报道", "（图）近日",
                 "据介绍（记者 张伟）"):
        assert ml.lead_byline(lead) is None, lead


def test_an_ideographic_space_in_a_title_is_a_word_gap():
    """Fifth fresh tester, F9: `５Ｇ＋工业互联网　全角标题测试` (U+3000 between two phrases)
    became one glued title. An ideographic space is typeset on purpose: the title keeps one
    ordinary space there, on a plain line and on a letter-spaced PDF line alike, while the
    letter-spacing and the spaces around Latin words still go."""
    from searchapp.ingest.plaintext import read_article

    assert layout.clean_title("数字经济　新的引擎") == "数字经济 新的引擎"
    assert layout.clean_title(" 数字经济 \u3000\u3000 新的 引擎 ") == "数字经济 新的引擎"
    spaced = layout.clean_line("数 字 经 济　新 的 引 擎 与 动 力")
    assert layout.clean_title(spaced) == "数字经济 新的引擎与动力"
    assert layout.clean_title("尚冰出席 2020 云栖大会") == "尚冰出席2020云栖大会"
    art = read_article("６Ｇ＋智慧港口　示范项目启动\n\n示范项目今天启动。\n", filename="a.txt")
    assert art.title == "６Ｇ＋智慧港口 示范项目启动"
