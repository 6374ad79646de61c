"""Near-duplicate articles: the same story saved as a web page, exported as JSONL and printed
in a magazine issue. MinHash over character shingles, candidates found with MinHash LSH
(datasketch: `MinHash`, `MinHashLSH`; Broder 1997, "On the resemblance and containment of
documents"; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3).

Signatures: `analysis.minhash` (the text compared, its shingles, datasketch-identical MinHash).

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

from typing import Iterable, Sequence

import numpy as np

from searchapp.analysis.minhash import NUM_PERM, Signer, comparable_text, signature
from searchapp.model import Article

__all__ = ["find_groups", "groups_of", "mark_duplicates", "similarity", "near_duplicates",
           "containment", "rank_key", "lsh_bands", "THRESHOLD", "CANDIDATE_THRESHOLD",
           "NUM_PERM", "Signer", "comparable_text", "signature"]

#: Estimated Jaccard similarity at or above which two articles are near-duplicates.
THRESHOLD = 0.5
#: LSH candidate threshold (Jaccard); candidates are then verified by `_same_story`.
CANDIDATE_THRESHOLD = 0.3
#: An abridged version is a near-duplicate when ≥ 80 % of its shingles are in the longer one,
#: it has ≥ 50 (sampled) shingles, and it is at least 30 % of the longer one's size (a short
#: item quoted inside a long round-up is not hidden under it).
CONTAINMENT = 0.8
MIN_CONTAINED_SHINGLES = 50
CONTAINED_MIN_RATIO = 0.3


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


def rank_key(article: Article) -> tuple:
    """The part of a group's representative rule that depends on the article: earliest date
    (undated after dated), then the longest body (`groups_of` adds the input position)."""
    return (article.date is None, article.date or "", -len(article.body or ""))


def find_groups(articles: Sequence[Article], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups (≥ 2 members) of near-duplicate articles as lists of indexes into `articles`,
    representative first, the rest in input order; groups ordered by their representative."""
    signer = Signer()
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
    s = Signer()
    ta, tb = comparable_text(a), comparable_text(b)
    if not ta or not tb:
        return 0.0
    return float(s.sign(ta).jaccard(s.sign(tb)))


def near_duplicates(article: Article, candidates: Iterable[Article],
                    threshold: float = THRESHOLD) -> list[tuple[str, float]]:
    """Ids of `candidates` (other than `article` itself) whose estimated Jaccard similarity to
    `article` is ≥ `threshold`, as (id, similarity) pairs, most similar first."""
    s = Signer()
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
