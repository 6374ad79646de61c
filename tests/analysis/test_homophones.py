"""The homophone table reads pypinyin's character data without importing the pypinyin package
(whose import loads its phrase dictionary: ~0.6 s and ~75 MB in every server process that
warms the table), and gives exactly pypinyin's own toneless readings."""
from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from searchapp.analysis.homophones import common_chars, readings, toneless


def test_readings_are_pypinyins_own_without_tones():
    from pypinyin import pinyin_dict
    from pypinyin.contrib.tone_convert import to_normal

    for c in common_chars():
        theirs = frozenset(to_normal(p).replace("v", "ü")
                           for p in pinyin_dict.pinyin_dict[ord(c)].split(","))
        assert readings(c) == theirs, c


def test_toneless_keeps_the_diaeresis_of_u():
    assert toneless("luò") == "luo" and toneless("lǜ") == "lü" and toneless("nǚ") == "nü"
    assert toneless("ā") == "a" and toneless("zhuāng") == "zhuang"


def test_warming_the_table_does_not_import_pypinyin():
    code = ("import sys\n"
            "from searchapp.analysis.homophones import warm, homophones\n"
            "assert warm() > 300\n"
            "assert '络' in homophones('洛')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pypinyin'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout


def test_the_stored_table_is_the_computed_one_or_unused():
    """The stored table is used only for the data file it was computed from, and then equals
    the computation from it; for another file (another pypinyin) the table is computed."""
    from searchapp.analysis import homophone_table, homophones as H

    computed = H.computed_by_reading()
    if H._stored() is None:  # another pypinyin: the test prints the entry that would store it
        digest = hashlib.sha1(H._data_file().read_bytes()).hexdigest()
        assert digest != homophone_table.SOURCE_SHA1
        print(homophone_table.entry(computed, digest))
    else:
        assert homophone_table.by_reading() == computed
    assert H._by_reading() == computed


def test_another_data_file_is_computed_not_read_from_the_table(monkeypatch):
    from searchapp.analysis import homophone_table, homophones as H

    for f in (H._stored, H._stored_readings, H._by_reading, H.homophones):
        f.cache_clear()
    monkeypatch.setattr(homophone_table, "SOURCE_SHA1", "0" * 40)
    try:
        assert H._stored() is None and H._stored_readings() is None
        assert H._by_reading() == H.computed_by_reading()
        assert "络" in H.homophones("洛")
    finally:
        for f in (H._stored, H._stored_readings, H._by_reading, H.homophones):
            f.cache_clear()


def test_warming_parses_no_data_file_when_the_table_is_stored():
    """A server's warm-up and a suggestion for a level-1 character read the stored table (one
    sha1 of the data file), not pypinyin's whole character dictionary."""
    from searchapp.analysis import homophones as H

    if H._stored() is None:
        pytest.skip("the installed pypinyin's data file is not the stored table's")
    code = ("from searchapp.analysis import homophones as H\n"
            "H.warm(); H.homophones('洛'); H.readings('络')\n"
            "print(H._readings_table.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0", out.stdout
