"""A line export (JSONL) in a gzip/xz file cut short keeps its records before the cut, with a
`file:line` problem where it breaks off, as a truncated plain file does (`ingest.stream`)."""
from __future__ import annotations

import json

import pytest

from searchapp.ingest import read_file


@pytest.mark.parametrize("codec", ["gzip", "xz"])
@pytest.mark.parametrize("records", [60, 3000])  # the damage inside the sniffed head, or past it
def test_a_cut_compressed_export_keeps_its_records_before_the_damage(tmp_path, codec, records):
    # Found by the third fresh tester: a .jsonl.gz cut in half was refused whole ("Compressed
    # file ended before the end-of-stream marker"), 0 articles, though JSONL is a stream.
    import gzip
    import lzma

    lines = [json.dumps({"id": f"r{i}", "title": f"第{i}条新闻", "body": f"第{i}条新闻的正文，句子完整。"},
                        ensure_ascii=False) for i in range(records)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    packed = (gzip.compress if codec == "gzip" else lzma.compress)(data)
    p = tmp_path / f"cut.jsonl.{'gz' if codec == 'gzip' else 'xz'}"
    p.write_bytes(packed[: len(packed) * 2 // 3])
    r = read_file(p)
    assert 0 < len(r.articles) < records
    assert [a.id for a in r.articles] == [f"r{i}" for i in range(len(r.articles))]
    (cut,) = [pr for pr in r.problems if "cut short" in pr.reason]
    assert cut.line == len(r.articles) + 1 and codec in cut.reason
