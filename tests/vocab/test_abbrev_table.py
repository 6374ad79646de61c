"""The mined pairs' query-time table (`Pairs.table`) is squeezed in one normalisation call: a
process's first query reads it (search/thesaurus.mined_table) and paid one OpenCC call per
term of every pair (issue 19, first-time queries). Same table as the per-pair definition."""
from __future__ import annotations

from searchapp.analysis import text
from searchapp.analysis.analyzer import squeeze
from searchapp.vocab.abbrev import MAX_FULL, Pairs

BY_PAIR = {("华东渔业协会", "华渔协"): {"a1", "a2"}, ("華東漁業協會", "華漁協"): {"a3"},
           ("北方电力联盟", "NPA"): {"a1"}, ("北方電力聯盟", "ＮＰＡ"): {"a4", "a5", "a6"},
           ("中国人民银行", "央行"): {"a1"}, ("中國人民銀行", "央行"): {"a2"},
           ("国家发展和改革委员会", "发改委"): {"b1"}, ("国家发展改革委", "发改委"): {"b2", "b3"},
           ("同一名称", "同 一 名 称"): {"c1"}, ("乾隆", "乾"): {"c2"}}


def _reference(pairs: Pairs, min_articles: int = 1) -> dict[str, tuple[str, ...]]:
    """The table as first defined: each term squeezed on its own."""
    out: dict[str, list[tuple[int, str]]] = {}
    for (full, short), ids in pairs.by_pair.items():
        n = len(ids)
        if n < min_articles or squeeze(full) == squeeze(short):
            continue
        out.setdefault(squeeze(full), []).append((n, short))
        out.setdefault(squeeze(short), []).append((n, full))
    table = {}
    for key, partners in out.items():
        partners.sort(key=lambda x: (-x[0], x[1]))
        table[key] = tuple(dict.fromkeys(p for _, p in partners[:MAX_FULL]))
    return table


def test_table_is_the_per_pair_one():
    p = Pairs({k: set(v) for k, v in BY_PAIR.items()})
    for m in (1, 2, 3):
        assert p.table(min_articles=m) == _reference(p, m)
    table = p.table()
    assert table["npa"] == ("北方電力聯盟", "北方电力联盟")  # ＮＰＡ and NPA are one key
    assert "同一名称" not in table  # a pair whose forms squeeze alike says nothing
    assert table["干"] == ("乾隆",)  # 乾 alone is 干; 乾隆 stays 乾隆
    assert Pairs().table() == {}


def test_table_makes_one_conversion_call(monkeypatch):
    calls = []
    real = text.to_simplified
    monkeypatch.setattr(text, "to_simplified", lambda s: calls.append(s) or real(s))
    Pairs({k: set(v) for k, v in BY_PAIR.items()}).table()
    assert len(calls) == 1
