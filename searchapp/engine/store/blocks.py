"""Whoosh 2.7's whoosh3 posting blocks, parsed from one read of a whole posting list: the one
reader of that layout, shared by the query-time parser (`match/postings.py`) and the build's
posting arrays (`postarrays.py`).

    parse_blocks(buf, fixed) -> [(id deltas, weights, values)] | None   Whoosh's block layout
    flatten(blocks, values) -> (docnums int64, weights float64, values list | None)
    weights_of(w, count) -> a block's weights as a sequence
"""
from __future__ import annotations

import io
import pickle
import struct
import zlib

import numpy as np

__all__ = ["parse_blocks", "flatten", "weights_of"]

_INT = struct.Struct("!i")        # whoosh.system's int layout (block lengths)


def parse_blocks(buf: bytes, fixed: int | None):
    """[(docnum deltas, weights, values)] of one posting list in Whoosh 2.7's whoosh3 layout
    (`buf` = the list's bytes, from `TermInfo.extent()`; `fixed` = the field format's
    `fixed_value_size()`), or None when `buf` is not that layout. Layout (whoosh/codec/
    whoosh3.py, W3LeafMatcher): b"W3Bl", then per block: int32 length (negative for the last
    block), pickled (count, max id, max weight, compression, min length, max length), data =
    [zlib] pickle of (id deltas, weights: None = all 1.0 | float = all that | array, values).
    Raises what pickle/zlib raise on a damaged list."""
    if buf[:4] != b"W3Bl":
        return None
    bio = io.BytesIO(buf)
    out, pos = [], 4
    while True:
        (n,) = _INT.unpack_from(buf, pos)
        end = pos + 4 + abs(n)
        bio.seek(pos + 4)
        count, _, _, compression, _, _ = pickle.load(bio)
        data = buf[bio.tell():end]
        deltas, weights, values = pickle.loads(zlib.decompress(data) if compression else data)[:3]
        if fixed == 0:
            values = (None,) * count
        elif fixed is not None and fixed > 0:
            values = tuple(values[i:i + fixed] for i in range(0, len(values), fixed))
        out.append((deltas, weights_of(weights, count), values))
        if n < 0:
            return out
        pos = end


def flatten(blocks, values: bool):
    """(docnums int64, weights float64, values list | None) of a posting list's `parse_blocks`
    blocks, values only when asked. Each block's id deltas start from 0
    (W3PostingsWriter._mini_ids): its first is a docnum."""
    ids = np.concatenate([np.cumsum(np.asarray(d, dtype=np.int64)) for d, _, _ in blocks])
    weights = np.concatenate([np.asarray(w, dtype=np.float64) for _, w, _ in blocks])
    return ids, weights, ([v for _, _, vs in blocks for v in vs] if values else None)


def weights_of(w, count: int):
    """A block's weights as a sequence (W3LeafMatcher._read_weights)."""
    if w is None:
        return [1.0] * count
    if isinstance(w, float):
        return [w] * count
    return w
