"""MinHash signatures of an article's text, for near-duplicate detection (`analysis.dedupe`).

    comparable_text(article) -> str        the text compared (comparable(title, body): the same)
    Signer().sign(text) -> MinHash;  .sign_sized(text) -> (MinHash, distinct shingles)
    signature(article, signer=None) -> (uint64 [NUM_PERM] | None, distinct shingles)
    affine_values(text, a, b) -> the same from the text, with Signer().affine: no datasketch

MinHash over character shingles as datasketch computes it (`MinHash`; Broder 1997, "On the
resemblance and containment of documents"; Leskovec, Rajaraman & Ullman, *Mining of Massive
Datasets*, ch. 3).

Text compared: the body (title + body when the body is under 200 characters), NFKC-normalised,
case-folded, with whitespace and punctuation removed (so PDF line breaks, letter-spacing and
full-/half-width differences do not matter). Shingles: `SHINGLE` (= 4) consecutive characters,
hashed to 32 bits with a polynomial rolling hash in numpy (datasketch's default SHA-1 per
shingle, a Python call each, is far slower on 30k articles); the MinHash signature is then
computed exactly as datasketch's `MinHash.update_batch` does for its "affine32" scheme (same
permutations, seed 1) and handed to datasketch as a `MinHash`.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from searchapp.model import Article
from searchapp.sortedsets import distinct

__all__ = ["comparable_text", "comparable", "Signer", "signature", "affine_values", "SHINGLE",
           "SAMPLE_MIN", "NUM_PERM"]

#: Characters per shingle.
SHINGLE = 4
#: Every text is compared by the fixed quarter of its shingles whose hash ends in binary 00
#: (the same quarter in every text, so Jaccard is estimated on a consistent sample: Broder's
#: "mod-m" sampling; it halves the time on 30k long articles). Texts whose sample would hold
#: fewer than `SAMPLE_MIN` shingles (under ~60 characters) keep all their shingles.
SAMPLE_MIN = 16
#: MinHash permutations (signature length); 64 gives a standard error of about 0.06.
NUM_PERM = 64
_SEED = 1
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_MAX_HASH = np.uint64((1 << 32) - 1)


def comparable_text(article: Article) -> str:
    """The text an article is compared by (see module docstring)."""
    return comparable(article.title, article.body)


def comparable(title: str | None, body: str | None) -> str:
    """The text an article of this title and body is compared by (see module docstring)."""
    body = body or ""
    text = body if len(body) >= 200 else f"{title or ''}{body}"
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


class Signer:
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

    @property
    def affine(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(a, b), each uint32 [1, num_perm], of the "affine32" scheme (for `affine_values`);
        None with an older datasketch."""
        return (self.a, self.b) if self.scheme == "affine32" else None

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


def signature(article: Article, signer: "Signer | None" = None) -> tuple[np.ndarray | None, int]:
    """(MinHash values of the article's comparable text, uint64 [NUM_PERM], or None when it
    has none; number of distinct shingle hashes they summarise): what `groups_of` needs of an
    article, so a build can keep these instead of the articles."""
    text = comparable_text(article)
    if not text:
        return None, 0
    signer = signer or Signer()
    if signer.affine is not None:  # the same values, without a datasketch object per article
        return affine_values(text, *signer.affine)
    m, n = signer.sign_sized(text)
    return np.asarray(m.hashvalues, dtype=np.uint64), n


def affine_values(text: str, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray | None, int]:
    """What `signature` gives for an article whose comparable text is `text`, computed as
    datasketch's "affine32" `MinHash.update_batch` does with the permutations (a, b) of
    `Signer().affine`, without importing datasketch (a process that only signs texts, the
    planner's helper, need not load it and scipy: ~40 MB)."""
    if not text:
        return None, 0
    hv = distinct(_shingle_hashes(text))
    with np.errstate(over="ignore"):
        phv = _fmix32(hv.astype(np.uint32))[:, None] * a + b
    return phv.min(axis=0).astype(np.uint64), len(hv)
