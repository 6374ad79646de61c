"""Topics are given for a main subject (headline or a substantial share of the body), never for a
passing mention, and come from a rule file users can edit without touching code."""
from __future__ import annotations

import pytest

from searchapp.vocab.topics import RulesError, classify, load_rules, scores

FILLER = "会议还讨论了乡村振兴和产业发展等工作。"


def test_headline_names_the_topic():
    assert classify("河南首个５Ｇ智慧法庭启用", "法院启用新系统。") == ["5G"]
    assert classify("網絡安全知識競賽決賽落幕", "比赛在郑州举行。") == ["security"]  # traditional script


def test_body_share_decides_without_headline():
    body = "".join(["人工智能正在改变产业。", "机器学习让算法更准确。", "自动驾驶需要更长的时间。", FILLER])
    assert classify("大会观察", body) == ["AI"]


def test_passing_mention_is_not_a_topic():
    body = "加快 5G、人工智能、大数据等新技术应用。" + FILLER * 10
    assert classify("调研数字乡村建设工作", body) == []


def test_latin_terms_match_whole_words_only():
    assert scores("", "请发送 email 到 mail 服务器。")["AI"]["hits"] == 0
    assert scores("", "AI 技术。")["AI"]["hits"] == 1


def test_series_headline_lowers_the_share_needed():
    body = "人工智能是新的机遇。" + "AI 改变城市。" + "机器人也参与其中。" + FILLER * 12
    assert classify("专家观点", body) == []
    assert classify("专家观点", body, series="世界人工智能大会新思想") == ["AI"]


def test_users_can_add_a_topic_in_the_rule_file(tmp_path):
    p = tmp_path / "topics.toml"
    p.write_text('[defaults]\nmin_share = 0.25\n\n[topics.blockchain]\nterms = { "区块链" = 1.0 }\n',
                 encoding="utf-8")
    rules = load_rules(p)
    assert [r.name for r in rules] == ["blockchain"]
    assert classify("区块链应用落地", "正文。", rules) == ["blockchain"]
    assert classify("河南首个5G智慧法庭启用", "正文。", rules) == []


def test_bad_rule_file_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[topics.x]\nterms = 3\n", encoding="utf-8")
    with pytest.raises(RulesError, match="terms"):
        load_rules(p)
    with pytest.raises(RulesError):
        load_rules(tmp_path / "missing.toml")


def test_bundled_rules_define_the_three_topics():
    assert [r.name for r in load_rules()] == ["5G", "security", "AI"]


def test_labels_and_aliases_resolve_to_the_key(tmp_path):
    from searchapp.vocab.topics import label, resolve

    assert label("security") == "网络安全" and label("unknown-key") == "unknown-key"
    for name in ("security", "SECURITY", "网络安全", "網絡安全", "ｓｅｃｕｒｉｔｙ"):
        assert resolve(name) == "security", name
    assert resolve("人工智能") == "AI" and resolve("nope") is None
    assert resolve("Imported", known=["imported"]) == "imported"
    f = tmp_path / "t.toml"
    f.write_text('[topics.x]\nlabel = "某主题"\naliases = ["别名"]\nterms = {"甲" = 1.0}\n', encoding="utf-8")
    rules = load_rules(f)
    assert rules[0].label == "某主题" and resolve("别名", rules) == "x"
    f.write_text('[topics.x]\nlabel = 3\nterms = {"甲" = 1.0}\n', encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules(f)
