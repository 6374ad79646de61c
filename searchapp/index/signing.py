"""The topics and near-duplicate signatures of the articles a build reads, computed in two
processes: the building process and the idle child writer that waits for its job meanwhile
(`engine.store.standby`).

    signing = Signing(spool, corpus, helper)   helper: a standby process (`Ready.helper()`) or None
    signing.add(article)     article.topics None: to be classified (`ingest.Reading.topics_later`)
    signing.flush()          every article added so far is in the spool and the corpus, in order
    signing.close()          flush, and stop asking the helper

Classifying an article (`vocab.topics.classify`) and signing it (`analysis.minhash`) are most of
the CPU of planning and depend on its title and body alone (this module imports no reader: the
child writer stays without them, `engine.store.standby`). Articles are taken in windows of
`WINDOW`: the helper is asked for the topics and signatures of the window's first share (their
titles and bodies, pickled through its pipe) while this process works out the rest; then the
topics are set on the articles and every article goes to the spool and the corpus with its
signature, in the order read. So the spool, the corpus, the marks and the articles' hashes are
those of one process doing it all (tests/index/test_plan_signing.py). The share adapts: it grows
while the helper answers before this process is done with its part, and shrinks while this
process waits for it.

When the helper fails or dies (its answer is an error), this process works out that share itself
and asks no more; nothing is lost, and the writer's job goes to a process forked then
(`Ready.take` never hands out a broken one).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from searchapp.analysis.minhash import NUM_PERM, Signer, affine_values, comparable
from searchapp.model import Article
from searchapp.vocab.topics import topics_of

__all__ = ["Signing", "signed", "WINDOW"]

#: Articles per window (what the helper is asked at once is a share of them).
WINDOW = 128
#: The helper's first share of a window, and the bounds and step of its adaptation.
SHARE, SHARE_MIN, SHARE_MAX, STEP = 0.6, 0.1, 0.9, 0.05

Item = tuple[str | None, str | None, bool]


def signed(items: list[Item], affine: tuple[np.ndarray, np.ndarray] | None
           ) -> tuple[list[list[str] | None], np.ndarray, list[bool], list[int]]:
    """For (title, body, classify?) items: (topics, or None where not asked; signature values
    uint64 [len(items), NUM_PERM] (zeros where there is none); whether each has one; distinct
    shingles of each), as `topics_of` and `minhash.signature` give them. `affine`:
    `Signer().affine` (None: an older datasketch, signed through it)."""
    topics: list[list[str] | None] = []
    values = np.zeros((len(items), NUM_PERM), dtype=np.uint64)
    valid: list[bool] = []
    sizes: list[int] = []
    for i, (title, body, classify) in enumerate(items):
        topics.append(topics_of(title, body) if classify else None)
        text = comparable(title, body)
        if affine is not None:
            v, n = affine_values(text, *affine)
        elif text:
            m, n = _own_signer().sign_sized(text)
            v = np.asarray(m.hashvalues, dtype=np.uint64)
        else:
            v, n = None, 0
        if v is not None:
            values[i] = v
        valid.append(v is not None)
        sizes.append(n)
    return topics, values, valid, sizes


_SIGNER: list[Signer] = []


def _own_signer() -> Signer:
    if not _SIGNER:
        _SIGNER.append(Signer())
    return _SIGNER[0]


def _helped(items: list[Item], affine: Any) -> tuple:
    """The helper's job (looked up by name there: `signed` as this module holds it)."""
    return signed(items, affine)


class Signing:
    """Articles on their way to the plan's spool and corpus (module docstring)."""

    def __init__(self, spool: Any, corpus: Any, helper: Any = None):
        self.spool, self.corpus, self.helper = spool, corpus, helper
        self.share = SHARE
        self._window: list[Article] = []
        self._affine: Any = None

    def add(self, article: Article) -> None:
        """Take `article` (its topics None: to classify); it reaches the spool and the corpus
        at the next `flush` (at the latest when the window is full)."""
        self._window.append(article)
        if len(self._window) >= WINDOW:
            self.flush()

    def flush(self) -> None:
        """Classify and sign the articles taken, then add them to the spool and the corpus in
        the order taken."""
        arts, self._window = self._window, []
        if not arts:
            return
        if self._affine is None:
            self._affine = (Signer().affine,)
        affine = self._affine[0]
        items = [(a.title, a.body, a.topics is None) for a in arts]
        k = round(len(items) * self.share) if self.helper is not None and len(items) > 1 else 0
        asked = k > 0 and self.helper.ask(_helped, (items[:k], affine))
        if not asked:
            k = 0
        mine = signed(items[k:], affine)
        parts = [mine]
        if asked:
            early = self.helper.answered()
            status, value = self.helper.answer()
            if status == "ok":
                parts.insert(0, value)
                step = STEP if early else -STEP
                self.share = min(SHARE_MAX, max(SHARE_MIN, self.share + step))
            else:  # the helper is gone (or failed): its share here, and no more asking
                self.helper = None
                parts.insert(0, signed(items[:k], affine))
        i = 0
        for topics, values, valid, sizes in parts:
            for j in range(len(topics)):
                a = arts[i]
                if topics[j] is not None:
                    a.topics = topics[j]
                self.spool.add(a)
                self.corpus.add(a, (values[j] if valid[j] else None, sizes[j]))
                i += 1

    def close(self) -> None:
        """Flush; the helper is not asked again."""
        self.flush()
        self.helper = None
