"""The literal clause's index: which documents hold each character and each pair of adjacent
characters of their literal form (the `literal` column), as sorted arrays.

    gram_keys(needle) -> (keys, exact)     the keys a needle is looked up by
    build_block(codes, ndocs, d0) -> (keys, bounds, docs)       the index of a block of documents
    merge_blocks(blocks, write, budget_bytes, read=None) -> distinct keys   blocks -> one index

A key is a character's code point (a unigram) or PAIR | (c1 << 21) | c2 for the pair c1 c2 (code
points are below 2**21). `keys` ascending uint64; `bounds` int64 [len(keys) + 1]; the documents
of key i are docs[bounds[i]:bounds[i+1]] (int32, ascending). A needle of one character is
answered by its unigram's documents, one of two characters by its pair's: exactly the documents
containing it. A longer needle's pairs' documents intersected are a superset, each of which the
caller checks in its text (`engine.match.literal`). Why pairs and not characters alone: in
Chinese most characters occur in most articles, so a character index narrows a two-character
word to nearly every document, while its pair is the answer itself.

Building sorts one 64-bit key per (gram, document) occurrence: (gram << 21) | local docnum, so a
block holds at most 2**21 documents and ~40 bytes per character of text at the peak;
`merge_blocks` joins blocks in key ranges that fit a memory budget, so building a segment of any
size needs memory for one block and one range, not for the segment.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from searchapp.sortedsets import run_starts

__all__ = ["gram_keys", "build_block", "merge_blocks", "PAIR", "MAX_BLOCK_DOCS",
           "BYTES_PER_CHAR", "MERGE_BYTES_PER_POSTING"]

#: Flag bit of a pair key.
PAIR = 1 << 42
_SHIFT = np.uint64(21)
_DOC_MASK = np.uint64((1 << 21) - 1)
#: Most documents in one block (the local docnum takes 21 bits of a sort key).
MAX_BLOCK_DOCS = 1 << 21
#: Peak memory of `build_block` per character of text, in bytes (sort keys and their copies).
BYTES_PER_CHAR = 40
#: Peak memory of `merge_blocks` per posting of a key range, in bytes: the range's keys and
#: docs gathered (8 + 4) and concatenated (8 + 4), the stable sort's order (8) and its scratch,
#: the sorted copies (8 + 4).
MERGE_BYTES_PER_POSTING = 48


def gram_keys(needle: str) -> tuple[list[int], bool]:
    """(keys whose documents to intersect, exact): the unigram of a one-character needle, else
    its distinct adjacent pairs; exact when those documents are exactly the ones containing
    `needle` (one or two characters). An empty needle gives ([], True)."""
    cps = [ord(c) for c in needle]
    if len(cps) <= 1:
        return cps, True
    keys = sorted({PAIR | (a << 21) | b for a, b in zip(cps, cps[1:])})
    return keys, len(cps) == 2


def build_block(codes: np.ndarray, ndocs: int, d0: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The index of `ndocs` documents whose texts' code points are `codes` (uint32), each text
    followed by one 0 (a separator, never indexed); their docnums start at `d0`. ValueError
    when `ndocs` > MAX_BLOCK_DOCS."""
    if ndocs > MAX_BLOCK_DOCS:
        raise ValueError(f"a block holds at most {MAX_BLOCK_DOCS} documents, not {ndocs}")
    sep = codes == 0
    doc = np.cumsum(sep, dtype=np.uint64)
    doc -= sep  # the separators before each position: its document's local number
    c = codes.astype(np.uint64)
    live = ~sep
    both = live[:-1] & live[1:]
    n_uni, n_pair = int(np.count_nonzero(live)), int(np.count_nonzero(both))
    k = np.empty(n_uni + n_pair, dtype=np.uint64)
    k[:n_uni] = (c[live] << _SHIFT) | doc[live]
    pair = c[:-1][both] << _SHIFT
    pair |= c[1:][both]
    pair |= np.uint64(PAIR)
    pair <<= _SHIFT
    pair |= doc[:-1][both]
    k[n_uni:] = pair
    del c, doc, live, both, sep, pair
    k.sort()  # in place: this array is the block's largest
    if len(k) > 1:
        k = k[run_starts(k)]
    docs = (k & _DOC_MASK).astype(np.int32)
    if d0:
        docs += d0
    grams = k >> _SHIFT
    del k
    if not len(grams):
        return grams, np.zeros(1, dtype=np.int64), docs
    first = np.flatnonzero(run_starts(grams))
    return grams[first], np.append(first, len(grams)).astype(np.int64), docs


Block = tuple[np.ndarray, np.ndarray, np.ndarray]


def merge_blocks(blocks: Sequence[Block], write: Callable[[np.ndarray, np.ndarray, np.ndarray], None],
                 budget_bytes: int, read: Callable[[int], None] | None = None) -> int:
    """Merge `blocks` (keys, bounds, docs) — covering ascending, disjoint docnum ranges — into
    one index, handed to `write(keys, counts, docs)` range by range in ascending key order
    (`counts`: documents per key). Each range holds about `budget_bytes` /
    MERGE_BYTES_PER_POSTING postings. `read(j)`, when given, is called once block j's part of
    the current range has been copied out (nothing of that block is read again until the
    next range: a caller that memory-maps the blocks lets their pages go there). Returns the
    number of distinct keys."""
    total = sum(len(b[2]) for b in blocks)
    if not total:
        return 0
    if len(blocks) == 1:
        keys, bounds, docs = blocks[0]
        write(np.asarray(keys), np.diff(np.asarray(bounds)), np.asarray(docs))
        return len(keys)
    ranges = max(1, -(-total * MERGE_BYTES_PER_POSTING // max(1, budget_bytes)))
    big = max(blocks, key=lambda b: len(b[2]))  # split points: its keys, by postings
    at = np.searchsorted(np.asarray(big[1][1:]), [r * len(big[2]) // ranges for r in range(1, ranges)])
    cuts = sorted({int(big[0][min(int(i), len(big[0]) - 1)]) for i in at})
    edges = [None, *cuts, None]
    nkeys = 0
    for lo, hi in zip(edges[:-1], edges[1:]):
        kparts, dparts = [], []
        for j, (keys, bounds, docs) in enumerate(blocks):
            i0 = 0 if lo is None else int(np.searchsorted(keys, np.uint64(lo)))
            i1 = len(keys) if hi is None else int(np.searchsorted(keys, np.uint64(hi)))
            if i1 > i0:
                kparts.append(np.repeat(np.asarray(keys[i0:i1]),
                                        np.diff(np.asarray(bounds[i0:i1 + 1]))))
                dparts.append(np.array(docs[int(bounds[i0]):int(bounds[i1])]))  # a copy
            if read is not None:
                read(j)
        if not kparts:
            continue
        k, d = np.concatenate(kparts), np.concatenate(dparts)
        del kparts, dparts
        order = np.argsort(k, kind="stable")  # blocks are in doc order: docs stay ascending
        k, d = k[order], d[order]
        del order
        first = np.flatnonzero(run_starts(k))
        write(k[first], np.diff(np.append(first, len(k))), d)
        nkeys += len(first)
    return nkeys
