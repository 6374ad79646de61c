"""In a group of copies of one story the earliest copy that credits nobody is the original
(原发), the others reprints (转载) with their lag; a credit outranks a date (a digest dated
before the story it credits is still a reprint); when the copies credit an outlet the archive
does not hold, none is the original."""
from __future__ import annotations

from searchapp.archive.lineage import Copy, assign, roles
from searchapp.model import Article


def C(id, outlet, day, credits=(), length=500):
    return Copy(id, outlet, day, list(credits), length)


def test_earliest_is_the_original_with_lags():
    got = roles([C("b", "新浪网", "1998-01-05"), C("a", "人民日报", "1998-01-02"),
                 C("c", "光明网", "1998-01-03")])
    assert got["a"]["role"] == "original" and got["a"]["basis"] == "date"
    assert [got[i]["role"] for i in "bc"] == ["reprint", "reprint"]
    assert got["b"]["lag_days"] == 3 and got["c"]["lag_days"] == 1
    assert all(g["original"] == "a" for g in got.values())


def test_a_credit_outranks_an_earlier_date():
    got = roles([C("digest", "报刊文摘", "1998-01-01", ["人民日报"]), C("a", "人民日报", "1998-01-02"),
                 C("web", "新浪网", "1998-01-05", ["人民日报"])])
    assert got["a"]["role"] == "original" and got["a"]["basis"] == "credit"
    assert got["digest"]["role"] == "reprint" and got["digest"]["lag_days"] == -1
    assert got["digest"]["via"] == "a"
    # the same group by dates alone makes the digest the original
    plain = roles([C("digest", "报刊文摘", "1998-01-01"), C("a", "人民日报", "1998-01-02")])
    assert plain["digest"]["role"] == "original"


def test_a_chain_of_credits_ends_at_the_earliest_uncredited_copy():
    got = roles([C("a", "人民日报", "1998-01-02"), C("b", "光明网", "1998-01-03"),
                 C("c", "新浪网", "1998-01-04", ["光明网"])])
    assert got["a"]["role"] == "original"
    assert got["c"]["via"] == "b" and got["c"]["original"] == "a"


def test_original_outside_the_archive():
    got = roles([C("a", "新浪网", "1998-01-03", ["新华社"]), C("b", "光明网", "1998-01-04", ["新华社"])])
    assert {g["role"] for g in got.values()} == {"reprint"}
    assert all(g["original"] is None and g["origin_outlet"] == "新华社" for g in got.values())
    # an uncredited copy later than a copy that credits an outside outlet is no original either
    got = roles([C("a", "新浪网", "1998-01-03", ["新华社"]), C("b", "光明网", "1998-01-04")])
    assert got["b"]["role"] == "reprint" and got["b"]["origin_outlet"] == "新华社"


def test_same_day_tie_and_undated_copies():
    got = roles([C("a", "人民日报", "1998-01-02", length=900), C("b", "光明网", "1998-01-02", length=700),
                 C("u", "网易", None)])
    assert got["a"]["role"] == "original" and got["a"]["basis"] == "same_day"
    assert got["b"]["role"] == "reprint" and got["b"]["lag_days"] == 0
    assert got["u"]["role"] == "undetermined"
    # a copy the others credit wins a same-day tie whatever its length
    got = roles([C("a", "人民日报", "1998-01-02", length=100), C("b", "光明网", "1998-01-02", length=900),
                 C("c", "网易", "1998-01-03", ["人民日报"])])
    assert got["a"]["role"] == "original"


def test_assign_sets_story_duplicate_of_and_singles():
    arts = [Article(id="w", title="t", body="正文" * 100 + "\n\n来源：人民日报", source="新浪网",
                    date="1998-01-05"),
            Article(id="p", title="t", body="正文" * 100, source="人民日报", date="1998-01-02"),
            Article(id="s", title="t", body="别的" * 100, source="光明网", date="1998-01-02"),
            Article(id="m", title="t", body="杂志" * 100, source="郑州日报",
                    origin={"file": "issue-2020-09-mag.txt", "format": "magazine"})]
    assign(arts, [[1, 0]])
    w, p, s, m = arts
    assert p.lineage["role"] == "original" and p.lineage["story"] == "p" and p.duplicate_of is None
    assert w.lineage["role"] == "reprint" and w.duplicate_of == "p" and w.lineage["lag_days"] == 3
    assert w.lineage["story_day"] == "1998-01-02" and w.lineage["copies"] == 2
    assert s.lineage["role"] == "original" and s.lineage["basis"] == "single"
    # a magazine's closing 来源 credits another outlet than the magazine that printed it
    assert m.lineage["role"] == "reprint" and m.lineage["origin_outlet"] == "郑州日报"
    assert m.lineage["outlet"] == "mag"
