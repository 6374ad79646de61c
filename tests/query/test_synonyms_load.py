"""The synonym file is read in one normalisation call: a process's first query pays for one
OpenCC conversion of the whole file, not one per term (issue 19, first-time queries)."""
from __future__ import annotations

import re

from searchapp.analysis import text
from searchapp.analysis.analyzer import squeeze, squeeze_many
from searchapp.config import SYNONYMS
from searchapp.query import synonyms


def _reference(path) -> dict[str, tuple[str, ...]]:
    """The table as first defined: every term squeezed on its own."""
    groups: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = [t.strip() for t in re.split(r"[,，]", line) if t.strip()]
        keys = [squeeze(t) for t in terms]
        for k in keys:
            if k:
                bucket = groups.setdefault(k, [])
                bucket += [t for t, k2 in zip(terms, keys) if k2 and k2 != k and t not in bucket]
    return {k: tuple(v) for k, v in groups.items()}


def test_the_file_is_normalised_in_one_call(monkeypatch):
    calls = []
    real = text.to_simplified
    monkeypatch.setattr(text, "to_simplified", lambda s: calls.append(s) or real(s))
    synonyms._load.cache_clear()
    try:
        table = synonyms._load(str(SYNONYMS), SYNONYMS.stat().st_mtime)
    finally:
        synonyms._load.cache_clear()
    assert len(calls) == 1 and len(table) > 100


def test_the_table_is_the_per_term_one(tmp_path):
    assert synonyms.load() == _reference(SYNONYMS)
    odd = tmp_path / "syn.txt"
    odd.write_text("\ufeff# c\n電腦, 计算机，PC\n\n乾, 干燥\n隆,\n網路安全, 网络安全\n , ,\nＡＩ,人工智慧\n",
                   encoding="utf-8")
    assert synonyms.load(odd) == _reference(odd)
    assert synonyms.load(odd)["干"] == ("干燥",)  # 乾 alone is 干, never part of 乾隆


def test_squeeze_many_is_squeeze_of_each():
    values = ["人工 智能！", "ＡＩ", "開心 😀", "", " ", "C++", "網絡\u3000安全", "°C", "★"]
    assert squeeze_many(values) == [squeeze(v) for v in values]
