"""The searchable symbols of the running Python's Unicode version are read from the stored table
(`analysis.symbol_table`), which is exactly what its Unicode database gives, so a process's
first query does not scan ~78,000 code points (the literal forms of texts with symbols are
checked in test_analyzer.py and test_literal_marked.py)."""
from __future__ import annotations

import unicodedata

import pytest

from searchapp.analysis import symbol_table, text

pytestmark = pytest.mark.skipif(
    unicodedata.unidata_version not in symbol_table.TABLES,
    reason=f"no stored symbol table for Unicode {unicodedata.unidata_version}; its entry:\n"
           + symbol_table.entry(unicodedata.unidata_version, text.scanned_symbol_ranges()))


def test_the_stored_table_is_what_the_unicode_database_gives():
    stored = symbol_table.ranges(unicodedata.unidata_version)
    scanned = text.scanned_symbol_ranges()
    assert stored == scanned, symbol_table.entry(unicodedata.unidata_version, scanned)
    assert all(a <= b < c for (a, b), (c, _) in zip(stored, stored[1:]))  # ascending, disjoint


def test_the_first_use_asks_the_unicode_database_nothing(monkeypatch):
    asked = []
    category = unicodedata.category
    monkeypatch.setattr(unicodedata, "category", lambda c: asked.append(c) or category(c))
    text.symbol_ranges.cache_clear()
    try:
        got = text.symbol_ranges()
    finally:
        text.symbol_ranges.cache_clear()
    assert asked == []
    assert got == symbol_table.ranges(unicodedata.unidata_version)


def test_the_entry_reads_back():
    version = unicodedata.unidata_version
    src = symbol_table.entry(version, text.scanned_symbol_ranges())
    assert eval("{" + src + "}")[version] == symbol_table.TABLES[version]


def test_no_table_for_an_unknown_version_and_the_scan_is_used(monkeypatch):
    assert symbol_table.ranges("0.0.0") is None
    monkeypatch.setattr(unicodedata, "unidata_version", "0.0.0")
    text.symbol_ranges.cache_clear()
    try:
        assert text.symbol_ranges() == text.scanned_symbol_ranges()
    finally:
        text.symbol_ranges.cache_clear()

