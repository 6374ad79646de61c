"""A user-dictionary entry that cannot take effect as written is said (file:line), never kept
silently: a word with a space is skipped, a word not in normalised form is added normalised
(issue 16 item 12)."""
from __future__ import annotations

import logging

from searchapp.analysis import tokenizer as T


def _entries(tmp_path, caplog, text):
    p = tmp_path / "userdict.txt"
    p.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="searchapp"):
        got = T.userdict_entries(p)
    return got, [r.getMessage() for r in caplog.records if r.name == "searchapp"]


def test_an_entry_with_a_space_is_skipped_with_a_warning(tmp_path, caplog):
    got, warned = _entries(tmp_path, caplog,
                           "# terms\n量子计算\n人工 智能\n人工 智能 20 n\nmachine learning\n边缘云 5 nz\n")
    assert got == [("量子计算", None), ("边缘云", 5)]
    assert len(warned) == 3, warned
    assert all("space" in w and "skipped" in w for w in warned)
    assert [w.split(": ")[0].rsplit(":", 1)[1] for w in warned] == ["3", "4", "5"]


def test_a_word_not_in_normalised_form_is_added_normalised(tmp_path, caplog):
    got, warned = _entries(tmp_path, caplog, "Web3\n數據要素 10\n算力网络\n")
    assert got == [("web3", None), ("数据要素", 10), ("算力网络", None)]
    assert len(warned) == 2 and all("normalised" in w for w in warned)


def test_the_bundled_dictionary_loads_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="searchapp"):
        entries = T.userdict_entries()
    assert len(entries) > 20
    assert not [r for r in caplog.records if r.name == "searchapp"]
