"""A process answering searches maps none of the large per-segment files (gram index, texts,
posting lists and positions): it reads what each query needs of them (`store/fileslices.py`),
so its resident set holds what it keeps, not the folios of every file a query once touched."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import build_pfr_index
from searchapp import engine
from searchapp.engine.match import textindex
from searchapp.engine.store import fileslices
from searchapp.index import open_index
from searchapp.request import SearchRequest
from searchapp.search import search

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="Linux only")]

#: Files read by slices: a mapping of any of them in this process is a failure.
READ_BY_SLICES = ("gdocs", "gkeys", "gbounds", "text", "starts", "pdocs", "ptf", "pvals",
                  "pvoffs")


def _mapped(folder: Path) -> dict[str, int]:
    """{file name: resident kB} of this process's mappings of files in `folder`."""
    out: dict[str, int] = {}
    cur = None
    for line in open("/proc/self/smaps", encoding="utf-8", errors="replace"):
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            parts = line.split(None, 5)
            path = parts[5].strip() if len(parts) > 5 else ""
            cur = Path(path).name if path.startswith(str(folder)) else None
            if cur is not None:
                out.setdefault(cur, 0)
        elif cur is not None and line.startswith("Rss:"):
            out[cur] += int(line.split()[1])
    return out


@pytest.fixture(scope="module")
def index(tmp_path_factory, shared_dir):
    """200 real People's Daily articles in two segments, long lists from 8 postings on."""
    ix, arts = build_pfr_index(tmp_path_factory.mktemp("unmapped"), 200, min_docs=8)
    return ix, [a["title"] for a in arts]


def test_searches_read_the_segment_files_without_mapping_them(index, monkeypatch):
    ix, titles = index
    read = []
    real = fileslices._File.read
    monkeypatch.setattr(fileslices._File, "read",
                        lambda self, at, n: read.append((self.path.suffix, n)) or real(self, at, n))
    before = engine.match_counts().get("posting_arrays", 0)
    queries = [t[:6] for t in titles[:30]] + [f'"{t[:4]}"' for t in titles[:10]] \
        + ["中国 发展", "经济", "人民日报", "附图片"]
    with open_index(ix) as h:
        for q in queries:
            search(h, SearchRequest(q=q, size=10, facets=True, snippets=True))
        with h.searcher() as s:
            leaves = [sub.reader() for sub, _ in s.leaf_searchers()]
            assert all(textindex.segment_text(r).grams is not None for r in leaves)
        folder = Path(ix).resolve()
        mapped = _mapped(folder)
    assert engine.match_counts().get("posting_arrays", 0) > before  # long lists were read
    kinds = {suffix for suffix, _ in read}
    assert {".gdocs", ".text", ".pdocs"} <= kinds, kinds
    bad = {name: kb for name, kb in mapped.items() if name.rsplit(".", 1)[-1] in READ_BY_SLICES}
    assert not bad, bad
