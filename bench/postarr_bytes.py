"""Benchmark: where the bytes of the posting arrays go (issue 19), per array and per field, and
what each candidate encoding would leave, measured on a built index. Prints JSON.

    python -m bench.postarr_bytes INDEX_DIR [OUT.json]

Per field: long terms, postings, the bytes the files hold now (from `.pjson`'s format: docnums,
weights, value offsets, values), and per candidate encoding what that part would take:
  voffs_u32     uint32 offsets relative to each list's first value (count + 1 per list), none
                for a list whose values all have one length
  tf_small      none for a list of all-1.0 weights, else uint8 / uint16 when every weight is an
                integer that fits, else float32
  pos_u16       positions as absolute uint16 (uint32 when a list's largest does not fit)
  pos_varint    positions as varint deltas, with a varint count per posting
and how many postings have a weight equal to their number of positions.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.common import OUT, emit, load_avg
from searchapp.engine.match.keys import storage_folder
from searchapp.engine.store import postarrays
from searchapp.index import open_index


def _varint_len(xs) -> int:
    n = 0
    for x in xs:
        n += 1
        while x >= 128:
            x >>= 7
            n += 1
    return n


def measure(index_dir: str) -> dict:
    fields: dict = defaultdict(lambda: defaultdict(int))
    h = open_index(index_dir)
    try:
        with h.searcher() as s:
            for leaf, _ in s.reader().leaf_readers():
                pa = postarrays.load(leaf, storage_folder(leaf))
                if pa is None:
                    continue
                for (fieldname, btext), ti in leaf._terms.items():
                    if ti.is_inlined() or ti.doc_frequency() < postarrays.MIN_DOCS:
                        continue
                    span = pa.find(ti.extent()[0], ti.doc_frequency())
                    if span is None:
                        continue
                    first, end = span
                    n = end - first
                    f = fields[fieldname]
                    f["terms"] += 1
                    f["postings"] += n
                    f["pdocs"] += 4 * n
                    f["ptf"] += 4 * n
                    f["pvoffs"] += 8 * n
                    tf = pa.tf[first:end].astype(np.float64)
                    if np.all(tf == 1.0):
                        f["tf_all_one_lists"] += 1
                    elif np.all(tf == np.round(tf)) and tf.max() <= 255:
                        f["tf_small"] += n
                    elif np.all(tf == np.round(tf)) and tf.max() <= 65535:
                        f["tf_small"] += 2 * n
                    else:
                        f["tf_small"] += 4 * n
                    offs = pa.voffs[first:end + 1]
                    lens = np.diff(offs)
                    f["pvals"] += int(offs[-1] - offs[0])
                    if len(lens) and lens.min() != lens.max():
                        f["voffs_u32"] += 4 * (n + 1)
                    else:
                        f["equal_length_lists"] += 1
                    fmt = leaf.schema[fieldname].format
                    if fmt.fixed_value_size() == 0 or not fmt.supports("positions"):
                        continue
                    dec = fmt.decoder("positions")
                    vals = pa.values(first, end)
                    big = cnt = 0
                    for i in range(n):
                        ps = dec(vals[i])
                        big = max(big, max(ps) if ps else 0)
                        cnt += len(ps)
                        f["pos_varint"] += _varint_len([len(ps)] + [b - a for a, b in
                                                                    zip([0] + ps[:-1], ps)])
                        f["tf_is_count"] += int(tf[i] == len(ps))
                    f["positions"] += cnt
                    f["pos_u16"] += (2 if big < 65536 else 4) * cnt
                    f["pos_u16_lists_over_16bit"] += int(big >= 65536)
    finally:
        h.close()
    total = defaultdict(int)
    for f in fields.values():
        for k, v in f.items():
            total[k] += v
    size = sum(p.stat().st_size for p in Path(index_dir).rglob("*") if p.is_file())
    arr = sum(p.stat().st_size for p in Path(index_dir).rglob("sa-*.p*") if p.is_file())
    return {"index_dir": index_dir, "index_bytes": size, "posting_array_file_bytes": arr,
            "fields": {k: dict(v) for k, v in sorted(fields.items())}, "total": dict(total)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    before = load_avg()
    out = measure(argv[0])
    out["load_avg"] = {"before": before, "after": load_avg()}
    emit(out, Path(argv[1]) if len(argv) > 1 else OUT / "postarr_bytes.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
