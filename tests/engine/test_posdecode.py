"""A posting list's Whoosh `Positions` values decoded at once equal Whoosh's decoder value by
value (`engine.store.posdecode`), and the build's post-pass uses it."""
from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.formats import Positions

from searchapp.analysis.analyzer import text_tokens
from searchapp.engine.store import postarrays
from searchapp.engine.store.posdecode import positions_of

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "corpus" / "issue-2020-09-internet-industry-magazine.txt"


def _values() -> list[bytes]:
    """Whoosh's encoded positions of every word of each paragraph of the bundled issue, as
    `Positions.word_values` makes them for the index (one value per word and paragraph)."""
    fmt = Positions()
    out = []
    for para in ISSUE.read_text(encoding="utf-8").split("\n\n")[:300]:
        poses: dict[str, list[int]] = {}
        for tok, _, _, pos in text_tokens(para):
            poses.setdefault(tok, []).append(pos)
        out += [fmt.encode(p) for p in poses.values()]
    return out


@pytest.fixture(scope="module")
def values() -> list[bytes]:
    return _values()


def test_positions_equal_whooshs_decoder(values):
    fmt = Positions()
    lens, flat = positions_of(values)
    want = [fmt.decode_positions(v) for v in values]
    assert lens.tolist() == [len(w) for w in want]
    assert flat.tolist() == [p for w in want for p in w]
    assert max(lens) > 1 and len(values) > 1000
    # a value stored without its STOP opcode, positions past 65,535, an empty list
    odd = [values[0][:-1], fmt.encode([3, 70_000, 5_000_000]), fmt.encode([])]
    lens, flat = positions_of(odd)
    assert flat.tolist() == [p for v in odd for p in fmt.decode_positions(v)]
    assert positions_of([]) is not None


@pytest.mark.parametrize("bad", [
    b"\x00\x00\x00\x01\x80\x02K\x01.",                       # a pickled int, not a list
    b"\x00\x00\x00\x02\x80\x02]q\x00(K\x01G?\xf0\x00\x00\x00\x00\x00\x00e.",  # a float delta
    b"\x00\x00\x00\x03\x80\x02]q\x00(K\x01K\x02e.",           # count 3, two deltas
    b"\x00\x00\x00\x01\x80\x03]q\x00K\x01a.",                # another protocol
    b"\x00\x00\x00\x01\x80\x02]q\x00",                       # cut short
])
def test_values_of_another_form_are_left_to_whoosh(values, bad):
    assert positions_of(values[:5] + [bad]) is None


def test_the_post_pass_decodes_a_list_in_one_go(values, monkeypatch):
    calls = []
    real = Positions.decode_positions
    monkeypatch.setattr(Positions, "decode_positions",
                        lambda self, v: calls.append(1) or real(self, v))
    kind, data, _, offs = postarrays._values(values, Positions())
    assert kind == 2 and calls == []
    fmt = Positions()
    assert data.tolist() == [p for v in values for p in real(fmt, v)]
    assert offs.tolist()[-1] == len(data)
