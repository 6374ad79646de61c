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
from searchapp.sortedsets import distinct

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
        hv = distinct(_shingle_hashes(text))
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


def signature(article: Article, signer: "_Signer | None" = None) -> tuple[np.ndarray | None, int]:
    """(MinHash values of the article's comparable text, uint64 [NUM_PERM], or None when it
    has none; number of distinct shingle hashes they summarise): what `groups_of` needs of an
    article, so a build can keep these instead of the articles."""
    text = comparable_text(article)
    if not text:
        return None, 0
    m, n = (signer or _Signer()).sign_sized(text)
    return np.asarray(m.hashvalues, dtype=np.uint64), n


def rank_key(article: Article) -> tuple:
    """The part of a group's representative rule that depends on the article: earliest date
    (undated after dated), then the longest body (`groups_of` adds the input position)."""
    return (article.date is None, article.date or "", -len(article.body or ""))


def find_groups(articles: Sequence[Article], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups (≥ 2 members) of near-duplicate articles as lists of indexes into `articles`,
    representative first, the rest in input order; groups ordered by their representative."""
    signer = _Signer()
    sigs = np.zeros((len(articles), signer.num_perm), dtype=np.uint64)
    valid = np.zeros(len(articles), dtype=bool)
    sizes = np.zeros(len(articles), dtype=np.int64)
    for i, a in enumerate(articles):
        values, n = signature(a, signer)
        if values is not None:
            sigs[i], valid[i], sizes[i] = values, True, n
    return groups_of(sigs, valid, sizes, [rank_key(a) for a in articles], threshold)


def lsh_bands(num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) of datasketch's MinHashLSH for CANDIDATE_THRESHOLD: the
    candidates are the pairs of articles whose values agree over a whole band."""
    from datasketch.lsh import _optimal_param  # deferred: datasketch imports scipy; builds only

    return _optimal_param(CANDIDATE_THRESHOLD, num_perm, 0.5, 0.5)


def groups_of(sigs: np.ndarray, valid: np.ndarray, sizes: np.ndarray, keys: Sequence[tuple],
              threshold: float = THRESHOLD) -> list[list[int]]:
    """`find_groups` on what `signature` and `rank_key` give for each article: `sigs` [N,
    NUM_PERM] (any integer dtype holding the values), `valid` (has a signature), `sizes`,
    `keys`. Candidates are the pairs agreeing over a whole band of datasketch's MinHashLSH
    (`lsh_bands`; bands compared by a 64-bit mix of their values, so a collision only adds a
    candidate) and a candidate pair is joined when `_same_story` says so: the connected
    components are those of the pairs MinHashLSH proposes, since a pair whose articles are
    already connected changes no component and is skipped. Memory: the signatures and a few
    integers per article; no per-article Python objects."""
    n = len(sizes)
    bands, rows = lsh_bands(sigs.shape[1] if sigs.ndim == 2 else NUM_PERM)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    idx = np.flatnonzero(valid)
    width = sigs.shape[1] if sigs.ndim == 2 else 0
    for k in range(bands):
        if len(idx) < 2 or (k + 1) * rows > width:
            break
        h = np.zeros(len(idx), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for c in range(k * rows, (k + 1) * rows):
                h = (h ^ np.asarray(sigs[idx, c], dtype=np.uint64)) * np.uint64(0x9E3779B97F4A7C15)
        order = np.argsort(h, kind="stable")
        hs, members = h[order], idx[order]
        bounds = np.flatnonzero(np.concatenate([[True], hs[1:] != hs[:-1], [True]]))
        big = np.flatnonzero(np.diff(bounds) > 1)
        if not len(big):
            continue
        roots = _roots(parent)
        for r in big.tolist():
            run = members[bounds[r]:bounds[r + 1]]
            rr = roots[run]
            if rr.min() == rr.max():
                continue  # already one component: no pair of it can change anything
            run = sorted(run.tolist())
            for a_pos, i in enumerate(run):
                for j in run[a_pos + 1:]:
                    ri, rj = find(i), find(j)
                    if ri == rj:
                        continue
                    jac = float(np.count_nonzero(sigs[i] == sigs[j])) / float(width)
                    if _same_story(jac, int(sizes[i]), int(sizes[j]), threshold):
                        parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    groups = []
    for members in comps.values():
        if len(members) < 2:
            continue
        rep = min(members, key=lambda i: (*keys[i], i))
        groups.append([rep] + [i for i in members if i != rep])
    groups.sort(key=lambda g: g[0])
    return groups


def _roots(parent: list[int]) -> np.ndarray:
    """The root of every element of a union-find forest (pointer jumping in numpy)."""
    p = np.asarray(parent, dtype=np.int64)
    while True:
        q = p[p]
        if np.array_equal(q, p):
            return p
        p = q


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
