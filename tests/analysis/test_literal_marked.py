"""`analysis.literal._marked` (the literal form before its placeholders are dropped) and
`literal_aligned` give what their first, one-callback-per-run version gave: every soft run
gone character by character, sentence marks and blank lines as breaks, runs of breaks folded,
offsets of the kept characters. The reference is that version, kept here."""
from __future__ import annotations

import random
import re

import pytest

from helpers import CORPUS
from searchapp.analysis import literal as L
from searchapp.analysis.text import normalize_aligned, symbol_class

_SOFT_RUN = re.compile(rf"(?:[^\w\x01-\x08{symbol_class()}]|_)+")  # symbols (emoji) are kept
_BREAK_RUN = re.compile("[\x07\x08][\x07\x08\x01]*")


def _marked_ref(s: str) -> str:
    s = L._THOUSANDS.sub(L._GONE, s)
    s = L._KEEP_DOT.sub(L._DOT, s)
    s = L._KEEP_SYM.sub(lambda m: m.group(0).replace("+", L._PLUS).replace("#", L._HASH), s)
    s = L._CLOCK.sub(L._COLON, s)
    s = L._FIELDS.sub(L._FIELD, s)
    s = L._HARD.sub(L._first_and_gone(L._BREAK), s)
    s = L._soft(s)[0].sub(L._first_and_gone(L._SEP), s)
    s = _SOFT_RUN.sub(L._gone, s)
    s = _BREAK_RUN.sub(L._run_of_breaks, s)
    return L._EDGES.sub(L._gone, s)


def _aligned_ref(norm: str):
    marked = _marked_ref(norm)
    keep = [i for i, c in enumerate(marked) if c != L._GONE]
    return "".join(marked[i] for i in keep).translate(L._RESTORE), keep


@pytest.mark.slow
def test_marked_and_aligned_equal_the_reference_on_random_text():
    rng = random.Random(16)
    alphabet = (list("中國ab1.,:;。!?…、 \t_+#-()·“”%") + ["\n", "\n\n", " \n \n", "\u2029",
                "\u2029\n", "c++", "1,000", "10:30", ".net", "8.8", "\ud800", "\U00020000", "😀", "👍🏽",
                "❤\ufe0f", "■", "\ufffd"])
    for _ in range(20_000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert L._marked(t) == _marked_ref(t), repr(t)
        assert L.literal_aligned(t) == _aligned_ref(t), repr(t)


def test_marked_and_aligned_equal_the_reference_on_the_corpus():
    checked = 0
    for p in sorted(CORPUS.rglob("*.txt")):
        norm = normalize_aligned(p.read_text(encoding="utf-8"))[0]
        assert L.literal_aligned(norm) == _aligned_ref(norm)
        checked += len(norm)
    assert checked > 10_000
