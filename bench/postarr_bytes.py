"""Benchmark: where the bytes of the posting arrays go (issue 19), per array and per field, and
what each candidate encoding would leave, measured on a built index. Prints JSON.

    python -m bench.postarr_bytes INDEX_DIR [OUT.json]

Per field: long terms, postings, the bytes format 1 gives them (docnums, weights, value offsets
and values: pdocs, ptf, pvoffs, pvals), and per candidate encoding what that part would take
(an index in the current format: the bytes each part takes now, without the candidates):
  voffs_u32     uint32 offsets relative to each list's first value (count + 1 per list), none
                for a list whose values all have one length
  tf_small      none for a list of all-1.0 weights, else uint8 / uint16 when every weight is an
                integer that fits, else float32
  pos_u16       positions as absolute uint16 (uint32 when a list's largest does not fit)
  pos_varint    positions as varint deltas, with a varint count per posting
and how many postings have a weight equal to their number of positions.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.common import OUT, emit, load_avg
from searchapp.engine.match.keys import storage_folder
from searchapp.engine.store import postarrays
from searchapp.engine.store.storage import segment_file
from searchapp.index import open_index


def _varint_len(xs) -> int:
    n = 0
    for x in xs:
        n += 1
        while x >= 128:
            x >>= 7
            n += 1
    return n


class _Format1:
    """Format 1's files read as they are (main before format 2): spans [terms, 2], float32
    weights and int64 value offsets for every posting."""

    def __init__(self, folder: Path, segid: str):
        def arr(part, dtype):
            return np.fromfile(segment_file(folder, segid, part), dtype=dtype)

        self.keys, self.spans = arr("pkeys", np.int64), arr("pspans", np.int64).reshape(-1, 2)
        self.docs, self.tf, self.voffs = arr("pdocs", np.int32), arr("ptf", np.float32), \
            arr("pvoffs", np.int64)
        self.vals = segment_file(folder, segid, "pvals").read_bytes()

    def list(self, offset: int):
        i = int(np.searchsorted(self.keys, offset))
        if i >= len(self.keys) or self.keys[i] != offset:
            return None
        first, n = (int(x) for x in self.spans[i])
        offs = self.voffs[first:first + n + 1]
        return (self.tf[first:first + n].astype(np.float64), offs,
                [self.vals[a:b] for a, b in zip(offs[:-1].tolist(), offs[1:].tolist())])


def _format2_bytes(pa, row: int) -> dict:
    """The bytes one list takes in format 2's files (alignment padding not counted)."""
    n, width, _, kind, _, vlen, owidth, _ = (int(x) for x in pa.spans[row, 1:])
    vals = pa.values(row)
    units = vlen * n if vlen >= 0 else int(vals.offs[-1])
    return {"pdocs": 4 * n, "ptf": width * n, "pvoffs": owidth * (n + 1) if vlen < 0 else 0,
            "pvals": units * (kind or 1), "spans_row": 8 * 10}


def _lists(leaf, folder: Path):
    """A reader of the segment's posting arrays in either format, or None."""
    segid = leaf.segment().segment_id()
    meta = json.loads(segment_file(folder, segid, "pjson").read_text(encoding="utf-8"))
    if meta.get("format") == 1:
        return _Format1(folder, segid)
    return postarrays.load(leaf, folder)


def measure(index_dir: str) -> dict:
    fields: dict = defaultdict(lambda: defaultdict(int))
    h = open_index(index_dir)
    try:
        with h.searcher() as s:
            for leaf, _ in s.reader().leaf_readers():
                pa = _lists(leaf, storage_folder(leaf))
                if pa is None:
                    continue
                for (fieldname, btext), ti in leaf._terms.items():
                    if ti.is_inlined() or ti.doc_frequency() < postarrays.MIN_DOCS:
                        continue
                    if not isinstance(pa, _Format1):  # format 2: what its files hold
                        row = pa.find(ti.extent()[0], ti.doc_frequency())
                        if row is not None:
                            f = fields[fieldname]
                            f["terms"] += 1
                            f["postings"] += ti.doc_frequency()
                            for k, v in _format2_bytes(pa, row).items():
                                f[k] += v
                        continue
                    got = pa.list(ti.extent()[0])
                    if got is None:
                        continue
                    tf, offs, vals = got
                    n = len(tf)
                    f = fields[fieldname]
                    f["terms"] += 1
                    f["postings"] += n
                    f["pdocs"] += 4 * n
                    f["ptf"] += 4 * n
                    f["pvoffs"] += 8 * n
                    if np.all(tf == 1.0):
                        f["tf_all_one_lists"] += 1
                    elif np.all(tf == np.round(tf)) and tf.max() <= 255:
                        f["tf_small"] += n
                    elif np.all(tf == np.round(tf)) and tf.max() <= 65535:
                        f["tf_small"] += 2 * n
                    else:
                        f["tf_small"] += 4 * n
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
