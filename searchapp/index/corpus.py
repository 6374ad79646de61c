"""What a build keeps of each article while its text waits on disk (index/spool.py): enough to
mark near-duplicates and reprint lineage over the whole corpus, a few hundred bytes an article.

    corpus = Corpus(folder)
    corpus.add(article[, signed]) -> slot   its near-duplicate signature (on disk), set size, the
                                       representative rule's key, its lineage `Copy`
    corpus.marks(order, warnings) -> Marks | None    duplicate_of and lineage of every slot,
                                       articles in `order` (None: marking failed, said in
                                       `warnings`; every article then keeps its marks)
    Marks.apply(slot, article) -> article             sets them on the article
    Marks.part(slots) -> PartMarks                    those of some slots alone (picklable)
    Marks.digest(slot) / digest_of(article)           compare an article's marks

The marks are those `analysis.dedupe.mark_duplicates` and `archive.lineage.assign` give when
run over the articles themselves in the same order (tests/index/test_corpus.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from array import array
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from searchapp.analysis import dedupe
from searchapp.archive.lineage import Copy, copy_of, group_marks, single_lineage
from searchapp.index.files import NEW_FILE
from searchapp.model import Article

__all__ = ["Corpus", "Marks", "PartMarks", "digest_of"]


def digest_of(duplicate_of: str | None, lineage: Any) -> bytes:
    """A short digest of an article's near-duplicate and lineage marks."""
    raw = json.dumps([duplicate_of, lineage], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).digest()


class Corpus:
    """Per-article records in the order added (slots 0, 1, ...). Signatures go to a file in
    `folder` (removed by close())."""

    def __init__(self, folder: Path):
        self._signer = None
        self._sig_path = folder / f".spool-sigs-{os.getpid()}-{id(self):x}"
        # a new file, never through a link planted at the name (index/files.py)
        self._sig_file = os.fdopen(os.open(self._sig_path, NEW_FILE, 0o600), "wb")
        self.valid = bytearray()
        self.sizes = array("q")
        self.keys: list[tuple] = []
        self.copies: list[tuple] = []
        self.ids: list[str] = []
        self._strings: dict[str, str] = {}
        self.width = dedupe.NUM_PERM

    def add(self, article: Article, signed: tuple[np.ndarray | None, int] | None = None) -> int:
        """Record `article`; returns its slot. `signed`: its `dedupe.signature` (values or None,
        distinct shingles) when already computed (`index.signing`)."""
        if signed is not None:
            values, n = signed
        else:
            if self._signer is None:
                self._signer = dedupe.Signer()
            values, n = dedupe.signature(article, self._signer)
        row = np.zeros(self.width, dtype=np.uint64) if values is None else values
        row.astype(np.uint64).tofile(self._sig_file)
        self.valid.append(values is not None)
        self.sizes.append(n)
        self.keys.append(dedupe.rank_key(article))
        c = copy_of(article)
        one = self._strings.setdefault  # outlets and days repeat: one string each
        self.copies.append((c.id, c.outlet and one(c.outlet, c.outlet), c.day and one(c.day, c.day),
                            tuple(one(o, o) for o in c.credits), c.length))
        self.ids.append(article.id)
        return len(self.ids) - 1

    def __len__(self) -> int:
        return len(self.ids)

    def copy(self, slot: int) -> Copy:
        cid, outlet, day, credits, length = self.copies[slot]
        return Copy(cid, outlet, day, list(credits), length)

    def marks(self, order: Sequence[int], warnings: list[str]) -> "Marks | None":
        """Near-duplicate groups over the slots in `order` (the order a full build reads them)
        and the lineage of every slot; None when that fails (the reason goes to `warnings`:
        never a lost build). Called once: it lets go of the representative keys it read."""
        try:
            self._sig_file.flush()
            n = len(self.ids)
            sigs = (np.memmap(self._sig_path, dtype=np.uint64, mode="r", shape=(n, self.width))
                    if n else np.zeros((0, self.width), dtype=np.uint64))
            order = np.asarray(order, dtype=np.int64)
            valid = np.frombuffer(bytes(self.valid), dtype=bool)[order] if n else np.zeros(0, bool)
            sizes = np.frombuffer(self.sizes, dtype=np.int64)[order] if n else np.zeros(0, np.int64)
            groups = dedupe.groups_of(_Rows(sigs, order), valid, sizes,
                                      [self.keys[s] for s in order.tolist()])
            del sigs
            self.keys = []  # (only marking reads them: not kept while the writers work)
            slots = order.tolist()
            marks = Marks(self)
            for g in groups:  # one group at a time: no Copy or mark of every slot at once
                members = [slots[p] for p in g]
                got = group_marks([self.copy(s) for s in members], [range(len(members))])
                for k, s in enumerate(members):
                    marks.put(s, got[k])
            return marks
        except Exception as e:  # noqa: BLE001 - dedupe is an extra; never lose the build for it
            warnings.append(f"near-duplicate marking skipped: {type(e).__name__}: {e}")
            return None

    def close(self) -> None:
        self._sig_file.close()
        try:
            self._sig_path.unlink()
        except FileNotFoundError:
            pass


class _Rows:
    """Rows of a signature matrix in another order, read on demand (`groups_of` reads a band's
    columns and single rows)."""

    def __init__(self, sigs: np.ndarray, order: np.ndarray):
        self.sigs, self.order = sigs, order
        self.ndim, self.shape = 2, (len(order), sigs.shape[1])

    def __getitem__(self, key):
        if isinstance(key, tuple):
            rows, col = key
            return self.sigs[self.order[rows], col]
        return self.sigs[int(self.order[key])]


class Marks:
    """The duplicate_of and lineage of every slot. Those of the slots in a near-duplicate
    group are kept pickled, one after another in one buffer (a lineage is a dict of a dozen
    keys: as objects, several hundred bytes an article, held by the building process and,
    through fork, counted again in each writer's resident memory); any other slot is alone
    (duplicate_of None, a single's lineage, made from its `Copy` when asked)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._data = bytearray()
        self._start = array("q", bytes(8 * len(corpus)))
        self._end = array("q", bytes(8 * len(corpus)))  # end == start: not in a group

    def put(self, slot: int, mark: tuple[str | None, dict]) -> None:
        """Record (duplicate_of, lineage) of `slot` (a slot of a near-duplicate group)."""
        self._start[slot] = len(self._data)
        self._data += pickle.dumps(mark, protocol=pickle.HIGHEST_PROTOCOL)
        self._end[slot] = len(self._data)

    def of(self, slot: int) -> tuple[str | None, dict]:
        """(duplicate_of, lineage) of `slot`: new objects at each call."""
        start, end = self._start[slot], self._end[slot]
        if end > start:
            return pickle.loads(memoryview(self._data)[start:end])
        return None, single_lineage(self.corpus.copy(slot))

    def apply(self, slot: int, article: Article) -> Article:
        article.duplicate_of, article.lineage = self.of(slot)
        return article

    __call__ = apply  # a `spool.view` fix

    def part(self, slots: Sequence[int]) -> "PartMarks":
        """The marks of `slots` alone, as slots 0, 1, ... of a PartMarks (what a writer process
        needs of its share, pickled: `index.spool`)."""
        return PartMarks(self, slots)

    def digest(self, slot: int) -> bytes:
        return digest_of(*self.of(slot))


class PartMarks:
    """The marks of some slots of a `Marks`, renumbered 0, 1, ...: the pickled marks of the
    grouped ones, the `Copy` record of the others (their single lineage is made when applied).
    Applied like `Marks` (`apply(i, article)`, or called)."""

    def __init__(self, marks: Marks, slots: Sequence[int]):
        self._data = bytearray()
        self._start, self._end = array("q"), array("q")
        self._copies: list[tuple | None] = []
        copies = marks.corpus.copies
        for s in slots:
            start, end = marks._start[s], marks._end[s]
            self._start.append(len(self._data))
            if end > start:
                self._data += marks._data[start:end]
                self._copies.append(None)
            else:
                self._copies.append(copies[s])
            self._end.append(len(self._data))

    def apply(self, i: int, article: Article) -> Article:
        start, end = self._start[i], self._end[i]
        if end > start:
            article.duplicate_of, article.lineage = pickle.loads(
                memoryview(self._data)[start:end])
        else:
            cid, outlet, day, credits, length = self._copies[i]
            article.duplicate_of = None
            article.lineage = single_lineage(Copy(cid, outlet, day, list(credits), length))
        return article

    __call__ = apply
