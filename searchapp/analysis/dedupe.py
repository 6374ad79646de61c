"""Near-duplicate articles: the same story saved as a web page, exported as JSONL and printed
in a magazine issue. MinHash over character shingles, candidates found with MinHash LSH
(datasketch: `MinHash`, `MinHashLSH`; Broder 1997, "On the resemblance and containment of
documents"; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3).

Text compared: the body (title + body when the body is under 200 characters), NFKC-normalised,
case-folded, with whitespace and punctuation removed (so PDF line breaks, letter-spacing and
full-/half-width differences do not matter). Shingles: `SHINGLE` (= 4) consecutive characters,
hashed to 32 bits with a polynomial rolling hash in numpy (datasketch's default SHA-1 per
shingle, a Python call each, is far slower on 30k articles); the MinHash signature is then
computed exactly as datasketch's `MinHash.update_batch` does for its "affine32" scheme (same
permutations, seed 1) and handed to datasketch as a `MinHash`.

Two articles are near-duplicates when their estimated Jaccard similarity of shingle sets is
≥ `THRESHOLD` (0.5), or when the shorter one is an abridged version of the longer (estimated
containment ≥ 0.8, see `CONTAINMENT`). Candidates come from datasketch's LSH tuned for
Jaccard 0.3 and are verified with those two rules. Groups are the
connected components of that relation. In each group the *representative* is the article with
the earliest date (undated ones after dated ones), then the longest body, then the first in
input order; every other member gets `duplicate_of = representative.id`. Deterministic: no
randomness beyond the fixed seed, no dependence on hash salting; the result depends only on
the articles and their order (for ties).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

import numpy as np

from searchapp.model import Article

#: Characters per shingle.
SHINGLE = 4
#: Estimated Jaccard similarity at or above which two articles are near-duplicates.
THRESHOLD = 0.5
#: Every text is compared by the fixed quarter of its shingles whose hash ends in binary 00
#: (the same quarter in every text, so Jaccard is estimated on a consistent sample: Broder's
#: "mod-m" sampling; it halves the time on 30k long articles). Texts whose sample would hold
#: fewer than `SAMPLE_MIN` shingles (under ~60 characters) keep all their shingles.
SAMPLE_MIN = 16
#: LSH candidate threshold (Jaccard); candidates are then verified by `_same_story`.
CANDIDATE_THRESHOLD = 0.3
#: An abridged version is a near-duplicate when ≥ 80 % of its shingles are in the longer one,
#: it has ≥ 50 (sampled) shingles, and it is at least 30 % of the longer one's size (a short
#: item quoted inside a long round-up is not hidden under it).
CONTAINMENT = 0.8
MIN_CONTAINED_SHINGLES = 50
CONTAINED_MIN_RATIO = 0.3
#: MinHash permutations (signature length); 64 gives a standard error of about 0.06.
NUM_PERM = 64
_SEED = 1
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_MAX_HASH = np.uint64((1 << 32) - 1)


def comparable_text(article: Article) -> str:
    """The text an article is compared by (see module docstring)."""
    body = article.body or ""
    text = body if len(body) >= 200 else f"{article.title or ''}{body}"
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the `SHINGLE`-character shingles of `text` (uint64 array; repeats kept,
    they do not change a minimum)."""
    if not text:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    k = min(SHINGLE, len(cps))
    n = len(cps) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    base = np.uint64(1_000_003)
    for j in range(k):  # polynomial hash of each window, wrapping in 64 bits
        h = h * base + cps[j:j + n]
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    h &= _MAX_HASH
    sample = h[(h & np.uint64(3)) == 0]  # the shingles whose hash ends in 00: a fixed 1/4 sample
    return sample if len(sample) >= SAMPLE_MIN else h


def _distinct(a: np.ndarray) -> np.ndarray:
    """The distinct values of `a`, ascending, as `np.unique` gives them (sorted, first of each
    run kept: numpy 2.x's `np.unique` hashes, ~4x slower on a text's few hundred shingles)."""
    a = np.sort(a)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (as datasketch's "affine32" scheme pre-mixes inputs)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


class _Signer:
    """Makes datasketch MinHash objects from texts, with the per-shingle hashing vectorised."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = _SEED):
        from datasketch import MinHash  # deferred: datasketch imports scipy; only builds need it

        self._MinHash = MinHash
        self.num_perm, self.seed = num_perm, seed
        proto = MinHash(num_perm=num_perm, seed=seed)
        self.scheme = getattr(proto, "scheme", None)
        self.perms = proto.permutations
        if self.scheme == "affine32":  # datasketch >= 2.0: a*h + b mod 2^32 after fmix32
            a, b = proto.permutations
            self.a = np.asarray(a, dtype=np.uint32)[None, :]
            self.b = np.asarray(b, dtype=np.uint32)[None, :]

    def sign(self, text: str):
        """datasketch MinHash of `text`'s shingles; identical to feeding the 32-bit shingle
        hashes to `MinHash.update_batch` with an identity hash function."""
        return self.sign_sized(text)[0]

    def sign_sized(self, text: str):
        """(MinHash, number of distinct shingle hashes it summarises)."""
        hv = _distinct(_shingle_hashes(text))
        return self._sign(hv), len(hv)

    def _sign(self, hv: np.ndarray):
        if self.scheme == "affine32":
            if len(hv) == 0:
                return self._MinHash(num_perm=self.num_perm, seed=self.seed)
            with np.errstate(over="ignore"):
                h = _fmix32(hv.astype(np.uint32))[:, None]
                phv = h * self.a + self.b
            return self._MinHash(num_perm=self.num_perm, seed=self.seed, scheme="affine32",
                                 hashvalues=phv.min(axis=0), permutations=self.perms)
        m = self._MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=int)  # older datasketch
        if len(hv):
            m.update_batch([int(x) for x in hv])
        return m


def containment(jaccard: float, n_a: int, n_b: int) -> float:
    """Estimated share of the smaller shingle set contained in the larger one, from the
    Jaccard estimate and the set sizes: |A∩B| = J(|A|+|B|)/(1+J), divided by min(|A|,|B|)."""
    small = min(n_a, n_b)
    if small <= 0:
        return 0.0
    return min(1.0, jaccard * (n_a + n_b) / (1.0 + jaccard) / small)


def _same_story(j: float, n_a: int, n_b: int, threshold: float) -> bool:
    if j >= threshold:
        return True
    small, big = min(n_a, n_b), max(n_a, n_b)
    return small >= MIN_CONTAINED_SHINGLES and small >= CONTAINED_MIN_RATIO * big and \
        containment(j, n_a, n_b) >= CONTAINMENT


def _rank_key(i: int, a: Article) -> tuple:
    return (a.date is None, a.date or "", -len(a.body or ""), i)


def find_groups(articles: Sequence[Article], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups (≥ 2 members) of near-duplicate articles as lists of indexes into `articles`,
    representative first, the rest in input order; groups ordered by their representative."""
    from datasketch import MinHashLSH  # deferred: see _Signer

    signer = _Signer()
    sigs: list = []
    sizes: list[int] = []
    # candidates at a lower Jaccard than the verdict, so that abridged reprints (high
    # containment, lower Jaccard) are found too
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=signer.num_perm)
    for i, a in enumerate(articles):
        text = comparable_text(a)
        if not text:
            sigs.append(None)
            sizes.append(0)
            continue
        m, n = signer.sign_sized(text)
        sigs.append(m)
        sizes.append(n)
        lsh.insert(i, m, check_duplication=False)
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, m in enumerate(sigs):
        if m is None:
            continue
        for j in lsh.query(m):
            if j <= i or sigs[j] is None:
                continue
            if _same_story(float(m.jaccard(sigs[j])), sizes[i], sizes[j], threshold):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for i in range(len(articles)):
        comps.setdefault(find(i), []).append(i)
    groups = []
    for members in comps.values():
        if len(members) < 2:
            continue
        rep = min(members, key=lambda i: _rank_key(i, articles[i]))
        groups.append([rep] + [i for i in members if i != rep])
    groups.sort(key=lambda g: g[0])
    return groups


def mark_duplicates(articles: list[Article], threshold: float = THRESHOLD) -> list[list[int]]:
    """Set `duplicate_of` on every near-duplicate except each group's representative (see the
    module docstring); reset it to None on all other articles. Articles with the same id are
    never marked as duplicates of themselves. In place; returns the groups (`find_groups`), so
    a caller (the build's reprint lineage) need not find them again."""
    for a in articles:
        a.duplicate_of = None
    groups = find_groups(articles, threshold)
    for group in groups:
        rep = articles[group[0]]
        for i in group[1:]:
            if articles[i].id != rep.id:
                articles[i].duplicate_of = rep.id
    return groups


def similarity(a: Article, b: Article) -> float:
    """Estimated Jaccard similarity (0..1) of two articles' shingle sets."""
    s = _Signer()
    ta, tb = comparable_text(a), comparable_text(b)
    if not ta or not tb:
        return 0.0
    return float(s.sign(ta).jaccard(s.sign(tb)))


def near_duplicates(article: Article, candidates: Iterable[Article],
                    threshold: float = THRESHOLD) -> list[tuple[str, float]]:
    """Ids of `candidates` (other than `article` itself) whose estimated Jaccard similarity to
    `article` is ≥ `threshold`, as (id, similarity) pairs, most similar first."""
    s = _Signer()
    t = comparable_text(article)
    if not t:
        return []
    m = s.sign(t)
    out = []
    for c in candidates:
        if c.id == article.id:
            continue
        tc = comparable_text(c)
        if not tc:
            continue
        sim = float(m.jaccard(s.sign(tc)))
        if sim >= threshold:
            out.append((c.id, sim))
    out.sort(key=lambda p: (-p[1], p[0]))
    return out
