"""The token positions of a whole posting list's Whoosh `Positions` values, decoded at once (the
build's post-pass, `postarrays`): what `Positions.decode_positions` gives value by value.

    positions_of(values) -> (lengths int64 [values], positions int64 [sum of lengths]) | None

A value of Whoosh's `Positions.encode` is a 4-byte big-endian count, then a protocol-2 pickle of
the list of position deltas. The pickles of all the values, less their protocol header and STOP
opcode, are put between one MARK and one LIST opcode: one pickle of the list of every value's
list, loaded by one call; each value's deltas are then summed by numpy. None (decode each value
with Whoosh's decoder instead) unless every value has that shape, every list's length equals
its count, and every delta is an integer below 2**32 in size.
"""
from __future__ import annotations

import pickle
from itertools import chain

import numpy as np

__all__ = ["positions_of"]

_HEAD = b"\x80\x02"          # pickle protocol 2
_OPEN, _CLOSE = b"\x80\x02(", b"l."  # PROTO 2, MARK ... LIST, STOP
_COUNT = np.dtype(">u4")      # whoosh.system.pack_uint ("!I")
_LIMIT = 2 ** 32


def positions_of(values: list[bytes]) -> tuple[np.ndarray, np.ndarray] | None:
    """(number of positions of each value, every value's absolute positions in order), both
    int64, for a list of Whoosh `Positions` values (module docstring); None when a value is not
    exactly of that form."""
    n = len(values)
    if not n:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if not all(v.startswith(_HEAD, 4) for v in values):
        return None
    body = b"".join(v[6:-1] if v.endswith(b".") else v[6:] for v in values)
    try:
        got = pickle.loads(_OPEN + body + _CLOSE)
        if type(got) is not list or len(got) != n or not all(type(x) is list for x in got):
            return None
        lens = np.fromiter(map(len, got), dtype=np.int64, count=n)
        counts = np.frombuffer(b"".join(v[:4] for v in values), dtype=_COUNT)
        if not np.array_equal(lens, counts):
            return None
        deltas = np.array(list(chain.from_iterable(got)))
    except Exception:  # noqa: BLE001 - not of the expected form: decoded value by value
        return None
    if not len(deltas):
        return lens, np.zeros(0, np.int64)
    if deltas.dtype.kind != "i" or np.abs(deltas).max() >= _LIMIT:
        return None
    sums = np.cumsum(deltas, dtype=np.int64)
    ends = np.cumsum(lens)
    base = np.concatenate([[0], sums])[ends - lens]  # the sum before each value's first delta
    return lens, sums - np.repeat(base, lens)
