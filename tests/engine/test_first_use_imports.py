"""A process's first phrase check imports nothing more: numpy 2.x's `np.unique` imports
`numpy.ma` on its first call (~9 ms of CPU, once per process), which the first query holding
a phrase paid (issue 19, first-time queries). The phrase check keeps its keys with
`sortedsets.distinct` instead (the same sorted distinct values)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import tiny_index

pytestmark = pytest.mark.slow

DOCS = [{"id": f"d{i}", "title": f"第{i}期 产业观察",
         "body": "人工智能安全是今年的重点。" * (1 + i % 3) + ("网络安全产业发展迅速。" if i % 2 else ""),
         "source": "测试报", "date": f"2020-09-{1 + i % 28:02d}"} for i in range(40)]

CHILD = """
import json, sys
from searchapp.engine.match import phrase
phrase.ARRAY_MIN = 0  # every phrase on position tables, whatever its candidates
calls = []
real = phrase.phrase_mask
phrase.phrase_mask = lambda *a: calls.append(1) or real(*a)
from searchapp.engine.match import arrays
arrays.phrase_mask = phrase.phrase_mask
from searchapp.index import open_index
from searchapp.request import SearchRequest
from searchapp.search import search
h = open_index(sys.argv[1])
totals = [search(h, SearchRequest(q=q, size=10)).total for q in ('"人工智能 安全"', '网络安全产业')]
print(json.dumps({"totals": totals, "phrase_checks": len(calls), "ma": "numpy.ma" in sys.modules}))
"""


def test_the_phrase_check_does_not_import_numpy_ma(tmp_path):
    h = tiny_index(tmp_path, DOCS)
    h.close()
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "index")], check=True,
                         capture_output=True, text=True).stdout
    got = json.loads(out)
    assert got["phrase_checks"] > 0 and got["totals"][0] == 40 and got["totals"][1] >= 20
    assert got["ma"] is False
