"""The key of every per-segment cache tells two copies of an index apart (a process that read
one copy must not answer from it for another), and stays the same for a later generation that
hard-links an unchanged segment's files (so its data is kept across a reopen)."""
from __future__ import annotations

import os
import shutil

import pytest

from searchapp.engine.match.keys import segment_key
from searchapp.index import open_index


def _keys(ix) -> list[str]:
    h = open_index(ix)
    try:
        with h.searcher() as s:
            return sorted(segment_key(sub.reader()) for sub, _ in s.leaf_searchers())
    finally:
        h.close()


@pytest.mark.slow
def test_a_copy_has_its_own_keys_and_a_hard_linked_one_the_same(corpus_index, tmp_path):
    copy, linked = tmp_path / "copy", tmp_path / "linked"
    shutil.copytree(corpus_index, copy)
    shutil.copytree(corpus_index, linked, copy_function=os.link)
    orig = _keys(corpus_index)
    assert orig and None not in orig
    ids = lambda keys: [k.split(":")[0] for k in keys]  # noqa: E731
    assert ids(_keys(copy)) == ids(orig)  # same segments, by id and count ...
    assert set(_keys(copy)).isdisjoint(orig)  # ... yet other files
    assert _keys(linked) == orig
