"""Array files read by slices (`store/fileslices.py`): the same items as the array itself, and a
server's queries read what they need of the per-segment files without mapping them (the
resident set of a process then holds none of their pages)."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.engine.store import fileslices
from searchapp.engine.store.fileslices import FileArray, find_key, searchsorted


def _file(tmp_path: Path, a: np.ndarray, name: str = "a.bin") -> Path:
    p = tmp_path / name
    a.tofile(p)
    return p


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(0, 2**40), max_size=3000),
       picks=st.lists(st.integers(0, 10**6), max_size=200), probe=st.integers(-5, 2**40 + 5))
def test_slices_takes_and_searches_equal_the_array(tmp_path_factory, values, picks, probe):
    a = np.sort(np.asarray(values, dtype=np.uint64))
    fa = FileArray(_file(tmp_path_factory.mktemp("fa"), a), np.uint64, len(a))
    assert len(fa) == len(a) and fa[:].tolist() == a.tolist() and bytes(fa) == a.tobytes()
    if len(a):
        idx = np.sort(np.asarray(picks, dtype=np.int64) % len(a))
        assert fa.take(idx).tolist() == a[idx].tolist()
        i, j = sorted((picks + [0, 0])[:2])
        assert fa[i % len(a):j].tolist() == a[i % len(a):j].tolist()
        assert int(fa[-1]) == int(a[-1])
    if probe >= 0:
        assert searchsorted(fa, np.uint64(probe)) == int(np.searchsorted(a, np.uint64(probe)))
        got = find_key(fa, np.uint64(probe))
        assert got == (int(np.searchsorted(a, np.uint64(probe))) if probe in set(values) else None)


def test_ranges_and_windows_give_each_piece(tmp_path):
    data = np.frombuffer(os.urandom(200_000), dtype=np.uint8)
    fa = FileArray(_file(tmp_path, data), np.uint8, len(data))
    rng = np.random.default_rng(3)
    lo = np.sort(rng.integers(0, 190_000, 300))
    hi = lo + rng.integers(0, 9000, 300)
    got = list(fa.ranges(lo.tolist(), hi.tolist()))
    assert got == [data[a:b].tobytes() for a, b in zip(lo, hi)]
    w = fa.window(6, np.uint16, 100)
    assert w[:].tolist() == data[6:206].view(np.uint16).tolist()
    with pytest.raises(ValueError):
        fa.window(len(data) - 2, np.uint32, 1)


def test_a_file_cut_short_raises_instead_of_short_data(tmp_path):
    p = _file(tmp_path, np.arange(1000, dtype=np.int32))
    fa = FileArray(p, np.int32, 1000)
    with open(p, "r+b") as f:
        f.truncate(2000)
    assert fa[:10].tolist() == list(range(10))
    with pytest.raises(OSError, match="shorter"):
        fa[900:1000]


def test_coalesced_reads_stay_near_the_pieces(tmp_path, monkeypatch):
    """Pieces far apart are read alone; pieces closer than GAP_BYTES share one read."""
    data = np.zeros(10_000_000, dtype=np.uint8)
    fa = FileArray(_file(tmp_path, data), np.uint8, len(data))
    sizes = []
    real = fileslices._File.read
    monkeypatch.setattr(fileslices._File, "read",
                        lambda self, at, n: sizes.append(n) or real(self, at, n))
    lo = list(range(0, 10_000_000, 1_000_000))
    assert len(list(fa.ranges(lo, [x + 100 for x in lo]))) == 10
    assert sizes == [100] * 10
    sizes.clear()
    lo = [0, 1000, 2000]
    list(fa.ranges(lo, [x + 10 for x in lo]))
    assert sizes == [2010]
    sizes.clear()
    assert fa.take([5, 4_000_000, 4_000_001, 9_999_999]).tolist() == [0, 0, 0, 0]
    assert sizes == [1, 2, 1]


def test_a_key_lookup_reads_one_block(tmp_path, monkeypatch):
    """After the fence is read once, each binary search over a large key file is one read of
    at most one block, not a read per halving."""
    keys = np.arange(0, 3 * 200_000, 3, dtype=np.uint64)
    fa = FileArray(_file(tmp_path, keys), np.uint64, len(keys))
    searchsorted(fa, np.uint64(7))  # reads the fence
    sizes = []
    real = fileslices._File.read
    monkeypatch.setattr(fileslices._File, "read",
                        lambda self, at, n: sizes.append(n) or real(self, at, n))
    for v in (0, 1, 299_997, 300_000, 599_997, 10**9):
        sizes.clear()
        assert searchsorted(fa, np.uint64(v)) == int(np.searchsorted(keys, np.uint64(v)))
        assert len(sizes) <= 1 and sum(sizes) <= 4096, (v, sizes)
