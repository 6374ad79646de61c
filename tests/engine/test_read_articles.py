"""engine.iter_articles: a few ids are looked up in the id field, many are read in one pass over
the stored documents; both give the same live articles in docnum order."""
from __future__ import annotations

import pytest
from whoosh import reading

from helpers import write_jsonl_corpus
from searchapp import engine
from searchapp.engine import reader
from searchapp.index import build
from searchapp.index.store import read_current

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    root = tmp_path_factory.mktemp("read")
    write_jsonl_corpus(root / "in", "r", 2, 20)
    build([root / "in"], root / "ix")
    (root / "in" / "r1.jsonl").write_text(
        "\n".join((root / "in" / "r1.jsonl").read_text(encoding="utf-8").splitlines()[:-1]) + "\n",
        encoding="utf-8")  # one article deleted: the next generation holds a deleted document
    build([root / "in"], root / "ix")
    return root / "ix" / read_current(root / "ix")


def test_a_few_ids_are_looked_up_without_reading_every_document(gen, monkeypatch):
    every = [a.id for a in engine.iter_articles(gen)]
    assert len(every) == 39 and "r1-19" not in every
    want = [every[30], every[3], "r1-19", "no-such-id"]
    for cls in vars(reading).values():  # every Whoosh reader's full pass fails the test
        if isinstance(cls, type) and "all_stored_fields" in vars(cls):
            monkeypatch.setattr(cls, "all_stored_fields",
                                lambda self: pytest.fail("read every stored document for 4 ids"))
    got = [a.id for a in engine.iter_articles(gen, want)]
    assert got == [every[3], every[30]]  # docnum order; deleted and unknown ids left out


def test_many_ids_give_the_same_as_a_lookup(gen, monkeypatch):
    every = [a.id for a in engine.iter_articles(gen)]
    want = set(every[::2]) | {"r1-19"}
    one_pass = [a.to_dict() for a in engine.iter_articles(gen, want)]
    monkeypatch.setattr(reader, "LOOKUP_SHARE", 0)  # always look up
    looked_up = [a.to_dict() for a in engine.iter_articles(gen, want)]
    assert one_pass == looked_up and [a["id"] for a in one_pass] == every[::2]
