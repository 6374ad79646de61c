"""The homophone table reads pypinyin's character data without importing the pypinyin package
(whose import loads its phrase dictionary: ~0.6 s and ~75 MB in every server process that
warms the table), and gives exactly pypinyin's own toneless readings."""
from __future__ import annotations

import subprocess
import sys

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
