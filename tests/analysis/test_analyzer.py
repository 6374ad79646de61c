"""The word analyzer keeps every meaningful token with positions counted in tokens and offsets
on the printed text, the same at index and query time."""
from __future__ import annotations

import pickle

from searchapp.engine.store.analyzer import WordTokenizer
from searchapp.analysis import squeeze, word_spans, word_tokens


def toks(text):
    return [(t.text, t.pos, t.startchar, t.endchar)
            for t in WordTokenizer()(text, positions=True, chars=True)]


def test_positions_are_token_counts_not_character_offsets():
    out = toks("地铁3号线今天开通")
    assert [p for _, p, _, _ in out] == list(range(len(out)))
    assert [t for t, *_ in out][:4] == ["地铁", "3", "号", "线"]


def test_nothing_meaningful_dropped_only_punctuation():
    terms = word_tokens("IT、US，a 1 中！NB-IoT IPv6 5G")
    for want in ("it", "us", "a", "1", "中", "ipv6", "5g"):
        assert want in terms
    assert "nb-iot" in terms or ("nb" in terms and "iot" in terms)
    assert not any(t in ("、", "，", "！") for t in terms)


def test_normalised_terms_and_printed_offsets():
    text = "５Ｇ與網絡安全"
    spans = word_spans(text)
    assert [t for t, _, _ in spans] == word_tokens("5G与网络安全")
    for term, s, e in spans:
        assert squeeze(text[s:e]) == squeeze(term)


def test_interpunct_names_tokenise_alike():
    assert word_tokens("约瑟夫·E·斯蒂格利茨") == word_tokens("约瑟夫•E・斯蒂格利茨")


def test_analyzers_pickle_for_the_index_schema():
    a = WordTokenizer()
    assert pickle.loads(pickle.dumps(a)) == a


def test_names_numbers_and_addresses_are_whole_words():
    """`C++`, `C#`, `.NET`, `F#`, `VC++`, web and e-mail addresses and decimals are one term
    each; `5G+` keeps `5g` (issue 16 item 5, issue 18 item 6)."""
    from searchapp.analysis.analyzer import text_tokens

    def terms(s):
        return [t for t, _, _, _ in text_tokens(s)]

    assert terms("C++ 和 C#，.NET 平台，F# 与 VC++") == ["c++", "和", "c#", ".net", "平台", "f#", "与", "vc++"]
    assert terms("见 www.zz12345.gov.cn 与 service45g@163.com。") == [
        "见", "www.zz12345.gov.cn", "与", "service45g@163.com"]
    assert terms("5G+工业，45G，８．８％") == ["5g", "工业", "45g", "8.8"]


def test_positions_leave_a_gap_at_every_break():
    from searchapp.analysis.analyzer import text_tokens
    from searchapp.analysis.literal import FIELD_BREAK

    def pos(s):
        return {t: p for t, _, _, p in text_tokens(s)}

    assert pos("北京大学")["北京大学"] == 0
    p = pos("到了北京。大学生")
    assert p["大学生"] - p["北京"] == 2
    p = pos("到了北京\n大学生")  # a line break inside a sentence is crossed
    assert p["大学生"] - p["北京"] == 1
    p = pos(f"新华社{FIELD_BREAK}记者")
    assert p["记者"] - p["新华社"] == 2


def test_numerals_fold_to_digits_where_a_number_starts_a_word():
    # print and users write numbers both ways: index and query meet on Arabic digits
    for printed, typed in [("第十五届", "第15届"), ("二〇二〇年", "2020年"), ("一月十日", "1月10日"),
                           ("两名记者", "2名记者"), ("百分之八点八", "8.8%"), ("１９９８年", "1998年")]:
        assert word_tokens(printed) == word_tokens(typed), printed
    # never inside a word, never a numeral that is no number
    for word in ("统一年度", "一国两制", "十五大", "一些", "万一"):
        assert not any(c.isdigit() for t in word_tokens(word) for c in t), word
    # offsets still point into the printed text
    text = "召开第十五届全国代表大会"
    spans = {t: text[s:e] for t, s, e in word_spans(text)}
    assert spans["15"] == "十五" and spans["届"] == "届"


def test_emoji_and_symbols_are_words_of_their_own():
    """An emoji or other pictographic symbol is a term, like a single character; skin-tone
    modifiers, U+FE0F and joiners are not (so `👍🏽` is searched as `👍`); box drawing,
    bullets and the degree sign stay punctuation."""
    assert word_tokens("表情😀标题👍🏽测试") == ["表情", "😀", "标题", "👍", "测试"]
    assert word_tokens("我❤️北京★") == ["我", "❤", "北京", "★"]
    assert word_tokens("👨\u200d👩\u200d👧") == ["👨", "👩", "👧"]
    assert word_tokens("\U0001f3fd\ufe0f\u200d") == []
    assert word_tokens("■ 要点 ● 30°C \ufffd") == ["要点", "30", "c"]
    assert squeeze("开心 😀！") == "开心😀"


def test_the_literal_form_keeps_symbols():
    from searchapp.analysis.literal import literal_form, literal_needle

    assert literal_form("大家都很开心😀。") == "大家都很开心😀"
    assert literal_needle("😀") == "😀" and literal_needle("👍🏽") == "👍"
    assert literal_needle("❤️") == literal_needle("❤") == "❤"
    assert literal_form("■要点●") == "要点" and literal_needle("\U0001f3fd") == ""
    assert literal_form("C++ 和 C#") == "c++和c#"
