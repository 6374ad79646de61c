"""Dates and pages typed as words are read as what they state, in every usual form, and words
that only look like them are left alone; holiday dates follow the lunar calendar."""
from __future__ import annotations

from datetime import date

import pytest

from searchapp.query.calendar_words import DateWord, PageWord, read, split
from searchapp.query.holidays import holiday_date, window
from searchapp.query.parser import parse


@pytest.mark.parametrize("word,page", [("头版", 1), ("头版头条", 1), ("一版", 1), ("第8版", 8), ("8版", 8), ("第八版", 8),
                                       ("第十二版", 12), ("第８版", 8)])
def test_pages(word, page):
    assert read(word) == PageWord(word, page)


@pytest.mark.parametrize("word,span", [
    ("1月28日", (date(1998, 1, 28), date(1998, 1, 28))),
    ("1月28号", (date(1998, 1, 28), date(1998, 1, 28))),
    ("一月二十八日", (date(1998, 1, 28), date(1998, 1, 28))),
    ("1月上旬", (date(1998, 1, 1), date(1998, 1, 10))),
    ("2月下旬", (date(1998, 2, 21), date(1998, 2, 28))),
    ("1月", (date(1998, 1, 1), date(1998, 1, 31))),
    ("元月", (date(1998, 1, 1), date(1998, 1, 31))),
    ("12月份", (date(1998, 12, 1), date(1998, 12, 31))),
    ("春节前", (date(1998, 1, 21), date(1998, 1, 27))),
    ("春节期间", (date(1998, 1, 27), date(1998, 2, 3))),
    ("国庆期间", (date(1998, 10, 1), date(1998, 10, 7))),
    ("元旦前夕", (date(1997, 12, 29), date(1997, 12, 31))),
    ("中秋节后", (date(1998, 10, 6), date(1998, 10, 12))),
])
def test_dates_without_a_year(word, span):
    got = read(word)
    assert isinstance(got, DateWord) and got.year is None and got.span(1998) == span


def test_a_typed_year_wins():
    got = read("2020年9月")
    assert got.year == 2020 and got.span(1998) == (date(2020, 9, 1), date(2020, 9, 30))
    assert read("1998年1月28日").span(2000) == (date(1998, 1, 28), date(1998, 1, 28))


@pytest.mark.parametrize("word", ["春节", "2020", "十五大", "1998年", "2月30日", "13月", "第0版", "版",
                                  "八", "五四", "一国两制", "下岗职工", "3号线", "8.8%", "春节联欢"])
def test_not_dates_or_pages(word):
    assert read(word) is None


def test_glued_to_a_word():
    got, rest = split("1月28日春节")
    assert got.month == 1 and got.first == 28 and rest == "春节"
    got, rest = split("头版下岗职工")
    assert got == PageWord("头版", 1) and rest == "下岗职工"
    assert split("春节") is None and split("3号线") is None


def test_lunar_holidays():
    assert holiday_date("春节", 1998) == date(1998, 1, 28)
    assert holiday_date("春节", 2020) == date(2020, 1, 25)
    assert holiday_date("除夕", 2020) == date(2020, 1, 24)
    assert holiday_date("中秋", 2020) == date(2020, 10, 1)
    assert holiday_date("端午", 2021) == date(2021, 6, 14)
    assert holiday_date("清明", 2020) == date(2020, 4, 4)
    assert window("国庆", "前", 2020) == (date(2020, 9, 24), date(2020, 9, 30))


def test_parser_turns_them_into_filters_and_keeps_a_text_alternative():
    p = parse("头版 下岗职工 1月上旬")
    assert [g[0].text for g in p.groups] == ["下岗职工"]
    assert p.pages == {1} and [d.text for d in p.date_words] == ["1月上旬"]
    assert p.as_text == '"头版" 下岗职工 "1月上旬"'
    q = parse(p.as_text)
    assert not q.pages and not q.date_words and len(q.groups) == 3
    assert not parse("-头版 x").pages and not parse("title:头版").pages
    assert not parse("头版 OR 二版").pages  # an OR group is words, not a filter


# Found by the second fresh tester: a range typed the usual Chinese way was read as its first
# day, and the rest searched as a word (or excluded: `-1月10日`).
@pytest.mark.parametrize("word,span", [
    ("1月1日至1月10日", (date(1998, 1, 1), date(1998, 1, 10))),
    ("1月1日-1月10日", (date(1998, 1, 1), date(1998, 1, 10))),
    ("1月1日—1月10日", (date(1998, 1, 1), date(1998, 1, 10))),
    ("1月1日到1月10日", (date(1998, 1, 1), date(1998, 1, 10))),
    ("1月1日~1月10日", (date(1998, 1, 1), date(1998, 1, 10))),
    ("9月1日至15日", (date(1998, 9, 1), date(1998, 9, 15))),
    ("1月1-10日", (date(1998, 1, 1), date(1998, 1, 10))),
    ("12月25日至1月5日", (date(1998, 12, 25), date(1999, 1, 5))),
    ("1月至3月", (date(1998, 1, 1), date(1998, 3, 31))),
    ("2020年9月1日至9月15日", (date(2020, 9, 1), date(2020, 9, 15))),
    ("一月一日至一月十日", (date(1998, 1, 1), date(1998, 1, 10))),
])
def test_date_ranges(word, span):
    assert read(word).span(1998) == span


@pytest.mark.parametrize("word", ["1月10日至1月1日", "1月至15日", "1月1日至3月", "2月30日至3月1日",
                                  "1月1日至", "至1月10日", "13月1日至13月5日"])
def test_what_is_no_range_is_not_read_as_one(word):
    got = read(word)
    assert got is None or got.span(1998) is None


def test_a_range_glued_to_a_word_and_in_a_query():
    got, rest = split("1月1日到1月10日香港")
    assert got.span(1998) == (date(1998, 1, 1), date(1998, 1, 10)) and rest == "香港"
    p = parse("1月1日-1月10日 香港")
    assert [w.text for g in p.groups for w in g] == ["香港"] and not p.excluded
    assert p.date_words[0].span(1998) == (date(1998, 1, 1), date(1998, 1, 10))


@pytest.mark.parametrize("q,page,words", [
    ("第 8 版 经济", 8, ["经济"]), ("第８版", 8, []), ("第 ８ 版", 8, []), ("经济 第 八 版", 8, ["经济"]),
    ("第3 版 经济", 3, ["经济"]), ("第 12版", 12, []), ("page:第 8 版 经济", 8, ["经济"]),
    ("头版头条", 1, []), ("　第　２　版　经济", 2, ["经济"])])
def test_page_words_typed_with_spaces_are_pages(q, page, words):
    """`第 8 版` (spaces, as typed or pasted from a printed page) is the page `第8版` names: a
    filter, not the three words 第 / 8 / 版."""
    plan = parse(q)
    assert plan.pages == {page}
    assert [w.text for g in plan.groups for w in g] == words


@pytest.mark.parametrize("q,words", [
    ('"第 8 版" 经济', ["第 8 版", "经济"]),      # a quoted phrase stays text
    ("第 8 版本", ["第", "8", "版本"]),            # 版本 is another word
    ("8 版", ["8", "版"])])                        # without 第 the spaces keep two words
def test_spaced_look_alikes_stay_words(q, words):
    plan = parse(q)
    assert not plan.pages
    assert [w.text for g in plan.groups for w in g] == words
